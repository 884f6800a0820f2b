import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "./resourceTypes";

export const signalrPaidTier: ResourceValidationPolicy = {
    name: "signalr-paid-tier",
    description: "SignalR must be on a paid tier (Standard or Premium): the Free tier has no shared private endpoints and no SLA.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Set the SKU to Standard_S1, Premium_P1 or Premium_P2 (ServerlessSignalR's `sku`).",
    validateResource: (args, report) => {
        if (args.type !== TYPES.signalR) return;
        const sku = args.props.sku?.name;
        if (sku === undefined || sku === "Free_F1")
            report(`SignalR uses ${sku === undefined ? "no SKU (Free by default)" : "Free_F1"}; shared private endpoints need a paid tier.`);
    },
};
