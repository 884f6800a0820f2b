// The approval of a shared private link on a service with geo-replicas, against the fake Resource
// Manager, which copies each link to every replica as the SignalR team describes (Azure/azure-rest-api-specs
// PR #28259) and makes each copy's Pending connection on the target with the link's request message.
import { strict as assert } from "node:assert";
import { ApprovalOptions, approvePrivateEndpointConnection } from "../../src";
import { approvalLifecycle } from "../../src/resources/approval";
import { FakeResourceManager, fakeCredential, replicaLinkId } from "../support/fakeResourceManager";
import { fakeArmApprovalOptions } from "../support/approvalOptions";

const MESSAGE = "signalr-serverless func-pe 7c1d0e";
const SERVICE = "contoso-signalr";

describe("approval with geo-replicas", () => {
    let arm: FakeResourceManager;
    let site: string;
    let spl: string;
    const logs: string[] = [];

    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        arm.addSignalR(SERVICE);
        spl = arm.addSharedPrivateLink(SERVICE, "func-pe");
        // SignalR's own request for the primary: Pending, the request message as description.
        arm.addConnection(site, { name: "primary-pe", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });
        logs.length = 0;
    });
    afterEach(() => arm.stop());

    const options = (extra: Partial<ApprovalOptions> = {}): ApprovalOptions =>
        fakeArmApprovalOptions(arm, site, MESSAGE, { sharedPrivateLinkResourceId: spl, confirmationSeconds: 1, log: (m) => logs.push(m), ...extra });
    const puts = () => arm.requests.filter((r) => r.method === "PUT");
    const copyOf = (replica: string) => arm.connectionsOf(replicaLinkId(spl, replica))[0].connection;

    it("a service with a replica made outside the library: both connections approved, each once (the bug: '2 connections carry the request message')", async () => {
        arm.addReplica(SERVICE, "contoso-signalr-eastus");
        const result = await approvePrivateEndpointConnection(options());
        assert.equal(puts().length, 2, "one approval per SignalR instance");
        assert.deepEqual(new Set(puts().map((r) => r.path.split("/").pop())), new Set(["primary-pe", copyOf("contoso-signalr-eastus").name]));
        assert.equal(arm.connection(site, "primary-pe").status, "Approved");
        assert.equal(copyOf("contoso-signalr-eastus").status, "Approved");
        assert.equal(result.connectionId, `${site}/privateEndpointConnections/primary-pe`, "the primary's connection is the one its link confirmed");
        assert.deepEqual(result.replicaConnections, { "contoso-signalr-eastus": `${site}/privateEndpointConnections/${copyOf("contoso-signalr-eastus").name}` });
        assert.deepEqual(result.replicaStatuses, { "contoso-signalr-eastus": "Approved" });
        // The replica's copy was only read, never written (no PUT, no DELETE exists for it).
        assert.equal(arm.requests.filter((r) => r.method !== "GET" && r.path.includes("/replicas/")).length, 0);
    });

    it("approves one connection at a time: the next only after SignalR confirmed the one before", async () => {
        arm.addReplica(SERVICE, "r-eastus");
        arm.addReplica(SERVICE, "r-westus");
        await approvePrivateEndpointConnection(options({ replicaNames: ["r-eastus", "r-westus"] }));
        const order = arm.requests.filter((r) => r.method === "PUT" || (r.method === "GET" && r.path.includes("sharedPrivateLinkResources")));
        const putAt = order.map((r, i) => (r.method === "PUT" ? i : -1)).filter((i) => i >= 0);
        assert.equal(putAt.length, 3);
        for (let k = 1; k < putAt.length; k++) {
            // Between the k-th approval and the next: the confirmation's read of each of the 3 copies
            // not Approved before it (an Approved copy cannot turn Approved: not read again).
            const between = order.slice(putAt[k - 1] + 1, putAt[k]).map((r) => r.path);
            assert.equal(new Set(between).size, 3 - (k - 1), "the copies not yet Approved are read (the confirmation) between two approvals");
        }
        assert.equal(new Set(puts().map((r) => r.path)).size, 3, "each connection approved exactly once");
        assert.ok(logs.some((l) => /SignalR reports replica r-eastus's copy of shared private link func-pe Approved/.test(l)));
    });

    it("reads only what it needs: the replicas listed once, the target listed once a poll, a copy no longer read once Approved", async () => {
        // SignalR reports each approval only after 2 more reads of the copy (its propagation lag).
        const lagged = arm.addSharedPrivateLink(SERVICE, "lagged-pe", { gets: 2 });
        arm.addConnection(site, { name: "primary-pe2", status: "Pending", description: `${MESSAGE}-lagged`, sharedPrivateLinkResourceId: lagged });
        arm.addReplica(SERVICE, "contoso-signalr-eastus");
        const copyName = arm.connectionsOf(replicaLinkId(lagged, "contoso-signalr-eastus"))[0].connection.name;
        const result = await approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: lagged, requestMessage: `${MESSAGE}-lagged` }));
        assert.equal(result.replicaStatuses!["contoso-signalr-eastus"], "Approved");
        const gets = (suffix: string) => arm.requests.filter((r) => r.method === "GET" && r.path.toLowerCase().endsWith(suffix.toLowerCase()));
        const writes = puts().map((r) => r.path.split("/").pop());
        assert.deepEqual(writes, [copyName, "primary-pe2"], "the copy's connection (first by id), then the primary's");
        assert.equal(gets("/replicas").length, 1, "the replicas are listed once");
        // The copy: read before the first approval, then in its confirmation until it turns Approved
        // (2 lagging reads and the one that sees it), never again.
        assert.equal(gets(`/replicas/contoso-signalr-eastus/sharedPrivateLinkResources/lagged-pe`).length, 4);
        // The primary: the check (its answer also the first poll's), 3 reads in the copy's
        // confirmation, 3 in its own (2 lagging, 1 that sees it).
        assert.equal(gets(`/signalR/${SERVICE}/sharedPrivateLinkResources/lagged-pe`).length, 7);
        // The target: one list per decision (before each approval, and the one that finds every copy Approved).
        assert.equal(gets(`/privateEndpointConnections`).length, 3);
    });

    it("the second copy's confirmation first reads when the first one's showed SignalR needs at least (no reads that could only see Pending)", async () => {
        // SignalR reports each approval 600 ms after it; the confirmation polls every 50 ms.
        const lagged = arm.addSharedPrivateLink(SERVICE, "slow-pe", { ms: 600 });
        arm.addConnection(site, { name: "primary-pe3", status: "Pending", description: `${MESSAGE}-slow`, sharedPrivateLinkResourceId: lagged });
        arm.addReplica(SERVICE, "contoso-signalr-eastus");
        await approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: lagged, requestMessage: `${MESSAGE}-slow`, confirmationSeconds: 3 }));
        const [first, second] = puts().map((r) => r.at);
        const primaryReads = arm.requests.filter((r) => r.method === "GET" && r.path.endsWith(`/signalR/${SERVICE}/sharedPrivateLinkResources/slow-pe`));
        const inFirst = primaryReads.filter((r) => r.at > first && r.at < second).length;
        const inSecond = primaryReads.filter((r) => r.at > second);
        assert.ok(inFirst >= 6, `the first confirmation polls until SignalR reports it (${inFirst} reads)`);
        assert.ok(inSecond.length <= 3, `the second waits about as long before its first read (${inSecond.length} reads)`);
        assert.ok(inSecond[0].at - second >= 400, `its first read ${inSecond[0].at - second} ms after the write`);
    });

    it("refuses, writing nothing, when more connections carry the message than the service and its replicas account for", async () => {
        arm.addReplica(SERVICE, "r-eastus");
        arm.addConnection(site, { name: "copycat", status: "Pending", description: MESSAGE });
        await assert.rejects(
            approvePrivateEndpointConnection(options()),
            /3 connections carry this approval's request message, but the service and its 1 replica\(s\) account for at most 2/,
        );
        assert.equal(puts().length, 0);
    });

    it("refuses when more Pending connections carry the message than copies wait for approval", async () => {
        arm.addReplica(SERVICE, "r-eastus");
        arm.connection(site, "primary-pe").status = "Approved";
        arm.setLinkStatus(spl, "Approved");
        arm.addConnection(site, { name: "copycat", status: "Pending", description: MESSAGE });
        // Candidates 3 > instances 2 would also refuse; drop the primary's to test the Pending rule alone.
        arm.removeConnection(site, "primary-pe");
        await assert.rejects(
            approvePrivateEndpointConnection(options({ knownConnections: { "": `${site}/privateEndpointConnections/primary-pe` } })),
            /2 Pending connections carry this approval's request message, but only 1 of the service's copies of the link \(replica r-eastus\) are not Approved yet/,
        );
        assert.equal(puts().length, 0);
    });

    it("a stranger's connection approved in a replica's place is rejected again when no copy confirms it", async () => {
        arm.addReplica(SERVICE, "r-eastus");
        arm.connection(site, "primary-pe").status = "Approved";
        arm.setLinkStatus(spl, "Approved");
        // The replica's own request has not appeared yet; a stranger's with our message has.
        copyOf("r-eastus").appearAfterLists = 1000;
        arm.addConnection(site, { name: "copycat", status: "Pending", description: MESSAGE });
        await assert.rejects(
            approvePrivateEndpointConnection(options({ knownConnections: { "": `${site}/privateEndpointConnections/primary-pe` } })),
            /SignalR did not report any copy of shared private link func-pe Approved within 1 s .*replica r-eastus \(Pending\).*copycat .* was rejected again/s,
        );
        assert.equal(arm.connection(site, "copycat").status, "Rejected");
        assert.equal(arm.connection(site, "primary-pe").status, "Approved", "the primary's connection is left as it is");
    });

    for (const status of ["Rejected", "Disconnected", "Timeout"]) {
        it(`a replica's copy ending ${status} is an error naming the replica`, async () => {
            arm.addReplica(SERVICE, "r-eastus");
            arm.setLinkStatus(replicaLinkId(spl, "r-eastus"), status);
            await assert.rejects(
                approvePrivateEndpointConnection(options({ replicaNames: ["r-eastus"] })),
                new RegExp(`SignalR reports replica r-eastus's copy of shared private link func-pe .* as ${status}: this state is final`),
            );
        });
    }

    it("day 2: a replica added later gets its approval; the connections that stay are not written again", async () => {
        arm.addReplica(SERVICE, "r-eastus");
        const first = await approvePrivateEndpointConnection(options({ replicaNames: ["r-eastus"] }));
        const before = puts().length;
        arm.addReplica(SERVICE, "r-westus");
        const second = await approvePrivateEndpointConnection(
            options({ replicaNames: ["r-eastus", "r-westus"], knownConnections: { "": first.connectionId, ...first.replicaConnections } }),
        );
        const written = puts()
            .slice(before)
            .map((r) => r.path.split("/").pop());
        assert.deepEqual(written, [copyOf("r-westus").name], "only the new replica's connection is approved");
        assert.equal(second.connectionId, first.connectionId);
        assert.equal(second.replicaConnections!["r-eastus"], first.replicaConnections!["r-eastus"]);
        assert.deepEqual(second.replicaStatuses, { "r-eastus": "Approved", "r-westus": "Approved" });
    });

    it("day 2: a removed replica's connection still approved on the target is not counted against the others", async () => {
        arm.addReplica(SERVICE, "r-eastus");
        arm.addReplica(SERVICE, "r-westus");
        const first = await approvePrivateEndpointConnection(options());
        // The replica goes; the target keeps its connection Approved (what Azure shows then is undocumented).
        const gone = first.replicaConnections!["r-westus"];
        arm.replicas.delete(`${spl.split("/sharedPrivateLinkResources/")[0]}/replicas/r-westus`.toLowerCase());
        const before = puts().length;
        const second = await approvePrivateEndpointConnection(options({ knownConnections: { "": first.connectionId, ...first.replicaConnections } }));
        assert.equal(puts().length, before, "nothing written");
        assert.equal(arm.connection(site, gone.split("/").pop()!).status, "Approved", "the removed replica's connection is not rejected");
        assert.deepEqual(Object.keys(second.replicaStatuses!), ["r-eastus"]);
    });

    it("the lifecycle: create approves every copy, an unchanged diff reads once, a changed replica set re-approves only the new one", async () => {
        arm.addReplica(SERVICE, "r-eastus");
        const lifecycle = approvalLifecycle({ credential: fakeCredential, ca: arm.ca, retryDelayInMs: 20 });
        const inputs = {
            targetResourceId: site,
            requestMessage: MESSAGE,
            sharedPrivateLinkResourceId: spl,
            resourceManagerEndpoint: arm.endpoint,
            pollIntervalSeconds: 0.02,
            timeoutSeconds: 5,
            confirmationSeconds: 2,
            replicaNames: ["r-eastus"],
        };
        const created = await lifecycle.create(inputs);
        assert.equal(created.outs.replicaStatuses!["r-eastus"], "Approved");
        const requests = arm.requests.length;
        assert.equal((await lifecycle.diff(created.id, created.outs, inputs)).changes, false);
        assert.equal(arm.requests.length - requests, 1, "the diff reads the target's connections once");
        // Someone rejects the replica's connection: the next diff sees it.
        copyOf("r-eastus").status = "Rejected";
        assert.equal((await lifecycle.diff(created.id, created.outs, inputs)).changes, true);
        copyOf("r-eastus").status = "Approved";

        arm.addReplica(SERVICE, "r-westus");
        const news = { ...inputs, replicaNames: ["r-eastus", "r-westus"] };
        assert.equal((await lifecycle.diff(created.id, created.outs, news)).changes, true);
        const before = puts().length;
        const updated = await lifecycle.update(created.id, created.outs, news);
        assert.deepEqual(
            puts()
                .slice(before)
                .map((r) => r.path.split("/").pop()),
            [copyOf("r-westus").name],
        );
        assert.equal(updated.outs.connectionId, created.outs.connectionId);

        // Removing a replica: nothing approved or rejected, even with onDelete Reject.
        const fewer = { ...news, replicaNames: ["r-eastus"] };
        const afterRemoval = await lifecycle.update(created.id, updated.outs, fewer);
        assert.equal(puts().length, before + 1);
        assert.deepEqual(Object.keys(afterRemoval.outs.replicaStatuses!), ["r-eastus"]);
    });
});
