import type { StackValidationPolicy } from "@pulumi/policy";
import { TYPES } from "./resourceTypes";

export const sharedPrivateEndpointApproved: StackValidationPolicy = {
    name: "shared-private-endpoint-approved-by-stack",
    description: "Each shared private link resource should be approved by the stack (PrivateEndpointConnectionApproval), not left Pending for a person to approve in the portal.",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: "Use SharedPrivateEndpoint (or ServerlessSignalR's sharedPrivateEndpoints) with approve left at true.",
    validateStack: (args, report) => {
        const approvals = args.resources.filter((r) => r.type === TYPES.approval);
        for (const link of args.resources.filter((r) => r.type === TYPES.sharedPrivateLink)) {
            const approved = approvals.some(
                (a) =>
                    a.props.requestMessage === link.props.requestMessage &&
                    String(a.props.targetResourceId).toLowerCase() === String(link.props.privateLinkResourceId).toLowerCase(),
            );
            if (!approved) report(`Shared private link ${link.name} has no approval in this stack; its connection stays Pending until approved by hand.`, link.urn);
        }
    },
};
