// The packed tarball in a fresh consumer project, run by the real Pulumi CLI (preview, up, up with
// --expect-no-changes, refresh, destroy) on a file backend: the engine starts the consumer's
// dynamic-provider host through the toolchain's `pulumi-resource-pulumi-nodejs` launcher, the
// approval approves a pending connection on the fake Resource Manager, and the state file is read
// back with `pulumi stack export`.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import type { FakeResourceManager } from "../support/fakeResourceManager";
import { EngineStack, StateResource, engineScenario } from "./engineStack";
import { describeWithEngine, runAsync } from "./toolchain";

const APPROVAL = "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval";
const REQUEST_MESSAGE = "signalr-serverless func-pe 5e1f0c2a";

describeWithEngine("the real Pulumi engine: a PrivateEndpointConnectionApproval from the packed tarball", (bin, _hostsBin, cli) => {
    const scenario = engineScenario(bin, {
        program: "approval",
        project: "engine-approval",
        setUp: (fake, target) => {
            const link = fake.addSharedPrivateLink("contoso-signalr", "func-pe");
            fake.addConnection(target, { name: "signalr-conn", status: "Pending", description: REQUEST_MESSAGE, sharedPrivateLinkResourceId: link, appearAfterLists: 1 });
            fake.addConnection(target, { name: "stranger", status: "Pending", description: "someone else's endpoint" });
            return { targetResourceId: target, requestMessage: REQUEST_MESSAGE, sharedPrivateLinkResourceId: link, resourceManagerEndpoint: fake.endpoint };
        },
    });
    const writes = () => scenario.writes();
    const approvalIn = (resources: StateResource[] = []) => resources.find((r) => r.type === APPROVAL);
    let arm: FakeResourceManager;
    let stack: EngineStack;
    let site: string;
    before(() => ({ arm, stack, site } = scenario));

    it("is the selected CLI's version (the pinned one with the built toolchain)", async () => {
        const { stdout } = await runAsync(path.join(bin, "pulumi"), ["version"], { cwd: stack.workDir, env: stack.env });
        assert.equal(stdout.trim(), cli.version);
    });

    it("preview plans the stack and the approval and writes nothing", async function () {
        this.timeout(300_000);
        const preview = await stack.operation("preview");
        assert.deepEqual(preview.changeSummary, { create: 2 }, preview.output);
        assert.equal(writes(), 0, "a preview never writes to Resource Manager");
        assert.equal(arm.connection(site, "signalr-conn").status, "Pending");
    });

    it("up approves the pending connection; the state holds the approval in at most 2 KB, Approved", async function () {
        this.timeout(300_000);
        const up = await stack.operation("up");
        assert.equal(up.summary?.result, "succeeded", up.output);
        assert.deepEqual(up.summary?.resourceChanges, { create: 2 });
        assert.equal(up.outputs?.status.value, "Approved");
        assert.equal(up.outputs?.connectionName.value, "signalr-conn");
        assert.equal(arm.connection(site, "signalr-conn").status, "Approved");
        assert.equal(arm.connection(site, "stranger").status, "Pending", "no other connection is touched");

        const exported = await stack.exportStack();
        assert.equal(exported.deployment.manifest.version, cli.version, "the state was written by the selected engine");
        const approval = approvalIn(exported.deployment.resources)!;
        assert.ok(approval, "the approval is in the state");
        assert.equal(approval.id, `${site}/privateEndpointConnections/signalr-conn`);
        assert.equal(approval.outputs?.status, "Approved");
        assert.match(String(approval.inputs?.__provider), /require\("signalr-serverless\/dynamic\/approval"\)/, "the provider is a reference to the installed package");
        const bytes = JSON.stringify(approval.inputs).length + JSON.stringify(approval.outputs).length;
        assert.ok(bytes <= 2048, `the approval's state is ${bytes} bytes (inputs + outputs)`);
        assert.match(String(approval.provider), /::pulumi:providers:pulumi-nodejs::default/, "served by the engine's dynamic-provider host");
    });

    it("up again changes nothing (--expect-no-changes) and writes nothing", async function () {
        this.timeout(300_000);
        const before = writes();
        const again = await stack.operation("up", { expectNoChanges: true });
        assert.equal(again.summary?.result, "succeeded", again.output);
        assert.deepEqual(again.summary?.resourceChanges, { same: 2 });
        assert.equal(writes(), before);
    });

    it("refresh reads the approval back unchanged, and up after it still changes nothing", async function () {
        this.timeout(300_000);
        const before = writes();
        const refresh = await stack.operation("refresh");
        assert.equal(refresh.summary?.result, "succeeded", refresh.output);
        assert.deepEqual(refresh.summary?.resourceChanges, { same: 2 });
        assert.equal(approvalIn((await stack.exportStack()).deployment.resources)?.outputs?.status, "Approved");
        const up = await stack.operation("up", { expectNoChanges: true });
        assert.deepEqual(up.summary?.resourceChanges, { same: 2 }, up.output);
        assert.equal(writes(), before, "refresh and the up after it only read");
    });

    it("destroy rejects our connection (onDelete: Reject), leaves the stranger's and empties the state", async function () {
        this.timeout(300_000);
        const destroy = await stack.operation("destroy");
        assert.equal(destroy.summary?.result, "succeeded", destroy.output);
        assert.deepEqual(destroy.summary?.resourceChanges, { delete: 2 });
        assert.equal(arm.connection(site, "signalr-conn").status, "Rejected");
        assert.equal(arm.connection(site, "stranger").status, "Pending");
        assert.deepEqual((await stack.exportStack()).deployment.resources ?? [], []);
    });
});
