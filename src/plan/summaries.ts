import type { RecordedResource } from "./recorder";

/** Names of the built-in roles the library and examples grant, for readable plans. */
const ROLE_NAMES: Record<string, string> = {
    "4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
    "420fcaa2-552c-430f-98ca-3264be4806c7": "SignalR App Server",
    "b86a8fe4-44ce-4948-aee5-eccb2c155cd7": "Key Vault Secrets Officer",
};

const last = (id: unknown) => (typeof id === "string" ? id.split("/").filter(Boolean).pop() : undefined);
const short = (id: unknown) => (typeof id === "string" && id.startsWith("/subscriptions/") ? `…/${id.split("/").slice(-2).join("/")}` : id);

/** The inputs that matter for each type, as `key=value` pairs. None reads an input that can hold a secret. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped
const SUMMARIES: Record<string, (i: Record<string, any>) => Record<string, unknown>> = {
    "azure-native:signalrservice:SignalR": (i) => ({
        sku: i.sku?.name,
        mode: i.features?.find((f: { flag: string }) => f.flag === "ServiceMode")?.value,
        identity: i.identity?.type ?? "none",
        upstreams: i.upstream?.templates?.length ?? 0,
        publicNetworkAccess: i.publicNetworkAccess,
        localAuth: i.disableLocalAuth ? "disabled" : "enabled",
        cors: (i.cors?.allowedOrigins ?? []).join(",") || "none",
    }),
    "azure-native:signalrservice:SignalRReplica": (i) => ({
        replica: i.replicaName,
        location: i.location,
        sku: i.sku?.name,
        units: i.sku?.capacity,
        regionEndpoint: i.regionEndpointEnabled,
    }),
    "azure-native:signalrservice:SignalRSharedPrivateLinkResource": (i) => ({ target: short(i.privateLinkResourceId), groupId: i.groupId, requestMessage: i.requestMessage }),
    "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval": (i) => ({
        target: short(i.targetResourceId),
        timeoutSeconds: i.timeoutSeconds,
        onDelete: i.onDelete,
        replicas: Array.isArray(i.replicaNames) ? i.replicaNames.join(",") : undefined,
    }),
    "pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh": (i) => ({ service: last(i.serviceId), templates: i.templates?.length }),
    "pulumi-nodejs:dynamic/signalr-serverless:FunctionAppSystemKey": (i) => ({ app: last(i.functionAppId), key: i.keyName }),
    "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointNetworkAcl": (i) => ({ service: last(i.serviceId), allow: i.allow?.join(",") }),
    // Set once the replica's copies of the shared private links are approved (the replica is created Disabled).
    "pulumi-nodejs:dynamic/signalr-serverless:ReplicaRegionEndpoint": (i) => ({
        replica: last(i.replicaId),
        regionEndpoint: i.regionEndpointEnabled === "Enabled" ? "Enabled after approval" : i.regionEndpointEnabled,
    }),
    "azure-native:network:PrivateEndpoint": (i) => ({
        subnet: short(i.subnet?.id),
        groupIds: i.privateLinkServiceConnections?.flatMap((c: { groupIds?: string[] }) => c.groupIds ?? []).join(","),
    }),
    "azure-native:network:PrivateDnsZoneGroup": (i) => ({ zones: i.privateDnsZoneConfigs?.length }),
    "azure-native:privatedns:PrivateZone": (i) => ({ zone: i.privateZoneName }),
    "azure-native:privatedns:VirtualNetworkLink": (i) => ({ vnet: short(i.virtualNetwork?.id), registration: i.registrationEnabled }),
    "azure-native:authorization:RoleAssignment": (i) => ({
        role: ROLE_NAMES[last(i.roleDefinitionId) ?? ""] ?? last(i.roleDefinitionId),
        scope: short(i.scope),
        principalType: i.principalType,
    }),
    "azure-native:keyvault:AccessPolicy": (i) => ({ vault: i.vaultName, secrets: i.policy?.permissions?.secrets?.join(",") }),
    "azure-native:keyvault:Vault": (i) => ({
        rbac: i.properties?.enableRbacAuthorization ?? false,
        purgeProtection: i.properties?.enablePurgeProtection ?? false,
        publicNetworkAccess: i.properties?.publicNetworkAccess ?? "Enabled",
    }),
    "azure-native:keyvault:Secret": (i) => ({ vault: i.vaultName, secret: i.secretName }),
    "azure-native:web:AppServicePlan": (i) => ({ sku: i.sku?.name, kind: i.kind }),
    "azure-native:web:WebApp": (i) => ({ kind: i.kind, identity: i.identity?.type, publicNetworkAccess: i.publicNetworkAccess ?? "Enabled", httpsOnly: i.httpsOnly }),
    "azure-native:storage:StorageAccount": (i) => ({ sku: i.sku?.name, minimumTlsVersion: i.minimumTlsVersion }),
    "azure-native:managedidentity:UserAssignedIdentity": () => ({}),
    "azure-native:resources:ResourceGroup": (i) => ({ location: i.location }),
};

/** A short, secret-free summary of a resource's inputs. */
export function summarizeInputs(r: RecordedResource): Record<string, unknown> {
    const summary = SUMMARIES[r.type]?.(r.inputs) ?? {};
    return Object.fromEntries(Object.entries(summary).filter(([, value]) => value !== undefined));
}
