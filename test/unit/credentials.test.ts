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
import { armSignInMethod, defaultArmCredential, pfxToPem } from "../../src/arm/credentials";

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
        assert.throws(() => defaultArmCredential({ ARM_CLIENT_SECRET: "s", ARM_CLIENT_ID: "c" }), /Tenant ID must be configured \(ARM_TENANT_ID\).*Client Secret/);
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
});
