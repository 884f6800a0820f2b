import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES, upstreamTemplates } from "./resourceTypes";

export const serverlessModeWithUpstreams: ResourceValidationPolicy = {
    name: "signalr-serverless-mode-with-upstreams",
    description: "A SignalR service with upstream templates must be in serverless mode: upstreams are only called in serverless mode.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Add the feature { flag: ServiceMode, value: Serverless } (ServerlessSignalR always does).",
    validateResource: (args, report) => {
        if (args.type !== TYPES.signalR || upstreamTemplates(args.props).length === 0) return;
        const mode = (args.props.features ?? []).find((f: { flag?: string }) => f.flag === "ServiceMode")?.value;
        if (mode !== "Serverless") report(`SignalR has upstream templates but ServiceMode is ${mode ?? "unset (Default)"}.`);
    },
};
