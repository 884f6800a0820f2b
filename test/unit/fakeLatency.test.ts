// The fake Resource Manager's opt-in latency model (test/support/armLatency.ts), which the
// deployment benchmark relies on: operations end on their own time, SignalR answers a second write
// while one runs with 409 Conflict, and connections appear late. Off by default.
import { strict as assert } from "node:assert";
import { ArmClient, ArmError } from "../../src/arm/armClient";
import { FakeResourceManager, fakeCredential } from "../support/fakeResourceManager";
import { type LatencyModel, serviceOfWrite } from "../support/armLatency";

const MODEL: LatencyModel = {
    requestMs: 1,
    signalRCreateMs: 100,
    signalRUpdateMs: 100,
    linkProvisionMs: 300,
    linkDeleteMs: 100,
    connectionAppearMs: 300,
    approvalWriteMs: 10,
    approvalPropagationMs: 100,
    keyVaultRbacMs: 60_000,
    replicaCreateMs: 100,
    replicaConnectionAppearMs: 300,
    replicaUpdateMs: 150,
};

describe("the fake Resource Manager's latency model", () => {
    let arm: FakeResourceManager;
    let client: ArmClient;
    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        client = new ArmClient({ endpoint: arm.endpoint, credential: fakeCredential, ca: arm.ca, maxRetries: 0, lroPollIntervalInMs: 20 });
    });
    afterEach(() => arm.stop());
    const url = (id: string) => client.url(id, "2024-03-01");

    it("is off by default: a shared private link's PUT answers at once and nothing is timed", async () => {
        const service = arm.addSignalR("contoso-signalr");
        await client.putAndWait(url(`${service}/sharedPrivateLinkResources/link-a`), { properties: { requestMessage: "m" } });
        await client.putAndWait(url(`${service}/sharedPrivateLinkResources/link-b`), { properties: { requestMessage: "m" } });
        assert.deepEqual(arm.timeline, []);
    });

    it("answers a write while SignalR runs another operation with 409 Conflict, and takes it once that one ended", async () => {
        arm.latency = MODEL;
        const service = arm.addSignalR("contoso-signalr");
        const first = client.putAndWait(url(`${service}/sharedPrivateLinkResources/link-a`), { properties: { requestMessage: "m" } });
        await new Promise((r) => setTimeout(r, 20));
        await assert.rejects(
            client.putAndWait(url(`${service}/sharedPrivateLinkResources/link-b`), { properties: { requestMessage: "m" } }),
            (e: unknown) => e instanceof ArmError && e.statusCode === 409 && e.code === "Conflict",
        );
        await first;
        assert.ok(
            arm.timeline.some((e) => e.event === "operation-done" && e.kind === "link-provision"),
            "the first link's operation ended before its poll said Succeeded",
        );
        await client.putAndWait(url(`${service}/sharedPrivateLinkResources/link-b`), { properties: { requestMessage: "m" } });
        assert.deepEqual(
            arm.timeline.filter((e) => e.event === "conflict").map((e) => e.kind),
            ["link-provision"],
        );
    });

    it("shows the link's connection on the target only from its time on", async () => {
        arm.latency = MODEL;
        const service = arm.addSignalR("contoso-signalr");
        const site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        const put = client.putAndWait(url(`${service}/sharedPrivateLinkResources/link-a`), { properties: { requestMessage: "m", privateLinkResourceId: site } });
        const list = () => client.list(client.url(site, "2024-04-01", ["privateEndpointConnections"]));
        assert.equal((await list()).length, 0, "not yet");
        await put;
        const visible = arm.timeline.find((e) => e.event === "connection-visible")!.at;
        while (Date.now() < visible) await new Promise((r) => setTimeout(r, 20));
        assert.equal((await list()).length, 1);
    });

    it("runs a geo-replica's create as an operation of the service (409 for a link meanwhile), and shows its copy's connection from its own time on", async () => {
        arm.latency = MODEL;
        const service = arm.addSignalR("contoso-signalr");
        const site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        const replica = client.putAndWait(url(`${service}/replicas/contoso-signalr-eastus`), { location: "eastus", sku: { name: "Premium_P1", tier: "Premium", capacity: 1 } });
        await new Promise((r) => setTimeout(r, 20));
        const link = `${service}/sharedPrivateLinkResources/link-a`;
        const body = { properties: { requestMessage: "m", privateLinkResourceId: site } };
        await assert.rejects(client.putAndWait(url(link), body), (e: unknown) => e instanceof ArmError && e.statusCode === 409 && e.code === "Conflict");
        await replica;
        assert.deepEqual(
            arm.timeline.filter((e) => e.event === "conflict" || e.event === "operation-done").map((e) => `${e.event} ${e.kind}`),
            ["conflict replica-create", "operation-done replica-create"],
        );
        const putAt = Date.now();
        await client.putAndWait(url(link), body);
        // The copy (made when the link's provisioning ends) shows its connection replicaConnectionAppearMs after the link's PUT.
        const copy = arm.timeline.find((e) => e.event === "connection-visible" && /\/replicas\//.test(e.id))!;
        assert.ok(copy.at >= putAt + MODEL.replicaConnectionAppearMs && copy.at < putAt + MODEL.replicaConnectionAppearMs + 100, `copy visible at +${copy.at - putAt} ms`);
        const list = () => client.list(client.url(site, "2024-04-01", ["privateEndpointConnections"]));
        while (Date.now() < copy.at) await new Promise((r) => setTimeout(r, 20));
        assert.equal((await list()).length, 2, "the primary's connection and the copy's");
    });

    it("runs a geo-replica's PATCH (its region endpoint) as an operation of the service for replicaUpdateMs, with 409 for another write meanwhile", async () => {
        arm.latency = MODEL;
        const service = arm.addSignalR("contoso-signalr");
        const replicaId = arm.addReplica("contoso-signalr", "contoso-signalr-eastus");
        const started = Date.now();
        const patch = client.putAndWait(url(replicaId), { location: "eastus", properties: { regionEndpointEnabled: "Enabled" } }, "PATCH");
        await new Promise((r) => setTimeout(r, 20));
        await assert.rejects(
            client.putAndWait(url(`${service}/replicas/contoso-signalr-westus`), { location: "westus" }),
            (e: unknown) => e instanceof ArmError && e.statusCode === 409,
        );
        await patch;
        const took = Date.now() - started;
        assert.ok(took >= MODEL.replicaUpdateMs && took < MODEL.replicaUpdateMs + 150, `the PATCH took ${took} ms`);
        assert.deepEqual(
            arm.timeline.filter((e) => e.event === "conflict" || e.event === "operation-done").map((e) => `${e.event} ${e.kind}`),
            ["conflict replica-update", "operation-done replica-update"],
        );
        assert.equal(arm.replicas.get(replicaId.toLowerCase())!.properties.regionEndpointEnabled, "Enabled", "set when the operation ends");
    });

    it("knows which writes are SignalR's operations on a service", () => {
        const service = "/subscriptions/s/resourceGroups/g/providers/Microsoft.SignalRService/signalR/contoso";
        assert.equal(serviceOfWrite("PATCH", service), service.toLowerCase());
        assert.equal(serviceOfWrite("PUT", `${service}/sharedPrivateLinkResources/link-a`), service.toLowerCase());
        assert.equal(serviceOfWrite("PUT", `${service}/replicas/contoso-eastus`), service.toLowerCase());
        assert.equal(
            serviceOfWrite("PUT", `${service}/replicas/contoso-eastus/sharedPrivateLinkResources/link-a`),
            undefined,
            "a replica's copy of a link is no operation of the service",
        );
        assert.equal(serviceOfWrite("GET", service), undefined);
        assert.equal(serviceOfWrite("PUT", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/f/privateEndpointConnections/c"), undefined);
    });
});
