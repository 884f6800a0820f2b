import * as pulumi from "@pulumi/pulumi";
import { AZURE_NATIVE_SECRET_SETTINGS, AZURE_NATIVE_SETTING_NAMES, AzureNativeSetting } from "../arm/armSettings";
import { resolveAzureCloud } from "../arm/cloud";

/**
 * The Resource Manager endpoint of the cloud set in `azure-native:environment`, if any. Dynamic
 * resources get it as an input; without it they use the cloud azure-native would at run time
 * (resolveArmTarget).
 */
export function configuredResourceManagerEndpoint(): string | undefined {
    const environment = new pulumi.Config("azure-native").get("environment");
    return environment ? resolveAzureCloud(environment).resourceManagerEndpoint : undefined;
}

/** azure-native's settings as resource inputs: the secret ones as Pulumi secrets. */
export type AzureNativeConfigInput = { [K in AzureNativeSetting]?: pulumi.Input<string> };

/**
 * azure-native's sign-in and cloud settings as this stack configures them (`azure-native:<key>`,
 * the keys azure-native reads, see AZURE_NATIVE_SETTINGS), for the ARM-backed resources to sign in
 * as azure-native does. In a program, and in a component the package provider constructs (the
 * engine passes the stack's config with Construct: pulumi/pulumi pkg/resource/deploy/source_eval.go,
 * and sdk/nodejs/provider/server.ts sets it before the component runs). The secret settings are
 * read with getSecret, so they are Pulumi secrets in every input and output; undefined when no
 * setting is configured (the resources then read the environment, as azure-native does).
 */
export function configuredAzureNativeConfig(): AzureNativeConfigInput | undefined {
    const config = new pulumi.Config("azure-native");
    const settings: AzureNativeConfigInput = {};
    for (const key of AZURE_NATIVE_SETTING_NAMES) {
        const value = AZURE_NATIVE_SECRET_SETTINGS.includes(key) ? config.getSecret(key) : config.get(key);
        if (value !== undefined) settings[key] = value;
    }
    return Object.keys(settings).length > 0 ? settings : undefined;
}
