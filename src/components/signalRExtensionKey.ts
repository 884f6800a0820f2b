import * as pulumi from "@pulumi/pulumi";
import { newSystemKey } from "./armBackedResources";
import { configuredResourceManagerEndpoint } from "./configuredCloud";
import { checkKnownKeys } from "./argChecks";
import { ValidationError } from "../upstream/validationError";

/** Arguments of SignalRExtensionKey. */
export interface SignalRExtensionKeyArgs {
    /** Resource id of the Function app. */
    functionAppId: pulumi.Input<string>;
    /** The key value; keep it secret (e.g. a random password) and store the same value in Key Vault. */
    value: pulumi.Input<string>;
    /** System key name. @default "signalr_extension" (the key the SignalR trigger's webhook checks) */
    keyName?: string;
}

/**
 * Sets a Function app's `signalr_extension` system key to a value you own, through ARM, so the same
 * value can sit in Key Vault behind SignalR's upstream URL. A component around FunctionAppSystemKey,
 * so every Pulumi language (and YAML) can use it.
 */
export class SignalRExtensionKey extends pulumi.ComponentResource {
    /** The system key's name. */
    public readonly keyName: pulumi.Output<string>;

    constructor(name: string, args: SignalRExtensionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        checkKnownKeys("", args, ["functionAppId", "value", "keyName"]);
        if (args.functionAppId === undefined) throw new ValidationError("functionAppId", "is required", undefined);
        if (args.value === undefined) throw new ValidationError("value", "is required", undefined);
        if (args.keyName !== undefined && !/^[a-zA-Z0-9_.-]{1,128}$/.test(args.keyName)) {
            throw new ValidationError("keyName", "must be 1-128 letters, digits, `_`, `.` or `-`", args.keyName);
        }
        super("signalr-serverless:index:SignalRExtensionKey", name, {}, opts);
        const endpoint = configuredResourceManagerEndpoint();
        const key = newSystemKey(
            `${name}-key`,
            { functionAppId: args.functionAppId, value: args.value, keyName: args.keyName ?? "signalr_extension", ...(endpoint ? { resourceManagerEndpoint: endpoint } : {}) },
            { parent: this },
        );
        this.keyName = key.keyName;
        this.registerOutputs({ keyName: this.keyName });
    }
}
