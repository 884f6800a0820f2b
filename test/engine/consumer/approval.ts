// The engine scenario's program, compiled in the consumer project against the installed package:
// one PrivateEndpointConnectionApproval of a pending connection the fake Resource Manager holds.
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointConnectionApproval } from "signalr-serverless";

export default async function program() {
    const config = new pulumi.Config();
    const approval = new PrivateEndpointConnectionApproval("func-pe-approval", {
        targetResourceId: config.require("targetResourceId"),
        requestMessage: config.require("requestMessage"),
        sharedPrivateLinkResourceId: config.require("sharedPrivateLinkResourceId"),
        resourceManagerEndpoint: config.require("resourceManagerEndpoint"),
        pollIntervalSeconds: 0.05,
        timeoutSeconds: 60,
        onDelete: "Reject",
    });
    return { status: approval.status, connectionName: approval.connectionName };
}
