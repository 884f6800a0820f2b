import type { ResourceValidationPolicy } from "@pulumi/policy";
import { redactUrl } from "../upstream/redactUrl";
import { analyzeUrlTemplate } from "../upstream/urlTemplate";
import { knownUrlTemplates } from "./resourceTypes";

export const upstreamHttps: ResourceValidationPolicy = {
    name: "signalr-upstream-https",
    description: "Upstream URLs must use https, so upstream calls and their signatures are never sent in clear text.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Use an https:// URL template (or one Key Vault reference that holds an https URL).",
    validateResource: (args, report) => {
        for (const { field, url } of knownUrlTemplates(args.type, args.props)) {
            try {
                const analysis = analyzeUrlTemplate(`${field}.urlTemplate`, url, { allowPlaintextUpstreamSecrets: true });
                if (analysis.scheme === "http") report(`${field} uses http: ${redactUrl(url)}`);
            } catch {
                // Malformed templates are the well-formedness policy's finding.
            }
        }
    },
};
