import { createHash } from "node:crypto";
import type { MockCallArgs, MockResourceArgs, MockResourceResult } from "@pulumi/pulumi/runtime/mocks";

/**
 * Realistic fake outputs for Azure resources under Pulumi mocks: ARM-shaped ids, host names,
 * identity principals. Used by `npm run plan` and the tests, so both see what Azure would return.
 */
export const FAKE_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const FAKE_TENANT_ID = "11111111-1111-1111-1111-111111111111";
/** When the fake Azure says a role assignment was created (in Azure's format). */
export const FAKE_CREATED_ON = "2026-01-01T00:00:00.0000000Z";

/** ARM resource type and the parent path it lives under, per azure-native type token. */
const ARM_TYPES: Record<string, { type: string; nameInput?: string; parent?: (inputs: Record<string, unknown>) => string }> = {
    "azure-native:resources:ResourceGroup": { type: "", nameInput: "resourceGroupName" },
    "azure-native:signalrservice:SignalR": { type: "Microsoft.SignalRService/signalR", nameInput: "resourceName" },
    "azure-native:signalrservice:SignalRSharedPrivateLinkResource": {
        type: "sharedPrivateLinkResources",
        nameInput: "sharedPrivateLinkResourceName",
        parent: (i) => `providers/Microsoft.SignalRService/signalR/${i.resourceName}`,
    },
    "azure-native:signalrservice:SignalRReplica": {
        type: "replicas",
        nameInput: "replicaName",
        parent: (i) => `providers/Microsoft.SignalRService/signalR/${i.resourceName}`,
    },
    "azure-native:managedidentity:UserAssignedIdentity": { type: "Microsoft.ManagedIdentity/userAssignedIdentities", nameInput: "resourceName" },
    "azure-native:keyvault:Vault": { type: "Microsoft.KeyVault/vaults", nameInput: "vaultName" },
    "azure-native:keyvault:Secret": { type: "secrets", nameInput: "secretName", parent: (i) => `providers/Microsoft.KeyVault/vaults/${i.vaultName}` },
    "azure-native:keyvault:AccessPolicy": { type: "accessPolicies", parent: (i) => `providers/Microsoft.KeyVault/vaults/${i.vaultName}` },
    "azure-native:storage:StorageAccount": { type: "Microsoft.Storage/storageAccounts", nameInput: "accountName" },
    "azure-native:web:AppServicePlan": { type: "Microsoft.Web/serverfarms", nameInput: "name" },
    "azure-native:web:WebApp": { type: "Microsoft.Web/sites", nameInput: "name" },
    "azure-native:operationalinsights:Workspace": { type: "Microsoft.OperationalInsights/workspaces", nameInput: "workspaceName" },
    "azure-native:applicationinsights:Component": { type: "Microsoft.Insights/components", nameInput: "resourceName" },
    "azure-native:network:VirtualNetwork": { type: "Microsoft.Network/virtualNetworks", nameInput: "virtualNetworkName" },
    "azure-native:network:Subnet": { type: "subnets", nameInput: "subnetName", parent: (i) => `providers/Microsoft.Network/virtualNetworks/${i.virtualNetworkName}` },
    "azure-native:network:PrivateEndpoint": { type: "Microsoft.Network/privateEndpoints", nameInput: "privateEndpointName" },
    "azure-native:network:PrivateDnsZoneGroup": {
        type: "privateDnsZoneGroups",
        nameInput: "privateDnsZoneGroupName",
        parent: (i) => `providers/Microsoft.Network/privateEndpoints/${i.privateEndpointName}`,
    },
    "azure-native:privatedns:PrivateZone": { type: "Microsoft.Network/privateDnsZones", nameInput: "privateZoneName" },
    "azure-native:privatedns:VirtualNetworkLink": {
        type: "virtualNetworkLinks",
        nameInput: "virtualNetworkLinkName",
        parent: (i) => `providers/Microsoft.Network/privateDnsZones/${i.privateZoneName}`,
    },
};

/** A stable fake GUID from text, so repeated plans print the same ids. */
export function fakeGuid(...parts: string[]): string {
    const h = createHash("sha256").update(parts.join("|")).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Azure's auto-naming stand-in: the logical name, made DNS-safe, plus a stable suffix. */
function physicalName(args: MockResourceArgs, nameInput: string | undefined): string {
    const given = nameInput ? args.inputs[nameInput] : undefined;
    if (typeof given === "string" && given !== "") return given;
    return `${args.name.replace(/[^a-zA-Z0-9-]/g, "-")}${fakeGuid(args.type, args.name).slice(0, 7)}`;
}

/** The fake outputs of one resource registration. */
export function fakeResource(args: MockResourceArgs): MockResourceResult {
    const inputs = args.inputs as Record<string, unknown>;
    const arm = ARM_TYPES[args.type];
    const name = physicalName(args, arm?.nameInput);
    const rg = (inputs.resourceGroupName as string) ?? "rg";
    const group = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/${args.type === "azure-native:resources:ResourceGroup" ? name : rg}`;
    let id: string;
    if (args.type === "azure-native:resources:ResourceGroup") id = group;
    else if (args.type === "azure-native:authorization:RoleAssignment")
        id = `${inputs.scope}/providers/Microsoft.Authorization/roleAssignments/${inputs.roleAssignmentName ?? fakeGuid(args.name)}`;
    else if (arm?.parent) id = `${group}/${arm.parent(inputs)}/${arm.type}/${name}`;
    else if (arm) id = `${group}/providers/${arm.type}/${name}`;
    else id = `${group}/providers/${args.type.replace(/^azure-native:/, "").replace(/:/g, "/")}/${name}`;

    const state: Record<string, unknown> = { ...inputs, name, location: inputs.location ?? "westeurope" };
    switch (args.type) {
        case "azure-native:authorization:RoleAssignment":
            Object.assign(state, { createdOn: FAKE_CREATED_ON, principalType: inputs.principalType ?? "ServicePrincipal" });
            break;
        case "azure-native:managedidentity:UserAssignedIdentity":
            Object.assign(state, { principalId: fakeGuid("principal", id), clientId: fakeGuid("client", id), tenantId: FAKE_TENANT_ID });
            break;
        case "azure-native:signalrservice:SignalR": {
            const identity = inputs.identity as { type?: string; userAssignedIdentities?: string[] } | undefined;
            Object.assign(state, {
                hostName: `${name.toLowerCase()}.service.signalr.net`,
                externalIP: "20.0.0.1",
                provisioningState: "Succeeded",
                identity: identity?.type === "SystemAssigned" ? { type: "SystemAssigned", principalId: fakeGuid("principal", id), tenantId: FAKE_TENANT_ID } : identity,
            });
            break;
        }
        case "azure-native:signalrservice:SignalRSharedPrivateLinkResource":
            Object.assign(state, { provisioningState: "Succeeded", status: "Pending" });
            break;
        case "azure-native:signalrservice:SignalRReplica":
            Object.assign(state, { provisioningState: "Succeeded", type: "Microsoft.SignalRService/SignalR/replicas" });
            break;
        case "azure-native:web:WebApp":
            Object.assign(state, {
                defaultHostName: `${name.toLowerCase()}.azurewebsites.net`,
                identity: inputs.identity ? { ...(inputs.identity as object), principalId: fakeGuid("principal", id), tenantId: FAKE_TENANT_ID } : undefined,
            });
            break;
        case "azure-native:keyvault:Vault":
            Object.assign(state, { properties: { ...(inputs.properties as object), vaultUri: `https://${name.toLowerCase()}.vault.azure.net/` } });
            break;
        case "azure-native:keyvault:Secret": {
            const vaultName = String(inputs.vaultName);
            Object.assign(state, {
                properties: {
                    ...(inputs.properties as object),
                    secretUri: `https://${vaultName.toLowerCase()}.vault.azure.net/secrets/${name}`,
                    secretUriWithVersion: `https://${vaultName.toLowerCase()}.vault.azure.net/secrets/${name}/${fakeGuid(id).replace(/-/g, "")}`,
                },
            });
            break;
        }
        case "random:index/randomString:RandomString":
        case "random:index/randomPassword:RandomPassword": {
            const alphabet = inputs.upper === false ? "abcdefghijklmnopqrstuvwxyz0123456789" : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            const bytes = createHash("sha256").update(`random|${args.name}`).digest();
            const length = Number(inputs.length ?? 16);
            state.result = Array.from({ length }, (_, i) => alphabet[bytes[i % bytes.length] % alphabet.length]).join("");
            break;
        }
        case "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval": {
            // What a successful approval reports: the connection on the target, Approved.
            const connectionName = `${String(inputs.sharedPrivateLinkResourceId ?? args.name)
                .split("/")
                .pop()}.${fakeGuid(args.name).slice(0, 8)}`;
            const connectionId = `${inputs.targetResourceId}/privateEndpointConnections/${connectionName}`;
            Object.assign(state, { connectionId, connectionName, status: "Approved" });
            // With replicas: each replica's copy approved too, each its own connection.
            const replicas = Array.isArray(inputs.replicaNames) ? (inputs.replicaNames as string[]) : undefined;
            if (replicas) {
                Object.assign(state, {
                    replicaStatuses: Object.fromEntries(replicas.map((r) => [r, "Approved"])),
                    replicaConnections: Object.fromEntries(
                        replicas.map((r) => [r, `${inputs.targetResourceId}/privateEndpointConnections/${r}.${fakeGuid(args.name, r).slice(0, 8)}`]),
                    ),
                });
            }
            return { id: connectionId, state };
        }
        case "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointNetworkAcl": {
            // What Azure names the endpoint's connection on the service: `<endpoint>.<guid>`.
            const connectionName = `${String(inputs.privateEndpointId).split("/").pop()}.${fakeGuid(args.name)}`;
            const connectionId = `${inputs.serviceId}/privateEndpointConnections/${connectionName}`;
            Object.assign(state, { connectionName, connectionId, inEffect: true });
            return { id: `${connectionId}/networkAcl`, state };
        }
        case "pulumi-nodejs:dynamic/signalr-serverless:ReplicaRegionEndpoint":
            // What it reports once written: the value held, every copy of the links Approved.
            Object.assign(state, { inEffect: true, sharedPrivateLinks: {} });
            return { id: `${inputs.replicaId}/regionEndpoint`, state };
        case "azure-native:storage:StorageAccount":
            Object.assign(state, { primaryEndpoints: { blob: `https://${name}.blob.core.windows.net/` } });
            break;
    }
    return { id, state };
}

/** Fake results of the provider functions the components call. */
export function fakeCall(args: MockCallArgs): Record<string, unknown> {
    const inputs = args.inputs as Record<string, unknown>;
    switch (args.token) {
        case "azure-native:managedidentity:getUserAssignedIdentity": {
            const id = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${inputs.resourceName}`;
            return { id, name: inputs.resourceName, principalId: fakeGuid("principal", id), clientId: fakeGuid("client", id), tenantId: FAKE_TENANT_ID, location: "westeurope" };
        }
        case "azure-native:authorization:getClientConfig":
            return { subscriptionId: FAKE_SUBSCRIPTION_ID, tenantId: FAKE_TENANT_ID, clientId: fakeGuid("client", "deployer"), objectId: fakeGuid("deployer") };
        case "azure-native:web:getWebApp": {
            const id = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.Web/sites/${inputs.name}`;
            return {
                id,
                name: inputs.name,
                kind: "functionapp,linux",
                defaultHostName: `${String(inputs.name).toLowerCase()}.azurewebsites.net`,
                publicNetworkAccess: "Enabled",
                location: "westeurope",
            };
        }
        case "azure-native:storage:listStorageAccountKeys":
            return { keys: [{ keyName: "key1", value: "fake-storage-key", permissions: "FULL" }] };
        case "azure-native:signalrservice:listSignalRKeys":
            return { primaryKey: "fake-primary-key", secondaryKey: "fake-secondary-key" };
        default:
            return inputs;
    }
}
