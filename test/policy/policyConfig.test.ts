// Every rule can be configured by the organization through CrossGuard's policy config: its
// enforcement level, and the properties its configSchema declares.
import { strict as assert } from "node:assert";
import * as p from "../../src/policy";
import { EvaluationOptions, evaluatePolicies } from "../../src/policy/evaluate";
import { named, secureStack } from "./secureStack";

describe("policy config", () => {
    it("every rule's enforcement level can be raised, lowered or disabled by name", () => {
        const stack = secureStack();
        named(stack, "chat-service").inputs.publicNetworkAccess = "Enabled"; // advisory by default
        named(stack, "chat-service").inputs.sku = { name: "Free_F1" }; // mandatory by default
        const defaults = evaluatePolicies(stack);
        assert.deepEqual(
            defaults.violations.map((v) => `${v.enforcementLevel} ${v.policy}`),
            ["mandatory signalr-paid-tier", "advisory signalr-public-network-disabled"],
        );
        const configured = evaluatePolicies(stack, p.policies, {
            config: { "signalr-public-network-disabled": { enforcementLevel: "mandatory" }, "signalr-paid-tier": "disabled" },
        });
        assert.deepEqual(
            configured.violations.map((v) => `${v.enforcementLevel} ${v.policy}`),
            ["mandatory signalr-public-network-disabled"],
        );
        assert.ok(!configured.results.some((r) => r.policy === "signalr-paid-tier"), "a disabled rule does not run");
    });

    it("every configSchema property has a type, a description and a default the rule runs with", () => {
        for (const policy of p.policies) {
            for (const [name, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
                assert.ok(schema.type && schema.description && schema.default !== undefined, `${policy.name}.${name}`);
            }
        }
    });

    it("signalr-public-network-disabled: the request types refused from the public network are configurable", () => {
        const stack = secureStack();
        named(stack, "chat-service").inputs.networkACLs.publicNetwork.allow = ["ClientConnection", "RESTAPI"];
        const config = { "signalr-public-network-disabled": { forbiddenPublicRequestTypes: ["RESTAPI"] } };
        assert.match(evaluatePolicies(stack, [p.signalrPublicNetworkDisabled], { config }).violations[0].message, /lets RESTAPI in from the public network/);
    });
});

describe("signalr-private-access-when-public-disabled's config", () => {
    it("does not ask for the DNS zone group where Azure Policy deploys it", () => {
        const stack = secureStack();
        stack.splice(stack.indexOf(named(stack, "chat-pe0-dns")), 1);
        assert.equal(evaluatePolicies(stack, [p.signalrPrivateAccessWhenPublicDisabled]).violations.length, 1);
        const config = { "signalr-private-access-when-public-disabled": { requireDnsZoneGroup: false } };
        assert.deepEqual(evaluatePolicies(stack, [p.signalrPrivateAccessWhenPublicDisabled], { config }).violations, []);
        stack.splice(stack.indexOf(named(stack, "chat-pe0")), 1);
        assert.equal(evaluatePolicies(stack, [p.signalrPrivateAccessWhenPublicDisabled], { config }).violations.length, 1, "the endpoint itself is still required");
    });
});

describe("signalr-production-replicas", () => {
    const production: EvaluationOptions = { stackTags: { environment: "production" } };
    const premiumWithReplica = () => {
        const stack = secureStack();
        named(stack, "chat-service").inputs.sku = { name: "Premium_P1", tier: "Premium" };
        stack.push({ type: "azure-native:signalrservice:SignalRReplica", name: "chat-replica-eastus", inputs: { resourceName: "chat-service", location: "eastus" } });
        return stack;
    };
    const run = (stack = premiumWithReplica(), options = production) => evaluatePolicies(stack, [p.signalrProductionReplicas], options).violations;

    it("passes a Premium service with a replica on a production stack", () => assert.deepEqual(run(), []));
    it("does not judge stacks not tagged as production", () => {
        assert.deepEqual(run(secureStack(), { stackTags: {} }), []);
        assert.deepEqual(run(secureStack(), { stackTags: { environment: "dev" } }), []);
    });
    it("fails a Standard service on a production stack", () => {
        const found = run(secureStack());
        assert.equal(found.length, 1);
        assert.match(
            found[0].message,
            /SignalR service chat-service runs a production stack \(environment=production\) on SKU Standard_S1 with 0 replica\(s\); use Premium with at least 1/,
        );
        assert.equal(found[0].enforcementLevel, "advisory");
    });
    it("fails a Premium service without a replica", () => {
        const stack = premiumWithReplica();
        stack.pop();
        assert.match(run(stack)[0].message, /on Premium with 0 replica\(s\)/);
    });
    it("the tag, its values and the replica count are configurable", () => {
        const config = { "signalr-production-replicas": { tagName: "tier", productionValues: ["live"], minimumReplicas: 2 } };
        assert.match(run(premiumWithReplica(), { stackTags: { tier: "LIVE" }, config })[0].message, /with 1 replica\(s\); use Premium with at least 2/);
        assert.deepEqual(run(premiumWithReplica(), { stackTags: { environment: "production" }, config }), []);
    });
});
