// Geo-replicas through the real engine: one Premium_P1 ServerlessSignalR (the day-2 program, its
// arguments from the stack config) with a replica and one shared private endpoint to the Function
// app, run by the real Pulumi CLI with the stand-in azure-native serving SignalRReplica; the fake
// Resource Manager copies the link to each replica, each copy requesting its own connection on the
// target. preview; up approves both connections once; up --expect-no-changes; a second replica's
// copy approved in the same up, the others untouched; its removal only a DELETE; destroy.
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
    const argsWith = (replicas: string[]) =>
        JSON.stringify({
            resourceGroupName: "app-rg",
            serviceName: "contoso-signalr",
            location: "westeurope",
            sku: "Premium_P1",
            replicas: replicas.map((location) => ({ location })),
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
    /** The config of the last up; an up with other replicas changes the stack config (stepsAfterConfigChange), the same replicas again must have no step at all. */
    let applied: string | undefined;
    const up = async (replicas: string[], options: Record<string, unknown> = {}) => {
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
        assert.deepEqual(preview.changeSummary, { create: 8 }, preview.output);
        assert.ok(preview.steps.includes("create chat-replica-eastus"), preview.steps.join(", "));
        assert.equal(scenario.writes(), 0);
    });

    it("up creates the replica through the stand-in and approves the primary's and the replica's connection, each once", async function () {
        this.timeout(300_000);
        const steps = await up(["eastus"]);
        for (const step of ["create chat-service", "create chat-replica-eastus", "create chat-func-link", "create chat-func-approval"])
            assert.ok(steps.includes(step), steps.join(", "));
        const put = arm.requests.find((r) => r.method === "PUT" && r.path === `${SERVICE_ID}/replicas/${EAST}`);
        assert.equal(put?.query["api-version"], "2024-03-01");
        assert.deepEqual(put?.body, {
            location: "eastus",
            sku: { name: "Premium_P1", tier: "Premium", capacity: 1 },
            properties: { regionEndpointEnabled: "Enabled", resourceStopped: "false" },
        });
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

    it("a second replica: its copy approved in the same up; the first two connections are not written", async function () {
        this.timeout(300_000);
        const before = connectionWrites().length;
        assert.deepEqual(sorted(await up(["eastus", "westus"])), ["create chat-replica-westus", "update chat-func-approval"]);
        assert.deepEqual(connectionWrites().slice(before), [connectionOf(replicaLinkId(LINK_ID, WEST))!.name], "only the new copy's connection is written");
        await assertApproved([EAST, WEST]);
    });

    it("the second replica removed: only its DELETE, no connection write", async function () {
        this.timeout(300_000);
        const from = arm.requests.length;
        assert.deepEqual(sorted(await up(["eastus"])), ["delete chat-replica-westus", "update chat-func-approval"]);
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
        assert.deepEqual(destroy.summary?.resourceChanges, { delete: 8 });
        assert.equal(arm.services.size, 0);
        assert.deepEqual(arm.replicasOf(SERVICE_ID), []);
        assert.deepEqual(arm.sharedPrivateLinks(), []);
        assert.deepEqual((await stack.exportStack()).deployment.resources ?? [], []);
    });
});
