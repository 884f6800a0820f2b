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
    let marks: string[];
    const logs: string[] = [];

    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe", { gets: 1 });
        arm.addConnection(site, { name: "conn-1", status: "Pending", description: MESSAGE, appearAfterLists: 1, sharedPrivateLinkResourceId: spl });
        logs.length = 0;
        marks = ["0a1b2c3d", "4e5f6a7b"];
        provider = createApprovalProvider({ credential: fakeCredential, ca: arm.ca, retryDelayInMs: 10, log: (m) => logs.push(m), newMark: () => marks.shift()! });
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
        assert.deepEqual(result.outs, { ...inputs(), connectionId, connectionName: "conn-1", status: "Approved", approvalMark: "0a1b2c3d" });
        assert.equal(arm.connection(site, "conn-1").description, MESSAGE, "onDelete: Keep writes the request message as the description");
        assert.ok(!JSON.stringify(result.outs).includes("fake-token"), "no token in state");
        assert.equal(arm.connection(site, "conn-1").status, "Approved");
        assert.ok(logs.some((l) => l.startsWith("Waiting for the private endpoint connection")));
    });

    it("read refreshes the connection status, a lost approval is approved again in place, a deleted connection is gone", async () => {
        const created = await provider.create(inputs());
        arm.connection(site, "conn-1").status = "Pending"; // e.g. reset by someone on the target
        const read = await provider.read!(created.id, created.outs);
        assert.equal(read.props?.status, "Pending");
        const diff = await provider.diff!(created.id, read.props as ApprovalOutputs, inputs());
        assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false }, "a lost approval is done again, never by replacement");
        const updated = await provider.update!(created.id, read.props as ApprovalOutputs, inputs());
        assert.equal(updated.outs.status, "Approved");
        assert.equal(arm.connection(site, "conn-1").status, "Approved");

        arm.connection(site, "conn-1").name = "renamed-away";
        const gone = await provider.read!(created.id, created.outs);
        assert.equal(gone.id, "");
    });

    it("diff never replaces; an update of wait settings writes nothing", async () => {
        const created = await provider.create(inputs());
        const olds = created.outs as ApprovalOutputs;
        assert.deepEqual(await provider.diff!(created.id, olds, inputs()), { changes: false, replaces: [], deleteBeforeReplace: false });
        for (const change of [{ requestMessage: "other" }, { targetResourceId: site.replace("contoso-func", "other-func") }, { timeoutSeconds: 60 }]) {
            assert.deepEqual(await provider.diff!(created.id, olds, inputs(change)), { changes: true, replaces: [], deleteBeforeReplace: false }, JSON.stringify(change));
        }
        const before = arm.requests.length;
        const updated = await provider.update!(created.id, olds, inputs({ timeoutSeconds: 60 }));
        assert.equal(updated.outs.timeoutSeconds, 60);
        assert.equal(updated.outs.connectionId, olds.connectionId);
        assert.equal(updated.outs.approvalMark, olds.approvalMark);
        assert.deepEqual(
            arm.requests.slice(before).map((r) => [r.method, r.path]),
            [["GET", olds.connectionId]],
            "an update of wait settings only reads that the connection is still approved",
        );
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
        assert.equal(arm.connection(site, "conn-1").description, `${MESSAGE} (approval 0a1b2c3d)`, "an approval that may reject marks what it wrote");
        await provider.delete!(created.id, created.outs);
        assert.equal(arm.connection(site, "conn-1").status, "Rejected");
        const lastPut = arm.requests.filter((r) => r.method === "PUT").pop();
        assert.deepEqual(lastPut?.body, {
            properties: { privateLinkServiceConnectionState: { status: "Rejected", description: `${MESSAGE} (approval 0a1b2c3d)`, actionsRequired: "None" } },
        });

        // A connection whose description is no longer ours is not touched.
        arm.addConnection(site, { name: "stranger", status: "Approved", description: "ops" });
        const puts = arm.count("PUT");
        await provider.delete!(`${site}/privateEndpointConnections/stranger`, {
            ...(created.outs as ApprovalOutputs),
            connectionId: `${site}/privateEndpointConnections/stranger`,
        });
        assert.equal(arm.count("PUT"), puts);
    });

    it("a replacement (create the new, then delete the old) keeps the connection approved, even with onDelete: Reject", async () => {
        // The sequence the engine runs for a forced replace or a new name without an alias.
        const old = await provider.create(inputs({ onDelete: "Reject" }));
        const replacement = await provider.create(inputs({ onDelete: "Reject" }));
        assert.equal(replacement.id, old.id, "the same connection");
        assert.equal(arm.connection(site, "conn-1").description, `${MESSAGE} (approval 4e5f6a7b)`, "the replacement took it over with one write");
        const putsBeforeDelete = arm.count("PUT");
        await provider.delete!(old.id, old.outs);
        assert.equal(arm.count("PUT"), putsBeforeDelete, "the old approval's delete writes nothing");
        assert.equal(arm.connection(site, "conn-1").status, "Approved");
        assert.ok(logs.some((l) => l.startsWith("Leaving private endpoint connection conn-1")));

        // The replacement still owns it: its own delete rejects as asked.
        await provider.delete!(replacement.id, replacement.outs);
        assert.equal(arm.connection(site, "conn-1").status, "Rejected");
    });

    it("a replacement that keeps connections takes over from one that would reject", async () => {
        const old = await provider.create(inputs({ onDelete: "Reject" }));
        await provider.create(inputs({ onDelete: "Keep" }));
        assert.equal(arm.connection(site, "conn-1").description, MESSAGE);
        await provider.delete!(old.id, old.outs);
        assert.equal(arm.connection(site, "conn-1").status, "Approved");
    });

    it("an update to a new connection (new message) approves it, then rejects the old one only with onDelete: Reject", async () => {
        const newMessage = `${MESSAGE}-2`;
        for (const onDelete of ["Keep", "Reject"] as const) {
            const created = await provider.create(inputs({ onDelete }));
            // The shared private link was recreated with the new message: a second connection appears.
            arm.addConnection(site, { name: `conn-${onDelete}`, status: "Pending", description: newMessage, sharedPrivateLinkResourceId: spl });
            const updated = await provider.update!(created.id, created.outs as ApprovalOutputs, inputs({ onDelete, requestMessage: newMessage }));
            assert.equal(updated.outs.connectionId, `${site}/privateEndpointConnections/conn-${onDelete}`);
            assert.equal(arm.connection(site, `conn-${onDelete}`).status, "Approved");
            assert.equal(arm.connection(site, "conn-1").status, onDelete === "Reject" ? "Rejected" : "Approved", onDelete);
            // read follows the current connection, not the resource's first id
            arm.removeConnection(site, `conn-${onDelete}`);
            assert.equal((await provider.read!(created.id, updated.outs)).id, "");
            // reset for the next round
            arm.removeConnection(site, "conn-1");
            arm.addConnection(site, { name: "conn-1", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });
        }
    });

    for (const oldConnection of ["Disconnected", "removed"] as const) {
        it(`a link recreated under the same id (old connection ${oldConnection}) is seen by the next diff without a refresh, and the new connection approved`, async () => {
            const created = await provider.create(inputs());
            const olds = created.outs as ApprovalOutputs;
            // azure-native replaced the link delete-first under the same id; even the request message is the same.
            arm.recreateSharedPrivateLink(spl, site, "conn-1", oldConnection);
            arm.addConnection(site, { name: "conn-2", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });

            const before = arm.requests.length;
            assert.deepEqual(await provider.diff!(created.id, olds, inputs()), { changes: true, replaces: [], deleteBeforeReplace: false });
            assert.deepEqual(
                arm.requests.slice(before).map((r) => [r.method, r.path]),
                [["GET", olds.connectionId]],
                "the diff reads the approved connection once and writes nothing",
            );
            const updated = await provider.update!(created.id, olds, inputs());
            assert.equal(updated.outs.connectionId, `${site}/privateEndpointConnections/conn-2`);
            assert.equal(arm.connection(site, "conn-2").status, "Approved");
            // And then a run with nothing to do shows no change.
            assert.deepEqual(await provider.diff!(created.id, updated.outs as ApprovalOutputs, inputs()), { changes: false, replaces: [], deleteBeforeReplace: false });
        });
    }

    it("a connection rejected on the target: the diff sees it, and the update names the command that recreates the link", async () => {
        const created = await provider.create(inputs());
        arm.connection(site, "conn-1").status = "Rejected";
        arm.setLinkStatus(spl, "Rejected");
        assert.equal((await provider.diff!(created.id, created.outs as ApprovalOutputs, inputs())).changes, true);
        const writes = arm.count("PUT");
        await assert.rejects(provider.update!(created.id, created.outs as ApprovalOutputs, inputs()), (e: Error) => {
            assert.match(e.message, /as Rejected: this state is final/);
            assert.ok(e.message.includes(`pulumi up --replace '<URN>', the URN of the SignalRSharedPrivateLinkResource whose id is ${spl}`), e.message);
            return true;
        });
        assert.equal(arm.count("PUT"), writes, "nothing is written to a refused connection");
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
