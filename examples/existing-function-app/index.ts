// Attach a serverless SignalR to a Function app and a Key Vault that already exist, by id.
import * as pulumi from "@pulumi/pulumi";
import * as web from "@pulumi/azure-native/web";
import { ServerlessSignalR, keyVaultSecretReference, parseResourceId } from "signalr-serverless";

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");
const functionAppId = config.require("functionAppId");
const keyVaultId = config.require("keyVaultId");
/** The secret that holds the Function app's `signalr_extension` system key. */
const secretName = config.get("upstreamKeySecretName") ?? "signalr-extension-key";
/** Key Vault DNS suffix of your cloud: vault.azure.net, vault.azure.cn or vault.usgovcloudapi.net. */
const vaultSuffix = config.get("keyVaultDnsSuffix") ?? "vault.azure.net";

const app = parseResourceId("functionAppId", functionAppId);
const vault = parseResourceId("keyVaultId", keyVaultId);
const existingApp = web.getWebAppOutput({ resourceGroupName: app.resourceGroupName, name: app.name });
const code = keyVaultSecretReference(`https://${vault.name}.${vaultSuffix}/secrets/${secretName}`);

const signalr = new ServerlessSignalR("chat", {
    resourceGroupName,
    upstreamTemplates: [{ urlTemplate: pulumi.interpolate`https://${existingApp.defaultHostName}/runtime/webhooks/signalr?code=${code}` }],
    keyVaultAccess: [{ keyVaultId, secretNames: [secretName] }],
    sharedPrivateEndpoints: [{ name: "func-pe", targetResourceId: functionAppId }],
});

export const signalRHostName = signalr.hostName;
export const privateEndpointStatuses = signalr.sharedPrivateEndpointStatuses;
