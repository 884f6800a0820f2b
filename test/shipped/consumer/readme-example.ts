// The README's "ServerlessSignalR in ten lines", as a consumer writes it, plus the pure entry points.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR, SharedPrivateEndpoint, SignalRExtensionKey, keyVaultSecretReference } from "signalr-serverless";
import { renderUpstreamUrl } from "signalr-serverless/upstream";
import { verifyUpstreamSignature } from "signalr-serverless/protocol";

const vault = { id: pulumi.output("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/chat-rg/providers/Microsoft.KeyVault/vaults/contoso-kv") };
const functionApp = { id: pulumi.output("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/chat-rg/providers/Microsoft.Web/sites/contoso-func") };

const code = keyVaultSecretReference("https://contoso-kv.vault.azure.net/secrets/signalr-extension-key");
const signalr = new ServerlessSignalR("chat", {
    resourceGroupName: "chat-rg",
    upstreamTemplates: [{ urlTemplate: `https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=${code}` }],
    keyVaultAccess: [{ keyVaultId: vault.id, secretNames: ["signalr-extension-key"] }],
    sharedPrivateEndpoints: [{ name: "func-pe", targetResourceId: functionApp.id }],
});
// The system-assigned path registers the upstream refresh; the extension key the system key.
new ServerlessSignalR("sys", {
    resourceGroupName: "chat-rg",
    identity: { systemAssigned: true },
    upstreamTemplates: [{ urlTemplate: `https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=${code}` }],
    keyVaultAccess: [{ keyVaultId: vault.id }],
    // And an inbound private endpoint registers its network ACL entry.
    privateEndpoints: [
        { subnetResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients/subnets/endpoints" },
    ],
});
new SignalRExtensionKey("ext", { functionAppId: functionApp.id, value: pulumi.secret("k3y-value-from-random") });
new SharedPrivateEndpoint("kv-pe", { resourceGroupName: "chat-rg", signalRName: "sys", targetResourceId: vault.id });

export const hostName = signalr.hostName;
export const rendered = renderUpstreamUrl("https://h.example/{hub}/{event}", { hub: "chat", category: "messages", event: "send" });
export const verified = verifyUpstreamSignature("0f9c97a2f0bf4706afe87a14e0797b11", "sha256=7767effcb3946f3e1de039df4b986ef02c110b1469d02c0a06f41b3b727ab561", [
    "7aab239577fd4f24bc919802fb629f5f",
]);
