// Reference deployment: a Function app behind a serverless Azure SignalR Service whose upstream
// reaches it only over a shared private endpoint, with the upstream key in Key Vault.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as signalrservice from "@pulumi/azure-native/signalrservice";
import * as storage from "@pulumi/azure-native/storage";
import * as web from "@pulumi/azure-native/web";
import { FunctionAppSystemKey, ServerlessSignalR, deterministicGuid, keyVaultSecretReference } from "signalr-serverless";

const config = new pulumi.Config();
const location = config.get("location") ?? "westeurope";
const signalRSku = config.get("signalRSku") ?? "Standard_S1";
const hubName = config.get("hubName") ?? "chat";
const corsAllowedOrigins = config.getObject<string[]>("corsAllowedOrigins") ?? [];
const approvalTimeoutSeconds = config.getNumber("approvalTimeoutSeconds") ?? 900;
/**
 * Turn this off once the private endpoint is approved: SignalR still reaches the app privately, but
 * nothing else reaches it from the internet (clients' negotiate calls and deployments included;
 * give them a private endpoint of their own).
 */
const functionPublicNetworkAccess = config.getBoolean("functionPublicNetworkAccess") ?? true;
/**
 * Address space of a virtual network for clients (e.g. `10.20.0.0/16`): they then reach SignalR at a
 * private address, through an inbound private endpoint registered in a private DNS zone. Unset: none.
 */
const clientAddressSpace = config.get("clientAddressSpace");
/**
 * Geo-replicas of the service (Premium only, at most 8), e.g. `[{ location: "northeurope" }]`: each
 * serves its region, and its copy of the private upstream is approved like the primary's. Unset: none.
 */
const signalRReplicas = config.getObject<{ location: string; capacity?: number }[]>("signalRReplicas") ?? [];
/** Whether SignalR accepts clients from the internet too; turn off once every client comes through the virtual network. */
const signalRPublicNetworkAccess = config.getBoolean("signalRPublicNetworkAccess") ?? true;

/** Built-in role the program grants itself (the service's roles go through ServerlessSignalR's roleAssignments). */
const ROLES = { keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6" };
const client = authorization.getClientConfigOutput();
const roleId = (role: string) => pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;
/** A role assignment for a service principal, named deterministically so re-runs never duplicate it. */
function grant(name: string, scope: pulumi.Input<string>, principalId: pulumi.Input<string>, role: string): authorization.RoleAssignment {
    return new authorization.RoleAssignment(name, {
        scope,
        principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: roleId(role),
        roleAssignmentName: pulumi.all([scope, principalId]).apply(([s, p]) => deterministicGuid(s, p, role)),
    });
}

const group = new resources.ResourceGroup("signalr-serverless", { location });
const suffix = new random.RandomString("suffix", { length: 6, special: false, upper: false });
// The app's name is fixed before the app exists, so SignalR's upstream URL and the app's settings
// (which need SignalR's host) do not depend on each other.
const functionAppName = pulumi.interpolate`chat-func-${suffix.result}`;

// Runtime storage of the Function app.
const account = new storage.StorageAccount("funcstore", {
    resourceGroupName: group.name,
    location,
    kind: "StorageV2",
    sku: { name: "Standard_LRS" },
    minimumTlsVersion: "TLS1_2",
    allowBlobPublicAccess: false,
    enableHttpsTrafficOnly: true,
});
const accountKeys = storage.listStorageAccountKeysOutput({ resourceGroupName: group.name, accountName: account.name });
const storageConnection = pulumi.secret(
    pulumi.interpolate`DefaultEndpointsProtocol=https;AccountName=${account.name};AccountKey=${accountKeys.keys[0].value};EndpointSuffix=core.windows.net`,
);

// Private endpoints need Elastic Premium, Premium or Isolated: Consumption (Y1) cannot have them.
const plan = new web.AppServicePlan("func-plan", {
    resourceGroupName: group.name,
    location,
    kind: "elastic",
    reserved: true,
    sku: { name: "EP1", tier: "ElasticPremium" },
    maximumElasticWorkerCount: 20,
});

// Key Vault with RBAC and purge protection, holding the upstream key and SignalR's access keys.
const vault = new keyvault.Vault("upstream-kv", {
    resourceGroupName: group.name,
    location,
    properties: {
        tenantId: client.tenantId,
        sku: { family: "A", name: "standard" },
        enableRbacAuthorization: true,
        enablePurgeProtection: true,
        softDeleteRetentionInDays: 90,
    },
});
const upstreamKey = new random.RandomPassword("signalr-extension-key", { length: 48, special: false });
const upstreamKeySecret = new keyvault.Secret("signalr-extension-key", {
    resourceGroupName: group.name,
    vaultName: vault.name,
    secretName: "signalr-extension-key",
    // RandomPassword's result is already a secret; said again so no refactoring can lose it.
    properties: { value: pulumi.secret(upstreamKey.result), contentType: "Function app system key signalr_extension" },
});

// SignalR calls the SignalR trigger's endpoint; the key is a Key Vault reference, never plain text.
const upstreamUrl: pulumi.Output<string> = pulumi
    .all([functionAppName, upstreamKeySecret.properties.secretUri])
    .apply(([app, secretUri]) => `https://${app}.azurewebsites.net/runtime/webhooks/signalr?code=${keyVaultSecretReference(secretUri)}`);

// The Function app needs SignalR's host name and SignalR needs the app (its shared private endpoint
// and role): the app's id and identity are promised here and resolved once the app exists.
const [functionAppId, resolveFunctionAppId] = pulumi.deferredOutput<string>();
const [functionAppPrincipal, resolveFunctionAppPrincipal] = pulumi.deferredOutput<string>();

// The clients' network: one subnet holds SignalR's inbound private endpoint.
const clients = clientAddressSpace
    ? new network.VirtualNetwork("clients", { resourceGroupName: group.name, location, addressSpace: { addressPrefixes: [clientAddressSpace] } })
    : undefined;
const clientEndpoints = clients
    ? new network.Subnet("client-endpoints", { resourceGroupName: group.name, virtualNetworkName: clients.name, addressPrefix: clientAddressSpace })
    : undefined;

const signalr = new ServerlessSignalR("chat", {
    resourceGroupName: group.name,
    location,
    sku: signalRSku,
    replicas: signalRReplicas,
    corsAllowedOrigins,
    upstreamTemplates: [{ urlTemplate: upstreamUrl, hubPattern: hubName }],
    keyVaultAccess: [{ keyVaultId: vault.id, secretNames: ["signalr-extension-key"] }],
    // The private upstream path; its approval takes minutes, during which the Key Vault grant applies.
    sharedPrivateEndpoints: [{ name: "func-pe", targetResourceId: functionAppId, approvalTimeoutSeconds }],
    // The functions send messages through the service with the app's managed identity.
    roleAssignments: [{ roleDefinitionIdOrName: "SignalR App Server", principalId: functionAppPrincipal, principalType: "ServicePrincipal" }],
    publicNetworkAccess: signalRPublicNetworkAccess ? "Enabled" : "Disabled",
    // Clients in the virtual network connect (and call the REST API) at the private address; the
    // component creates the endpoint's network ACL entry and the zone privatelink.service.signalr.net.
    ...(clients && clientEndpoints
        ? {
              privateEndpoints: [{ subnetResourceId: clientEndpoints.id, allowedRequestTypes: ["ClientConnection", "RESTAPI"] }],
              privateDnsZone: { virtualNetworkResourceIds: [clients.id] },
          }
        : {}),
});

// SignalR's access keys, for the functions' own X-ASRS-Signature check, kept in Key Vault.
const signalRKeys = signalrservice.listSignalRKeysOutput({ resourceGroupName: group.name, resourceName: signalr.serviceName });
const accessKeysSecret = new keyvault.Secret("signalr-access-keys", {
    resourceGroupName: group.name,
    vaultName: vault.name,
    secretName: "signalr-access-keys",
    properties: { value: pulumi.secret(pulumi.interpolate`${signalRKeys.primaryKey},${signalRKeys.secondaryKey}`), contentType: "primary,secondary" },
});

const app = new web.WebApp("chat-func", {
    name: functionAppName,
    resourceGroupName: group.name,
    location,
    kind: "functionapp,linux",
    serverFarmId: plan.id,
    httpsOnly: true,
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: functionPublicNetworkAccess ? "Enabled" : "Disabled",
    siteConfig: {
        linuxFxVersion: "Node|20",
        minTlsVersion: "1.2",
        ftpsState: "Disabled",
        appSettings: [
            { name: "FUNCTIONS_EXTENSION_VERSION", value: "~4" },
            { name: "FUNCTIONS_WORKER_RUNTIME", value: "node" },
            { name: "AzureWebJobsStorage", value: storageConnection },
            { name: "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", value: storageConnection },
            { name: "WEBSITE_CONTENTSHARE", value: functionAppName },
            // The SignalR binding connects with the app's managed identity: no connection string.
            { name: "AzureSignalRConnectionString__serviceUri", value: pulumi.interpolate`https://${signalr.hostName}` },
            { name: "AzureSignalRConnectionString__credential", value: "managedidentity" },
            { name: "SIGNALR_HUB", value: hubName },
            { name: "SIGNALR_ACCESS_KEYS", value: pulumi.interpolate`@Microsoft.KeyVault(SecretUri=${accessKeysSecret.properties.secretUri})` },
        ],
    },
});
const appPrincipal = app.identity.apply((i) => i?.principalId ?? "");
resolveFunctionAppId(app.id);
resolveFunctionAppPrincipal(appPrincipal);
grant("func-reads-access-keys", pulumi.interpolate`${vault.id}/secrets/signalr-access-keys`, appPrincipal, ROLES.keyVaultSecretsUser);

// The same random key becomes the app's signalr_extension system key, set through ARM.
new FunctionAppSystemKey("signalr-extension-key", { functionAppId: app.id, keyName: "signalr_extension", value: upstreamKey.result });

export const signalRHostName = signalr.hostName;
export const functionAppHostName = app.defaultHostName;
export const upstreamUrlTemplate = upstreamUrl;
export const functionPrivateEndpointStatus = signalr.sharedPrivateEndpointStatuses.apply((s) => s["func-pe"]);
export const signalRPrivateEndpointIds = signalr.privateEndpointIds;
/** Each replica's region and the status of its copy of the private upstream. */
export const signalRReplicaStatuses = signalr.replicas.apply((rs) => Object.fromEntries(rs.map((r) => [r.location, r.sharedPrivateEndpoints["func-pe"]])));
