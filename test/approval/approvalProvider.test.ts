// The dynamic provider's create/read/diff/update/delete, called directly against the fake Resource
// Manager, as the Pulumi engine would call them.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ApprovalInputs, ApprovalOutputs, createApprovalProvider } from "../../src";
import { FakeResourceManager, fakeCredential } from "../support/fakeResourceManager";

const MESSAGE = "signalr-serverless chat-func-pe k3j4h5g6f7d8";

describe("PrivateEndpointConnectionApproval provider", () => {
    let arm: FakeResourceManager;
    let site: string;
    let spl: string;
    let provider: pulumi.dynamic.ResourceProvider;
    const logs: string[] = [];

    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe", { gets: 1 });
        arm.addConnection(site, { name: "conn-1", status: "Pending", description: MESSAGE, appearAfterLists: 1, sharedPrivateLinkResourceId: spl });
        logs.length = 0;
        provider = createApprovalProvider({ credential: fakeCredential, ca: arm.ca, retryDelayInMs: 10, log: (m) => logs.push(m) });
    });
    afterEach(() => arm.stop());

    const inputs = (extra: Partial<ApprovalInputs> = {}): ApprovalInputs => ({
        targetResourceId: site,
        requestMessage: MESSAGE,
        sharedPrivateLinkResourceId: spl,
        resourceManagerEndpoint: arm.endpoint,
        timeoutSeconds: 5,
        pollIntervalSeconds: 0.02,
        onDelete: "Keep",
        ...extra,
    });

    it("create approves, waits for SignalR, and stores only plain inputs and the connection", async () => {
        const result = await provider.create(inputs());
        const connectionId = `${site}/privateEndpointConnections/conn-1`;
        assert.equal(result.id, connectionId);
        assert.deepEqual(result.outs, { ...inputs(), connectionId, connectionName: "conn-1", status: "Approved" });
        assert.ok(!JSON.stringify(result.outs).includes("fake-token"), "no token in state");
        assert.equal(arm.connection(site, "conn-1").status, "Approved");
        assert.ok(logs.some((l) => l.startsWith("Waiting for the private endpoint connection")));
    });

    it("read refreshes the connection status and reports a deleted connection as gone", async () => {
        const created = await provider.create(inputs());
        arm.connection(site, "conn-1").status = "Disconnected";
        const read = await provider.read!(created.id, created.outs);
        assert.equal(read.props?.status, "Disconnected");
        const diff = await provider.diff!(created.id, read.props as ApprovalOutputs, inputs());
        assert.deepEqual(diff.replaces, ["status"], "a lost approval is done again");

        arm.connection(site, "conn-1").name = "renamed-away";
        const gone = await provider.read!(created.id, created.outs);
        assert.equal(gone.id, "");
    });

    it("diff replaces on a new target or message and updates in place otherwise", async () => {
        const created = await provider.create(inputs());
        const olds = created.outs as ApprovalOutputs;
        assert.deepEqual(await provider.diff!(created.id, olds, inputs()), { changes: false, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual((await provider.diff!(created.id, olds, inputs({ requestMessage: "other" }))).replaces, ["requestMessage"]);
        assert.deepEqual((await provider.diff!(created.id, olds, inputs({ targetResourceId: site.replace("contoso-func", "other-func") }))).replaces, ["targetResourceId"]);
        const timeoutOnly = await provider.diff!(created.id, olds, inputs({ timeoutSeconds: 60 }));
        assert.deepEqual(timeoutOnly, { changes: true, replaces: [], deleteBeforeReplace: false });
        const before = arm.requests.length;
        const updated = await provider.update!(created.id, olds, inputs({ timeoutSeconds: 60 }));
        assert.equal(updated.outs.timeoutSeconds, 60);
        assert.equal(updated.outs.connectionId, olds.connectionId);
        assert.equal(arm.requests.length, before, "an update sends nothing");
    });

    it("delete leaves the connection by default", async () => {
        const created = await provider.create(inputs());
        const before = arm.requests.length;
        await provider.delete!(created.id, created.outs);
        assert.equal(arm.requests.length, before);
        assert.equal(arm.connection(site, "conn-1").status, "Approved");
    });

    it("delete rejects our connection when asked, and only ours", async () => {
        const created = await provider.create(inputs({ onDelete: "Reject" }));
        await provider.delete!(created.id, created.outs);
        assert.equal(arm.connection(site, "conn-1").status, "Rejected");
        const lastPut = arm.requests.filter((r) => r.method === "PUT").pop();
        assert.deepEqual(lastPut?.body, { properties: { privateLinkServiceConnectionState: { status: "Rejected", description: MESSAGE, actionsRequired: "None" } } });

        // A connection whose description is no longer ours is not touched.
        arm.addConnection(site, { name: "stranger", status: "Approved", description: "ops" });
        const puts = arm.count("PUT");
        await provider.delete!(`${site}/privateEndpointConnections/stranger`, {
            ...(created.outs as ApprovalOutputs),
            connectionId: `${site}/privateEndpointConnections/stranger`,
        });
        assert.equal(arm.count("PUT"), puts);
    });

    it("check reports bad inputs as failures with the field", async () => {
        const result = await provider.check!({}, inputs({ targetResourceId: "not-an-id" }));
        assert.equal(result.failures?.[0].property, "targetResourceId");
        assert.match(result.failures?.[0].reason ?? "", /must be an Azure resource id/);
        assert.deepEqual((await provider.check!({}, inputs())).failures, []);
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assert.deepEqual((await provider.check!({}, inputs({ targetResourceId: unknown }))).failures, [], "a value unknown in preview is not judged");
    });
});
