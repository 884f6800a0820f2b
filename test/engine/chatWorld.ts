// The chat program's world on the fake Resource Manager, shared by the engine suites that run it
// (consumer/serverlessSignalR.ts in TypeScript, keyVaultReferencedChat in YAML; the policy pack's
// secure program): its vault, the secret its upstream references and the Function app, as stack config.
import type { FakeResourceManager } from "../support/fakeResourceManager";

export const SECRET_URI = "https://contoso-kv.vault.azure.net/secrets/upstream-url";

/**
 * What the chat program needs, as stack config: the vault (its grants old enough that the upstream
 * re-read does not wait for RBAC: it waits until 600 s after the newest one's createdOn), the
 * secret's URI and the Function app.
 */
export function keyVaultReferencedChatConfig(arm: FakeResourceManager, functionAppId: string): Record<string, string> {
    arm.roleAssignmentAgeSeconds = 600;
    return { secretUri: SECRET_URI, keyVaultId: arm.addTarget("Microsoft.KeyVault/vaults", "contoso-kv"), functionAppId };
}

/** The same with the service's name, for the programs that take it from config. */
export const chatServiceConfig = (arm: FakeResourceManager, functionAppId: string): Record<string, string> => ({
    serviceName: "contoso-signalr",
    ...keyVaultReferencedChatConfig(arm, functionAppId),
});
