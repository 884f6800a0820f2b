import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const corsNotWildcard: ResourceValidationPolicy = {
    name: "signalr-cors-not-wildcard",
    description: "SignalR CORS should list origins, not allow every origin (`*`, also the service's default when CORS is unset).",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps: "Set corsAllowedOrigins to your application's origins.",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "signalR")) return;
        const origins: unknown = args.props.cors?.allowedOrigins;
        if (origins === undefined) report("CORS is unset, which the service treats as every origin.");
        else if (Array.isArray(origins) && origins.includes("*")) report("CORS allows every origin (`*`).");
    }),
};
