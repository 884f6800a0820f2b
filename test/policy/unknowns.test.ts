// Values a preview cannot know yet are skipped, not judged: every rule, every value of the secure
// fixture replaced by @pulumi/policy's own unknown sentinel, read through the host's proxy.
import { strict as assert } from "node:assert";
import * as p from "../../src/policy";
import { EvaluatedResource, evaluatePolicies } from "../../src/policy/evaluate";
import { named, secureStack } from "./secureStack";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- @pulumi/policy's internal sentinels, as its deserializer produces them
const sentinels = require("@pulumi/policy/proxy") as { unknownStringValue: unknown; unknownObjectValue: unknown; unknownArrayValue: unknown };

type Path = (string | number)[];
/** Every property path of a value (objects, arrays and leaves). */
function paths(value: unknown, prefix: Path = []): Path[] {
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value).flatMap(([k, v]) => {
        const here = [...prefix, Array.isArray(value) ? Number(k) : k];
        return [here, ...paths(v, here)];
    });
}
function setUnknown(stack: EvaluatedResource[], resource: number, path: Path): void {
    let target: Record<string | number, unknown> = stack[resource].inputs;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    const old = target[path[path.length - 1]];
    target[path[path.length - 1]] = Array.isArray(old) ? sentinels.unknownArrayValue : typeof old === "object" ? sentinels.unknownObjectValue : sentinels.unknownStringValue;
}

describe("unknown values in preview", () => {
    it("the evaluator reads properties through the host's proxy: a rule that reads an unknown is reported as not run", () => {
        const stack = secureStack();
        named(stack, "chat-service").inputs.sku = sentinels.unknownObjectValue;
        const reader = { ...p.signalrPaidTier, name: "reads-sku", validateResource: (args: { props: Record<string, { name?: string }> }) => void args.props.sku?.name };
        const { violations } = evaluatePolicies(stack, [reader as unknown as typeof p.signalrPaidTier]);
        assert.equal(violations.length, 1);
        assert.match(violations[0].message, /can't run policy 'reads-sku' during preview: Object value at \.sku can't be known during preview/);
    });

    it("no rule is lost and none fails when any single value of the secure stack is unknown", () => {
        let checked = 0;
        secureStack().forEach((resource, index) => {
            for (const path of paths(resource.inputs)) {
                const stack = secureStack();
                setUnknown(stack, index, path);
                const report = evaluatePolicies(stack);
                assert.deepEqual(report.violations, [], `${resource.name}.${path.join(".")} unknown`);
                checked++;
            }
        });
        assert.ok(checked > 50, `${checked} paths`);
    });

    it("a value that would fail is skipped while unknown, and judged once known", () => {
        const cases: [typeof p.signalrPaidTier | typeof p.functionAppPrivate, (s: EvaluatedResource[], v: unknown) => void][] = [
            [p.signalrPaidTier, (s, v) => (named(s, "chat-service").inputs.sku = v ?? { name: "Free_F1" })],
            [p.signalrPublicNetworkDisabled, (s, v) => (named(s, "chat-service").inputs.publicNetworkAccess = v ?? "Enabled")],
            [p.signalrNameValid, (s, v) => (named(s, "chat-service").inputs.resourceName = v ?? "1bad")],
            [p.functionPlanSupportsPrivateEndpoints, (s, v) => (named(s, "func-plan").inputs.sku = v === undefined ? { name: "Y1", tier: "Dynamic" } : { name: "Y1", tier: v })],
            [p.functionAppHttpsOnly, (s, v) => (named(s, "func").inputs.httpsOnly = v ?? false)],
            [p.signalrDiagnosticLogs, (s, v) => (named(s, "chat-diagnostics0").inputs.resourceUri = v ?? "/another")],
            [p.signalrKeyVaultReachable, (s, v) => ((named(s, "kv-pe-link").inputs.privateLinkResourceId = v ?? "/another"), (named(s, "kv-pe-link").inputs.groupId = "vault"))],
            [p.sharedPrivateEndpointApproved, (s, v) => (named(s, "func-pe-approval").inputs.requestMessage = v ?? "another")],
        ];
        for (const [policy, set] of cases) {
            const known = secureStack();
            set(known, undefined);
            assert.equal(evaluatePolicies(known, [policy]).violations.length, 1, `${policy.name} judges the known value`);
            const unknown = secureStack();
            set(unknown, sentinels.unknownStringValue);
            assert.deepEqual(evaluatePolicies(unknown, [policy]).violations, [], `${policy.name} skips the unknown value`);
        }
    });
});
