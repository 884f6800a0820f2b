import { readFile } from "node:fs/promises";
import type { TokenCredential } from "@azure/core-auth";
import {
    AzureCliCredential,
    ChainedTokenCredential,
    ClientAssertionCredential,
    ClientCertificateCredential,
    ClientSecretCredential,
    EnvironmentCredential,
    ManagedIdentityCredential,
    WorkloadIdentityCredential,
} from "@azure/identity";

/**
 * The credential the approval uses when none is injected: the sources the azure-native provider
 * reads, in its order — `ARM_*` service principal (secret, certificate or OIDC), managed identity
 * when `ARM_USE_MSI` is set — then Azure's standard chain (AZURE_* environment, workload identity,
 * managed identity, Azure CLI). Secrets are read from the environment at run time and never
 * stored in Pulumi state.
 */
export function defaultArmCredential(env: NodeJS.ProcessEnv = process.env, authorityHost?: string): TokenCredential {
    const chain: TokenCredential[] = [];
    const options = authorityHost ? { authorityHost } : {};
    const tenantId = env.ARM_TENANT_ID;
    const clientId = env.ARM_CLIENT_ID;
    if (tenantId && clientId && env.ARM_CLIENT_SECRET) {
        chain.push(new ClientSecretCredential(tenantId, clientId, env.ARM_CLIENT_SECRET, options));
    }
    if (tenantId && clientId && env.ARM_CLIENT_CERTIFICATE_PATH) {
        chain.push(new ClientCertificateCredential(tenantId, clientId, { certificatePath: env.ARM_CLIENT_CERTIFICATE_PATH }, options));
    }
    if (tenantId && clientId && isTrue(env.ARM_USE_OIDC)) {
        chain.push(new ClientAssertionCredential(tenantId, clientId, () => oidcAssertion(env), options));
    }
    if (isTrue(env.ARM_USE_MSI)) {
        chain.push(clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential());
    }
    chain.push(new EnvironmentCredential(options));
    if (env.AZURE_FEDERATED_TOKEN_FILE && env.AZURE_CLIENT_ID && env.AZURE_TENANT_ID) {
        chain.push(new WorkloadIdentityCredential({ ...options, clientId: env.AZURE_CLIENT_ID, tenantId: env.AZURE_TENANT_ID, tokenFilePath: env.AZURE_FEDERATED_TOKEN_FILE }));
    }
    chain.push(new ManagedIdentityCredential(), new AzureCliCredential());
    return new ChainedTokenCredential(...chain);
}

function isTrue(value: string | undefined): boolean {
    return value !== undefined && ["true", "1", "yes"].includes(value.toLowerCase());
}

/** The OIDC token: given directly, from a file, or requested from GitHub Actions. */
async function oidcAssertion(env: NodeJS.ProcessEnv): Promise<string> {
    if (env.ARM_OIDC_TOKEN) return env.ARM_OIDC_TOKEN;
    if (env.ARM_OIDC_TOKEN_FILE_PATH) return (await readFile(env.ARM_OIDC_TOKEN_FILE_PATH, "utf8")).trim();
    const url = env.ARM_OIDC_REQUEST_URL ?? env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const token = env.ARM_OIDC_REQUEST_TOKEN ?? env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (url && token) {
        const response = await fetch(`${url}&audience=${encodeURIComponent("api://AzureADTokenExchange")}`, { headers: { Authorization: `Bearer ${token}` } });
        if (!response.ok) throw new Error(`OIDC token request failed with HTTP ${response.status}`);
        return ((await response.json()) as { value: string }).value;
    }
    throw new Error("ARM_USE_OIDC is set but none of ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH or ARM_OIDC_REQUEST_URL/TOKEN is");
}
