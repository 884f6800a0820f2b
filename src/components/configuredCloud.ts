import * as pulumi from "@pulumi/pulumi";
import { AzureCloud, resolveAzureCloud } from "../arm/cloud";

/**
 * The Resource Manager endpoint of the cloud set in `azure-native:environment`, if any. Dynamic
 * resources get it as an input; without it they use the cloud azure-native would at run time
 * (resolveArmTarget).
 */
export function configuredResourceManagerEndpoint(): string | undefined {
    const environment = new pulumi.Config("azure-native").get("environment");
    return environment ? resolveAzureCloud(environment).resourceManagerEndpoint : undefined;
}

/** The cloud set in `azure-native:environment` (the public cloud when unset). */
export function configuredCloud(): AzureCloud {
    return resolveAzureCloud(new pulumi.Config("azure-native").get("environment"));
}
