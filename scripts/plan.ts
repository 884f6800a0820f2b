// `npm run plan [-- <program dir>] [--stack dev] [--json]`: the reference deployment (or another
// program) evaluated offline under Pulumi mocks; prints the resource tree, warnings, errors and
// policy results, and exits non-zero on a validation error or a mandatory policy violation.
import { parseArgs } from "node:util";
import { AsciiTree } from "oo-ascii-tree";
import { PlanResult, PlannedResource, runPlan } from "../src/plan/runPlan";
import { PolicyReport, evaluatePolicies } from "../src/policy/evaluate";

const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
        stack: { type: "string", default: "dev" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
    },
});

if (values.help) {
    console.log("usage: npm run plan -- [program dir or file] [--stack <name>] [--json]");
    process.exit(0);
}

function format(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** The resource tree, children under their parents, with the inputs that matter. */
function tree(result: PlanResult): AsciiTree {
    const root = new AsciiTree(`${result.project} (${result.stack}): ${result.program}`);
    const nodes = new Map<string, AsciiTree>();
    const label = (r: PlannedResource) => {
        const details = Object.entries(r.summary).map(([k, v]) => `${k}=${format(v)}`);
        if (r.dependsOn.length) details.push(`after ${r.dependsOn.join(", ")}`);
        return `${r.type} ${r.name}${details.length ? `  [${details.join("; ")}]` : ""}`;
    };
    const key = (r: PlannedResource) => `${r.type}::${r.name}`;
    for (const r of result.resources) nodes.set(key(r), new AsciiTree(label(r)));
    for (const r of result.resources) {
        const parent = r.parentKey ? nodes.get(r.parentKey) : undefined;
        (parent ?? root).add(nodes.get(key(r))!);
    }
    return root;
}

function printText(result: PlanResult, policies: PolicyReport): void {
    console.log(tree(result).toString());
    console.log(`\n${result.resources.length} resources to create:`);
    for (const [type, count] of Object.entries(result.counts).sort()) console.log(`  ${String(count).padStart(3)}  ${type}`);
    if (Object.keys(result.outputs).length) {
        console.log("\nOutputs:");
        for (const [key, value] of Object.entries(result.outputs)) console.log(`  ${key}: ${format(value)}`);
    }
    console.log(`\nWarnings: ${result.warnings.length === 0 ? "none" : ""}`);
    result.warnings.forEach((w) => console.log(`  ! ${w}`));
    console.log(
        `\nPolicies (${policies.pack}): ${policies.results.length} checks, ${policies.mandatoryViolations} mandatory and ${policies.advisoryViolations} advisory violations`,
    );
    for (const v of policies.violations) console.log(`  ${v.enforcementLevel === "mandatory" ? "✗" : "~"} [${v.enforcementLevel}] ${v.policy} on ${v.resource}: ${v.message}`);
    if (result.errors.length) {
        console.log(`\nErrors (pulumi up would fail):`);
        result.errors.forEach((e) => console.log(`  ✗ ${e}`));
    }
}

async function main(): Promise<number> {
    const result = await runPlan({ program: positionals[0] ?? ".", stack: values.stack });
    const policies = evaluatePolicies(result.recorded);
    if (values.json) {
        const { recorded: _recorded, ...plain } = result;
        console.log(JSON.stringify({ ...plain, policies }, null, 2));
    } else {
        printText(result, policies);
    }
    const failed = result.errors.length > 0 || policies.mandatoryViolations > 0;
    if (!values.json) console.log(failed ? "\nPlan FAILED." : "\nPlan OK: no errors, no mandatory policy violations.");
    return failed ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(2);
    },
);
