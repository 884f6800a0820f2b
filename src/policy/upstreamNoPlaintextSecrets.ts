import type { ResourceValidationPolicy } from "@pulumi/policy";
import { findPlaintextSecrets } from "../upstream/plaintextSecrets";
import { tokenizeUrlTemplate } from "../upstream/templateTokens";
import { TYPES, knownUrl, upstreamTemplates } from "./resourceTypes";

export const upstreamNoPlaintextSecrets: ResourceValidationPolicy = {
    name: "signalr-upstream-no-plaintext-secrets",
    description: "Upstream URLs must not hold literal credentials (code=, key=, sig=, token=, passwords): SignalR stores them unencrypted. Use Key Vault references.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: "Store the secret in Key Vault and write {@Microsoft.KeyVault(SecretUri=…)} in the URL; grant the service's identity read access.",
    validateResource: (args, report) => {
        if (args.type !== TYPES.signalR) return;
        for (const { index, template } of upstreamTemplates(args.props)) {
            const url = knownUrl(template);
            if (url === undefined) continue;
            let secrets;
            try {
                secrets = findPlaintextSecrets(tokenizeUrlTemplate(`upstream.templates[${index}].urlTemplate`, url));
            } catch {
                continue; // malformed: reported by the well-formedness policy
            }
            for (const s of secrets) report(`upstream.templates[${index}] has a plaintext secret in its ${s.where}: ${s.redactedTemplate}`);
        }
    },
};
