import type { EnforcementLevel, PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "./pack";
import { isUnknownValueError } from "./unknowns";

/** A resource as the evaluator sees it: type, logical name, properties (inputs, or outputs merged). */
export interface EvaluatedResource {
    type: string;
    name: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- resource properties are untyped
    inputs: Record<string, any>;
    id?: string;
}

export interface PolicyViolation {
    policy: string;
    enforcementLevel: string;
    severity?: string;
    resource: string;
    message: string;
    remediation?: string;
}

export interface PolicyReport {
    pack: string;
    /** One entry per policy and resource (or per policy, for stack policies) that was checked. */
    results: { policy: string; resource?: string; passed: boolean }[];
    violations: PolicyViolation[];
    mandatoryViolations: number;
    advisoryViolations: number;
}

/** What the policy host gets besides the resources: the organization's policy config and the stack's tags. */
export interface EvaluationOptions {
    /**
     * Policy config as `pulumi preview --policy-pack-config` takes it: per policy name, an
     * enforcement level alone or an object with `enforcementLevel` and the policy's properties.
     */
    config?: Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;
    stackTags?: Record<string, string>;
}

type Policy = ResourceValidationPolicy | StackValidationPolicy;

const urnOf = (r: EvaluatedResource) => `urn:pulumi:plan::project::${r.type}::${r.name}`;

/**
 * `@pulumi/policy`'s unknown-checking proxy (internal module `proxy.js`), which the host wraps
 * every resource's properties in: used so the evaluator reads unknown values as the host does.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/policy, not in its typings
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(v: T): T };

/** A policy's config entry split as the host splits it (server.js makeGetConfigFun). */
function configOf(policy: Policy, options: EvaluationOptions): { level: EnforcementLevel; properties: Record<string, unknown> } {
    const entry = options.config?.[policy.name];
    if (typeof entry === "string") return { level: entry, properties: {} };
    const { enforcementLevel, ...properties } = entry ?? {};
    return { level: enforcementLevel ?? policy.enforcementLevel ?? "advisory", properties };
}

/**
 * Runs the pack's policies over recorded resources without the Pulumi engine, the way the policy
 * host would call them: each resource policy on each resource, each stack policy once, properties
 * behind the host's unknown-checking proxy, config and stack tags as the host gives them.
 */
export function evaluatePolicies(resources: EvaluatedResource[], pack: Policy[] = policies, options: EvaluationOptions = {}): PolicyReport {
    const report: PolicyReport = { pack: POLICY_PACK_NAME, results: [], violations: [], mandatoryViolations: 0, advisoryViolations: 0 };
    const policyResources: PolicyResource[] = resources.map((r) => ({
        type: r.type,
        name: r.name,
        urn: urnOf(r),
        props: unknownCheckingProxy({ ...r.inputs, ...(r.id ? { id: r.id } : {}) }),
        opts: {} as PolicyResource["opts"],
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    })) as unknown as PolicyResource[];
    const stackTags: ReadonlyMap<string, string> = new Map(Object.entries(options.stackTags ?? {}));

    for (const policy of pack) {
        const { level, properties } = configOf(policy, options);
        if (level === "disabled") continue;
        const record = (resourceName: string, message: string, enforcementLevel: string = level) => {
            report.violations.push({ policy: policy.name, enforcementLevel, severity: policy.severity, resource: resourceName, message, remediation: policy.remediationSteps });
            if (enforcementLevel === "mandatory") report.mandatoryViolations++;
            else if (enforcementLevel === "advisory") report.advisoryViolations++;
        };
        // As the host does: a policy that reads an unknown value is reported as not run (advisory).
        const run = (resourceName: string, validate: () => void) => {
            try {
                validate();
            } catch (e) {
                if (!isUnknownValueError(e)) throw e;
                record(resourceName, `can't run policy '${policy.name}' during preview: ${(e as Error).message}`, "advisory");
            }
        };
        const common = { getConfig: () => properties, notApplicable: () => undefined as never };
        if ("validateStack" in policy) {
            const before = report.violations.length;
            const args = { resources: policyResources, stackTags, ...common } as unknown as StackValidationArgs;
            run("stack", () => void policy.validateStack(args, (message, urn) => record(policyResources.find((r) => r.urn === urn)?.name ?? "stack", message)));
            report.results.push({ policy: policy.name, passed: report.violations.length === before });
            continue;
        }
        const validators = ([] as unknown[]).concat(policy.validateResource ?? []) as ((a: ResourceValidationArgs, r: (m: string) => void) => void)[];
        for (const resource of policyResources) {
            const before = report.violations.length;
            const args = { ...resource, stackTags, ...common } as unknown as ResourceValidationArgs;
            for (const validate of validators) run(resource.name, () => void validate(args, (message) => record(resource.name, message)));
            report.results.push({ policy: policy.name, resource: resource.name, passed: report.violations.length === before });
        }
    }
    return report;
}
