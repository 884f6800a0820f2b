import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "./resourceTypes";
import { UNKNOWN, read, sameText, skipUnknowns } from "./unknowns";

export const signalrPaidTier: ResourceValidationPolicy = {
    name: "signalr-paid-tier",
    description:
        "SignalR must be on a paid tier (Standard or Premium): the Free tier has no shared private endpoints and no SLA. Mirrors Azure Policy 464a1620-21b5-448d-8ce6-d4ac6d1bc49a (sku.tier Free), PSRule Azure.SignalR.SLA (AZR-000182) and Checkov CKV_AZURE_196 (sku.name Free_F1); both compared ignoring case.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Set the SKU to Standard_S1, Premium_P1 or Premium_P2 (ServerlessSignalR's `sku`).",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "signalR")) return;
        const name = read(() => args.props.sku?.name);
        const tier = read(() => args.props.sku?.tier);
        if (name === UNKNOWN || tier === UNKNOWN) return;
        if (name === undefined && tier === undefined) report("SignalR has no SKU (Free by default); shared private endpoints need a paid tier.");
        else if (sameText(name, "Free_F1") || sameText(tier, "Free"))
            report(`SignalR uses the Free tier (SKU ${String(name ?? "?")}, tier ${String(tier ?? "?")}); shared private endpoints need a paid tier.`);
    }),
};
