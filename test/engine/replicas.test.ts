// Geo-replicas through the real engine: one Premium_P1 ServerlessSignalR (the day-2 program, its
// arguments from the stack config) with a replica and one shared private endpoint to the Function
// app, run by the real Pulumi CLI with the stand-in azure-native serving SignalRReplica; the fake
// Resource Manager copies the link to each replica, each copy requesting its own connection on the
// target. preview; up approves both connections once, the replica created with its region endpoint
// Disabled and set Enabled by one PATCH only after its copy turned Approved; up --expect-no-changes,
// also after a refresh; a second replica's copy approved and its endpoint enabled in the same up, the
// others untouched; the user turning a region endpoint off and on again; a removal only a DELETE; destroy.
import { strict as assert } from "node:assert";
import { type FakeResourceManager, TEST_SUBSCRIPTION, replicaLinkId } from "../support/fakeResourceManager";
import { EngineStack, engineScenario, stepsAfterConfigChange, succeededSteps } from "./engineStack";
import { describeWithEngine } from "./toolchain";

const SERVICE_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr`;
const LINK_ID = `${SERVICE_ID}/sharedPrivateLinkResources/func`;
const COMPONENT = "signalr-serverless:index:ServerlessSignalR";
const EAST = "contoso-signalr-eastus";
const WEST = "contoso-signalr-westus";

const sorted = (steps: string[]) => [...steps].sort();

describeWithEngine("the real Pulumi engine: a ServerlessSignalR with geo-replicas and a shared private endpoint", (bin) => {
    let site = "";
    const scenario = engineScenario(bin, {
        program: "day2",
        project: "engine-replicas",
        standIns: true,
        setUp: (_fake, functionApp) => ((site = functionApp), { args: argsWith(["eastus"]) }),
    });
    const argsWith = (replicas: (string | { location: string; regionEndpointEnabled?: boolean; capacity?: number })[]) =>
        JSON.stringify({
            resourceGroupName: "app-rg",
            serviceName: "contoso-signalr",
            location: "westeurope",
            sku: "Premium_P1",
            replicas: replicas.map((r) => (typeof r === "string" ? { location: r } : r)),
            // A 1 s poll: each confirmation waits one interval before its first read (the default 20 s would take its whole window).
            sharedPrivateEndpoints: [{ name: "func", targetResourceId: site, approvalTimeoutSeconds: 60, approvalConfirmationSeconds: 10, approvalPollIntervalSeconds: 1 }],
        });
    let arm: FakeResourceManager;
    let stack: EngineStack;
    before(() => ({ arm, stack } = scenario));

    const connectionOf = (linkId: string) => arm.connectionsOn(site).find((c) => c.sharedPrivateLinkResourceId?.toLowerCase() === linkId.toLowerCase());
    /** The writes on the target's connections, by connection name. */
    const connectionWrites = () => arm.requests.filter((r) => r.method !== "GET" && r.path.includes("/privateEndpointConnections/")).map((r) => r.path.split("/").pop()!);
    const replicasShown = async () => {
        const component = (await stack.exportStack()).deployment.resources?.find((r) => r.type === COMPONENT);
        return (component?.outputs?.replicas as { name: string; sharedPrivateEndpoints: Record<string, string> }[]).map((r) => [r.name, r.sharedPrivateEndpoints]);
    };
    const assertApproved = async (replicas: string[]) => {
        for (const linkId of [LINK_ID, ...replicas.map((r) => replicaLinkId(LINK_ID, r))]) assert.equal(connectionOf(linkId)?.status, "Approved", linkId);
        assert.deepEqual(
            await replicasShown(),
            replicas.map((r) => [r, { func: "Approved" }]),
            "the component's replica outputs",
        );
    };
    /** The writes to the replicas themselves (not their copies of the link), as `METHOD replica regionEndpointEnabled`. */
    const replicaWrites = (from = 0) =>
        arm.requests
            .slice(from)
            .filter((r) => r.method !== "GET" && /\/replicas\/[^/]+$/.test(r.path))
            .map((r) =>
                `${r.method} ${r.path.split("/").pop()} ${(r.body as { properties?: { regionEndpointEnabled?: string } } | undefined)?.properties?.regionEndpointEnabled ?? ""}`.trim(),
            );
    const regionEndpoint = (replica: string) => arm.replicas.get(`${SERVICE_ID}/replicas/${replica}`.toLowerCase())?.properties.regionEndpointEnabled;
    /** Index of the approval (PUT) of a copy's connection on the target, and of the PATCH that enabled its replica. */
    const approvedThenEnabled = (replica: string, from: number) => {
        const requests = arm.requests.slice(from);
        const approval = requests.findIndex((r) => r.method === "PUT" && r.path.endsWith(`/privateEndpointConnections/${connectionOf(replicaLinkId(LINK_ID, replica))!.name}`));
        const enable = requests.findIndex((r) => r.method === "PATCH" && r.path === `${SERVICE_ID}/replicas/${replica}`);
        assert.ok(approval >= 0 && enable > approval, `the copy's connection approved (${approval}) before the replica is enabled (${enable})`);
    };
    /** The config of the last up; an up with other replicas changes the stack config (stepsAfterConfigChange), the same replicas again must have no step at all. */
    let applied: string | undefined;
    const up = async (replicas: (string | { location: string; regionEndpointEnabled?: boolean; capacity?: number })[], options: Record<string, unknown> = {}) => {
        const config = argsWith(replicas);
        stack.setConfig({ args: config });
        const result = await stack.operation("up", options);
        const configChanged = applied !== undefined && applied !== config;
        applied = config;
        return configChanged ? stepsAfterConfigChange(result, "engine-replicas") : succeededSteps(result);
    };

    it("preview plans the replica and writes nothing", async function () {
        this.timeout(300_000);
        const preview = await stack.operation("preview");
        assert.deepEqual(preview.changeSummary, { create: 9 }, preview.output);
        assert.ok(preview.steps.includes("create chat-replica-eastus"), preview.steps.join(", "));
        assert.ok(preview.steps.includes("create chat-replica-eastus-endpoint"), preview.steps.join(", "));
        assert.equal(scenario.writes(), 0);
    });

    it("up creates the replica Disabled through the stand-in, approves the primary's and the replica's connection, each once, then enables the replica", async function () {
        this.timeout(300_000);
        const steps = await up(["eastus"]);
        for (const step of ["create chat-service", "create chat-replica-eastus", "create chat-func-link", "create chat-func-approval", "create chat-replica-eastus-endpoint"])
            assert.ok(steps.includes(step), steps.join(", "));
        const put = arm.requests.find((r) => r.method === "PUT" && r.path === `${SERVICE_ID}/replicas/${EAST}`);
        assert.equal(put?.query["api-version"], "2024-03-01");
        assert.deepEqual(put?.body, {
            location: "eastus",
            sku: { name: "Premium_P1", tier: "Premium", capacity: 1 },
            properties: { regionEndpointEnabled: "Disabled", resourceStopped: "false" },
        });
        // Disabled until its copy of the link turned Approved, then one PATCH in the spec's shape.
        assert.deepEqual(replicaWrites(), [`PUT ${EAST} Disabled`, `PATCH ${EAST} Enabled`]);
        approvedThenEnabled(EAST, 0);
        const patch = arm.requests.find((r) => r.method === "PATCH" && r.path === `${SERVICE_ID}/replicas/${EAST}`);
        assert.deepEqual(patch?.body, { location: "eastus", properties: { regionEndpointEnabled: "Enabled" } });
        assert.equal(regionEndpoint(EAST), "Enabled");
        await assertApproved([EAST]);
        const writes = connectionWrites();
        assert.deepEqual(sorted(writes), sorted([connectionOf(LINK_ID)!.name, connectionOf(replicaLinkId(LINK_ID, EAST))!.name]), "each connection written exactly once");
    });

    it("up again changes nothing (--expect-no-changes), has no step at all (providers included) and writes nothing", async function () {
        this.timeout(300_000);
        const writes = scenario.writes();
        assert.deepEqual(await up(["eastus"], { expectNoChanges: true }), []);
        assert.equal(scenario.writes(), writes);
    });

    it("refresh, then up --expect-no-changes: nothing changes and nothing is written (the replica does not fight its endpoint)", async function () {
        this.timeout(300_000);
        succeededSteps(await stack.operation("refresh"));
        const replica = (await stack.exportStack()).deployment.resources?.find((r) => r.type === "azure-native:signalrservice:SignalRReplica");
        assert.equal(replica?.inputs?.regionEndpointEnabled, "Enabled", "the refresh folded the live value into the replica's inputs");
        const writes = scenario.writes();
        assert.deepEqual(await up(["eastus"], { expectNoChanges: true }), []);
        assert.equal(scenario.writes(), writes);
        assert.equal(regionEndpoint(EAST), "Enabled");
    });

    it("a second replica: created Disabled, its copy approved and it enabled in the same up; the first two connections are not written", async function () {
        this.timeout(300_000);
        const before = connectionWrites().length;
        const from = arm.requests.length;
        assert.deepEqual(sorted(await up(["eastus", "westus"])), ["create chat-replica-westus", "create chat-replica-westus-endpoint", "update chat-func-approval"]);
        assert.deepEqual(connectionWrites().slice(before), [connectionOf(replicaLinkId(LINK_ID, WEST))!.name], "only the new copy's connection is written");
        assert.deepEqual(replicaWrites(from), [`PUT ${WEST} Disabled`, `PATCH ${WEST} Enabled`]);
        approvedThenEnabled(WEST, from);
        await assertApproved([EAST, WEST]);
        assert.deepEqual(await up(["eastus", "westus"], { expectNoChanges: true }), []);
    });

    it("the user turns a region endpoint off, then on again: one PATCH each, the replica resource unchanged", async function () {
        this.timeout(300_000);
        let from = arm.requests.length;
        assert.deepEqual(await up([{ location: "eastus", regionEndpointEnabled: false }, "westus"]), ["update chat-replica-eastus-endpoint"]);
        assert.deepEqual(replicaWrites(from), [`PATCH ${EAST} Disabled`]);
        assert.equal(regionEndpoint(EAST), "Disabled");
        assert.deepEqual(await up([{ location: "eastus", regionEndpointEnabled: false }, "westus"], { expectNoChanges: true }), []);
        from = arm.requests.length;
        assert.deepEqual(await up(["eastus", "westus"]), ["update chat-replica-eastus-endpoint"]);
        assert.deepEqual(replicaWrites(from), [`PATCH ${EAST} Enabled`]);
        assert.equal(regionEndpoint(EAST), "Enabled");
    });

    it("a later change of the replica's units (no refresh before): its PUT sends the stored Disabled, and the same up enables it again", async function () {
        this.timeout(300_000);
        const from = arm.requests.length;
        assert.deepEqual(sorted(await up(["eastus", { location: "westus", capacity: 2 }])), ["update chat-replica-westus", "update chat-replica-westus-endpoint"]);
        assert.deepEqual(replicaWrites(from), [`PUT ${WEST} Disabled`, `PATCH ${WEST} Enabled`]);
        assert.equal(regionEndpoint(WEST), "Enabled");
        assert.deepEqual(await up(["eastus", { location: "westus", capacity: 2 }], { expectNoChanges: true }), []);
    });

    it("the second replica removed: only its DELETE, no connection write", async function () {
        this.timeout(300_000);
        const from = arm.requests.length;
        assert.deepEqual(sorted(await up(["eastus"])), ["delete chat-replica-westus", "delete chat-replica-westus-endpoint", "update chat-func-approval"]);
        assert.deepEqual(
            arm.requests
                .slice(from)
                .filter((r) => r.method !== "GET")
                .map((r) => `${r.method} ${r.path}`),
            [`DELETE ${SERVICE_ID}/replicas/${WEST}`],
        );
        await assertApproved([EAST]);
    });

    it("destroy leaves nothing", async function () {
        this.timeout(300_000);
        const destroy = await stack.operation("destroy");
        succeededSteps(destroy);
        assert.deepEqual(destroy.summary?.resourceChanges, { delete: 9 });
        assert.equal(arm.services.size, 0);
        assert.deepEqual(arm.replicasOf(SERVICE_ID), []);
        assert.deepEqual(arm.sharedPrivateLinks(), []);
        assert.deepEqual((await stack.exportStack()).deployment.resources ?? [], []);
    });
});
