// The secure fixture every policy test mutates: what ServerlessSignalR and the reference deployment
// create, with every option hardened, as the evaluator sees recorded resources.
import type { EvaluatedResource } from "../../src/policy/evaluate";

export const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
export const SITE = `${SUB}/Microsoft.Web/sites/contoso-func`;
export const VAULT = `${SUB}/Microsoft.KeyVault/vaults/contoso-kv`;
export const PLAN = `${SUB}/Microsoft.Web/serverfarms/func-plan`;
export const SIGNALR = `${SUB}/Microsoft.SignalRService/signalR/chat-service`;
export const VNET = `${SUB}/Microsoft.Network/virtualNetworks/clients`;
export const INBOUND_PE = `${SUB}/Microsoft.Network/privateEndpoints/pep-chat-service-signalr-0`;
export const ZONE = `${SUB}/Microsoft.Network/privateDnsZones/privatelink.service.signalr.net`;
export const KV_REF = "{@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/signalr-key)}";

/** A secure stack: the resources ServerlessSignalR and the reference deployment create, with every option hardened. */
export function secureStack(): EvaluatedResource[] {
    return [
        {
            type: "azure-native:signalrservice:SignalR",
            name: "chat-service",
            id: SIGNALR,
            inputs: {
                resourceName: "chat-service",
                publicNetworkAccess: "Disabled",
                networkACLs: { defaultAction: "Deny", publicNetwork: { allow: ["ClientConnection", "RESTAPI"] } },
                sku: { name: "Standard_S1", tier: "Standard" },
                features: [{ flag: "ServiceMode", value: "Serverless" }],
                identity: { type: "UserAssigned", userAssignedIdentities: ["/id"] },
                cors: { allowedOrigins: ["https://chat.contoso.com"] },
                disableLocalAuth: true,
                disableAadAuth: false,
                upstream: {
                    templates: [
                        {
                            urlTemplate: `https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=${KV_REF}`,
                            auth: { type: "ManagedIdentity", managedIdentity: { resource: "api://x" } },
                        },
                    ],
                },
            },
        },
        {
            type: "azure-native:signalrservice:SignalRSharedPrivateLinkResource",
            name: "func-pe-link",
            inputs: { resourceName: "chat-service", privateLinkResourceId: SITE, groupId: "sites", requestMessage: "signalr-serverless func-pe abc" },
        },
        {
            type: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval",
            name: "func-pe-approval",
            inputs: { targetResourceId: SITE, requestMessage: "signalr-serverless func-pe abc" },
        },
        {
            type: "azure-native:keyvault:Vault",
            name: "kv",
            id: VAULT,
            inputs: { vaultName: "contoso-kv", properties: { enableRbacAuthorization: true, enablePurgeProtection: true, publicNetworkAccess: "Disabled" } },
        },
        {
            type: "azure-native:web:WebApp",
            name: "func",
            id: SITE,
            inputs: {
                name: "contoso-func",
                serverFarmId: PLAN,
                publicNetworkAccess: "Disabled",
                httpsOnly: true,
                identity: { type: "SystemAssigned" },
                siteConfig: { minTlsVersion: "1.2", appSettings: [{ name: "AzureSignalRConnectionString__credential", value: "managedidentity" }] },
            },
        },
        { type: "azure-native:web:AppServicePlan", name: "func-plan", id: PLAN, inputs: { kind: "elastic", sku: { name: "EP1", tier: "ElasticPremium" } } },
        {
            type: "azure-native:signalrservice:SignalRSharedPrivateLinkResource",
            name: "kv-pe-link",
            inputs: { resourceName: "chat-service", privateLinkResourceId: VAULT, groupId: "vault", requestMessage: "signalr-serverless kv-pe def" },
        },
        {
            type: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval",
            name: "kv-pe-approval",
            inputs: { targetResourceId: VAULT, requestMessage: "signalr-serverless kv-pe def" },
        },
        {
            type: "azure-native:monitor:DiagnosticSetting",
            name: "chat-diagnostics0",
            inputs: { resourceUri: SIGNALR, workspaceId: "/ws", logs: [{ categoryGroup: "allLogs", enabled: true }] },
        },
        {
            type: "azure-native:network:PrivateEndpoint",
            name: "chat-pe0",
            id: INBOUND_PE,
            inputs: {
                privateEndpointName: "pep-chat-service-signalr-0",
                subnet: { id: `${VNET}/subnets/endpoints` },
                privateLinkServiceConnections: [{ name: "pe", privateLinkServiceId: SIGNALR, groupIds: ["signalr"] }],
            },
        },
        {
            type: "azure-native:network:PrivateDnsZoneGroup",
            name: "chat-pe0-dns",
            id: `${INBOUND_PE}/privateDnsZoneGroups/default`,
            inputs: { privateEndpointName: "pep-chat-service-signalr-0", privateDnsZoneConfigs: [{ name: "signalr", privateDnsZoneId: ZONE }] },
        },
        {
            type: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointNetworkAcl",
            name: "chat-pe0-acl",
            inputs: { serviceId: SIGNALR, privateEndpointId: INBOUND_PE, allow: ["ClientConnection", "RESTAPI"] },
        },
    ];
}

/** The fixture's resource by logical name (mutations may remove others first). */
export const named = (s: EvaluatedResource[], name: string) => {
    const r = s.find((x) => x.name === name);
    if (!r) throw new Error(`no ${name} in the fixture`);
    return r;
};
