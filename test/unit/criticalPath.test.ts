// The benchmark's physical limit (bench/criticalPath.ts) against graphs computed by hand.
import { strict as assert } from "node:assert";
import { criticalPath } from "../../bench/criticalPath";

describe("criticalPath: the shortest schedule of a deployment's tasks", () => {
    it("is the longest chain when nothing is exclusive", () => {
        // a(2) → b(3) → d(1); a → c(10) → d: a 2, c 12, d 13.
        const s = criticalPath([
            { id: "a", duration: 2, after: [] },
            { id: "b", duration: 3, after: [{ id: "a" }] },
            { id: "c", duration: 10, after: [{ id: "a" }] },
            { id: "d", duration: 1, after: [{ id: "b" }, { id: "c" }] },
        ]);
        assert.equal(s.length, 13);
        assert.deepEqual(s.path, ["a", "c", "d"]);
        assert.deepEqual(s.times.b, { start: 2, finish: 5 });
    });

    it("adds a dependency's lag (a grant effective minutes after its PUT)", () => {
        // grant(1) + lag 600 → refresh(40) = 641; service(120) → refresh waits for the later one.
        const s = criticalPath([
            { id: "grant", duration: 1, after: [] },
            { id: "service", duration: 120, after: [] },
            { id: "refresh", duration: 40, after: [{ id: "grant", lag: 600 }, { id: "service" }] },
        ]);
        assert.equal(s.length, 641);
        assert.deepEqual(s.path, ["grant", "refresh"]);
    });

    it("never overlaps tasks of one exclusive resource, and picks the order that finishes first", () => {
        // service(10) then links x(5) and y(20) on the same service; x is followed by a long approval
        // (30), y by a short one (1). x first: x 10-15, y 15-35, approvals 45 and 36 → 45.
        // y first: y 10-30, x 30-35, approvals 65 and 31 → 65. The shortest is x first.
        const s = criticalPath([
            { id: "service", duration: 10, after: [], exclusive: "signalr" },
            { id: "x", duration: 5, after: [{ id: "service" }], exclusive: "signalr" },
            { id: "y", duration: 20, after: [{ id: "service" }], exclusive: "signalr" },
            { id: "approve-x", duration: 30, after: [{ id: "x" }] },
            { id: "approve-y", duration: 1, after: [{ id: "y" }] },
        ]);
        assert.equal(s.length, 45);
        assert.deepEqual(s.orders.signalr, ["service", "x", "y"]);
        assert.deepEqual(s.path, ["service", "x", "approve-x"]);
        assert.deepEqual(s.times.y, { start: 15, finish: 35 });
    });

    it("holds the service for a geo-replica's create too, and slots it where a link's lag leaves room", () => {
        // service(10), replica(8), links a(5) and b(5): all on the service. Each approval needs its
        // link and the replica (the copy's connection); approve-a(20) starts 10 after link a (its
        // connection appears late), approve-b(2) at once.
        // a, replica, b: a 10-15, replica 15-23, b 23-28; approve-a max(15+10, 23) = 25 → 45, approve-b 28 → 30: 45.
        // replica, a, b: a 18-23, approve-a 33 → 53. a, b, replica: replica 20-28, approve-a 28 → 48.
        // b, a, replica: a 15-20, replica 20-28, approve-a 30 → 50. b, replica, a: a 23-28, approve-a 38 → 58. Shortest: 45.
        const tasks = (replicaFirst: boolean) => [
            { id: "service", duration: 10, after: [], exclusive: "signalr" },
            { id: "replica", duration: 8, after: [{ id: "service" }], exclusive: "signalr" },
            ...["a", "b"].map((id) => ({ id, duration: 5, after: [{ id: "service" }, ...(replicaFirst ? [{ id: "replica" }] : [])], exclusive: "signalr" })),
            { id: "approve-a", duration: 20, after: [{ id: "a", lag: 10 }, { id: "replica" }] },
            { id: "approve-b", duration: 2, after: [{ id: "b" }, { id: "replica" }] },
        ];
        const s = criticalPath(tasks(false));
        assert.equal(s.length, 45);
        assert.deepEqual(s.orders.signalr, ["service", "a", "replica", "b"]);
        assert.deepEqual(s.times.replica, { start: 15, finish: 23 });
        assert.deepEqual(s.path, ["service", "a", "approve-a"]);
        // With every link after the replica (the component's order): replica 10-18, a 18-23, b 23-28, approve-a 33 → 53.
        const ordered = criticalPath(tasks(true));
        assert.equal(ordered.length, 53);
        assert.deepEqual(ordered.orders.signalr, ["service", "replica", "a", "b"]);
    });

    it("runs a replica's region endpoint PATCH after the approval of its copy, holding the service after the service's other writes", () => {
        // service(10), replica(8), link a(5): on the service in that order. approve-a(20) starts 10 after a
        // (its copy's connection), so 33-53. The refresh(4) waits for the grant's lag (ready at 50) and a.
        // The endpoint PATCH(2) waits for approve-a and holds the service like the refresh:
        // refresh first: refresh 50-54, endpoint max(53, 54) = 54-56 → 56.
        // endpoint first: endpoint 53-55, refresh 55-59 → 59. Shortest: 56, the endpoint behind the refresh.
        const tasks = (grantLag: number) => [
            { id: "service", duration: 10, after: [], exclusive: "signalr" },
            { id: "grant", duration: 0, after: [] },
            { id: "replica", duration: 8, after: [{ id: "service" }], exclusive: "signalr" },
            { id: "a", duration: 5, after: [{ id: "service" }, { id: "replica" }], exclusive: "signalr" },
            { id: "approve-a", duration: 20, after: [{ id: "a", lag: 10 }, { id: "replica" }] },
            { id: "refresh", duration: 4, after: [{ id: "grant", lag: grantLag }, { id: "a" }], exclusive: "signalr" },
            { id: "endpoint", duration: 2, after: [{ id: "replica" }, { id: "approve-a" }], exclusive: "signalr" },
        ];
        const s = criticalPath(tasks(50));
        assert.equal(s.length, 56);
        assert.deepEqual(s.orders.signalr, ["service", "replica", "a", "refresh", "endpoint"]);
        assert.deepEqual(s.times.endpoint, { start: 54, finish: 56 });
        assert.deepEqual(s.path, ["grant", "refresh", "endpoint"]);
        // With the grant effective earlier (lag 20: ready at 23) the approval sets it: refresh 23-27, endpoint 53-55.
        const early = criticalPath(tasks(20));
        assert.equal(early.length, 55);
        assert.deepEqual(early.path, ["service", "replica", "a", "approve-a", "endpoint"]);
    });

    it("lets tasks of different exclusive resources overlap", () => {
        // Two services, each with one link: both chains run side by side, 10 + 5.
        const s = criticalPath([
            { id: "s1", duration: 10, after: [], exclusive: "one" },
            { id: "l1", duration: 5, after: [{ id: "s1" }], exclusive: "one" },
            { id: "s2", duration: 10, after: [], exclusive: "two" },
            { id: "l2", duration: 5, after: [{ id: "s2" }], exclusive: "two" },
        ]);
        assert.equal(s.length, 15);
    });

    it("places an exclusive task that must wait (the refresh after the grant's lag) where it costs least", () => {
        // Links a(100) and b(100) after service(0); refresh(10) needs the grant, effective at 50.
        // refresh, a, b: refresh 50-60, a 60-160, b 160-260. a, refresh, b: refresh 100-110, b 110-210.
        // a, b, refresh: refresh 200-210. Shortest: 210, the sum of the exclusive work.
        const s = criticalPath([
            { id: "service", duration: 0, after: [], exclusive: "signalr" },
            { id: "grant", duration: 0, after: [] },
            { id: "a", duration: 100, after: [{ id: "service" }], exclusive: "signalr" },
            { id: "b", duration: 100, after: [{ id: "service" }], exclusive: "signalr" },
            { id: "refresh", duration: 10, after: [{ id: "service" }, { id: "grant", lag: 50 }], exclusive: "signalr" },
        ]);
        assert.equal(s.length, 210);
    });

    it("refuses an unknown dependency and a cycle", () => {
        assert.throws(() => criticalPath([{ id: "a", duration: 1, after: [{ id: "nope" }] }]), /unknown task nope/);
        assert.throws(
            () =>
                criticalPath([
                    { id: "a", duration: 1, after: [{ id: "b" }] },
                    { id: "b", duration: 1, after: [{ id: "a" }] },
                ]),
            /cycle/,
        );
    });

    it("is zero for no tasks", () => {
        assert.equal(criticalPath([]).length, 0);
    });
});
