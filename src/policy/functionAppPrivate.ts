import type { StackValidationPolicy } from "@pulumi/policy";
import { TYPES } from "./resourceTypes";

export const functionAppPrivate: StackValidationPolicy = {
    name: "function-app-public-access-disabled",
    description: "A Function app reached by a shared private endpoint should not also accept public traffic, or the private path protects nothing.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps: "Set publicNetworkAccess to Disabled on the Function app once the private endpoint is approved (reference deployment: functionPublicNetworkAccess=false).",
    validateStack: (args, report) => {
        const targets = args.resources.filter((r) => r.type === TYPES.sharedPrivateLink).map((r) => String(r.props.privateLinkResourceId ?? "").toLowerCase());
        for (const app of args.resources.filter((r) => r.type === TYPES.webApp)) {
            const id = String(app.props.id ?? "").toLowerCase();
            const name = String(app.props.name ?? "").toLowerCase();
            const targeted = targets.some((t) => (id && t === id) || (name && t.endsWith(`/microsoft.web/sites/${name}`)));
            if (targeted && app.props.publicNetworkAccess !== "Disabled")
                report(`Function app ${app.name} is targeted by a shared private endpoint but still allows public network access.`, app.urn);
        }
    },
};
