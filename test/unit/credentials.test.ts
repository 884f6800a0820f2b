// The approval signs in exactly as the azure-native provider does: one method chosen from the
// ARM_* environment, no fall-through (pulumi-azure-native newSingleMethodAuthCredential).
import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
    AzureCliCredential,
    ClientAssertionCredential,
    ClientCertificateCredential,
    ClientSecretCredential,
    DefaultAzureCredential,
    ManagedIdentityCredential,
} from "@azure/identity";
import * as forge from "node-forge";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { AZURE_NATIVE_SETTING_NAMES, armSettings } from "../../src/arm/armSettings";
import { armSignInMethod, defaultArmCredential, pfxToPem } from "../../src/arm/credentials";
import { sharedCredential, tokenReusingCredential } from "../../src/arm/sharedCredential";

const SP = { ARM_TENANT_ID: "t", ARM_CLIENT_ID: "c" };

/** A PKCS#12 file protected by a password, as `az ad sp create-for-rbac --create-cert` would give. */
function writePfx(password: string): string {
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = "01";
    cert.validity.notBefore = new Date();
    cert.validity.notAfter = new Date(Date.now() + 86400_000);
    cert.setSubject([{ name: "commonName", value: "signalr-serverless-test" }]);
    cert.setIssuer([{ name: "commonName", value: "signalr-serverless-test" }]);
    cert.sign(keys.privateKey);
    const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password)).getBytes();
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pfx-")), "sp.pfx");
    writeFileSync(file, Buffer.from(der, "binary"));
    return file;
}

describe("Resource Manager credentials (azure-native's selection)", () => {
    it("picks one method in azure-native's order", () => {
        const cases: [NodeJS.ProcessEnv, string][] = [
            [{}, "cli"],
            [{ ...SP }, "cli"],
            [{ ARM_USE_MSI: "true" }, "managedIdentity"],
            [{ ARM_USE_MSI: "1" }, "cli"], // azure-native compares with "true" exactly
            [{ ARM_USE_OIDC: "true", ARM_USE_MSI: "true" }, "oidc"],
            [{ ARM_CLIENT_SECRET: "s", ARM_USE_OIDC: "true", ARM_USE_MSI: "true" }, "secret"],
            [{ ARM_CLIENT_CERTIFICATE_PATH: "/x.pfx", ARM_CLIENT_SECRET: "s" }, "certificate"],
            [{ ARM_USE_DEFAULT_AZURE_CREDENTIAL: "true", ARM_CLIENT_SECRET: "s" }, "default"],
            [{ AZURE_CLIENT_SECRET: "s", AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c" }, "cli"], // AZURE_* alone is not azure-native's
        ];
        for (const [env, method] of cases) assert.equal(armSignInMethod(env), method, JSON.stringify(env));
    });

    it("builds the credential of that method and no other (no managed-identity probe before the CLI)", () => {
        assert.ok(defaultArmCredential({}) instanceof AzureCliCredential);
        assert.ok(defaultArmCredential({ ...SP, ARM_CLIENT_SECRET: "s" }) instanceof ClientSecretCredential);
        assert.ok(defaultArmCredential({ ...SP, ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "jwt" }) instanceof ClientAssertionCredential);
        assert.ok(defaultArmCredential({ ARM_USE_MSI: "true", ARM_CLIENT_ID: "c" }) instanceof ManagedIdentityCredential);
        assert.ok(defaultArmCredential({ ARM_USE_DEFAULT_AZURE_CREDENTIAL: "true" }) instanceof DefaultAzureCredential);
    });

    it("refuses a configured method that lacks a variable instead of falling through", () => {
        assert.throws(
            () => defaultArmCredential({ ARM_CLIENT_SECRET: "s", ARM_CLIENT_ID: "c" }),
            /Tenant ID must be configured \(azure-native:tenantId or ARM_TENANT_ID\).*Client Secret/,
        );
        assert.throws(() => defaultArmCredential({ ARM_USE_OIDC: "true", ...SP }), /OIDC token or request URL and token must be configured/);
        assert.throws(() => defaultArmCredential({ ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "jwt", ARM_TENANT_ID: "t" }), /Client ID must be configured/);
    });

    it("reads the OIDC token from ARM_OIDC_TOKEN before ARM_OIDC_TOKEN_FILE_PATH", async () => {
        const file = path.join(mkdtempSync(path.join(tmpdir(), "oidc-")), "token");
        writeFileSync(file, "jwt-from-file\n");
        // The assertion callback is what ClientAssertionCredential calls; reach it through the credential's options.
        const assertionOf = (env: NodeJS.ProcessEnv) =>
            (defaultArmCredential({ ...SP, ARM_USE_OIDC: "true", ...env }) as unknown as { getAssertion?: () => Promise<string> }).getAssertion;
        assert.equal(typeof assertionOf({ ARM_OIDC_TOKEN_FILE_PATH: file }), "function", "ClientAssertionCredential keeps the callback");
        assert.equal(await assertionOf({ ARM_OIDC_TOKEN_FILE_PATH: file })!(), "jwt-from-file");
        assert.equal(await assertionOf({ ARM_OIDC_TOKEN: "jwt-direct", ARM_OIDC_TOKEN_FILE_PATH: file })!(), "jwt-direct");
    });

    it("reads ARM_CLIENT_CERTIFICATE_PATH as a password-protected PFX, like azure-native", () => {
        const pfx = writePfx("s3cret");
        const pem = pfxToPem(pfx, "s3cret");
        assert.match(pem, /-----BEGIN RSA PRIVATE KEY-----[\s\S]+-----BEGIN CERTIFICATE-----/);
        assert.ok(defaultArmCredential({ ...SP, ARM_CLIENT_CERTIFICATE_PATH: pfx, ARM_CLIENT_CERTIFICATE_PASSWORD: "s3cret" }) instanceof ClientCertificateCredential);
        assert.throws(() => defaultArmCredential({ ...SP, ARM_CLIENT_CERTIFICATE_PATH: pfx, ARM_CLIENT_CERTIFICATE_PASSWORD: "wrong" }), /not a valid pfx file/);
    });

    describe("azure-native's stack configuration, read before the environment", () => {
        // Each config key and its variable(s), as pulumi-azure-native provider/pkg/provider/auth_azidentity.go
        // readAuthConfig and getCloud read them through provider.go getConfig (a key present in the config wins).
        const AZURE_NATIVE_READS: [string, string[]][] = [
            ["clientId", ["ARM_CLIENT_ID"]],
            ["tenantId", ["ARM_TENANT_ID"]],
            ["subscriptionId", ["ARM_SUBSCRIPTION_ID"]],
            ["auxiliaryTenantIds", ["ARM_AUXILIARY_TENANT_IDS"]],
            ["clientSecret", ["ARM_CLIENT_SECRET"]],
            ["clientCertificatePath", ["ARM_CLIENT_CERTIFICATE_PATH"]],
            ["clientCertificatePassword", ["ARM_CLIENT_CERTIFICATE_PASSWORD"]],
            ["useMsi", ["ARM_USE_MSI"]],
            ["useOidc", ["ARM_USE_OIDC"]],
            ["oidcAudience", ["ARM_OIDC_AUDIENCE"]],
            ["oidcToken", ["ARM_OIDC_TOKEN"]],
            ["oidcTokenFilePath", ["ARM_OIDC_TOKEN_FILE_PATH"]],
            ["oidcRequestToken", ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"]],
            ["oidcRequestUrl", ["ACTIONS_ID_TOKEN_REQUEST_URL"]],
            ["useDefaultAzureCredential", ["ARM_USE_DEFAULT_AZURE_CREDENTIAL"]],
            ["environment", ["ARM_ENVIRONMENT", "AZURE_ENVIRONMENT"]],
        ];

        it("every key azure-native reads, each before its variable; a key set in the config wins even when empty", () => {
            assert.deepEqual([...AZURE_NATIVE_SETTING_NAMES].sort(), AZURE_NATIVE_READS.map(([k]) => k).sort(), "exactly azure-native's keys");
            for (const [key, variables] of AZURE_NATIVE_READS) {
                for (const variable of variables) {
                    const env = { [variable]: "from-env" };
                    assert.equal(armSettings(undefined, env).get(key as never), "from-env", `${variable} alone`);
                    assert.equal(armSettings(undefined, env).origin(key as never), variable);
                    assert.equal(armSettings({ [key]: "from-config" }, env).get(key as never), "from-config", `azure-native:${key} before ${variable}`);
                    assert.equal(armSettings({ [key]: "from-config" }, env).origin(key as never), `azure-native:${key}`);
                    assert.equal(armSettings({ [key]: "" }, env).get(key as never), "", "present in the config: the config's, as getConfig");
                }
            }
            assert.equal(
                armSettings(undefined, { ARM_ENVIRONMENT: "china", AZURE_ENVIRONMENT: "usgovernment" }).get("environment"),
                "china",
                "ARM_ENVIRONMENT before AZURE_ENVIRONMENT",
            );
        });

        it("the sign-in method follows the config: a method it configures, or one it switches off, before the environment", () => {
            const cases: [Record<string, string>, NodeJS.ProcessEnv, string][] = [
                [{ useOidc: "true" }, {}, "oidc"],
                [{ useMsi: "true" }, {}, "managedIdentity"],
                [{ clientSecret: "s" }, { ARM_USE_MSI: "true" }, "secret"],
                [{ clientCertificatePath: "/sp.pfx" }, { ARM_CLIENT_SECRET: "s" }, "certificate"],
                [{ useDefaultAzureCredential: "true" }, { ARM_CLIENT_CERTIFICATE_PATH: "/sp.pfx" }, "default"],
                [{ useMsi: "false" }, { ARM_USE_MSI: "true" }, "cli"],
                [{ clientSecret: "" }, { ARM_CLIENT_SECRET: "s", ARM_USE_OIDC: "true" }, "oidc"],
                [{ tenantId: "t" }, { ARM_CLIENT_SECRET: "s" }, "secret"],
            ];
            for (const [config, env, method] of cases) assert.equal(armSignInMethod(env, config), method, JSON.stringify({ config, env }));
        });

        it("builds the credential from the config's values: client, tenant, secret, subscription, extra tenants", () => {
            const env = { ARM_TENANT_ID: "env-tenant", ARM_CLIENT_ID: "env-client", ARM_CLIENT_SECRET: "env-secret", ARM_SUBSCRIPTION_ID: "env-sub" };
            const secret = defaultArmCredential(env, undefined, {
                tenantId: "cfg-tenant",
                clientId: "cfg-client",
                clientSecret: "cfg-secret",
                auxiliaryTenantIds: '["aux-1","aux-2"]',
            });
            assert.ok(secret instanceof ClientSecretCredential);
            const fields = secret as unknown as { tenantId: string; clientSecret: string; additionallyAllowedTenantIds: string[] };
            assert.deepEqual([fields.tenantId, fields.clientSecret, fields.additionallyAllowedTenantIds], ["cfg-tenant", "cfg-secret", ["aux-1", "aux-2"]]);
            const cli = defaultArmCredential({ ARM_SUBSCRIPTION_ID: "env-sub" }, undefined, { subscriptionId: "cfg-sub", tenantId: "cfg-tenant" });
            assert.ok(cli instanceof AzureCliCredential);
            assert.deepEqual([(cli as unknown as { subscription: string }).subscription, (cli as unknown as { tenantId: string }).tenantId], ["cfg-sub", "cfg-tenant"]);
            const msi = defaultArmCredential({ ARM_CLIENT_ID: "env-client" }, undefined, { useMsi: "true", clientId: "cfg-client" });
            assert.ok(msi instanceof ManagedIdentityCredential);
            assert.equal((msi as unknown as { clientId: string }).clientId, "cfg-client");
            assert.throws(
                () => defaultArmCredential({}, undefined, { clientSecret: "cfg-secret", auxiliaryTenantIds: "aux-1" }),
                (e: Error) => /azure-native:auxiliaryTenantIds or ARM_AUXILIARY_TENANT_IDS must be a JSON array of tenant ids/.test(e.message) && !e.message.includes("cfg-secret"),
            );
        });

        it("a missing setting is named by its config key and its variable, and the message never holds a secret", () => {
            assert.throws(
                () => defaultArmCredential({}, undefined, { clientSecret: "cfg-s3cret-value", tenantId: "t" }),
                (e: Error) => /A Client ID must be configured \(azure-native:clientId or ARM_CLIENT_ID\)/.test(e.message) && !e.message.includes("cfg-s3cret-value"),
            );
            assert.throws(
                () => defaultArmCredential({}, undefined, { useOidc: "true", clientId: "c", tenantId: "t" }),
                /azure-native:oidcToken or ARM_OIDC_TOKEN, azure-native:oidcTokenFilePath or ARM_OIDC_TOKEN_FILE_PATH, or azure-native:oidcRequestUrl or ACTIONS_ID_TOKEN_REQUEST_URL and azure-native:oidcRequestToken or ACTIONS_ID_TOKEN_REQUEST_TOKEN/,
            );
        });

        it("OIDC: the token, its file, or GitHub's request URL, token and audience from the config", async () => {
            const assertionOf = (env: NodeJS.ProcessEnv, config: Record<string, string>) =>
                (defaultArmCredential(env, undefined, { useOidc: "true", tenantId: "t", clientId: "c", ...config }) as unknown as { getAssertion: () => Promise<string> })
                    .getAssertion;
            assert.equal(await assertionOf({ ARM_OIDC_TOKEN: "env-jwt" }, { oidcToken: "cfg-jwt" })(), "cfg-jwt");
            const file = path.join(mkdtempSync(path.join(tmpdir(), "oidc-")), "token");
            writeFileSync(file, "cfg-file-jwt\n");
            assert.equal(await assertionOf({}, { oidcTokenFilePath: file })(), "cfg-file-jwt");

            const seen: { authorization?: string; audience?: string | null }[] = [];
            const github = createServer((req, res) => {
                seen.push({ authorization: req.headers.authorization, audience: new URL(req.url!, "http://x").searchParams.get("audience") });
                res.setHeader("Content-Type", "application/json");
                res.end(JSON.stringify({ value: "github-jwt" }));
            });
            await new Promise<void>((r) => github.listen(0, "127.0.0.1", r));
            try {
                const url = `http://127.0.0.1:${(github.address() as AddressInfo).port}/token?api-version=2.0`;
                const env = { ACTIONS_ID_TOKEN_REQUEST_URL: "http://127.0.0.1:1/nowhere", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "env-bearer", ARM_OIDC_AUDIENCE: "env-audience" };
                const assertion = assertionOf(env, { oidcRequestUrl: url, oidcRequestToken: "cfg-bearer", oidcAudience: "api://cfg-audience" });
                assert.equal(await assertion(), "github-jwt");
                assert.deepEqual(seen, [{ authorization: "Bearer cfg-bearer", audience: "api://cfg-audience" }]);
            } finally {
                github.close();
            }
        });

        it("a certificate's path and password from the config", () => {
            const pfx = writePfx("cfg-pass");
            const config = { tenantId: "t", clientId: "c", clientCertificatePath: pfx, clientCertificatePassword: "cfg-pass" };
            assert.ok(defaultArmCredential({ ARM_CLIENT_CERTIFICATE_PASSWORD: "wrong" }, undefined, config) instanceof ClientCertificateCredential);
            assert.throws(
                () => defaultArmCredential({}, undefined, { ...config, clientCertificatePassword: "not-it" }),
                (e: Error) => /not a valid pfx file/.test(e.message) && !e.message.includes("not-it"),
            );
        });
    });

    describe("one credential per process and target", () => {
        /** A credential counting its asks; each token lives `lifetimeMs`; `fail` makes the next ask fail. */
        const counting = (lifetimeMs: number) => {
            const state = { asks: 0, fail: false };
            return Object.assign(state, {
                async getToken() {
                    state.asks++;
                    if (state.fail) {
                        state.fail = false;
                        throw new Error("az: not signed in");
                    }
                    return { token: `t${state.asks}`, expiresOnTimestamp: Date.now() + lifetimeMs };
                },
            });
        };

        it("hands out a valid token again, asks once for concurrent requests, asks anew near expiry and after a failure", async () => {
            const long = counting(3600_000);
            const reusing = tokenReusingCredential(long);
            const tokens = await Promise.all([reusing.getToken("s/.default"), reusing.getToken("s/.default"), reusing.getToken("s/.default")]);
            assert.deepEqual([tokens.map((t) => t!.token), long.asks], [["t1", "t1", "t1"], 1]);
            await reusing.getToken("other/.default");
            assert.equal(long.asks, 2, "another scope is another token");
            assert.equal((await reusing.getToken("s/.default", { claims: "challenge" }))!.token, "t3", "a claims challenge always asks");

            const short = counting(60_000); // within the 5-minute refresh window
            const refreshing = tokenReusingCredential(short);
            await refreshing.getToken("s/.default");
            await refreshing.getToken("s/.default");
            assert.equal(short.asks, 2, "a token about to expire is not handed out");

            const flaky = counting(3600_000);
            const retrying = tokenReusingCredential(flaky);
            flaky.fail = true;
            await assert.rejects(retrying.getToken("s/.default"), /not signed in/);
            assert.equal((await retrying.getToken("s/.default"))!.token, "t2", "a failed ask is not kept");
        });

        it("one credential per key (target and settings), made once", () => {
            let made = 0;
            const make = () => (made++, counting(3600_000));
            const a = sharedCredential(["https://management.azure.com", "secret", "tenant-a"], make);
            assert.equal(sharedCredential(["https://management.azure.com", "secret", "tenant-a"], make), a);
            assert.notEqual(sharedCredential(["https://management.azure.com", "secret", "tenant-b"], make), a, "other settings: another credential");
            assert.equal(made, 2);
        });
    });
});
