import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const keyVaultHardened: ResourceValidationPolicy = {
    name: "key-vault-rbac-and-purge-protection",
    description:
        "Key Vaults holding upstream secrets should use Azure RBAC and purge protection. Mirrors PSRule Azure.KeyVault.PurgeProtect (AZR-000125) and Checkov CKV_AZURE_110.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps: "Set properties.enableRbacAuthorization and properties.enablePurgeProtection to true.",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "keyVault")) return;
        const p = args.props.properties ?? {};
        if (p.enableRbacAuthorization !== true) report("The vault uses access policies instead of Azure RBAC.");
        if (p.enablePurgeProtection !== true) report("The vault has no purge protection.");
    }),
};
