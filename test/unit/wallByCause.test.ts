// The deployment benchmark's accounting (bench/wallByCause.ts) against cases computed by hand.
import { strict as assert } from "node:assert";
import { type ChainTask, attributeShared, realWall, wallByCause } from "../../bench/wallByCause";

describe("wallByCause: where a deployment's wall time goes", () => {
    it("gives a request two approvals share to the one whose own request came just before it (the bug: both counted it, one seemed to start 18 s early)", () => {
        // func: its link checked at 35.90, the replicas listed at 35.92; kv starts at 54.50 and lists at 54.52.
        const own = new Map([
            ["func", [{ at: 35_900 }, { at: 35_950 }]],
            ["kv", [{ at: 54_500 }, { at: 54_550 }]],
        ]);
        const got = attributeShared(own, [{ at: 35_920 }, { at: 54_520 }]);
        assert.deepEqual(
            got.get("func")!.map((q) => q.at),
            [35_900, 35_920, 35_950],
        );
        assert.deepEqual(
            got.get("kv")!.map((q) => q.at),
            [54_500, 54_520, 54_550],
        );
    });

    it("splits the wall time into parts that add up to it", () => {
        // The engine starts the first request at 2; link 2..21 (model 18); approval 21.5..38 (model 12.5,
        // one copy at a time 2, confirmation lag 1.5), required lag 0; the engine ends at 40. Critical path 29.
        const chain: ChainTask[] = [
            { name: "link", startMs: 2, endMs: 21, modelMs: 18, lagBeforeMs: 0, library: false },
            { name: "approval", startMs: 21.5, endMs: 38, modelMs: 12.5, lagBeforeMs: 0, library: true, oneAtATimeMs: 2, confirmationLagMs: 1.5 },
        ];
        const w = wallByCause(chain, 29, 40);
        assert.deepEqual(w, {
            criticalPathMs: 29,
            orderingsMs: 1.5,
            engineStartMs: 2,
            betweenTasksMs: 0.5,
            providerTasksMs: 1,
            oneAtATimeMs: 2,
            confirmationLagMs: 1.5,
            libraryOtherMs: 0.5,
            engineFinishMs: 2,
        });
        assert.equal(
            Object.values(w).reduce((a, b) => a + b, 0),
            40,
        );
        // In real time at 0.1: (29 + 1.5 + 2 + 1.5) / 0.1 grows, 6 stays.
        assert.equal(realWall(w, 0.1), 346);
    });

    it("gives a replica's region endpoint PATCH, the chain's last task after the approvals, to the library: its model to the path, its operation's poll lag to the rest", () => {
        // approval 10..30 (model 18, confirmation lag 1), then the region endpoint 30.5..36 (model 1.9: its
        // reads and the PATCH's operation; 3.6 more for the poll that saw the operation end); the engine ends at 37.
        const chain: ChainTask[] = [
            { name: "approval", startMs: 10, endMs: 30, modelMs: 18, lagBeforeMs: 0, library: true, oneAtATimeMs: 0, confirmationLagMs: 1 },
            { name: "replica-eastus-endpoint", startMs: 30.5, endMs: 36, modelMs: 1.9, lagBeforeMs: 0, library: true },
        ];
        const w = wallByCause(chain, 19.9, 37);
        assert.equal(w.orderingsMs, 0);
        assert.equal(w.betweenTasksMs, 0.5);
        assert.equal(w.providerTasksMs, 0);
        assert.equal(w.confirmationLagMs, 1);
        assert.ok(Math.abs(w.libraryOtherMs - (1 + 3.6)) < 1e-9, `library's rest ${w.libraryOtherMs}`);
        assert.ok(Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 37) < 1e-9);
    });

    it("counts the required lag (Key Vault's propagation) as the model's, not as time between tasks", () => {
        const chain: ChainTask[] = [
            { name: "grant", startMs: 1, endMs: 2, modelMs: 1, lagBeforeMs: 0, library: false },
            { name: "refresh", startMs: 63, endMs: 66, modelMs: 3, lagBeforeMs: 60, library: true },
        ];
        const w = wallByCause(chain, 64, 67);
        assert.equal(w.betweenTasksMs, 1);
        assert.equal(w.orderingsMs, 0);
        assert.equal(w.libraryOtherMs, 0);
    });
});
