import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const localAuthDisabled: ResourceValidationPolicy = {
    name: "signalr-local-auth-disabled",
    description:
        "Every SignalR service should have access-key (local) authentication disabled, so only Microsoft Entra identities connect. Mirrors Azure Policy f70eecba-335d-4bbc-81d5-5b17b03d498f (Azure SignalR Service should have local authentication methods disabled).",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set disableLocalAuth: true (ServerlessSignalR's default) and connect the Function binding with its identity (`AzureSignalRConnectionString__credential=managedidentity`).",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "signalR")) return;
        if (args.props.disableLocalAuth !== true) report("SignalR still accepts access keys (disableLocalAuth is not true).");
    }),
};
