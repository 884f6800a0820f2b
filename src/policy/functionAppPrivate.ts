import type { StackValidationPolicy } from "@pulumi/policy";
import { linkTargeting, ofKind } from "./resourceTypes";
import { judge, sameText } from "./unknowns";

export const functionAppPrivate: StackValidationPolicy = {
    name: "function-app-public-access-disabled",
    description:
        "A Function app reached by a shared private endpoint should not also accept public traffic, or the private path protects nothing. Mirrors Checkov CKV_AZURE_222 (App Service public network access disabled).",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps: "Set publicNetworkAccess to Disabled on the Function app once the private endpoint is approved (reference deployment: functionPublicNetworkAccess=false).",
    validateStack: (args, report) => {
        for (const app of ofKind(args.resources, "webApp")) {
            judge(() => {
                if (linkTargeting(app, args.resources) && !sameText(app.props.publicNetworkAccess, "Disabled"))
                    report(`Function app ${app.name} is targeted by a shared private endpoint but still allows public network access.`, app.urn);
            });
        }
    },
};
