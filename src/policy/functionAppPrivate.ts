import type { StackValidationPolicy } from "@pulumi/policy";
import { TYPES, linkTargeting } from "./resourceTypes";

export const functionAppPrivate: StackValidationPolicy = {
    name: "function-app-public-access-disabled",
    description: "A Function app reached by a shared private endpoint should not also accept public traffic, or the private path protects nothing.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps: "Set publicNetworkAccess to Disabled on the Function app once the private endpoint is approved (reference deployment: functionPublicNetworkAccess=false).",
    validateStack: (args, report) => {
        for (const app of args.resources.filter((r) => r.type === TYPES.webApp)) {
            if (linkTargeting(app, args.resources) && app.props.publicNetworkAccess !== "Disabled")
                report(`Function app ${app.name} is targeted by a shared private endpoint but still allows public network access.`, app.urn);
        }
    },
};
