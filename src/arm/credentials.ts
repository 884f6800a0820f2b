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
import { ArmSettings, AzureNativeConfig, AzureNativeSetting, armSettings } from "./armSettings";

/** The sign-in methods, in the order the azure-native provider considers them. */
export type ArmSignInMethod = "default" | "certificate" | "secret" | "oidc" | "managedIdentity" | "cli";

const settingsOf = (env: NodeJS.ProcessEnv, config: AzureNativeConfig | ArmSettings | undefined): ArmSettings =>
    config && typeof (config as ArmSettings).get === "function" ? (config as ArmSettings) : armSettings(config as AzureNativeConfig | undefined, env);

/**
 * Which sign-in method is configured, exactly as the azure-native provider decides (its
 * `newSingleMethodAuthCredential`): the first configured of `useDefaultAzureCredential`,
 * `clientCertificatePath`, `clientSecret`, `useOidc`, `useMsi`, else the Azure CLI, each setting
 * from the stack config (`azure-native:<key>`) before its `ARM_*` variable (armSettings). One
 * method, no fall-through: the resources sign in as the identity azure-native used.
 */
export function armSignInMethod(env: NodeJS.ProcessEnv = process.env, config?: AzureNativeConfig | ArmSettings): ArmSignInMethod {
    const s = settingsOf(env, config);
    if (s.get("useDefaultAzureCredential") === "true") return "default";
    if (s.get("clientCertificatePath")) return "certificate";
    if (s.get("clientSecret")) return "secret";
    if (s.get("useOidc") === "true") return "oidc";
    if (s.get("useMsi") === "true") return "managedIdentity";
    return "cli";
}

/**
 * The credential the ARM-backed resources use when none is injected: the one method
 * armSignInMethod picks, built from the same settings as azure-native. A configured method that
 * lacks a setting is an error naming it, never a silent switch to another identity. Secrets come
 * from the stack config (as Pulumi secrets) or the environment and are never in a message.
 */
export function defaultArmCredential(env: NodeJS.ProcessEnv = process.env, authorityHost?: string, config?: AzureNativeConfig | ArmSettings): TokenCredential {
    const s = settingsOf(env, config);
    const options = authorityHost ? { authorityHost } : {};
    const tenantId = s.get("tenantId");
    const clientId = s.get("clientId");
    const subscription = s.get("subscriptionId");
    // As azure-native: extra tenants for the default, certificate, secret and CLI credentials, not for OIDC or MSI.
    const additionallyAllowedTenants = s.auxiliaryTenantIds();
    const tenants = additionallyAllowedTenants.length > 0 ? { additionallyAllowedTenants } : {};
    const require = (what: string, method: string, value: string | undefined, setting: AzureNativeSetting): string => {
        if (!value) throw new Error(`A ${what} must be configured (${s.source(setting)}) when authenticating ${method}.`);
        return value;
    };
    switch (armSignInMethod(env, s)) {
        case "default":
            return new DefaultAzureCredential({ ...options, ...tenants, ...(tenantId ? { tenantId } : {}) });
        case "certificate": {
            const how = "as a Service Principal using a Client Certificate";
            const tenant = require("Tenant ID", how, tenantId, "tenantId");
            const client = require("Client ID", how, clientId, "clientId");
            const pem = pfxToPem(s.get("clientCertificatePath")!, s.get("clientCertificatePassword") ?? "");
            return new ClientCertificateCredential(tenant, client, { certificate: pem }, { ...options, ...tenants });
        }
        case "secret": {
            const how = "as a Service Principal using a Client Secret";
            return new ClientSecretCredential(require("Tenant ID", how, tenantId, "tenantId"), require("Client ID", how, clientId, "clientId"), s.get("clientSecret")!, {
                ...options,
                ...tenants,
            });
        }
        case "oidc": {
            const how = "with OIDC";
            const assertion = oidcAssertion(s);
            return new ClientAssertionCredential(require("Tenant ID", how, tenantId, "tenantId"), require("Client ID", how, clientId, "clientId"), assertion, options);
        }
        case "managedIdentity":
            return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
        case "cli":
            // As azure-native: the CLI's token for the configured subscription's account when one is set.
            return new AzureCliCredential({ ...tenants, ...(tenantId ? { tenantId } : {}), ...(subscription ? { subscription } : {}) });
    }
}

/** A PKCS#12 (PFX) file, as azure-native reads `clientCertificatePath`, to the PEM key and certificates @azure/identity takes. */
export function pfxToPem(path: string, password: string): string {
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
        p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(readFileSync(path).toString("binary"))), password);
    } catch (e) {
        throw new Error(
            `the Client Certificate Path ${path} is not a valid pfx file (or its password, azure-native:clientCertificatePassword or ARM_CLIENT_CERTIFICATE_PASSWORD, is wrong): ${(e as Error).message}`,
        );
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
 * The OIDC token callback, from the same settings as azure-native: `oidcToken`, else
 * `oidcTokenFilePath`, else the GitHub Actions request (`oidcRequestUrl` and `oidcRequestToken`,
 * i.e. `ACTIONS_ID_TOKEN_REQUEST_URL` and `…_TOKEN`) with `oidcAudience` (default `api://AzureADTokenExchange`).
 */
function oidcAssertion(s: ArmSettings): () => Promise<string> {
    const token = s.get("oidcToken");
    if (token) return async () => token;
    const file = s.get("oidcTokenFilePath");
    if (file) return async () => (await readFile(file, "utf8")).trim();
    const url = s.get("oidcRequestUrl");
    const bearer = s.get("oidcRequestToken");
    if (!url || !bearer) {
        throw new Error(
            `A OIDC token or request URL and token must be configured (${s.source("oidcToken")}, ${s.source("oidcTokenFilePath")}, or ${s.source("oidcRequestUrl")} and ${s.source("oidcRequestToken")}) when authenticating with OIDC.`,
        );
    }
    const audience = s.get("oidcAudience") || "api://AzureADTokenExchange";
    return async () => {
        const request = new URL(url);
        request.searchParams.set("audience", audience);
        const response = await fetch(request, { headers: { Authorization: `Bearer ${bearer}`, Accept: "application/json" } });
        if (!response.ok) throw new Error(`GitHub OIDC: the token request failed with HTTP ${response.status}`);
        return ((await response.json()) as { value: string }).value;
    };
}
