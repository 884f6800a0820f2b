// #21 item 13: the command line's modules import one another without a circle (main.ts loads
// planCommand.ts, which must not import main.ts back, not even for a type).
import { strict as assert } from "node:assert";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";

const cli = path.resolve(__dirname, "../../src/cli");

/** The src/cli modules each src/cli module imports (static, type-only and dynamic imports alike). */
function importGraph(): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    for (const file of readdirSync(cli).filter((f) => f.endsWith(".ts"))) {
        const text = readFileSync(path.join(cli, file), "utf8");
        const targets = [...text.matchAll(/(?:from\s+|import\()\s*"\.\/([^"]+)"/g)].map((m) => `${m[1]}.ts`);
        graph.set(file, targets);
    }
    return graph;
}

describe("src/cli imports", () => {
    it("have no circle", () => {
        const graph = importGraph();
        assert.ok(graph.get("main.ts")?.includes("planCommand.ts"), "main.ts loads planCommand.ts (the graph is read)");
        const visit = (file: string, trail: string[]): void => {
            assert.ok(!trail.includes(file), `import circle: ${[...trail, file].join(" → ")}`);
            for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
        };
        for (const file of graph.keys()) visit(file, []);
    });
});
