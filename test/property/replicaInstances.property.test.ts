// The counting rules of an approval over a service with geo-replicas (src/approval/instances.ts),
// driven through whole runs of a simulated SignalR: whatever the replicas, their order, which
// connections already appeared or were approved, and however many strangers copy the message.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import type { PrivateEndpointConnection } from "../../src/approval/connections";
import { InstanceLink, PRIMARY, awaitingSignalR, candidatesSeen, newlyApproved, nextStep, settleBindings } from "../../src/approval/instances";

const MESSAGE = "signalr-serverless func-pe 0a1b2c";
const ours = { requestMessage: MESSAGE, base: MESSAGE };
const TARGET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app-rg/providers/Microsoft.Web/sites/f";
/** SignalR's private endpoints live outside the service's subscription; so may a stranger's. */
const ENDPOINT = (name: string) => `/subscriptions/5157b5a1-0000-4000-8000-00000000a5f5/resourceGroups/managed/providers/Microsoft.Network/privateEndpoints/${name}`;

interface World {
    /** Each instance's own connection: Pending, Approved, or not appeared yet. */
    instances: { name: string; state: "Pending" | "Approved" | "absent" }[];
    strangers: number;
    /** Strangers' connections with our message that someone approved already. */
    approvedStrangers: number;
}

const world: fc.Arbitrary<World> = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{2,8}$/), { minLength: 0, maxLength: 8 }).chain((replicas) =>
    fc.record({
        instances: fc.tuple(
            ...[PRIMARY, ...replicas].map((name) => fc.record({ name: fc.constant(name), state: fc.constantFrom("Pending" as const, "Approved" as const, "absent" as const) })),
        ),
        strangers: fc.nat({ max: 3 }),
        approvedStrangers: fc.nat({ max: 2 }),
    }),
);

/** Connections on the target: each instance's (id = its name) and the strangers' (same message). */
function connections(w: World): (PrivateEndpointConnection & { owner?: string })[] {
    const own = w.instances
        .filter((i) => i.state !== "absent")
        .map((i) => ({
            id: `${TARGET}/privateEndpointConnections/c-${i.name || "primary"}`,
            owner: i.name,
            properties: { privateEndpoint: { id: ENDPOINT(i.name || "primary") }, privateLinkServiceConnectionState: { status: i.state, description: MESSAGE } },
        }));
    const theirs = Array.from({ length: w.strangers + w.approvedStrangers }, (_, k) => ({
        id: `${TARGET}/privateEndpointConnections/s-${k}`,
        properties: { privateEndpoint: { id: ENDPOINT(`s-${k}`) }, privateLinkServiceConnectionState: { status: k < w.strangers ? "Pending" : "Approved", description: MESSAGE } },
    }));
    return [...own, ...theirs];
}

/** Runs nextStep to its end the way the engine does, with SignalR confirming only its own connections. */
function run(w: World): { writes: string[]; outcome: "done" | "refused" | "stuck"; rejected: string[]; links: InstanceLink[] } {
    const list = connections(w);
    const links: InstanceLink[] = w.instances.map((i) => ({ instance: i.name, status: i.state === "Approved" ? "Approved" : "Pending" }));
    const targets = w.instances.map((i) => i.name);
    const bound: Record<string, string> = {};
    const writes: string[] = [];
    const rejected: string[] = [];
    for (let round = 0; round < 40; round++) {
        const step = nextStep({ connections: list, ours, context: {}, links, targets, bound });
        if (step.kind === "done") return { writes, outcome: "done", rejected, links };
        if (step.kind === "refuse") return { writes, outcome: "refused", rejected, links };
        if (step.kind === "wait") return { writes, outcome: "stuck", rejected, links };
        const c = list.find((x) => x.id === step.connection.id)!;
        assert.equal(c.properties!.privateLinkServiceConnectionState!.status, "Pending", "only a Pending connection is ever approved");
        writes.push(c.id);
        c.properties!.privateLinkServiceConnectionState!.status = "Approved";
        const before = links.map((l) => ({ ...l }));
        const owner = links.find((l) => l.instance === c.owner);
        if (owner) owner.status = "Approved";
        const turned = newlyApproved(before, links);
        if (turned.length === 1) bound[turned[0]] = c.id;
        else {
            // No copy confirmed it: the engine rejects it again and stops.
            c.properties!.privateLinkServiceConnectionState!.status = "Rejected";
            rejected.push(c.id);
            return { writes, outcome: "stuck", rejected, links };
        }
    }
    throw new Error("no end");
}

describe("property: approvals across a service and its replicas", () => {
    it("without strangers: every instance's connection approved exactly once, in as many writes as were Pending; nothing rejected", () => {
        fc.assert(
            fc.property(world, (w0) => {
                const w = {
                    ...w0,
                    strangers: 0,
                    approvedStrangers: 0,
                    instances: w0.instances.map((i) => ({ ...i, state: i.state === "absent" ? ("Pending" as const) : i.state })),
                };
                const { writes, outcome, rejected, links } = run(w);
                assert.equal(outcome, "done");
                assert.equal(new Set(writes).size, writes.length, "no connection written twice");
                assert.equal(writes.length, w.instances.filter((i) => i.state === "Pending").length);
                assert.deepEqual(rejected, []);
                assert.ok(links.every((l) => l.status === "Approved"));
            }),
            { numRuns: 300 },
        );
    });

    it("more candidates than instances: refused before any write", () => {
        fc.assert(
            fc.property(world, (w) => {
                const present = w.instances.filter((i) => i.state !== "absent").length;
                fc.pre(present + w.strangers + w.approvedStrangers > w.instances.length);
                const { writes, outcome } = run(w);
                assert.equal(outcome, "refused");
                assert.deepEqual(writes, []);
            }),
            { numRuns: 300 },
        );
    });

    it("whatever the strangers: never more writes than instances, and a stranger's connection never stays approved", () => {
        fc.assert(
            fc.property(world, (w) => {
                const { writes, rejected } = run(w);
                assert.ok(writes.length <= w.instances.length);
                for (const id of writes.filter((x) => x.includes("/s-"))) assert.ok(rejected.includes(id), "a stranger's approval is rejected again");
            }),
            { numRuns: 500 },
        );
    });

    it("settleBindings keeps each bound connection and binds the one left by elimination", () => {
        const list = connections({
            instances: [
                { name: PRIMARY, state: "Approved" },
                { name: "r1", state: "Approved" },
            ],
            strangers: 0,
            approvedStrangers: 0,
        });
        const links = [
            { instance: PRIMARY, status: "Approved" },
            { instance: "r1", status: "Approved" },
        ];
        assert.deepEqual(settleBindings({ connections: list, ours, context: {}, links, bound: { [PRIMARY]: list[0].id } }), { [PRIMARY]: list[0].id, r1: list[1].id });
        assert.deepEqual(settleBindings({ connections: list, ours, context: {}, links, bound: {} }), {}, "two free: nothing is guessed");
    });
    it("skipping the copies' reads is safe: what the target shows of our connections changes with any change of theirs, and a connection Approved before its copy keeps the copies read", () => {
        fc.assert(
            fc.property(world, fc.nat(), (w, pick) => {
                const list = connections(w);
                const seen = candidatesSeen({ connections: list, ours, context: {} });
                assert.equal(candidatesSeen({ connections: [...list].reverse(), ours, context: {} }), seen, "the order of the list does not matter");
                const present = w.instances.filter((i) => i.state !== "absent");
                if (present.length > 0) {
                    // Any of our connections approved, refused or gone shows as a change.
                    const changed = present[pick % present.length];
                    const flipped = connections({ ...w, instances: w.instances.map((i) => (i === changed ? { ...i, state: i.state === "Pending" ? "Approved" : "Pending" } : i)) });
                    assert.notEqual(candidatesSeen({ connections: flipped, ours, context: {} }), seen);
                    assert.notEqual(candidatesSeen({ connections: list.filter((c) => c.owner !== changed.name), ours, context: {} }), seen);
                }
                // Every copy still Pending while its connection is Approved: a report is still to come, so the copies are read.
                const lagging = w.instances.map((i) => ({ instance: i.name, status: "Pending" }));
                const approved = w.instances.some((i) => i.state === "Approved") || w.approvedStrangers > 0;
                assert.equal(awaitingSignalR({ connections: list, ours, context: {}, links: lagging, bound: {} }), approved);
                // SignalR reporting what the target shows: nothing to wait for.
                const reported = w.instances.map((i) => ({ instance: i.name, status: i.state === "Approved" ? "Approved" : "Pending" }));
                if (w.approvedStrangers === 0) assert.equal(awaitingSignalR({ connections: list, ours, context: {}, links: reported, bound: {} }), false);
            }),
            { numRuns: 500 },
        );
    });
});
