import type { ResourceValidationPolicy } from "@pulumi/policy";
import { analyzeUrlTemplate } from "../upstream/urlTemplate";
import { TYPES, knownUrl, upstreamTemplates } from "./resourceTypes";

export const keyVaultReferencesWellFormed: ResourceValidationPolicy = {
    name: "signalr-upstream-templates-well-formed",
    description: "Upstream URL templates and their Key Vault references must be well formed (SecretUri form, known vault suffix, valid names), or the service cannot resolve them.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Write references as {@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>[/<version>])}; build them with keyVaultSecretReference().",
    validateResource: (args, report) => {
        if (args.type !== TYPES.signalR) return;
        for (const { index, template } of upstreamTemplates(args.props)) {
            const url = knownUrl(template);
            if (url === undefined) continue;
            try {
                analyzeUrlTemplate(`upstream.templates[${index}].urlTemplate`, url, { allowPlaintextUpstreamSecrets: true });
            } catch (e) {
                report((e as Error).message);
            }
        }
    },
};
