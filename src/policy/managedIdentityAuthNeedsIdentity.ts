import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isType, upstreamTemplates } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const managedIdentityAuthNeedsIdentity: ResourceValidationPolicy = {
    name: "signalr-upstream-identity-present",
    description:
        "Upstreams with ManagedIdentity auth or Key Vault references need an identity on the service; without one every call or secret read fails. The part of PSRule Azure.SignalR.ManagedIdentity (AZR-000181) that breaks the deployment.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Give the service a system- or user-assigned identity (ServerlessSignalR creates one when an upstream needs it).",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "signalR")) return;
        const identity = args.props.identity?.type;
        if (identity === "SystemAssigned" || identity === "UserAssigned") return;
        for (const { index, template } of upstreamTemplates(args.props)) {
            const needs =
                template.auth?.type === "ManagedIdentity"
                    ? "ManagedIdentity auth"
                    : typeof template.urlTemplate === "string" && template.urlTemplate.includes("{@Microsoft.KeyVault(")
                      ? "a Key Vault reference"
                      : undefined;
            if (needs) report(`upstream.templates[${index}] uses ${needs} but the service has no identity.`);
        }
    }),
};
