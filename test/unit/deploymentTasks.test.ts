// The deployment benchmark's graph (bench/deployment.ts tasksOf): what each resource of a deployed
// stack costs under the latency model and what it waits for, against a stack written by hand.
import { strict as assert } from "node:assert";
import { tasksOf } from "../../bench/deployment";
import { criticalPath } from "../../bench/criticalPath";
import type { LatencyModel } from "../support/armLatency";
import type { StateResource } from "../engine/engineStack";

const M: LatencyModel = {
    requestMs: 1,
    signalRCreateMs: 100,
    signalRUpdateMs: 10,
    linkProvisionMs: 50,
    linkDeleteMs: 10,
    connectionAppearMs: 50,
    approvalWriteMs: 5,
    approvalPropagationMs: 20,
    keyVaultRbacMs: 1000,
    replicaCreateMs: 80,
    replicaConnectionAppearMs: 50,
    replicaUpdateMs: 15,
};

const urn = (type: string, name: string) => `urn:pulumi:bench::p::${type}::${name}`;
const SERVICE = urn("azure-native:signalrservice:SignalR", "svc");
const REPLICA = urn("azure-native:signalrservice:SignalRReplica", "svc-replica-eastus");
const LINK = urn("azure-native:signalrservice:SignalRSharedPrivateLinkResource", "svc-func-pe");
const APPROVAL = urn("pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval", "svc-func-pe-approval");
const ENDPOINT = urn("pulumi-nodejs:dynamic/signalr-serverless:ReplicaRegionEndpoint", "svc-replica-eastus-endpoint");
const custom = (u: string, data: string[], declared: string[] = data): StateResource => ({
    urn: u,
    type: u.split("::")[2],
    custom: true,
    dependencies: declared,
    propertyDependencies: data.length ? { input: data } : {},
});

/** A service with one replica, one link and its approval, and the replica's region endpoint (its input: the replica's id; dependsOn: the approval). */
const stack: StateResource[] = [
    custom(SERVICE, []),
    custom(REPLICA, [SERVICE]),
    custom(LINK, [SERVICE], [SERVICE, REPLICA]),
    custom(APPROVAL, [LINK, REPLICA]),
    custom(ENDPOINT, [REPLICA], [REPLICA, APPROVAL]),
];

describe("the deployment benchmark's graph of a stack", () => {
    it("has the replica's region endpoint cost its reads and its PATCH's operation, hold the service, and wait for the approval of its copy even by data alone", () => {
        const tasks = tasksOf(stack, M, "data");
        const endpoint = tasks.find((t) => t.id === ENDPOINT)!;
        assert.equal(endpoint.duration, 4 * M.requestMs + M.replicaUpdateMs);
        assert.equal(endpoint.exclusive, "signalr");
        assert.deepEqual(endpoint.after.map((d) => d.id).sort(), [APPROVAL, REPLICA].sort());
        // By hand: service 0-101. Link first: link 101-152, replica 152-233, the approval waits for its copy's
        // connection (50 after the replica) until 283, takes 3 + 5 + 20 = 28 → 311, endpoint 311-330.
        // Replica first: replica 101-182, link 182-233, approval max(233 + 0, 182 + 50) = 233 → 261,
        // endpoint (after the approval, the service free) 261-280. Shortest: 280.
        const s = criticalPath(tasks);
        assert.equal(s.length, 280);
        assert.deepEqual(s.path, [SERVICE, REPLICA, LINK, APPROVAL, ENDPOINT]);
        // Without the region endpoint the deployment would end with the approval, 19 earlier.
        assert.equal(criticalPath(tasksOf(stack.slice(0, 4), M, "data")).length, 261);
    });
});
