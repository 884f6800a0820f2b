import type { AzureNativeConfig } from "../arm/armSettings";
import type { ResourceLifecycle } from "./lifecycle";

/** The input every ARM-backed resource takes: azure-native's stack configuration, as the program read it. */
export interface SignInSettingsInput {
    /** azure-native's sign-in and cloud settings from the stack config (`azure-native:<key>`); secrets as Pulumi secrets. @default none: the environment only */
    azureNativeConfig?: AzureNativeConfig;
}

const KEY = "azureNativeConfig";

function without<T extends object>(props: T): T {
    if (!props || !(KEY in props)) return props;
    const { [KEY]: _settings, ...rest } = props as Record<string, unknown>;
    return rest as T;
}

/**
 * How sign-in settings take part in a lifecycle. They say who signs in, not what exists in Azure:
 * a change of them alone (a rotated client secret, an OIDC setting) is an update that only stores
 * them, so that a later read or delete signs in with the current ones, and never a write to Azure
 * or a replacement. Every other change is the resource's own, and signs in with the new settings.
 */
export function withSignInSettings<I extends SignInSettingsInput & object, O extends I>(lifecycle: ResourceLifecycle<I, O>): ResourceLifecycle<I, O> {
    const settingsChanged = (olds: I, news: I) => JSON.stringify(olds[KEY] ?? null) !== JSON.stringify(news[KEY] ?? null);
    return {
        ...lifecycle,
        async diff(id, olds, news) {
            const own = await lifecycle.diff(id, without(olds), without(news));
            return own.changes || !settingsChanged(olds, news) ? own : { changes: true, replaces: [], deleteBeforeReplace: false };
        },
        async update(id, olds, news) {
            const own = await lifecycle.diff(id, without(olds), without(news));
            if (own.changes) return lifecycle.update(id, olds, news);
            const outs = { ...without(olds) } as O;
            if (news[KEY] !== undefined) (outs as SignInSettingsInput)[KEY] = news[KEY];
            return { outs };
        },
    };
}
