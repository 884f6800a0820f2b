// SignalR reads its upstream secret from a Key Vault that has no public access: through a second
// shared private endpoint (group `vault`), approved automatically like the Function app's.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as web from "@pulumi/azure-native/web";
import { ServerlessSignalR, keyVaultSecretReference, parseResourceId } from "signalr-serverless";

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");
const functionAppId = config.require("functionAppId");
const location = config.get("location") ?? "westeurope";
const app = parseResourceId("functionAppId", functionAppId);
const client = authorization.getClientConfigOutput();

// Public network access off: only private endpoints (and ARM, which writes the secret) reach it.
const vault = new keyvault.Vault("private-kv", {
    resourceGroupName,
    location,
    properties: {
        tenantId: client.tenantId,
        sku: { family: "A", name: "standard" },
        enableRbacAuthorization: true,
        enablePurgeProtection: true,
        softDeleteRetentionInDays: 90,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "None" },
    },
});
const upstreamKey = new random.RandomPassword("signalr-extension-key", { length: 48, special: false });
const secret = new keyvault.Secret("signalr-extension-key", {
    resourceGroupName,
    vaultName: vault.name,
    secretName: "signalr-extension-key",
    properties: { value: pulumi.secret(upstreamKey.result) },
});

const existingApp = web.getWebAppOutput({ resourceGroupName: app.resourceGroupName, name: app.name });
const urlTemplate = pulumi
    .all([existingApp.defaultHostName, secret.properties.secretUri])
    .apply(([host, secretUri]) => `https://${host}/runtime/webhooks/signalr?code=${keyVaultSecretReference(secretUri)}`);

const signalr = new ServerlessSignalR("chat", {
    resourceGroupName,
    location,
    upstreamTemplates: [{ urlTemplate }],
    keyVaultAccess: [{ keyVaultId: vault.id, secretNames: ["signalr-extension-key"] }],
    sharedPrivateEndpoints: [
        { name: "func-pe", targetResourceId: functionAppId },
        { name: "kv-pe", targetResourceId: vault.id },
    ],
});

export const signalRHostName = signalr.hostName;
export const privateEndpointStatuses = signalr.sharedPrivateEndpointStatuses;
