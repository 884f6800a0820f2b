import type { ResourceValidationPolicy } from "@pulumi/policy";
import { analyzeUrlTemplate } from "../upstream/urlTemplate";
import { TYPES, knownUrl, upstreamTemplates } from "./resourceTypes";

export const upstreamHttps: ResourceValidationPolicy = {
    name: "signalr-upstream-https",
    description: "Upstream URLs must use https, so upstream calls and their signatures are never sent in clear text.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Use an https:// URL template (or one Key Vault reference that holds an https URL).",
    validateResource: (args, report) => {
        if (args.type !== TYPES.signalR) return;
        for (const { index, template } of upstreamTemplates(args.props)) {
            const url = knownUrl(template);
            if (url === undefined) continue;
            try {
                const analysis = analyzeUrlTemplate(`upstream.templates[${index}].urlTemplate`, url, { allowPlaintextUpstreamSecrets: true });
                if (analysis.scheme === "http") report(`upstream.templates[${index}] uses http: ${url.split("?")[0]}`);
            } catch {
                // Malformed templates are the well-formedness policy's finding.
            }
        }
    },
};
