// ReplicaRegionEndpoint against the fake Resource Manager: a replica's region endpoint stays
// Disabled until its copy of the shared private link is Approved, then one PATCH of the replica in
// the REST spec's shape (SignalRReplicas_Update) sets it; never enabled with a copy not Approved.
import { strict as assert } from "node:assert";
import { createRegionEndpointProvider } from "../../src";
import { fakeClock } from "../support/fakeClock";
import { FakeResourceManager, fakeCredential, replicaLinkId } from "../support/fakeResourceManager";

const SERVICE = "contoso-signalr";
const REPLICA = "contoso-signalr-eastus";

describe("ReplicaRegionEndpoint provider", () => {
    let arm: FakeResourceManager;
    let replicaId: string;
    let copy: string;
    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        arm.addSignalR(SERVICE);
        const link = arm.addSharedPrivateLink(SERVICE, "func");
        replicaId = arm.addReplica(SERVICE, REPLICA);
        copy = replicaLinkId(link, REPLICA);
        // As the component creates it when the service has shared private endpoints.
        arm.replicas.get(replicaId.toLowerCase())!.properties.regionEndpointEnabled = "Disabled";
    });
    afterEach(() => arm.stop());

    const provider = (logs: string[] = []) =>
        createRegionEndpointProvider({ credential: fakeCredential, ca: arm.ca, retryDelayInMs: 10, clock: fakeClock(Date.now()), log: (m) => logs.push(m) });
    const inputs = (regionEndpointEnabled = "Enabled") => ({ replicaId, regionEndpointEnabled, operationPollIntervalSeconds: 0.01, resourceManagerEndpoint: arm.endpoint });
    const live = () => arm.replicas.get(replicaId.toLowerCase())!.properties.regionEndpointEnabled;
    const replicaWrites = () => arm.requests.filter((r) => r.method !== "GET" && r.path.includes("/replicas/"));

    it("stays Disabled while the replica's copy is Pending (an error naming the replica), and is set by one PATCH once it is Approved", async () => {
        const p = provider();
        await assert.rejects(p.create(inputs()), (e: Error) => {
            assert.match(e.message, new RegExp(`region endpoint of replica ${REPLICA} \\(${replicaId.replace(/[/.]/g, "\\$&")}\\) stays Disabled`));
            assert.match(e.message, /func \(Pending\)/);
            assert.match(e.message, /Do not enable the replica until its shared private endpoint has been approved/);
            return true;
        });
        assert.equal(live(), "Disabled");
        assert.deepEqual(replicaWrites(), [], "nothing written while the copy is Pending");

        arm.setLinkStatus(copy, "Approved");
        const created = await p.create(inputs());
        assert.equal(created.id, `${replicaId}/regionEndpoint`);
        assert.equal(created.outs.inEffect, true);
        assert.deepEqual(created.outs.sharedPrivateLinks, { func: "Approved" });
        assert.equal(live(), "Enabled");
        const writes = replicaWrites();
        assert.equal(writes.length, 1);
        assert.equal(writes[0].method, "PATCH");
        assert.equal(writes[0].path, replicaId);
        assert.equal(writes[0].query["api-version"], "2024-03-01");
        assert.deepEqual(writes[0].body, { location: "eastus", properties: { regionEndpointEnabled: "Enabled" } });
    });

    it("never enables while a link of the primary has no copy on the replica yet", async () => {
        arm.addSharedPrivateLink(SERVICE, "vault"); // added after the replica: not copied here
        arm.setLinkStatus(copy, "Approved");
        await assert.rejects(provider().create(inputs()), /replica contoso-signalr-eastus .*vault \(not copied to the replica yet\)/);
        assert.equal(live(), "Disabled");
        assert.deepEqual(replicaWrites(), []);
    });

    it("a replica already holding the value: nothing written; Disabled asked: written whatever the copies say", async () => {
        const p = provider();
        await p.create(inputs("Disabled"));
        assert.deepEqual(replicaWrites(), []);
        arm.replicas.get(replicaId.toLowerCase())!.properties.regionEndpointEnabled = "Enabled";
        arm.setLinkStatus(copy, "Rejected");
        await p.update!(`${replicaId}/regionEndpoint`, { ...inputs("Enabled"), inEffect: true, sharedPrivateLinks: {} }, inputs("Disabled"));
        assert.equal(live(), "Disabled");
        assert.deepEqual(
            replicaWrites().map((r) => r.body),
            [{ location: "eastus", properties: { regionEndpointEnabled: "Disabled" } }],
        );
    });

    it("diff reads the replica (one GET, no write): no change while it holds the value; a change when something else turned it off", async () => {
        arm.setLinkStatus(copy, "Approved");
        const p = provider();
        const { id, outs } = await p.create(inputs());
        const from = arm.requests.length;
        assert.equal((await p.diff!(id, outs, inputs())).changes, false);
        assert.deepEqual(
            arm.requests.slice(from).map((r) => `${r.method} ${r.path}`),
            [`GET ${replicaId}`],
        );
        // The replica's own update sends its stored value (Disabled): the endpoint is written again.
        arm.replicas.get(replicaId.toLowerCase())!.properties.regionEndpointEnabled = "Disabled";
        const logs: string[] = [];
        assert.equal((await provider(logs).diff!(id, outs, inputs())).changes, true);
        assert.match(logs.join("\n"), /region endpoint of replica contoso-signalr-eastus is not Enabled as wanted/);
        const read = await p.read!(id, outs);
        assert.equal(read.props.inEffect, false);
        assert.equal((await p.diff!(id, read.props as typeof outs, inputs())).changes, true);
        await p.update!(id, read.props as typeof outs, inputs());
        assert.equal(live(), "Enabled");
    });

    it("read of a removed replica: gone; delete writes nothing", async () => {
        arm.setLinkStatus(copy, "Approved");
        const p = provider();
        const { id, outs } = await p.create(inputs());
        const writes = replicaWrites().length;
        await p.delete!(id, outs);
        assert.equal(replicaWrites().length, writes);
        assert.equal(live(), "Enabled");
        arm.replicas.delete(replicaId.toLowerCase());
        assert.deepEqual(await p.read!(id, outs), { id: "", props: {} });
    });

    it("check refuses an id that is not a replica's and a value other than Enabled or Disabled, naming the field", async () => {
        const serviceId = replicaId.split("/replicas/")[0];
        const { failures } = await provider().check!({}, { ...inputs(), replicaId: serviceId });
        assert.equal(failures?.[0].property, "replicaId");
        assert.match(failures![0].reason, /must be the resource id of a SignalR geo-replica \(Microsoft\.SignalRService\/signalR\/replicas\)/);
        const bad = await provider().check!({}, { ...inputs(), regionEndpointEnabled: "true", operationPollIntervalSeconds: 0 });
        assert.deepEqual(
            bad.failures?.map((f) => f.property),
            ["regionEndpointEnabled", "operationPollIntervalSeconds"],
        );
        assert.equal(bad.failures?.[0].reason, '`regionEndpointEnabled` must be Enabled or Disabled, got "true"');
    });
});
