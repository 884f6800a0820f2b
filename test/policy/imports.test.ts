// src/policy has no import circle (issue "Day 2" item 13: evaluate.ts <-> index.ts), and the rules
// import no resource package: they run in the policy host without the library's components.
import { strict as assert } from "node:assert";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { SIGNALR_SERVICE_NAME } from "../../src/policy/signalrNameValid";
import { SIGNALR_NAME } from "../../src/components/serverlessSignalRRules";

const DIR = path.resolve(__dirname, "../../src/policy");
const imports = (file: string) => [...readFileSync(path.join(DIR, file), "utf8").matchAll(/^(?:import|export)\b[^;]*?from "([^"]+)"/gms)].map((m) => m[1]);

describe("src/policy imports", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".ts"));
    it("form no circle", () => {
        const graph = new Map(
            files.map((f) => [
                f,
                imports(f)
                    .filter((i) => i.startsWith("./"))
                    .map((i) => `${i.slice(2)}.ts`),
            ]),
        );
        const visit = (file: string, trail: string[]): void => {
            assert.ok(!trail.includes(file), `import circle: ${[...trail, file].join(" -> ")}`);
            for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
        };
        for (const f of files) visit(f, []);
        assert.ok(graph.get("index.ts")!.includes("evaluate.ts") && !graph.get("evaluate.ts")!.includes("index.ts"));
    });
    it("reach no component and no resource package", () => {
        for (const f of files)
            for (const i of imports(f)) assert.ok(!i.startsWith("../components") && !i.startsWith("@pulumi/azure-native") && i !== "@pulumi/pulumi", `${f} imports ${i}`);
    });
    it("the naming rule is the component's own SignalR name rule", () => assert.equal(SIGNALR_SERVICE_NAME.source, SIGNALR_NAME.source));
});
