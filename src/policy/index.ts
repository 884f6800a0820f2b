// The policy rules (one per file, listed in pack.ts) and the engine-free evaluator; re-exports only.
export * from "./pack";
export { PRIVATE_LINK_PLAN_SKUS, PRIVATE_LINK_PLAN_TIERS, planSupportsPrivateEndpoints } from "./functionPlanSupportsPrivateEndpoints";
export { evaluatePolicies, EvaluatedResource, EvaluationOptions, PolicyReport, PolicyViolation } from "./evaluate";
