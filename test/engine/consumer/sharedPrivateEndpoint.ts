// The engine scenario's program, compiled in the consumer project against the installed package:
// one SharedPrivateEndpoint, whose azure-native shared private link resource and random nonce are
// served by the stand-in providers and whose approval runs in the engine's dynamic-provider host.
import * as pulumi from "@pulumi/pulumi";
import { SharedPrivateEndpoint } from "signalr-serverless";

export default async function program() {
    const config = new pulumi.Config();
    const endpoint = new SharedPrivateEndpoint("func-pe", {
        resourceGroupName: "app-rg",
        signalRName: config.require("signalRName"),
        targetResourceId: config.require("targetResourceId"),
        resourceManagerEndpoint: config.require("resourceManagerEndpoint"),
        approvalTimeoutSeconds: 60,
        sharedPrivateLinkResourceName: config.get("linkResourceName"),
    });
    return {
        status: endpoint.status,
        connectionName: endpoint.connectionName,
        sharedPrivateLinkResourceId: endpoint.sharedPrivateLinkResourceId,
        requestMessage: endpoint.requestMessage,
    };
}
