import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { TokenCredential } from "@azure/core-auth";
import {
    AzureCliCredential,
    ClientAssertionCredential,
    ClientCertificateCredential,
    ClientSecretCredential,
    DefaultAzureCredential,
    ManagedIdentityCredential,
} from "@azure/identity";
import * as forge from "node-forge";

/** The sign-in methods, in the order the azure-native provider considers them. */
export type ArmSignInMethod = "default" | "certificate" | "secret" | "oidc" | "managedIdentity" | "cli";

/**
 * Which sign-in method the environment configures, exactly as the azure-native provider decides
 * (its `newSingleMethodAuthCredential`): the first configured of `ARM_USE_DEFAULT_AZURE_CREDENTIAL`,
 * `ARM_CLIENT_CERTIFICATE_PATH`, `ARM_CLIENT_SECRET`, `ARM_USE_OIDC`, `ARM_USE_MSI`, else the Azure
 * CLI. One method, no fall-through: the approval signs in as the identity azure-native used.
 */
export function armSignInMethod(env: NodeJS.ProcessEnv = process.env): ArmSignInMethod {
    if (env.ARM_USE_DEFAULT_AZURE_CREDENTIAL === "true") return "default";
    if (env.ARM_CLIENT_CERTIFICATE_PATH) return "certificate";
    if (env.ARM_CLIENT_SECRET) return "secret";
    if (env.ARM_USE_OIDC === "true") return "oidc";
    if (env.ARM_USE_MSI === "true") return "managedIdentity";
    return "cli";
}

/**
 * The credential the ARM-backed resources use when none is injected: the one method
 * armSignInMethod picks, built from the same variables as azure-native. A configured method that
 * lacks a variable is an error naming it, never a silent switch to another identity. Secrets are
 * read from the environment when needed and never stored in Pulumi state.
 */
export function defaultArmCredential(env: NodeJS.ProcessEnv = process.env, authorityHost?: string): TokenCredential {
    const options = authorityHost ? { authorityHost } : {};
    const tenantId = env.ARM_TENANT_ID;
    const clientId = env.ARM_CLIENT_ID;
    const require = (what: string, method: string, value: string | undefined, variable: string): string => {
        if (!value) throw new Error(`A ${what} must be configured (${variable}) when authenticating ${method}.`);
        return value;
    };
    switch (armSignInMethod(env)) {
        case "default":
            return new DefaultAzureCredential({ ...options, ...(tenantId ? { tenantId } : {}) });
        case "certificate": {
            const how = "as a Service Principal using a Client Certificate";
            const tenant = require("Tenant ID", how, tenantId, "ARM_TENANT_ID");
            const client = require("Client ID", how, clientId, "ARM_CLIENT_ID");
            const pem = pfxToPem(env.ARM_CLIENT_CERTIFICATE_PATH!, env.ARM_CLIENT_CERTIFICATE_PASSWORD ?? "");
            return new ClientCertificateCredential(tenant, client, { certificate: pem }, options);
        }
        case "secret": {
            const how = "as a Service Principal using a Client Secret";
            return new ClientSecretCredential(
                require("Tenant ID", how, tenantId, "ARM_TENANT_ID"),
                require("Client ID", how, clientId, "ARM_CLIENT_ID"),
                env.ARM_CLIENT_SECRET!,
                options,
            );
        }
        case "oidc": {
            const how = "with OIDC";
            const assertion = oidcAssertion(env);
            return new ClientAssertionCredential(require("Tenant ID", how, tenantId, "ARM_TENANT_ID"), require("Client ID", how, clientId, "ARM_CLIENT_ID"), assertion, options);
        }
        case "managedIdentity":
            return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
        case "cli":
            // As azure-native: the CLI's token for ARM_SUBSCRIPTION_ID's account when one is set.
            return new AzureCliCredential({ ...(tenantId ? { tenantId } : {}), ...(env.ARM_SUBSCRIPTION_ID ? { subscription: env.ARM_SUBSCRIPTION_ID } : {}) });
    }
}

/** A PKCS#12 (PFX) file, as azure-native reads `ARM_CLIENT_CERTIFICATE_PATH`, to the PEM key and certificates @azure/identity takes. */
export function pfxToPem(path: string, password: string): string {
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
        p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(readFileSync(path).toString("binary"))), password);
    } catch (e) {
        throw new Error(`the Client Certificate Path ${path} is not a valid pfx file (or ARM_CLIENT_CERTIFICATE_PASSWORD is wrong): ${(e as Error).message}`);
    }
    const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
    const keys = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag), ...bags(forge.pki.oids.keyBag)].map((b) => b.key).filter((k) => k !== undefined);
    const certs = bags(forge.pki.oids.certBag)
        .map((b) => b.cert)
        .filter((c) => c !== undefined);
    if (keys.length === 0 || certs.length === 0) throw new Error(`no private key and certificate found in ${path}`);
    return [forge.pki.privateKeyToPem(keys[0]!), ...certs.map((c) => forge.pki.certificateToPem(c!))].join("");
}

/**
 * The OIDC token callback, from the same variables as azure-native: `ARM_OIDC_TOKEN`, else
 * `ARM_OIDC_TOKEN_FILE_PATH`, else the GitHub Actions request (`ACTIONS_ID_TOKEN_REQUEST_URL` and
 * `…_TOKEN`) with `ARM_OIDC_AUDIENCE` (default `api://AzureADTokenExchange`).
 */
function oidcAssertion(env: NodeJS.ProcessEnv): () => Promise<string> {
    if (env.ARM_OIDC_TOKEN) {
        const token = env.ARM_OIDC_TOKEN;
        return async () => token;
    }
    if (env.ARM_OIDC_TOKEN_FILE_PATH) {
        const file = env.ARM_OIDC_TOKEN_FILE_PATH;
        return async () => (await readFile(file, "utf8")).trim();
    }
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!url || !bearer) {
        throw new Error(
            "A OIDC token or request URL and token must be configured (ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH, or ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN) when authenticating with OIDC.",
        );
    }
    const audience = env.ARM_OIDC_AUDIENCE || "api://AzureADTokenExchange";
    return async () => {
        const request = new URL(url);
        request.searchParams.set("audience", audience);
        const response = await fetch(request, { headers: { Authorization: `Bearer ${bearer}`, Accept: "application/json" } });
        if (!response.ok) throw new Error(`GitHub OIDC: the token request failed with HTTP ${response.status}`);
        return ((await response.json()) as { value: string }).value;
    };
}
