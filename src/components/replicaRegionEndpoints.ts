import * as pulumi from "@pulumi/pulumi";
import type * as signalrservice from "@pulumi/azure-native/signalrservice";
import { configuredResourceManagerEndpoint } from "./configuredCloud";
import { newReplicaRegionEndpoint } from "./armBackedResources";
import { normalizeLocation } from "./replicaRules";
import { regionEndpointValue } from "./replicas";
import type { SignalRReplicaArgs } from "./serverlessSignalRArgs";

/**
 * The step that turns each replica's region endpoint on once its copies of the shared private links
 * are approved (Microsoft: "Do not enable the replica until its shared private endpoint has been
 * approved"; DESIGN.md, facts table). One ReplicaRegionEndpoint per replica, named after its region
 * as the replica is, after `after` (the approvals and every other write to the service) and each
 * after the one before: a PATCH of a replica is a SignalR operation, and SignalR runs one at a time.
 */
export function createReplicaRegionEndpoints(
    name: string,
    replicas: readonly signalrservice.SignalRReplica[],
    args: readonly SignalRReplicaArgs[],
    opts: { parent: pulumi.Resource; after: pulumi.Resource[]; operationPollIntervalSeconds?: number },
): pulumi.CustomResource[] {
    const endpoint = configuredResourceManagerEndpoint();
    const created: pulumi.CustomResource[] = [];
    replicas.forEach((replica, i) => {
        const previous = created[created.length - 1];
        created.push(
            newReplicaRegionEndpoint(
                `${name}-replica-${normalizeLocation(args[i].location)}-endpoint`,
                {
                    replicaId: replica.id,
                    regionEndpointEnabled: regionEndpointValue(args[i]),
                    ...(endpoint ? { resourceManagerEndpoint: endpoint } : {}),
                    // Only when set: a new input on an existing stack would show as a diff.
                    ...(opts.operationPollIntervalSeconds !== undefined ? { operationPollIntervalSeconds: opts.operationPollIntervalSeconds } : {}),
                },
                { parent: opts.parent, dependsOn: previous ? [previous] : [...opts.after, ...replicas] },
            ),
        );
    });
    return created;
}
