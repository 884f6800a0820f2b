// function-plan-supports-private-endpoints against Azure Policy's built-in 546fe8d2-368d-4029-a418-6af48a7f61e5
// ("App Service apps should use a SKU that supports private link"): every tier and SKU name each
// version lists is accepted, and what none lists (Free, Shared, Consumption) is refused.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as fc from "fast-check";
import { functionPlanSupportsPrivateEndpoints as rule, planSupportsPrivateEndpoints } from "../../src/policy";
import { evaluatePolicies } from "../../src/policy/evaluate";
import { named, secureStack } from "./secureStack";

/**
 * The built-in's lists, version by version, as Azure/azure-policy's
 * `built-in-policies/policyDefinitions/App Service/DisablePrivateEndpoint_Deny.json` holds them
 * (4.1.0: commit f7319d6e, 4.2.0: c97bc4c7, 4.3.0: bbb051fb). A plan is compliant when its
 * `sku.tier` is listed or its `sku.name` is (4.3.0 has no tier condition).
 */
const BUILT_IN: Record<string, { tiers: string[]; names: string[] }> = {
    "4.1.0": {
        tiers: ["Basic", "Standard", "ElasticPremium", "Premium", "PremiumV2", "Premium0V3", "PremiumV3", "PremiumMV3", "Isolated", "IsolatedV2", "WorkflowStandard"],
        names: [
            ...["B1", "B2", "B3", "S1", "S2", "S3", "EP1", "EP2", "EP3", "P1", "P2", "P3", "P1V2", "P2V2", "P3V2", "P0V3", "P1V3", "P2V3", "P3V3"],
            ...["P1MV3", "P2MV3", "P3MV3", "P4MV3", "P5MV3", "I1", "I2", "I3", "I1V2", "I2V2", "I3V2", "I4V2", "I5V2", "I6V2", "WS1", "WS2", "WS3"],
        ],
    },
    "4.2.0": {
        tiers: [
            "Basic",
            "Standard",
            "ElasticPremium",
            "Premium",
            "PremiumV2",
            "Premium0V3",
            "PremiumV3",
            "PremiumMV3",
            "IsolatedV2",
            "IsolatedMV2",
            "WorkflowStandard",
            "FlexConsumption",
        ],
        names: [
            ...["B1", "B2", "B3", "S1", "S2", "S3", "EP1", "EP2", "EP3", "P1", "P2", "P3", "P1V2", "P2V2", "P3V2", "P0V3", "P1V3", "P2V3", "P3V3"],
            ...["P1MV3", "P2MV3", "P3MV3", "P4MV3", "P5MV3", "I1V2", "I2V2", "I3V2", "I4V2", "I5V2", "I6V2", "I1MV2", "I2MV2", "I3MV2", "I4MV2", "I5MV2"],
            ...["WS1", "WS2", "WS3", "FC1"],
        ],
    },
    "4.3.0": {
        tiers: [],
        names: [
            ...["B1", "B2", "B3", "S1", "S2", "S3", "EP1", "EP2", "EP3", "P1", "P2", "P3", "P1V2", "P2V2", "P3V2", "P0V3", "P1V3", "P2V3", "P3V3"],
            ...["P1MV3", "P2MV3", "P3MV3", "P4MV3", "P5MV3", "P0V4", "P1V4", "P2V4", "P3V4", "P1MV4", "P2MV4", "P3MV4", "P4MV4", "P5MV4"],
            ...["I1V2", "I2V2", "I3V2", "I4V2", "I5V2", "I6V2", "I1MV2", "I2MV2", "I3MV2", "I4MV2", "I5MV2", "WS1", "WS2", "WS3", "FC1"],
        ],
    },
};
/** The built-in's rule (Azure Policy compares ignoring case): compliant in some version. */
const builtInAccepts = (sku: { name?: string; tier?: string }) =>
    Object.values(BUILT_IN).some((v) => v.tiers.some((t) => t.toLowerCase() === sku.tier?.toLowerCase()) || v.names.some((n) => n.toLowerCase() === sku.name?.toLowerCase()));

const violationsFor = (sku: { name?: string; tier?: string }, config?: Record<string, unknown>) => {
    const stack = secureStack();
    named(stack, "func-plan").inputs.sku = sku;
    return evaluatePolicies(stack, [rule], config ? { config: { [rule.name]: config } } : {}).violations;
};

describe("function-plan-supports-private-endpoints: the built-in's tiers and SKU names", () => {
    const tiers = [...new Set(Object.values(BUILT_IN).flatMap((v) => v.tiers))];
    const names = [...new Set(Object.values(BUILT_IN).flatMap((v) => v.names))];
    for (const tier of tiers) it(`accepts tier ${tier}`, () => assert.deepEqual(violationsFor({ tier }), []));
    for (const name of names) it(`accepts SKU ${name}`, () => assert.deepEqual(violationsFor({ name }), []));
    it("accepts them in the case Azure returns them (P1v3, ep1, flexconsumption)", () => {
        for (const sku of [{ name: "P1v3" }, { name: "ep1" }, { tier: "flexconsumption" }, { name: "FC1", tier: "FlexConsumption" }, { name: "WS1", tier: "WorkflowStandard" }])
            assert.deepEqual(violationsFor(sku), [], JSON.stringify(sku));
    });
    for (const sku of [{ name: "F1", tier: "Free" }, { name: "D1", tier: "Shared" }, { name: "Y1", tier: "Dynamic" }, { name: "Y1" }, { tier: "Dynamic" }]) {
        it(`refuses ${JSON.stringify(sku)} as mandatory`, () => {
            const found = violationsFor(sku);
            assert.equal(found.length, 1);
            assert.equal(found[0].enforcementLevel, "mandatory");
        });
    }
    it("agrees with the built-in on any tier and name (property)", () => {
        const listed = fc.constantFrom(...tiers, ...names, "Free", "Shared", "Dynamic", "F1", "D1", "Y1", "PC2", "Elastic");
        const value = fc.option(
            fc.oneof(
                listed,
                listed.map((v) => v.toLowerCase()),
                fc.string({ maxLength: 6 }),
            ),
            { nil: undefined },
        );
        fc.assert(
            fc.property(value, value, (name, tier) => {
                fc.pre(name !== undefined || tier !== undefined);
                assert.equal(planSupportsPrivateEndpoints({ name, tier }), builtInAccepts({ name, tier }), JSON.stringify({ name, tier }));
            }),
        );
    });
    it("the rule's texts and the README's troubleshooting row name the same plans", () => {
        const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
        const row = readme.split("\n").find((l) => l.startsWith("| shared private link creation fails for the Function app"));
        assert.ok(row, "README troubleshooting row");
        for (const text of [rule.remediationSteps!, row]) {
            for (const plan of ["Flex Consumption (FC1)", "Elastic Premium (EP1-EP3)", "Basic (B1-B3)", "Standard (S1-S3)", "Isolated v2", "Workflow Standard (WS1-WS3)"])
                assert.ok(text.includes(plan), `${plan} in ${text}`);
        }
        for (const text of [rule.description, row]) for (const refused of ["Free", "Shared", "Consumption (Y1)"]) assert.ok(text.includes(refused), `${refused} in ${text}`);
    });
    it("an organization can accept more SKUs through policy config", () => {
        assert.equal(violationsFor({ name: "P9V9" }).length, 1);
        assert.deepEqual(violationsFor({ name: "P9V9" }, { additionalSkuNames: ["p9v9"] }), []);
        assert.deepEqual(violationsFor({ tier: "PremiumV9" }, { additionalTiers: ["PremiumV9"] }), []);
    });
});
