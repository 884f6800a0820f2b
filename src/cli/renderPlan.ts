import { AsciiTree } from "oo-ascii-tree";
import type { PolicyReport } from "../policy/evaluate";
import type { PlanResult, PlannedResource } from "../plan/runPlan";

const format = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

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

/** The plan as people read it: tree, counts, outputs, warnings, policy results, errors, verdict. */
export function renderPlanText(result: PlanResult, policies: PolicyReport, failed: boolean): string {
    const lines: string[] = [tree(result).toString()];
    if (!result.configFile) lines.push(`(no Pulumi.${result.stack}.yaml: planned with no stack configuration)`);
    lines.push(`\n${result.resources.length} resources to create:`);
    for (const [type, count] of Object.entries(result.counts).sort()) lines.push(`  ${String(count).padStart(3)}  ${type}`);
    if (Object.keys(result.outputs).length) {
        lines.push("\nOutputs:");
        for (const [key, value] of Object.entries(result.outputs)) lines.push(`  ${key}: ${format(value)}`);
    }
    lines.push(`\nWarnings: ${result.warnings.length === 0 ? "none" : ""}`);
    result.warnings.forEach((w) => lines.push(`  ! ${w}`));
    lines.push(
        `\nPolicies (${policies.pack}): ${policies.results.length} checks, ${policies.mandatoryViolations} mandatory and ${policies.advisoryViolations} advisory violations`,
    );
    for (const v of policies.violations) lines.push(`  ${v.enforcementLevel === "mandatory" ? "✗" : "~"} [${v.enforcementLevel}] ${v.policy} on ${v.resource}: ${v.message}`);
    if (result.errors.length) {
        lines.push(`\nErrors (pulumi up would fail):`);
        result.errors.forEach((e) => lines.push(`  ✗ ${e}`));
    }
    lines.push(failed ? "\nPlan FAILED." : "\nPlan OK: no errors, no mandatory policy violations.");
    return lines.join("\n");
}
