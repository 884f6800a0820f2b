import { ValidationError } from "../upstream/validationError";

/** An Azure cloud: its Resource Manager endpoint, its Microsoft Entra authority and SignalR's private DNS zone. */
export interface AzureCloud {
    name: "public" | "china" | "usgovernment";
    resourceManagerEndpoint: string;
    authorityHost: string;
    /** The private DNS zone of SignalR private endpoints (Azure's private endpoint DNS zone table). */
    signalRPrivateDnsZone: string;
}

export const AZURE_CLOUDS: Readonly<Record<AzureCloud["name"], AzureCloud>> = {
    public: {
        name: "public",
        resourceManagerEndpoint: "https://management.azure.com",
        authorityHost: "https://login.microsoftonline.com",
        signalRPrivateDnsZone: "privatelink.service.signalr.net",
    },
    china: {
        name: "china",
        resourceManagerEndpoint: "https://management.chinacloudapi.cn",
        authorityHost: "https://login.chinacloudapi.cn",
        signalRPrivateDnsZone: "privatelink.signalr.azure.cn",
    },
    usgovernment: {
        name: "usgovernment",
        resourceManagerEndpoint: "https://management.usgovcloudapi.net",
        authorityHost: "https://login.microsoftonline.us",
        signalRPrivateDnsZone: "privatelink.signalr.azure.us",
    },
};

/** Names the azure-native provider and the Azure CLI use for the same clouds. */
const ALIASES: Record<string, AzureCloud["name"]> = {
    public: "public",
    azurecloud: "public",
    azurepubliccloud: "public",
    "": "public",
    china: "china",
    azurechinacloud: "china",
    usgovernment: "usgovernment",
    usgov: "usgovernment",
    azureusgovernment: "usgovernment",
    azureusgovernmentcloud: "usgovernment",
};

/**
 * The cloud named by `azure-native:environment` or `ARM_ENVIRONMENT` (`public`, `china`,
 * `usgovernment`, or the Azure CLI's names). Unset means the public cloud.
 */
export function resolveAzureCloud(environment: string | undefined, field = "azure-native:environment"): AzureCloud {
    const cloud = knownAzureCloud(environment ?? "");
    if (!cloud) {
        throw new ValidationError(field, "must be one of public, china, usgovernment", environment);
    }
    return cloud;
}

/** The well-known cloud of this name (azure-native's or the Azure CLI's), if it is one. */
export function knownAzureCloud(name: string): AzureCloud | undefined {
    const key = ALIASES[name.trim().toLowerCase()];
    return key ? AZURE_CLOUDS[key] : undefined;
}

/** Checks an explicit Resource Manager endpoint: an https URL, returned without a trailing slash. */
export function normalizeResourceManagerEndpoint(endpoint: string, field = "resourceManagerEndpoint"): string {
    let url: URL;
    try {
        url = new URL(endpoint);
    } catch {
        throw new ValidationError(field, "must be an https URL such as https://management.azure.com", endpoint);
    }
    if (url.protocol !== "https:" || url.search || url.hash) {
        throw new ValidationError(field, "must be an https URL without query or fragment", endpoint);
    }
    return url.toString().replace(/\/+$/, "");
}

/** The cloud whose Resource Manager endpoint this is, for choosing the sign-in authority. */
export function cloudOfEndpoint(endpoint: string): AzureCloud {
    return Object.values(AZURE_CLOUDS).find((c) => c.resourceManagerEndpoint === endpoint) ?? AZURE_CLOUDS.public;
}
