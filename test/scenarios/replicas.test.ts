// Day 2 for geo-replicas (issue 23): sequences of up, refresh, a replica added, a replica removed and
// a replica made outside the library, against one fake Resource Manager whose state persists; the
// fake copies each link to every replica, each copy requesting its own connection on the target.
// After each `up`: every copy of the link Approved in SignalR, each connection approved exactly once;
// the connections that stay are never written again; strangers are never touched.
import { strict as assert } from "node:assert";
import { ServerlessSignalR, SignalRReplicaArgs } from "../../src";
import { DYNAMIC_TYPES } from "../../src/components/armBackedResources";
import { approvalLifecycle } from "../../src/resources/approval";
import { FakeResourceManager, TEST_SUBSCRIPTION, replicaLinkId } from "../support/fakeResourceManager";
import { Program, ScenarioStack, changes } from "./support/scenarioStack";
import { THEIR_ENDPOINT, strangersOn } from "./support/strangers";

const SERVICE_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr`;
const LINK_ID = `${SERVICE_ID}/sharedPrivateLinkResources/func`;

describe("Scenario: geo-replicas and their copies of a shared private link", function () {
    this.timeout(120_000);
    let arm: FakeResourceManager;
    let stack: ScenarioStack;
    let fnId: string;
    let component: ServerlessSignalR | undefined;
    let strangersUntouched: () => void;

    const programWith =
        (replicas: SignalRReplicaArgs[] | undefined, links = true): Program =>
        (opts) => {
            component = new ServerlessSignalR(
                "chat",
                {
                    resourceGroupName: "app-rg",
                    serviceName: "contoso-signalr",
                    location: "westeurope",
                    sku: "Premium_P1",
                    replicas,
                    // A 1 s poll: each confirmation waits one interval before its first read (the default 20 s
                    // would take the whole 10 s window, three copies one after the other past the 30 s timeout).
                    sharedPrivateEndpoints: links
                        ? [{ name: "func", targetResourceId: fnId, approvalTimeoutSeconds: 30, approvalConfirmationSeconds: 10, approvalPollIntervalSeconds: 1 }]
                        : [],
                },
                opts,
            );
        };

    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        fnId = arm.addTarget("Microsoft.Web/sites", "contoso-fn");
        arm.addConnection(fnId, { name: "theirs-pending", status: "Pending", description: "please approve", privateEndpointId: THEIR_ENDPOINT });
        strangersUntouched = strangersOn(arm, fnId);
        stack = new ScenarioStack(arm, { lifecycles: (deps) => ({ [DYNAMIC_TYPES.approval]: approvalLifecycle(deps) }) });
    });
    afterEach(async () => {
        strangersUntouched();
        await arm.stop();
    });

    /** Our connections, by the copy of the link they belong to (the primary's link or a replica's). */
    const connectionOf = (linkId: string) => arm.connectionsOn(fnId).find((c) => c.sharedPrivateLinkResourceId?.toLowerCase() === linkId.toLowerCase());
    const approvalWrites = () => arm.requests.filter((r) => r.method === "PUT" && r.path.includes("/privateEndpointConnections/")).map((r) => r.path.split("/").pop());
    const replicaOutputs = () => (component!.replicas as unknown as { promise(): Promise<{ name: string; sharedPrivateEndpoints: Record<string, string> }[]> }).promise();
    /** Every copy of the link Approved: the connection on the target and the link in SignalR. */
    const assertAllApproved = async (replicas: string[], label: string) => {
        for (const linkId of [LINK_ID, ...replicas.map((r) => replicaLinkId(LINK_ID, r))]) {
            assert.equal(connectionOf(linkId)?.status, "Approved", `${label}: ${linkId.split("/signalR/")[1]}'s connection`);
            const shown = (await stack.azureNative.read("azure-native:signalrservice:SignalRSharedPrivateLinkResource", linkId, {}, {}))?.outputs.status;
            assert.equal(shown, "Approved", `${label}: SignalR reports ${linkId.split("/signalR/")[1]} Approved`);
        }
        assert.deepEqual(
            (await replicaOutputs()).map((r) => [r.name, r.sharedPrivateEndpoints]),
            replicas.map((r) => [r, { func: "Approved" }]),
            `${label}: the component's replica outputs`,
        );
    };

    it("up with a replica: the service, the replica, the link (copied to it) and both connections approved once; up, refresh, up: nothing to do", async () => {
        const program = programWith([{ location: "East US" }]);
        const first = changes(await stack.up(program));
        for (const step of ["create chat-service", "create chat-replica-eastus", "create chat-func-link", "create chat-func-approval"])
            assert.ok(first.includes(step), first.join(", "));
        await assertAllApproved(["contoso-signalr-eastus"], "first up");
        assert.equal(approvalWrites().length, 2, "one approval per SignalR instance");
        assert.equal(new Set(approvalWrites()).size, 2, "each connection written once");
        assert.deepEqual(changes(await stack.up(program)), [], "nothing to do");
        await stack.refresh();
        assert.deepEqual(changes(await stack.up(program)), [], "nothing to do after a refresh");
        assert.equal(approvalWrites().length, 2, "no approval written again");
        assert.equal(
            arm.requests.filter((r) => r.method !== "GET" && r.path.includes("/replicas/contoso-signalr-eastus/sharedPrivateLinkResources")).length,
            0,
            "a replica's copy is never written",
        );
    });

    it("a replica added later gets its approval in the same up; the connections that stay are not written again", async () => {
        await stack.up(programWith([{ location: "eastus" }]));
        const before = approvalWrites().length;
        const steps = changes(await stack.up(programWith([{ location: "eastus" }, { location: "westus" }])));
        assert.deepEqual(steps.sort(), ["create chat-replica-westus", "create chat-replica-westus-endpoint", "update chat-func-approval"]);
        assert.deepEqual(approvalWrites().slice(before), [connectionOf(replicaLinkId(LINK_ID, "contoso-signalr-westus"))!.name], "only the new replica's connection is approved");
        await assertAllApproved(["contoso-signalr-eastus", "contoso-signalr-westus"], "after the addition");
        assert.deepEqual(changes(await stack.up(programWith([{ location: "eastus" }, { location: "westus" }]))), []);
    });

    for (const leftover of ["removed", "Disconnected"] as const) {
        it(`a replica removed (its connection then ${leftover} on the target): no write on it, the others untouched, then nothing to do`, async () => {
            arm.deletedLinkConnections = leftover;
            await stack.up(programWith([{ location: "eastus" }, { location: "westus" }]));
            const writes = arm.requests.length;
            const steps = changes(await stack.up(programWith([{ location: "westus" }])));
            assert.deepEqual(steps.sort(), ["delete chat-replica-eastus", "delete chat-replica-eastus-endpoint", "update chat-func-approval"]);
            const later = arm.requests.slice(writes).filter((r) => r.method !== "GET");
            assert.deepEqual(
                later.map((r) => `${r.method} ${r.path.split("/providers/")[1]}`),
                ["DELETE Microsoft.SignalRService/signalR/contoso-signalr/replicas/contoso-signalr-eastus"],
                "nothing approved or rejected: the only write is the replica's delete",
            );
            await assertAllApproved(["contoso-signalr-westus"], "after the removal");
            assert.deepEqual(changes(await stack.up(programWith([{ location: "westus" }]))), [], "then nothing to do");
        });
    }

    it("a replica made outside the library: the link's approval approves its copy too (the bug: '2 connections carry the request message')", async () => {
        await stack.up(programWith(undefined, false));
        arm.addReplica("contoso-signalr", "made-by-hand");
        await stack.up(programWith(undefined));
        assert.equal(connectionOf(LINK_ID)?.status, "Approved");
        assert.equal(connectionOf(replicaLinkId(LINK_ID, "made-by-hand"))?.status, "Approved");
        assert.equal(approvalWrites().length, 2);
        assert.deepEqual(stack.ofType(DYNAMIC_TYPES.approval)[0].outputs.replicaStatuses, { "made-by-hand": "Approved" });
        assert.deepEqual(changes(await stack.up(programWith(undefined))), []);
    });

    it("a replica's copy ending Timeout fails the up naming the replica; `pulumi up --replace` of the link approves every new copy", async () => {
        arm.deletedLinkConnections = "Disconnected";
        const program = programWith([{ location: "eastus" }]);
        await stack.up(program);
        const copy = replicaLinkId(LINK_ID, "contoso-signalr-eastus");
        arm.setLinkStatus(copy, "Timeout");
        connectionOf(copy)!.status = "Disconnected";
        await assert.rejects(stack.up(program), /SignalR reports replica contoso-signalr-eastus's copy of shared private link func .* as Timeout: this state is final/);
        assert.deepEqual(changes(await stack.up(program, { replace: ["chat-func-link"] })), ["replace chat-func-link", "update chat-func-approval"]);
        const newest = (linkId: string) =>
            arm
                .connectionsOn(fnId)
                .filter((c) => c.sharedPrivateLinkResourceId?.toLowerCase() === linkId.toLowerCase())
                .at(-1);
        assert.equal(newest(LINK_ID)?.status, "Approved");
        assert.equal(newest(copy)?.status, "Approved");
        assert.deepEqual(changes(await stack.up(program)), []);
    });

    it("destroy: the replicas and their copies go with the service", async () => {
        await stack.up(programWith([{ location: "eastus" }]));
        await stack.destroy();
        assert.equal(stack.state.size, 0);
        assert.deepEqual(arm.sharedPrivateLinks(), []);
        assert.deepEqual(arm.replicasOf(SERVICE_ID), []);
    });
});
