import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isType, upstreamTemplates } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const upstreamAuthManagedIdentity: ResourceValidationPolicy = {
    name: "signalr-upstream-auth-managed-identity",
    description: "Upstreams should authenticate with the service's managed identity, so the receiver can verify a token and not only a shared key.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps: 'Set auth: "ManagedIdentity" (with managedIdentityResource as the audience) and validate the token in the upstream.',
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "signalR")) return;
        for (const { index, template } of upstreamTemplates(args.props)) {
            if (template.auth?.type !== "ManagedIdentity") report(`upstream.templates[${index}] sends no token (auth ${template.auth?.type ?? "None"}).`);
        }
    }),
};
