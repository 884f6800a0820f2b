import { AZURE_CLOUDS, AzureCloud, cloudOfEndpoint, knownAzureCloud, normalizeResourceManagerEndpoint, resolveAzureCloud } from "./cloud";
import type { AzureCliQueries } from "./azureCli";
import { ArmSettings, armSettings } from "./armSettings";
import type { ArmSignInMethod } from "./credentials";

/** Where the ARM-backed resources send their requests, and how they ask for a token there. */
export interface ArmTarget {
    /** Resource Manager endpoint, without a trailing slash. */
    endpoint: string;
    /** Microsoft Entra authority host the credential signs in at. */
    authorityHost: string;
    /** Token scope: the cloud's Resource Manager audience with `.default`. */
    scope: string;
    /** The cloud's name, for messages. */
    cloud: string;
    /** Whether the authority is the cloud's own (false: an explicit endpoint of no known cloud). */
    authorityKnown: boolean;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, "");
/** A scope from an audience or endpoint, as Azure's SDKs form it (`<audience>/.default`, one slash). */
const scopeOf = (audience: string): string => `${trimSlash(audience)}/.default`;

function targetOfCloud(cloud: AzureCloud): ArmTarget {
    return { endpoint: cloud.resourceManagerEndpoint, authorityHost: cloud.authorityHost, scope: scopeOf(cloud.resourceManagerEndpoint), cloud: cloud.name, authorityKnown: true };
}

/**
 * The configured cloud: all three of `ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST`,
 * `ARM_RESOURCE_MANAGER_AUDIENCE` and `ARM_RESOURCE_MANAGER_ENDPOINT` (a custom cloud), else, as
 * azure-native's getCloud reads it, `azure-native:environment` from the stack config, then
 * `ARM_ENVIRONMENT` or `AZURE_ENVIRONMENT`; undefined when none is set.
 */
export function configuredArmTarget(env: NodeJS.ProcessEnv, settings: ArmSettings = armSettings(undefined, env)): ArmTarget | undefined {
    const authority = env.ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST;
    const audience = env.ARM_RESOURCE_MANAGER_AUDIENCE;
    const endpoint = env.ARM_RESOURCE_MANAGER_ENDPOINT;
    if (authority && audience && endpoint) {
        const checked = normalizeResourceManagerEndpoint(endpoint, "ARM_RESOURCE_MANAGER_ENDPOINT");
        return { endpoint: checked, authorityHost: trimSlash(authority), scope: scopeOf(audience), cloud: checked, authorityKnown: true };
    }
    const environment = settings.get("environment");
    if (!environment) return undefined;
    return targetOfCloud(resolveAzureCloud(environment, settings.origin("environment")));
}

/** An explicit endpoint (an input, or the component's `azure-native:environment`): its cloud when it is a known one. */
export function explicitArmTarget(endpoint: string): ArmTarget {
    const checked = normalizeResourceManagerEndpoint(endpoint);
    const cloud = cloudOfEndpoint(checked);
    if (cloud.resourceManagerEndpoint === checked) return targetOfCloud(cloud);
    // An endpoint of no known cloud: cloudOfEndpoint's public authority, which the check against the CLI cannot rely on.
    return { endpoint: checked, authorityHost: cloud.authorityHost, scope: scopeOf(checked), cloud: checked, authorityKnown: false };
}

/** The cloud the Azure CLI is signed in to: a well-known one by name, else the CLI's description of it (e.g. a registered Azure Stack Hub). */
async function azureCliTarget(cli: AzureCliQueries, subscriptionId: string | undefined): Promise<ArmTarget> {
    const { environmentName } = await cli.accountShow(subscriptionId);
    const known = knownAzureCloud(environmentName);
    if (known) return { ...targetOfCloud(known), cloud: environmentName };
    const described = await cli.cloudShow(environmentName);
    const { activeDirectory, activeDirectoryResourceId, resourceManager } = described.endpoints ?? {};
    const missing = Object.entries({ activeDirectory, activeDirectoryResourceId, resourceManager }).find(([, v]) => !v);
    if (missing) throw new Error(`The Azure CLI cloud ${environmentName} has no ${missing[0]} endpoint (az cloud show --name ${environmentName}).`);
    return {
        endpoint: normalizeResourceManagerEndpoint(resourceManager!, `the Azure CLI cloud ${environmentName}'s resourceManager`),
        authorityHost: trimSlash(activeDirectory!),
        scope: scopeOf(activeDirectoryResourceId!),
        cloud: environmentName,
        authorityKnown: true,
    };
}

/**
 * The target of the ARM-backed resources, chosen as the azure-native provider chooses its cloud
 * (auth_azidentity.go): an explicit endpoint or the configured cloud (stack config, then environment); with the Azure CLI as
 * sign-in, the CLI's active cloud when none is configured, and an error when a configured cloud is
 * not the CLI's (its token would be for another cloud). Otherwise the public cloud.
 */
export async function resolveArmTarget(o: {
    resourceManagerEndpoint?: string;
    env: NodeJS.ProcessEnv;
    /** azure-native's settings (stack config before environment). @default the environment's */
    settings?: ArmSettings;
    /** The sign-in method; undefined for a credential the caller gives. */
    method: ArmSignInMethod | undefined;
    cli: AzureCliQueries;
}): Promise<ArmTarget> {
    const settings = o.settings ?? armSettings(undefined, o.env);
    const configured = o.resourceManagerEndpoint ? explicitArmTarget(o.resourceManagerEndpoint) : configuredArmTarget(o.env, settings);
    if (o.method !== "cli") return configured ?? targetOfCloud(AZURE_CLOUDS.public);
    const active = await azureCliTarget(o.cli, settings.get("subscriptionId"));
    if (configured?.authorityKnown && configured.authorityHost !== active.authorityHost) {
        throw new Error(
            `The configured Azure cloud '${configured.cloud}' does not match the Azure CLI's active cloud '${active.cloud}'. ` +
                "When signing in through the Azure CLI, the configured cloud must be the one `az account show` shows; change it with `az cloud set --name <cloud>`.",
        );
    }
    return configured ?? active;
}

/**
 * The well-known cloud the ARM-backed resources talk to, for names that depend on it (SignalR's
 * private DNS zone): the configured cloud (explicit endpoint, stack config, environment), else
 * with the Azure CLI as sign-in its active cloud, else the public cloud, as resolveArmTarget
 * chooses. Undefined for a cloud that is none of the known ones (a custom or registered cloud).
 */
export async function knownCloudOfArmTarget(o: {
    resourceManagerEndpoint?: string;
    env: NodeJS.ProcessEnv;
    settings: ArmSettings;
    method: ArmSignInMethod;
    cli: AzureCliQueries;
}): Promise<AzureCloud | undefined> {
    const configured = o.resourceManagerEndpoint ? explicitArmTarget(o.resourceManagerEndpoint) : configuredArmTarget(o.env, o.settings);
    const target = configured ?? (o.method === "cli" ? await azureCliTarget(o.cli, o.settings.get("subscriptionId")) : targetOfCloud(AZURE_CLOUDS.public));
    return knownAzureCloud(target.cloud) ?? Object.values(AZURE_CLOUDS).find((c) => c.resourceManagerEndpoint === target.endpoint);
}
