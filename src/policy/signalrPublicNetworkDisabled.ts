import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults, stringList } from "./policyConfig";
import { isType } from "./resourceTypes";
import { UNKNOWN, read, sameText, skipUnknowns } from "./unknowns";

/** The built-in this rule mirrors, named in every message so a team knows what its Deny assignment would refuse. */
const BUILT_IN = "Azure Policy built-in 21a9766a-82a5-4747-abb5-650b6dbba6d0 (Azure SignalR Service should disable public network access)";
/** Request types that a serverless service never needs from the public network. */
const configSchema: PolicyConfigSchema = {
    properties: {
        forbiddenPublicRequestTypes: stringList("Request types that must not be allowed from the public network (networkACLs.publicNetwork.allow).", ["ServerConnection", "Trace"]),
    },
};

export const signalrPublicNetworkDisabled: ResourceValidationPolicy = {
    name: "signalr-public-network-disabled",
    description: `SignalR should not be reachable from the public network: publicNetworkAccess Disabled (unset counts as Enabled), network ACLs that deny by default, and never ServerConnection or Trace allowed from the public network. Mirrors ${BUILT_IN}; an organization that assigns it with effect Deny should make this rule mandatory (policy config), so the stack is refused at preview rather than at deploy.`,
    severity: "medium",
    enforcementLevel: "advisory",
    configSchema,
    remediationSteps:
        "Set publicNetworkAccess: Disabled once clients come through an inbound private endpoint (ServerlessSignalR's privateEndpoints and privateDnsZone); keep networkAcls.defaultAction Deny and allow only ClientConnection/RESTAPI publicly while public access is on.",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "signalR")) return;
        const { forbiddenPublicRequestTypes } = configWithDefaults<{ forbiddenPublicRequestTypes: string[] }>(configSchema, args);
        const access = read(() => args.props.publicNetworkAccess);
        if (access !== UNKNOWN && !sameText(access, "Disabled"))
            report(`publicNetworkAccess is ${access ?? "unset (Enabled)"}: ${BUILT_IN} would deny this service where it is assigned with effect Deny.`);
        if (
            sameText(
                read(() => args.props.networkACLs?.defaultAction),
                "Allow",
            )
        )
            report("networkACLs.defaultAction is Allow: every request type is accepted unless an entry denies it.");
        const allowed = read(() => args.props.networkACLs?.publicNetwork?.allow);
        if (Array.isArray(allowed)) {
            const forbidden = allowed.filter((t) => forbiddenPublicRequestTypes.some((f) => sameText(f, t)));
            if (forbidden.length) report(`networkACLs.publicNetwork.allow lets ${forbidden.join(", ")} in from the public network.`);
        }
    }),
};
