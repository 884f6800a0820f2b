// The engine scenario's program, compiled in the consumer project against the installed package:
// a ServerlessSignalR in its smallest useful form (one upstream template holding a Key Vault
// reference, read access to that vault, one shared private endpoint to a Function app). Its
// azure-native resources and random nonce are served by the stand-in providers; its approval and
// upstream re-read run in the engine's dynamic-provider host. The deployment benchmark
// (bench/deployment.ts) runs it too, with optional config: `sku`, `vaultEndpoint` (a second shared
// private endpoint, to the vault), `replicaLocation` (one geo-replica there; Premium only), and the library's waits (`approvalPollIntervalSeconds`,
// `approvalMaxPollIntervalSeconds`, `approvalTimeoutSeconds`, `approvalConfirmationSeconds`,
// `keyVaultGrantSettleSeconds`, `upstreamRefreshPollIntervalSeconds`, `replicaRegionEndpointPollIntervalSeconds`) scaled with its latencies; absent, they are as the engine test uses them.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR, keyVaultSecretReference } from "signalr-serverless";

export default async function program() {
    const config = new pulumi.Config();
    const waits = {
        approvalTimeoutSeconds: config.getNumber("approvalTimeoutSeconds") ?? 60,
        approvalConfirmationSeconds: config.getNumber("approvalConfirmationSeconds"),
        approvalPollIntervalSeconds: config.getNumber("approvalPollIntervalSeconds"),
        approvalMaxPollIntervalSeconds: config.getNumber("approvalMaxPollIntervalSeconds"),
    };
    const signalR = new ServerlessSignalR("chat", {
        resourceGroupName: "app-rg",
        location: "westeurope",
        serviceName: config.require("serviceName"),
        sku: config.get("sku"),
        replicas: config.get("replicaLocation") ? [{ location: config.require("replicaLocation") }] : undefined,
        upstreamTemplates: [{ urlTemplate: keyVaultSecretReference(config.require("secretUri")), hubPattern: "chat" }],
        keyVaultAccess: [{ keyVaultId: config.require("keyVaultId") }],
        keyVaultGrantSettleSeconds: config.getNumber("keyVaultGrantSettleSeconds"),
        upstreamRefreshPollIntervalSeconds: config.getNumber("upstreamRefreshPollIntervalSeconds"),
        replicaRegionEndpointPollIntervalSeconds: config.getNumber("replicaRegionEndpointPollIntervalSeconds"),
        sharedPrivateEndpoints: [
            { name: "func-pe", targetResourceId: config.require("functionAppId"), ...waits },
            ...(config.getBoolean("vaultEndpoint") ? [{ name: "kv-pe", targetResourceId: config.require("keyVaultId"), ...waits }] : []),
        ],
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
