import type { ResourceValidationPolicy } from "@pulumi/policy";
import { analyzeUrlTemplate } from "../upstream/urlTemplate";
import { knownUrlTemplates } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const keyVaultReferencesWellFormed: ResourceValidationPolicy = {
    name: "signalr-upstream-templates-well-formed",
    description: "Upstream URL templates and their Key Vault references must be well formed (SecretUri form, known vault suffix, valid names), or the service cannot resolve them.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Write references as {@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>[/<version>])}; build them with keyVaultSecretReference().",
    validateResource: skipUnknowns((args, report) => {
        for (const { field, url } of knownUrlTemplates(args.type, args.props)) {
            try {
                analyzeUrlTemplate(`${field}.urlTemplate`, url, { allowPlaintextUpstreamSecrets: true });
            } catch (e) {
                report((e as Error).message);
            }
        }
    }),
};
