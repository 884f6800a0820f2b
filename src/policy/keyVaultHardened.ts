import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "./resourceTypes";

export const keyVaultHardened: ResourceValidationPolicy = {
    name: "key-vault-rbac-and-purge-protection",
    description: "Key Vaults holding upstream secrets should use Azure RBAC and purge protection.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps: "Set properties.enableRbacAuthorization and properties.enablePurgeProtection to true.",
    validateResource: (args, report) => {
        if (args.type !== TYPES.keyVault) return;
        const p = args.props.properties ?? {};
        if (p.enableRbacAuthorization !== true) report("The vault uses access policies instead of Azure RBAC.");
        if (p.enablePurgeProtection !== true) report("The vault has no purge protection.");
    },
};
