import type { StackValidationPolicy } from "@pulumi/policy";
import { parseKeyVaultReferences } from "../upstream/keyVaultReference";
import { knownUrlTemplates, linksTo, ofKind, resourceName } from "./resourceTypes";
import { UNKNOWN, judge, knownString, read, sameText } from "./unknowns";

/** Whether a vault's settings refuse SignalR's calls over the public network (unknown: not judged, false). */
function deniesPublicAccess(vault: { props: Record<string, unknown> }): boolean {
    const p = read(() => vault.props.properties as Record<string, unknown> | undefined);
    if (p === UNKNOWN || p === undefined) return false;
    if (
        sameText(
            read(() => p.publicNetworkAccess),
            "disabled",
        )
    )
        return true;
    // Deny with no IP rule and no trusted-service bypass: nothing outside the vault's networks gets in.
    const acls = read(() => p.networkAcls as Record<string, unknown> | undefined);
    if (
        acls === UNKNOWN ||
        acls === undefined ||
        !sameText(
            read(() => acls.defaultAction),
            "Deny",
        )
    )
        return false;
    const ipRules = read(() => acls.ipRules);
    const bypass = read(() => acls.bypass);
    return Array.isArray(ipRules) && ipRules.length === 0 && !sameText(bypass, "AzureServices") && bypass !== UNKNOWN;
}

/** The vault names an upstream template's Key Vault references read (malformed templates: none; another rule reports them). */
function referencedVaults(url: string): string[] {
    try {
        return parseKeyVaultReferences(url).map((r) => r.vaultName.toLowerCase());
    } catch {
        return [];
    }
}

export const signalrKeyVaultReachable: StackValidationPolicy = {
    name: "signalr-key-vault-reachable",
    description:
        "A Key Vault that refuses public network access (publicNetworkAccess disabled, or network ACLs that deny with no IP rule and no trusted-service bypass) and that a SignalR upstream template references must have a shared private endpoint (group `vault`) from that service, or the service cannot read the secrets and every upstream call fails. Companion of Checkov CKV_AZURE_189 (Key Vault disables public network access).",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Add a shared private endpoint to the vault in ServerlessSignalR's sharedPrivateEndpoints (group vault is inferred and the connection approved), or allow the service's traffic in the vault's network ACLs.",
    validateStack: (args, report) => {
        const vaults = ofKind(args.resources, "keyVault");
        // A shared private link whose target or service is not known yet may be the one: nothing is judged.
        const links = ofKind(args.resources, "sharedPrivateLink");
        if (links.some((l) => [() => l.props.privateLinkResourceId, () => l.props.resourceName, () => l.props.groupId].some((get) => read(get) === UNKNOWN))) return;
        for (const service of ofKind(args.resources, "signalR")) {
            for (const { field, url } of knownUrlTemplates(service.type, service.props)) {
                for (const vaultName of referencedVaults(url)) {
                    judge(() => {
                        const vault = vaults.find((v) => resourceName(v)?.toLowerCase() === vaultName);
                        if (!vault || !deniesPublicAccess(vault)) return;
                        const serviceName = resourceName(service);
                        const fromService = linksTo(vault, "Microsoft.KeyVault/vaults", args.resources).filter((l) => {
                            const parent = knownString(() => l.props.resourceName);
                            return parent === undefined || serviceName === undefined || sameText(parent, serviceName);
                        });
                        const reachable = fromService.some((l) =>
                            sameText(
                                read(() => l.props.groupId),
                                "vault",
                            ),
                        );
                        if (!reachable)
                            report(
                                `SignalR service ${service.name}'s ${field} references Key Vault ${vaultName}, which refuses public network access, but the service has no shared private endpoint (group vault) to it: the secret cannot be read.`,
                                service.urn,
                            );
                    });
                }
            }
        }
    },
};
