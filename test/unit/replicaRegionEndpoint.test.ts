// When a geo-replica's region endpoint may be turned on (src/approval/replicaRegionEndpoint.ts):
// Microsoft's "Do not enable the replica until its shared private endpoint has been approved" as a
// pure decision over what SignalR reports.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { RegionEndpointState, regionEndpointStep, unapprovedCopies } from "../../src/approval/replicaRegionEndpoint";

const base: RegionEndpointState = { replica: "chat-eastus", desired: "Enabled", live: "Disabled", primaryLinks: ["func"], copies: [{ name: "func", status: "Approved" }] };

describe("a replica's region endpoint: the decision", () => {
    it("enables once every copy of every link is Approved", () => {
        assert.deepEqual(regionEndpointStep(base), { kind: "write", value: "Enabled" });
    });

    it("refuses to enable while a copy is Pending, naming it and its status", () => {
        assert.deepEqual(regionEndpointStep({ ...base, copies: [{ name: "func", status: "Pending" }] }), { kind: "refuse", pending: ["func (Pending)"] });
    });

    it("refuses while a link of the primary has no copy on the replica yet (SignalR copies it later)", () => {
        assert.deepEqual(regionEndpointStep({ ...base, primaryLinks: ["func", "vault"] }), { kind: "refuse", pending: ["vault (not copied to the replica yet)"] });
    });

    it("compares link names and values without case, as Resource Manager does", () => {
        assert.deepEqual(regionEndpointStep({ ...base, primaryLinks: ["FUNC"] }), { kind: "write", value: "Enabled" });
        assert.deepEqual(regionEndpointStep({ ...base, live: "enabled", copies: [] }), { kind: "none" });
    });

    it("writes nothing when the replica already holds the value wanted", () => {
        assert.deepEqual(regionEndpointStep({ ...base, live: "Enabled" }), { kind: "none" });
        assert.deepEqual(regionEndpointStep({ ...base, desired: "Disabled", live: "Disabled", copies: [] }), { kind: "none" });
    });

    it("disables whenever asked, whatever the copies say", () => {
        assert.deepEqual(regionEndpointStep({ ...base, desired: "Disabled", live: "Enabled", copies: [{ name: "func", status: "Rejected" }] }), {
            kind: "write",
            value: "Disabled",
        });
    });

    it("without shared private links there is nothing to wait for", () => {
        assert.deepEqual(regionEndpointStep({ ...base, primaryLinks: [], copies: [] }), { kind: "write", value: "Enabled" });
    });

    it("property: Enabled is only ever written when every primary link has a copy and every copy is Approved", () => {
        const status = fc.constantFrom("Approved", "Pending", "Rejected", "Disconnected", "Timeout", "Unknown");
        const name = fc.constantFrom("func", "vault", "kv2", "web");
        fc.assert(
            fc.property(
                fc.uniqueArray(name),
                fc.uniqueArray(fc.record({ name, status }), { selector: (c) => c.name }),
                fc.constantFrom("Enabled", "Disabled", undefined),
                (primaryLinks, copies, live) => {
                    const step = regionEndpointStep({ replica: "r", desired: "Enabled", live, primaryLinks, copies });
                    const allApproved = primaryLinks.every((l) => copies.some((c) => c.name === l)) && copies.every((c) => c.status === "Approved");
                    if (step.kind === "write") assert.ok(allApproved, JSON.stringify({ primaryLinks, copies }));
                    if (step.kind === "refuse") assert.deepEqual(step.pending, unapprovedCopies(primaryLinks, copies));
                    if (live !== "Enabled") assert.equal(step.kind, allApproved ? "write" : "refuse");
                },
            ),
        );
    });
});
