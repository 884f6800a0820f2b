import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isType, upstreamTemplates } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const serverlessModeWithUpstreams: ResourceValidationPolicy = {
    name: "signalr-serverless-mode-with-upstreams",
    description: "A SignalR service with upstream templates must be in serverless mode: upstreams are only called in serverless mode.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Add the feature { flag: ServiceMode, value: Serverless } (ServerlessSignalR always does).",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "signalR") || upstreamTemplates(args.props).length === 0) return;
        const mode = (args.props.features ?? []).find((f: { flag?: string }) => f.flag === "ServiceMode")?.value;
        if (mode !== "Serverless") report(`SignalR has upstream templates but ServiceMode is ${mode ?? "unset (Default)"}.`);
    }),
};
