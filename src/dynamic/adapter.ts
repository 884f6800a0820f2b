import * as pulumi from "@pulumi/pulumi";
import type { ResourceLifecycle } from "../resources/lifecycle";

/** The key under which the dynamic provider host keeps a resource's serialized provider. */
const PROVIDER_KEY = "__provider";

function withoutProviderKey<T extends object>(props: T): T {
    if (!props || !(PROVIDER_KEY in props)) return props;
    const { [PROVIDER_KEY]: _serialized, ...rest } = props as Record<string, unknown>;
    return rest as T;
}

/**
 * A lifecycle as a dynamic provider's methods. The serialized provider is not the resource's
 * business: it is dropped before the lifecycle sees the properties, so a changed library version
 * (a different `__provider` string) never shows as a diff.
 */
export function dynamicMethods<I extends object, O extends I>(lifecycle: ResourceLifecycle<I, O>) {
    return {
        check: (olds: O | undefined, news: I) => lifecycle.check(olds && withoutProviderKey(olds), withoutProviderKey(news)),
        diff: (id: string, olds: O, news: I) => lifecycle.diff(id, withoutProviderKey(olds), withoutProviderKey(news)),
        create: (inputs: I) => lifecycle.create(withoutProviderKey(inputs)),
        read: (id: string, props: O) => lifecycle.read(id, withoutProviderKey(props)),
        update: (id: string, olds: O, news: I) => lifecycle.update(id, withoutProviderKey(olds), withoutProviderKey(news)),
        delete: (id: string, props: O) => lifecycle.delete(id, withoutProviderKey(props)),
    };
}

/** Progress messages from inside the provider host, shown by the engine. */
export const hostLog = (message: string): void => void pulumi.log.info(message);
