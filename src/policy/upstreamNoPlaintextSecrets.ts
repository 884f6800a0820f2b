import type { ResourceValidationPolicy } from "@pulumi/policy";
import { findPlaintextSecrets } from "../upstream/plaintextSecrets";
import { tokenizeUrlTemplate } from "../upstream/templateTokens";
import { knownUrlTemplates } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const upstreamNoPlaintextSecrets: ResourceValidationPolicy = {
    name: "signalr-upstream-no-plaintext-secrets",
    description: "Upstream URLs must not hold literal credentials (code=, key=, sig=, token=, passwords): SignalR stores them unencrypted. Use Key Vault references.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: "Store the secret in Key Vault and write {@Microsoft.KeyVault(SecretUri=…)} in the URL; grant the service's identity read access.",
    validateResource: skipUnknowns((args, report) => {
        for (const { field, url } of knownUrlTemplates(args.type, args.props)) {
            let secrets;
            try {
                secrets = findPlaintextSecrets(tokenizeUrlTemplate(`${field}.urlTemplate`, url));
            } catch {
                continue; // malformed: reported by the well-formedness policy
            }
            for (const s of secrets) report(`${field} has a plaintext secret in its ${s.where}: ${s.redactedTemplate}`);
        }
    }),
};
