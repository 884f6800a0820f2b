import * as pulumi from "@pulumi/pulumi";
import { ArmDependencies, armDependencies, createArmClient } from "../approval/engine";
import { parseResourceId, sameResourceType } from "../arm/resourceId";

/** App Service api-version for host keys (the stable one the approval uses too). */
export const WEB_API_VERSION = "2024-04-01";

/** Inputs of FunctionAppSystemKey. `value` arrives as a Pulumi secret and stays one in state. */
export interface SystemKeyInputs {
    functionAppId: string;
    keyName: string;
    value: string;
    resourceManagerEndpoint?: string;
}

/** Runtime-only dependencies, for tests (never in state). */
export type SystemKeyDependencies = ArmDependencies;

const KEY_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

/** URL of a system key: `<site>/host/default/systemkeys/<name>`. */
function keyPath(inputs: Pick<SystemKeyInputs, "functionAppId" | "keyName">): string {
    const site = parseResourceId("functionAppId", inputs.functionAppId);
    if (!sameResourceType(site.resourceType, "Microsoft.Web/sites")) {
        throw new Error(`functionAppId must be a Function app (Microsoft.Web/sites) id, got ${inputs.functionAppId}`);
    }
    if (!KEY_NAME.test(inputs.keyName)) {
        throw new Error(`keyName must be 1-128 letters, digits, '_', '.' or '-', got ${inputs.keyName}`);
    }
    return `${inputs.functionAppId}/host/default/systemkeys/${inputs.keyName}`;
}

/**
 * Sets a Function app system key (e.g. `signalr_extension`, the key the SignalR trigger's
 * `/runtime/webhooks/signalr?code=` expects) to a value we choose, through ARM's
 * host/default/systemkeys API, so the same value can live in Key Vault for SignalR's upstream URL.
 * The value is never logged and never returned.
 */
export function createSystemKeyProvider(deps: SystemKeyDependencies = {}): pulumi.dynamic.ResourceProvider {
    const put = async (inputs: SystemKeyInputs) => {
        const path = keyPath(inputs);
        const client = createArmClient({ ...inputs, ...armDependencies(deps) });
        await client.send("PUT", client.url(path, WEB_API_VERSION), { properties: { name: inputs.keyName, value: inputs.value } });
        return path;
    };
    return {
        async create(inputs: SystemKeyInputs) {
            return { id: await put(inputs), outs: inputs };
        },
        async diff(_id: string, olds: SystemKeyInputs, news: SystemKeyInputs) {
            const replaces = (["functionAppId", "keyName"] as const).filter((k) => olds[k] !== news[k]);
            return {
                changes: replaces.length > 0 || olds.value !== news.value || olds.resourceManagerEndpoint !== news.resourceManagerEndpoint,
                replaces,
                deleteBeforeReplace: true,
            };
        },
        async update(_id: string, _olds: SystemKeyInputs, news: SystemKeyInputs) {
            await put(news);
            return { outs: news };
        },
        async delete(_id: string, props: SystemKeyInputs) {
            const client = createArmClient({ ...props, ...armDependencies(deps) });
            try {
                await client.send("DELETE", client.url(keyPath(props), WEB_API_VERSION));
            } catch (e) {
                if ((e as { statusCode?: number }).statusCode !== 404) throw e;
            }
        },
    };
}

export const sharedSystemKeyProvider = createSystemKeyProvider();

export interface FunctionAppSystemKeyArgs {
    /** Resource id of the Function app. */
    functionAppId: pulumi.Input<string>;
    /** System key name. @default "signalr_extension" */
    keyName?: pulumi.Input<string>;
    /** The key value: pass a secret (e.g. a random.RandomPassword result). */
    value: pulumi.Input<string>;
    /** Resource Manager endpoint. @default from `ARM_ENVIRONMENT` at run time */
    resourceManagerEndpoint?: pulumi.Input<string>;
}

/** A Function app system key with a value we set (see createSystemKeyProvider). */
export class FunctionAppSystemKey extends pulumi.dynamic.Resource {
    declare public readonly keyName: pulumi.Output<string>;

    constructor(name: string, args: FunctionAppSystemKeyArgs, opts?: pulumi.CustomResourceOptions, provider: pulumi.dynamic.ResourceProvider = sharedSystemKeyProvider) {
        super(
            provider,
            name,
            { ...args, keyName: args.keyName ?? "signalr_extension", value: pulumi.secret(args.value) },
            { ...opts, additionalSecretOutputs: ["value"] },
            "signalr-serverless",
            "FunctionAppSystemKey",
        );
    }
}
