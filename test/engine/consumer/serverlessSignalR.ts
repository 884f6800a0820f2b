// The engine scenario's program, compiled in the consumer project against the installed package:
// a ServerlessSignalR in its smallest useful form (one upstream template holding a Key Vault
// reference, read access to that vault, one shared private endpoint to a Function app). Its
// azure-native resources and random nonce are served by the stand-in providers; its approval and
// upstream re-read run in the engine's dynamic-provider host.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR, keyVaultSecretReference } from "signalr-serverless";

export default async function program() {
    const config = new pulumi.Config();
    const signalR = new ServerlessSignalR("chat", {
        resourceGroupName: "app-rg",
        location: "westeurope",
        serviceName: config.require("serviceName"),
        upstreamTemplates: [{ urlTemplate: keyVaultSecretReference(config.require("secretUri")), hubPattern: "chat" }],
        keyVaultAccess: [{ keyVaultId: config.require("keyVaultId") }],
        sharedPrivateEndpoints: [{ name: "func-pe", targetResourceId: config.require("functionAppId"), approvalTimeoutSeconds: 60 }],
    });
    return {
        serviceId: signalR.serviceId,
        serviceName: signalR.serviceName,
        hostName: signalR.hostName,
        identityPrincipalId: signalR.identityPrincipalId,
        upstreamTemplates: signalR.upstreamTemplates,
        sharedPrivateEndpointStatuses: signalR.sharedPrivateEndpointStatuses,
    };
}
