import type { StackValidationPolicy } from "@pulumi/policy";
import { TYPES, linkTargeting } from "./resourceTypes";

/** App Service plan tiers whose apps can have private endpoints (DESIGN facts: EP1-EP3, Premium v2/v3, Isolated). */
export const PRIVATE_ENDPOINT_TIERS = ["ElasticPremium", "PremiumV2", "PremiumV3", "Isolated", "IsolatedV2"];
/** The same by SKU name, for plans that give only the name. */
const PRIVATE_ENDPOINT_SKU = /^(EP[1-3]|P\d+m?v[23]|I\d+(v2)?)$/i;

const lower = (v: unknown) => String(v ?? "").toLowerCase();

export const functionPlanSupportsPrivateEndpoints: StackValidationPolicy = {
    name: "function-plan-supports-private-endpoints",
    description:
        "A Function app that a shared private link targets must run on a plan that supports private endpoints (Elastic Premium, Premium v2/v3, Isolated); on Consumption (Y1) the link fails only at deploy time, minutes in.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Move the Function app to an Elastic Premium plan (EP1-EP3), Premium v2/v3 or Isolated, or remove its shared private endpoint.",
    validateStack: (args, report) => {
        for (const app of args.resources.filter((r) => r.type === TYPES.webApp)) {
            const link = linkTargeting(app, args.resources);
            const planId = lower(app.props.serverFarmId);
            const plan = link && planId ? args.resources.find((r) => r.type === TYPES.appServicePlan && lower(r.props.id) === planId) : undefined;
            const sku = plan?.props.sku as { name?: string; tier?: string } | undefined;
            if (!plan || !sku || (sku.name === undefined && sku.tier === undefined)) continue; // the plan is not in this stack, or not known yet
            const supported = PRIVATE_ENDPOINT_TIERS.some((t) => lower(t) === lower(sku.tier)) || PRIVATE_ENDPOINT_SKU.test(String(sku.name ?? ""));
            if (!supported) {
                report(
                    `Function app ${app.name} is the target of shared private link ${link!.name} but runs on plan ${plan.name} (SKU ${sku.name ?? "?"}, tier ${sku.tier ?? "?"}), which cannot have private endpoints: use Elastic Premium (EP1-EP3), Premium v2/v3 or Isolated.`,
                    app.urn,
                );
            }
        }
    },
};
