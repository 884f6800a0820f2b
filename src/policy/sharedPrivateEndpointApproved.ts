import type { StackValidationPolicy } from "@pulumi/policy";
import { ofKind } from "./resourceTypes";
import { UNKNOWN, judge, read, sameText } from "./unknowns";

export const sharedPrivateEndpointApproved: StackValidationPolicy = {
    name: "shared-private-endpoint-approved-by-stack",
    description:
        "Each shared private link resource should be approved by the stack (PrivateEndpointConnectionApproval, as a dynamic resource or the package provider's resource), not left Pending for a person to approve in the portal.",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: "Use SharedPrivateEndpoint (or ServerlessSignalR's sharedPrivateEndpoints) with approve left at true.",
    validateStack: (args, report) => {
        const approvals = ofKind(args.resources, "approval").map((a) => ({
            message: read(() => a.props.requestMessage),
            target: read(() => a.props.targetResourceId),
        }));
        for (const link of ofKind(args.resources, "sharedPrivateLink")) {
            judge(() => {
                const message = read(() => link.props.requestMessage);
                const target = read(() => link.props.privateLinkResourceId);
                // Any value not known yet may be the one that matches: not judged.
                if (message === UNKNOWN || target === UNKNOWN || approvals.some((a) => a.message === UNKNOWN || a.target === UNKNOWN)) return;
                if (!approvals.some((a) => a.message === message && sameText(a.target, target)))
                    report(`Shared private link ${link.name} has no approval in this stack; its connection stays Pending until approved by hand.`, link.urn);
            });
        }
    },
};
