import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "./index";

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

const urnOf = (r: EvaluatedResource) => `urn:pulumi:plan::project::${r.type}::${r.name}`;

/**
 * Runs the pack's policies over recorded resources without the Pulumi engine, the way the policy
 * host would call them: each resource policy on each resource, each stack policy once.
 */
export function evaluatePolicies(resources: EvaluatedResource[], pack = policies): PolicyReport {
    const report: PolicyReport = { pack: POLICY_PACK_NAME, results: [], violations: [], mandatoryViolations: 0, advisoryViolations: 0 };
    const policyResources: PolicyResource[] = resources.map((r) => ({
        type: r.type,
        name: r.name,
        urn: urnOf(r),
        props: { ...r.inputs, ...(r.id ? { id: r.id } : {}) },
        opts: {} as PolicyResource["opts"],
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    })) as unknown as PolicyResource[];

    for (const policy of pack) {
        const record = (resourceName: string, message: string) => {
            const level = policy.enforcementLevel ?? "advisory";
            report.violations.push({
                policy: policy.name,
                enforcementLevel: level,
                severity: policy.severity,
                resource: resourceName,
                message,
                remediation: policy.remediationSteps,
            });
            if (level === "mandatory") report.mandatoryViolations++;
            else if (level === "advisory") report.advisoryViolations++;
        };
        if ("validateStack" in policy) {
            const before = report.violations.length;
            const args = {
                resources: policyResources,
                stackTags: new Map(),
                notApplicable: () => {
                    throw new Error("not applicable");
                },
            } as unknown as StackValidationArgs;
            void (policy as StackValidationPolicy).validateStack(args, (message, urn) => record(policyResources.find((r) => r.urn === urn)?.name ?? "stack", message));
            report.results.push({ policy: policy.name, passed: report.violations.length === before });
            continue;
        }
        const validators = ([] as unknown[]).concat((policy as ResourceValidationPolicy).validateResource ?? []) as ((a: ResourceValidationArgs, r: (m: string) => void) => void)[];
        for (const resource of policyResources) {
            const before = report.violations.length;
            for (const validate of validators) void validate(resource as unknown as ResourceValidationArgs, (message) => record(resource.name, message));
            report.results.push({ policy: policy.name, resource: resource.name, passed: report.violations.length === before });
        }
    }
    return report;
}
