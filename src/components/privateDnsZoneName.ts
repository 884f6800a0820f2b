import * as pulumi from "@pulumi/pulumi";
import { knownCloudOfArmTarget } from "../arm/armTarget";
import { AZURE_CLOUDS } from "../arm/cloud";
import { azureCli } from "../arm/azureCli";
import { armSignInMethod } from "../arm/credentials";
import { AZURE_NATIVE_SETTING_NAMES, AzureNativeConfig, armSettings } from "../arm/armSettings";

/** The stack's azure-native settings as plain strings, only to choose the cloud here (never stored). */
function plainAzureNativeConfig(): AzureNativeConfig {
    const config = new pulumi.Config("azure-native");
    return Object.fromEntries(AZURE_NATIVE_SETTING_NAMES.map((k) => [k, config.get(k)]).filter(([, v]) => v !== undefined));
}

/**
 * The name of SignalR's private DNS zone in the cloud the ARM-backed resources talk to, chosen the
 * same way (knownCloudOfArmTarget): `azure-native:environment`, `ARM_ENVIRONMENT` /
 * `AZURE_ENVIRONMENT`, the custom cloud's endpoint, or the Azure CLI's active cloud, so a China or
 * US Government deployment gets its own zone wherever its cloud is configured. When the CLI cannot
 * say (not installed, not signed in, as in the offline plan), the public cloud's zone: a deployment
 * then fails anyway at the network ACL entry, which signs in through the same CLI and names its
 * error. A cloud that is none of the known ones: the public cloud's zone, with a warning.
 */
export function signalRPrivateDnsZoneName(resource?: pulumi.Resource, env: NodeJS.ProcessEnv = process.env): pulumi.Output<string> {
    const publicZone = AZURE_CLOUDS.public.signalRPrivateDnsZone;
    const settings = armSettings(plainAzureNativeConfig(), env);
    const chosen = knownCloudOfArmTarget({ env, settings, method: armSignInMethod(env, settings), cli: azureCli }).then(
        (cloud) => {
            if (cloud) return cloud.signalRPrivateDnsZone;
            void pulumi.log.warn(`The Azure cloud is none of public, china, usgovernment: the private DNS zone is named ${publicZone}.`, resource);
            return publicZone;
        },
        () => publicZone,
    );
    return pulumi.output(chosen);
}
