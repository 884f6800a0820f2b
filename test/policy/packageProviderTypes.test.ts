// Issue "Day 2" item 5: stacks built through the package provider register the ARM-backed
// resources as signalr-serverless:index:* custom resources; every rule judges them as it judges
// the dynamic resources of a TypeScript program.
import { strict as assert } from "node:assert";
import * as p from "../../src/policy";
import { evaluatePolicies } from "../../src/policy/evaluate";
import { TYPES } from "../../src/policy/resourceTypes";
import { DYNAMIC_TYPES, PACKAGE_TYPES } from "../../src/components/armBackedResources";
import { named, secureStack } from "./secureStack";

/** The secure stack as the package provider registers it. */
function throughPackageProvider() {
    const stack = secureStack();
    for (const r of stack) r.type = r.type.replace("pulumi-nodejs:dynamic/signalr-serverless:", "signalr-serverless:index:");
    return stack;
}

describe("rules over the package provider's resource types", () => {
    it("the rules know both tokens of every ARM-backed resource they look at", () => {
        assert.deepEqual([...TYPES.approval].sort(), [DYNAMIC_TYPES.approval, PACKAGE_TYPES.approval].sort());
        assert.deepEqual([...TYPES.networkAcl].sort(), [DYNAMIC_TYPES.networkAcl, PACKAGE_TYPES.networkAcl].sort());
    });
    it("the secure stack built through the package provider passes the whole pack", () => {
        const stack = throughPackageProvider();
        assert.ok(stack.some((r) => r.type === "signalr-serverless:index:PrivateEndpointConnectionApproval"));
        assert.deepEqual(evaluatePolicies(stack).violations, []);
    });
    it("shared-private-endpoint-approved-by-stack still fails without the approval", () => {
        const stack = throughPackageProvider();
        stack.splice(stack.indexOf(named(stack, "func-pe-approval")), 1);
        assert.match(evaluatePolicies(stack, [p.sharedPrivateEndpointApproved]).violations[0].message, /func-pe-link has no approval/);
    });
    it("signalr-private-endpoint-has-acl-entry still fails without the entry", () => {
        const stack = throughPackageProvider();
        stack.splice(stack.indexOf(named(stack, "chat-pe0-acl")), 1);
        assert.match(evaluatePolicies(stack, [p.privateEndpointHasAclEntry]).violations[0].message, /no network ACL entry/);
    });
});
