import { strict as assert } from "node:assert";
import { createNetworkAclProvider } from "../../src";
import { fakeClock } from "../support/fakeClock";
import { FakeResourceManager, TEST_SUBSCRIPTION, fakeCredential } from "../support/fakeResourceManager";

const endpointId = (name: string) => `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/net-rg/providers/Microsoft.Network/privateEndpoints/${name}`;

/** The service's ACLs as the component creates them (secure defaults) plus one entry someone else wrote. */
const INITIAL_ACLS = {
    defaultAction: "Deny",
    publicNetwork: { allow: ["ClientConnection", "RESTAPI"] },
    privateEndpoints: [{ name: "someone-elses.00000000-0000-0000-0000-000000000001", allow: ["Trace"] }],
    ipRules: [{ value: "10.0.0.0/8", action: "Allow" }],
};

describe("PrivateEndpointNetworkAcl provider", () => {
    let arm: FakeResourceManager;
    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
    });
    afterEach(() => arm.stop());

    const provider = (logs: string[] = [], clock = fakeClock(Date.now())) =>
        createNetworkAclProvider({ credential: fakeCredential, ca: arm.ca, retryDelayInMs: 10, clock, log: (m) => logs.push(m) });

    it("writes exactly this endpoint's entry into the ACLs as read, keeping everything else, and removes just it on delete", async () => {
        const serviceId = arm.addSignalR("contoso-signalr", "app-rg", { networkACLs: INITIAL_ACLS });
        const pe = endpointId("pe-clients");
        const connectionName = arm.addInboundConnection(serviceId, pe);
        const logs: string[] = [];
        const p = provider(logs);
        const inputs = { serviceId, privateEndpointId: pe, allow: ["RESTAPI", "ClientConnection"], resourceManagerEndpoint: arm.endpoint };

        assert.deepEqual((await p.check!({}, inputs)).failures, []);
        const created = await p.create(inputs);
        assert.equal(created.outs.connectionName, connectionName);
        assert.equal(created.outs.inEffect, true);
        assert.ok(created.outs.connectionId.endsWith(`/privateEndpointConnections/${connectionName}`));
        assert.equal(created.id, `${serviceId}/privateEndpointConnections/${connectionName}/networkAcl`);

        const patches = arm.requests.filter((r) => r.method === "PATCH");
        assert.equal(patches.length, 1);
        assert.equal(patches[0].path, serviceId);
        assert.equal(patches[0].query["api-version"], "2024-03-01");
        // The request shape of the REST spec's SignalR_Update example: properties.networkACLs, whole.
        assert.deepEqual(patches[0].body, {
            properties: {
                networkACLs: {
                    ...INITIAL_ACLS,
                    privateEndpoints: [INITIAL_ACLS.privateEndpoints[0], { name: connectionName, allow: ["ClientConnection", "RESTAPI"], deny: ["ServerConnection", "Trace"] }],
                },
            },
        });
        assert.ok(logs.some((m) => m.includes(`Allowing RESTAPI, ClientConnection through private endpoint connection ${connectionName}`)));

        // Nothing changed: no diff; a read confirms the entry.
        assert.deepEqual(await p.diff!(created.id, created.outs, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
        const read = await p.read!(created.id, created.outs);
        assert.equal(read.id, created.id);
        assert.equal(read.props.inEffect, true);

        await p.delete!(created.id, created.outs);
        assert.deepEqual(arm.services.get(serviceId.toLowerCase())!.properties.networkACLs, INITIAL_ACLS, "back to what it was");
        assert.equal(arm.count("PATCH"), 2);
        await p.delete!(created.id, created.outs);
        assert.equal(arm.count("PATCH"), 2, "a second delete finds nothing to remove and writes nothing");
    });

    it("a refresh that finds the entry dropped (a full write of the service) makes the next update write it again", async () => {
        const serviceId = arm.addSignalR("wiped-signalr", "app-rg", { networkACLs: { defaultAction: "Deny", publicNetwork: { allow: ["ClientConnection"] } } });
        const pe = endpointId("pe-1");
        arm.addInboundConnection(serviceId, pe);
        const p = provider();
        const inputs = { serviceId, privateEndpointId: pe, allow: ["ClientConnection"], resourceManagerEndpoint: arm.endpoint };
        const created = await p.create(inputs);
        // The service's own resource writes it again with ACLs that list no private endpoint.
        arm.services.get(serviceId.toLowerCase())!.properties.networkACLs = { defaultAction: "Deny", publicNetwork: { allow: ["ClientConnection"] } };
        const read = await p.read!(created.id, created.outs);
        assert.equal(read.props.inEffect, false);
        assert.equal((await p.diff!(created.id, read.props, inputs)).changes, true);
        await p.update!(created.id, read.props, inputs);
        const acls = arm.services.get(serviceId.toLowerCase())!.properties.networkACLs as { privateEndpoints: { name: string }[] };
        assert.equal(acls.privateEndpoints.length, 1);
        // And a new serviceRevision (the component's sign that it wrote the service) is a change too.
        assert.equal((await p.diff!(created.id, created.outs, { ...inputs, serviceRevision: "r2" })).changes, true);
    });

    it("waits for the endpoint's connection to show on the service, then writes", async () => {
        const serviceId = arm.addSignalR("slow-signalr");
        const pe = endpointId("pe-slow");
        const name = arm.addInboundConnection(serviceId, pe, { appearAfterGets: 2 });
        const logs: string[] = [];
        const clock = fakeClock(Date.now());
        const created = await provider(logs, clock).create({ serviceId, privateEndpointId: pe, allow: ["ClientConnection"], resourceManagerEndpoint: arm.endpoint });
        assert.equal(created.outs.connectionName, name);
        assert.deepEqual(clock.slept, [2000, 4000]);
        assert.equal(logs.filter((m) => m.startsWith("Waiting for the connection of private endpoint pe-slow")).length, 2);
    });

    it("gives up at the timeout with a message that says what to check, having written nothing", async () => {
        const serviceId = arm.addSignalR("lonely-signalr");
        const clock = fakeClock(Date.now());
        await assert.rejects(
            provider([], clock).create({
                serviceId,
                privateEndpointId: endpointId("pe-elsewhere"),
                allow: ["ClientConnection"],
                timeoutSeconds: 30,
                resourceManagerEndpoint: arm.endpoint,
            }),
            /No private endpoint connection from .*pe-elsewhere showed on lonely-signalr within 30 s\. Check that the private endpoint's private link service connection targets this service with group id `signalr`/,
        );
        assert.ok(clock.slept.reduce((a, b) => a + b, 0) <= 30_000);
        assert.equal(arm.count("PATCH"), 0);
    });

    it("sends the PATCH again when the service is busy (409), reading the ACLs anew", async () => {
        const serviceId = arm.addSignalR("busy-signalr");
        const pe = endpointId("pe-busy");
        arm.addInboundConnection(serviceId, pe);
        arm.faults.push({ method: "PATCH", pathIncludes: "busy-signalr", status: 409, times: 2 });
        const logs: string[] = [];
        await provider(logs).create({ serviceId, privateEndpointId: pe, allow: ["ClientConnection"], resourceManagerEndpoint: arm.endpoint });
        assert.equal(arm.count("PATCH"), 3);
        assert.equal(logs.filter((m) => m.includes("409 Conflict")).length, 2);
        assert.equal(arm.count("GET", "busy-signalr"), 4, "one GET to find the connection, one before each PATCH");
    });

    it("a read after the endpoint or the service is gone reports the entry gone", async () => {
        const serviceId = arm.addSignalR("gone-signalr");
        const pe = endpointId("pe-gone");
        arm.addInboundConnection(serviceId, pe);
        const p = provider();
        const created = await p.create({ serviceId, privateEndpointId: pe, allow: ["ClientConnection"], resourceManagerEndpoint: arm.endpoint });
        arm.services.get(serviceId.toLowerCase())!.inbound = [];
        assert.equal((await p.read!(created.id, created.outs)).id, "");
        arm.removeService(serviceId);
        assert.equal((await p.read!(created.id, created.outs)).id, "");
        await p.delete!(created.id, created.outs); // nothing to remove: no error, no write
        assert.equal(arm.count("PATCH"), 1);
    });

    it("replaces on another service or endpoint; ids compare without regard to case", async () => {
        const p = provider();
        const serviceId = arm.addSignalR("sig");
        const olds = { serviceId, privateEndpointId: endpointId("a"), allow: ["ClientConnection"], connectionName: "a.1", connectionId: "x", inEffect: true };
        assert.deepEqual((await p.diff!("id", olds, { ...olds, privateEndpointId: endpointId("b") })).replaces, ["privateEndpointId"]);
        assert.deepEqual((await p.diff!("id", olds, { ...olds, serviceId: serviceId.toLowerCase() })).replaces, []);
    });

    it("check refuses bad ids, unknown or missing request types and timeouts out of range, naming each field", async () => {
        const p = provider();
        const serviceId = arm.addSignalR("sig");
        const failures = (await p.check!({}, { serviceId: endpointId("x"), privateEndpointId: serviceId, allow: ["Everything"], timeoutSeconds: 0 })).failures!;
        assert.deepEqual(
            failures.map((f) => f.property),
            ["serviceId", "privateEndpointId", "allow", "timeoutSeconds"],
        );
        assert.match(failures[0].reason, /must be the resource id of a SignalR service/);
        assert.match(failures[1].reason, /must be the resource id of a private endpoint \(Microsoft\.Network\/privateEndpoints\)/);
        assert.match(failures[2].reason, /holds "Everything"; request types are ClientConnection, ServerConnection, RESTAPI, Trace/);
        assert.match((await p.check!({}, { serviceId, privateEndpointId: endpointId("x"), allow: [] })).failures![0].reason, /must list at least one of/);
        assert.equal(arm.requests.length, 0);
    });
});
