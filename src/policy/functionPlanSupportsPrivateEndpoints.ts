import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults, stringList } from "./policyConfig";
import { byId, linkTargeting, ofKind } from "./resourceTypes";
import { UNKNOWN, judge, knownString, read } from "./unknowns";

/**
 * What Azure Policy's built-in "App Service apps should use a SKU that supports private link"
 * (546fe8d2-368d-4029-a418-6af48a7f61e5; Azure/azure-policy,
 * `built-in-policies/policyDefinitions/App Service/DisablePrivateEndpoint_Deny.json`) accepts, in
 * every version it has had: a plan is compliant when its tier is one of these (4.1.0, 4.2.0) or its
 * SKU name is (4.1.0-4.3.0). The union, so no version of the built-in accepts a plan this refuses.
 * Azure Policy compares these values ignoring case.
 */
export const PRIVATE_LINK_PLAN_TIERS: readonly string[] = [
    "Basic",
    "Standard",
    "ElasticPremium",
    "Premium",
    "PremiumV2",
    "Premium0V3",
    "PremiumV3",
    "PremiumMV3",
    "Isolated",
    "IsolatedV2",
    "IsolatedMV2",
    "WorkflowStandard",
    "FlexConsumption",
];
/** The built-in's SKU names (union of versions 4.1.0-4.3.0; see PRIVATE_LINK_PLAN_TIERS). */
export const PRIVATE_LINK_PLAN_SKUS: readonly string[] = [
    ...["B1", "B2", "B3", "S1", "S2", "S3", "EP1", "EP2", "EP3", "P1", "P2", "P3"],
    ...["P1V2", "P2V2", "P3V2", "P0V3", "P1V3", "P2V3", "P3V3", "P1MV3", "P2MV3", "P3MV3", "P4MV3", "P5MV3"],
    ...["P0V4", "P1V4", "P2V4", "P3V4", "P1MV4", "P2MV4", "P3MV4", "P4MV4", "P5MV4"],
    ...["I1", "I2", "I3", "I1V2", "I2V2", "I3V2", "I4V2", "I5V2", "I6V2", "I1MV2", "I2MV2", "I3MV2", "I4MV2", "I5MV2"],
    ...["WS1", "WS2", "WS3", "FC1"],
];

const configSchema: PolicyConfigSchema = {
    properties: {
        additionalTiers: stringList("Plan tiers to accept beyond the built-in's list (for tiers Azure adds later)."),
        additionalSkuNames: stringList("Plan SKU names to accept beyond the built-in's list."),
    },
};

const listed = (list: readonly string[], value: string | undefined) => value !== undefined && list.some((v) => v.toLowerCase() === value.toLowerCase());

/** Whether a plan SKU supports private endpoints, by the built-in's rule: its tier or its name is listed. */
export function planSupportsPrivateEndpoints(sku: { name?: string; tier?: string }, extra: { tiers?: readonly string[]; names?: readonly string[] } = {}): boolean {
    return listed([...PRIVATE_LINK_PLAN_TIERS, ...(extra.tiers ?? [])], sku.tier) || listed([...PRIVATE_LINK_PLAN_SKUS, ...(extra.names ?? [])], sku.name);
}

export const functionPlanSupportsPrivateEndpoints: StackValidationPolicy = {
    name: "function-plan-supports-private-endpoints",
    description:
        "A Function app that a shared private link targets must run on a plan that supports private endpoints, as Azure Policy's built-in 546fe8d2-368d-4029-a418-6af48a7f61e5 (App Service apps should use a SKU that supports private link) lists them: Basic, Standard, Premium (v2, v3, v4), Elastic Premium, Isolated (v2), Workflow Standard or Flex Consumption. Free, Shared and Consumption (Y1) cannot have private endpoints: the link would fail at deploy time, minutes in.",
    severity: "high",
    enforcementLevel: "mandatory",
    configSchema,
    remediationSteps:
        "Move the Function app to a plan that supports private endpoints: Flex Consumption (FC1), Elastic Premium (EP1-EP3), Basic (B1-B3), Standard (S1-S3), Premium (P1-P3, P*V2, P*V3, P*MV3, P*V4, P*MV4), Isolated v2 (I*V2, I*MV2) or Workflow Standard (WS1-WS3); or remove its shared private endpoint.",
    validateStack: (args, report) => {
        const config = configWithDefaults<{ additionalTiers: string[]; additionalSkuNames: string[] }>(configSchema, args);
        for (const app of ofKind(args.resources, "webApp")) {
            judge(() => {
                const link = linkTargeting(app, args.resources);
                const plan = link
                    ? byId(
                          ofKind(args.resources, "appServicePlan"),
                          knownString(() => app.props.serverFarmId),
                      )
                    : undefined;
                if (!link || !plan) return; // not targeted, or the plan is not in this stack
                const name = read(() => plan.props.sku?.name);
                const tier = read(() => plan.props.sku?.tier);
                if (name === UNKNOWN || tier === UNKNOWN) return; // either half, once known, may be a supported one
                const sku = { name: typeof name === "string" ? name : undefined, tier: typeof tier === "string" ? tier : undefined };
                if (sku.name === undefined && sku.tier === undefined) return; // no SKU given
                if (planSupportsPrivateEndpoints(sku, { tiers: config.additionalTiers, names: config.additionalSkuNames })) return;
                report(
                    `Function app ${app.name} is the target of shared private link ${link.name} but runs on plan ${plan.name} (SKU ${sku.name ?? "?"}, tier ${sku.tier ?? "?"}), which cannot have private endpoints (not in built-in 546fe8d2-368d-4029-a418-6af48a7f61e5's list): use Flex Consumption (FC1), Elastic Premium, Basic, Standard, Premium or Isolated v2.`,
                    app.urn,
                );
            });
        }
    },
};
