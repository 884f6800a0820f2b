import { parseKeyVaultReferences } from "./keyVaultReference";

/** A vault the service's identity can read, from keyVaultAccess. */
export interface GrantedVault {
    vaultName: string;
    /** Granted secrets; undefined means the whole vault. */
    secretNames?: string[];
}

/**
 * Messages for Key Vault references that no grant covers: the service would fail to resolve them
 * (unless access was granted outside this program, hence a warning and not an error).
 */
export function uncoveredKeyVaultReferences(templates: { field: string; urlTemplate: string }[], granted: GrantedVault[]): string[] {
    const messages: string[] = [];
    for (const { field, urlTemplate } of templates) {
        for (const ref of parseKeyVaultReferences(urlTemplate, field)) {
            const grants = granted.filter((g) => g.vaultName.toLowerCase() === ref.vaultName);
            if (grants.length === 0) {
                messages.push(
                    `\`${field}\` reads Key Vault \`${ref.vaultName}\`, which no keyVaultAccess entry grants: the service cannot resolve the reference unless access is granted elsewhere`,
                );
            } else if (grants.every((g) => g.secretNames !== undefined && !g.secretNames.includes(ref.secretName))) {
                messages.push(`\`${field}\` reads secret \`${ref.secretName}\` of Key Vault \`${ref.vaultName}\`, which keyVaultAccess does not list in secretNames`);
            }
        }
    }
    return messages;
}
