// The first component through the real engine: SharedPrivateEndpoint from the packed tarball in a
// fresh consumer project, run by the real Pulumi CLI (preview, up, up with --expect-no-changes,
// refresh, up, destroy). Its azure-native SignalRSharedPrivateLinkResource and its random nonce are
// served by the stand-in providers (test/engine/standins/), installed into the run's PULUMI_HOME at
// the versions the locked SDKs ask for, with plugin acquisition off; the link is written to the
// fake Resource Manager over https, whose SignalR then makes a Pending connection on the target;
// the approval (the engine's dynamic-provider host) approves it.
import { strict as assert } from "node:assert";
import { locked } from "../support/consumerProject";
import { type FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { EngineStack, StateResource, engineScenario } from "./engineStack";
import { describeWithEngine, runAsync } from "./toolchain";
import * as path from "node:path";

const LINK = "azure-native:signalrservice:SignalRSharedPrivateLinkResource";
const NONCE = "random:index/randomString:RandomString";

describeWithEngine("the real Pulumi engine: a SharedPrivateEndpoint with stand-in azure-native and random providers", (bin) => {
    const scenario = engineScenario(bin, {
        program: "sharedPrivateEndpoint",
        project: "engine-shared-private-endpoint",
        standIns: true,
        setUp: (fake, target) => {
            fake.addSignalR("contoso-signalr");
            fake.addConnection(target, { name: "stranger", status: "Pending", description: "someone else's endpoint" });
            return { signalRName: "contoso-signalr", targetResourceId: target, resourceManagerEndpoint: fake.endpoint };
        },
    });
    const of = (resources: StateResource[] | undefined, type: string) => (resources ?? []).filter((r) => r.type === type);
    let arm: FakeResourceManager;
    let stack: EngineStack;
    let site: string;
    let linkId: string;
    before(() => {
        ({ arm, stack, site } = scenario);
        linkId = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr/sharedPrivateLinkResources/func-pe`;
    });

    it("has the stand-ins installed at the versions the locked SDKs ask for", async () => {
        const { stdout } = await runAsync(path.join(bin, "pulumi"), ["plugin", "ls", "--json"], { cwd: stack.workDir, env: stack.env });
        const plugins = (JSON.parse(stdout) as { name: string; kind: string; version: string }[]).filter((p) => p.kind === "resource");
        assert.deepEqual(plugins.map((p) => `${p.name}@${p.version}`).sort(), [`azure-native@${locked("@pulumi/azure-native")}`, `random@${locked("@pulumi/random")}`]);
    });

    it("preview plans the component, its link, nonce and approval, and writes nothing", async function () {
        this.timeout(300_000);
        const preview = await stack.operation("preview");
        assert.deepEqual(preview.changeSummary, { create: 5 }, preview.output);
        assert.equal(scenario.writes(), 0, "a preview never writes to Resource Manager");
    });

    it("up creates the link on the fake Resource Manager and approves the connection SignalR made on the target", async function () {
        this.timeout(300_000);
        const up = await stack.operation("up");
        assert.equal(up.summary?.result, "succeeded", up.output);
        assert.deepEqual(up.summary?.resourceChanges, { create: 5 });
        assert.equal(up.outputs?.status.value, "Approved");
        assert.equal(up.outputs?.sharedPrivateLinkResourceId.value, linkId);
        const [ours] = arm.connectionsOf(linkId);
        assert.equal(ours.connection.status, "Approved");
        assert.equal(ours.connection.description, up.outputs?.requestMessage.value);
        assert.match(String(up.outputs?.requestMessage.value), /^signalr-serverless func-pe [a-z0-9]{12}$/, "the nonce is the random stand-in's 12 lower-case alphanumerics");
        assert.equal(up.outputs?.connectionName.value, ours.connection.name);
        assert.equal(arm.connection(site, "stranger").status, "Pending", "no other connection is touched");
        const put = arm.requests.find((r) => r.method === "PUT" && r.path === linkId)!;
        assert.equal(put.query["api-version"], "2024-03-01");
        assert.deepEqual(put.body, { properties: { groupId: "sites", privateLinkResourceId: site, requestMessage: up.outputs?.requestMessage.value } });

        const resources = (await stack.exportStack()).deployment.resources;
        const [link] = of(resources, LINK);
        assert.equal(link.id, linkId);
        assert.match(String(link.provider), /::pulumi:providers:azure-native::default_/, "served by the azure-native plugin (the stand-in)");
        assert.equal(link.outputs?.status, "Pending", "the link as read after its write, before the approval");
        assert.equal(
            (link.outputs?.__inputs as { ciphertext?: string })?.ciphertext !== undefined,
            true,
            "the inputs are kept in state as a secret, as azure-native's checkpointObject keeps them",
        );
        assert.equal(of(resources, NONCE).length, 1);
    });

    it("up again changes nothing (--expect-no-changes) and writes nothing", async function () {
        this.timeout(300_000);
        const writes = scenario.writes();
        const again = await stack.operation("up", { expectNoChanges: true });
        assert.equal(again.summary?.result, "succeeded", again.output);
        assert.deepEqual(again.summary?.resourceChanges, { same: 5 });
        assert.equal(scenario.writes(), writes);
    });

    it("refresh folds the link's live state (now Approved) into state, and up after it changes nothing", async function () {
        this.timeout(300_000);
        const writes = scenario.writes();
        const refresh = await stack.operation("refresh");
        assert.equal(refresh.summary?.result, "succeeded", refresh.output);
        const [link] = of((await stack.exportStack()).deployment.resources, LINK);
        assert.equal(link.outputs?.status, "Approved", "Read took the live status");
        const up = await stack.operation("up", { expectNoChanges: true });
        assert.equal(up.summary?.result, "succeeded", up.output);
        assert.deepEqual(up.summary?.resourceChanges, { same: 5 });
        assert.equal(scenario.writes(), writes, "refresh and the up after it only read");
    });

    it("a new link name replaces the link delete-first (an explicit name) and up approves the new connection", async function () {
        this.timeout(300_000);
        stack.setConfig({ linkResourceName: "func-pe-2" });
        const first = arm.requests.length;
        const before = arm.requests.find((r) => r.method === "PUT" && r.path === linkId)?.body;
        const up = await stack.operation("up");
        assert.equal(up.summary?.result, "succeeded", up.output);
        // The link, and its nonce: the nonce's replacement trigger names the link, so a new link has a new request message.
        assert.equal(up.summary?.resourceChanges?.replace, 2, up.output);
        assert.notEqual(up.outputs?.requestMessage.value, (before as { properties: { requestMessage: string } }).properties.requestMessage, "a new request message");
        const newLinkId = linkId.replace(/func-pe$/, "func-pe-2");
        assert.equal(up.outputs?.sharedPrivateLinkResourceId.value, newLinkId);
        assert.equal(up.outputs?.status.value, "Approved");
        const writes = arm.requests.slice(first).filter((r) => r.method !== "GET");
        const deleteOld = writes.findIndex((r) => r.method === "DELETE" && r.path === linkId);
        const putNew = writes.findIndex((r) => r.method === "PUT" && r.path === newLinkId);
        assert.ok(deleteOld >= 0 && putNew > deleteOld, `the old link is deleted before the new one is written: ${writes.map((r) => `${r.method} ${r.path}`).join(", ")}`);
        assert.deepEqual(arm.sharedPrivateLinks(), [newLinkId]);
        const [ours] = arm.connectionsOf(newLinkId);
        assert.equal(ours.connection.status, "Approved");
        assert.equal(up.outputs?.connectionName.value, ours.connection.name);
        assert.equal(arm.connection(site, "stranger").status, "Pending");
        linkId = newLinkId;
        const again = await stack.operation("up", { expectNoChanges: true });
        assert.deepEqual(again.summary?.resourceChanges, { same: 5 }, again.output);
    });

    it("destroy removes the link and its connection, leaves the stranger's and empties the state", async function () {
        this.timeout(300_000);
        const destroy = await stack.operation("destroy");
        assert.equal(destroy.summary?.result, "succeeded", destroy.output);
        assert.deepEqual(destroy.summary?.resourceChanges, { delete: 5 });
        assert.deepEqual(arm.sharedPrivateLinks(), []);
        assert.deepEqual(arm.connectionsOf(linkId), []);
        assert.equal(arm.connection(site, "stranger").status, "Pending");
        assert.deepEqual((await stack.exportStack()).deployment.resources ?? [], []);
    });
});
