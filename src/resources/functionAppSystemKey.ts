import { createArmClient, writeDeadline } from "../approval/engine";
import type { ArmClient } from "../arm/armClient";
import { checkPathSegment, parseResourceIdOfType } from "../arm/resourceId";
import { ValidationError } from "../upstream/validationError";
import type { LifecycleDependencies } from "./approval";
import { withSignInSettings, SignInSettingsInput } from "./signInSettings";
import { ResourceLifecycle, checkFailures, isUnknown } from "./lifecycle";

/** App Service api-version for host keys (the stable one the approval uses too). */
export const WEB_API_VERSION = "2024-04-01";

/** Inputs of FunctionAppSystemKey. `value` is a secret on both hosts and stays one in state. */
export interface SystemKeyInputs extends SignInSettingsInput {
    functionAppId: string;
    keyName: string;
    value: string;
    resourceManagerEndpoint?: string;
}

/** The same as the inputs: nothing else is learnt from Azure (the value is never read back). */
export type SystemKeyOutputs = SystemKeyInputs;

/** Inputs that hold secrets: the hosts keep them secret in state. */
export const SYSTEM_KEY_SECRET_FIELDS = ["value"] as const;

const KEY_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

/** A system key's segments below its Function app. */
const systemKeySegments = (keyName: string) => ["host", "default", "systemkeys", keyName];

/** Resource id of a system key, `<site>/host/default/systemkeys/<name>`, after checking both parts. */
export function systemKeyPath(inputs: Pick<SystemKeyInputs, "functionAppId" | "keyName">): string {
    parseResourceIdOfType("functionAppId", inputs.functionAppId, "Microsoft.Web/sites", "a Function app");
    if (typeof inputs.keyName !== "string" || !KEY_NAME.test(inputs.keyName)) {
        throw new ValidationError("keyName", "must be 1-128 letters, digits, `_`, `.` or `-`", inputs.keyName);
    }
    checkPathSegment("keyName", inputs.keyName); // `.` and `..` fit the characters but would leave the path
    return [inputs.functionAppId, ...systemKeySegments(inputs.keyName)].join("/");
}

/** The URL of a system key: checked as systemKeyPath checks it, every segment encoded. */
function systemKeyUrl(client: ArmClient, inputs: Pick<SystemKeyInputs, "functionAppId" | "keyName">): string {
    systemKeyPath(inputs);
    return client.url(inputs.functionAppId, WEB_API_VERSION, systemKeySegments(inputs.keyName), "functionAppId");
}

/**
 * FunctionAppSystemKey: sets a Function app system key (e.g. `signalr_extension`, the key the
 * SignalR trigger's `/runtime/webhooks/signalr?code=` expects) to a value we choose, through ARM's
 * host/default/systemkeys API, so the same value can live in Key Vault for SignalR's upstream URL.
 * The value is never logged and never returned in an error.
 */
export function systemKeyLifecycle(deps: LifecycleDependencies = {}): ResourceLifecycle<SystemKeyInputs, SystemKeyOutputs> {
    const put = async (inputs: SystemKeyInputs) => {
        const path = systemKeyPath(inputs);
        const client = await createArmClient({ ...inputs, ...deps, deadline: writeDeadline() });
        await client.send("PUT", systemKeyUrl(client, inputs), { properties: { name: inputs.keyName, value: inputs.value } });
        return path;
    };
    return withSignInSettings({
        async check(_olds, news) {
            const known = { functionAppId: news.functionAppId, keyName: news.keyName };
            const failures = isUnknown(known) ? [] : checkFailures(() => systemKeyPath(known), "functionAppId");
            if (news.value === undefined || news.value === "") failures.push({ property: "value", reason: "`value` is required" });
            return { inputs: news, failures };
        },
        async create(inputs) {
            return { id: await put(inputs), outs: inputs };
        },
        async read(id, props) {
            // The value cannot be read back without listing every key; the key is assumed as set.
            return { id, props };
        },
        async diff(_id, olds, news) {
            const replaces = (["functionAppId", "keyName"] as const).filter((k) => olds[k] !== news[k]);
            return {
                changes: replaces.length > 0 || olds.value !== news.value || olds.resourceManagerEndpoint !== news.resourceManagerEndpoint,
                replaces,
                deleteBeforeReplace: true,
            };
        },
        async update(_id, _olds, news) {
            await put(news);
            return { outs: news };
        },
        async delete(_id, props) {
            systemKeyPath(props);
            const client = await createArmClient({ ...props, ...deps, deadline: writeDeadline() });
            try {
                await client.send("DELETE", systemKeyUrl(client, props));
            } catch (e) {
                if ((e as { statusCode?: number }).statusCode !== 404) throw e;
            }
        },
    });
}
