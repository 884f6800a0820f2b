import * as pulumi from "@pulumi/pulumi";
import { resolveAzureCloud } from "../arm/cloud";

/**
 * The Resource Manager endpoint of the cloud set in `azure-native:environment`, if any. Dynamic
 * resources get it as an input; without it they fall back to `ARM_ENVIRONMENT` at run time.
 */
export function configuredResourceManagerEndpoint(): string | undefined {
    const environment = new pulumi.Config("azure-native").get("environment");
    return environment ? resolveAzureCloud(environment).resourceManagerEndpoint : undefined;
}
