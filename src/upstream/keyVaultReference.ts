import { redactUrl, shownIntact } from "./redactUrl";
import { TemplateToken, tokenizeUrlTemplate } from "./templateTokens";
import { ValidationError, requireString } from "./validationError";

/** Data-plane DNS suffixes of Key Vault in the public, China and US Government clouds. */
export const KEY_VAULT_DNS_SUFFIXES = ["vault.azure.net", "vault.azure.cn", "vault.usgovcloudapi.net"] as const;

/** A parsed `{@Microsoft.KeyVault(SecretUri=…)}` reference. */
export interface KeyVaultReference {
    /** The secret URI exactly as written in the reference. */
    secretUri: string;
    /** Vault name, lower-cased (vault names are case-insensitive). */
    vaultName: string;
    /** Secret name as written. */
    secretName: string;
    /** 32-hex secret version, when the reference pins one; absent means "latest". */
    version?: string;
    /** Data-plane DNS suffix, e.g. `vault.azure.net`. */
    dnsSuffix: string;
}

const REFERENCE_PREFIX = "@Microsoft.KeyVault(";
const SECRET_URI_SHAPE = "https://<vault>.vault.azure.net/secrets/<name>[/<32-hex version>] (or the vault.azure.cn / vault.usgovcloudapi.net suffix)";
const VAULT_NAME = /^[a-z](?!.*--)[a-z0-9-]{1,22}[a-z0-9]$/;
const SECRET_NAME = /^[a-zA-Z0-9-]{1,127}$/;
const VERSION = /^[0-9a-fA-F]{32}$/;

/**
 * Parses and checks a Key Vault secret URI (SecretUri form): https only, a known vault suffix,
 * a valid vault name, `/secrets/<name>`, an optional 32-hex version and an optional trailing slash.
 */
export function parseSecretUri(field: string, secretUri: unknown): KeyVaultReference {
    const uri = requireString(field, secretUri);
    const shown = redactUrl(uri);
    const must = `must be a Key Vault secret URI ${SECRET_URI_SHAPE}`;
    const match = /^https:\/\/([^/?#]*)(\/[^?#]*)?$/i.exec(uri);
    if (!match || !/^https:\/\//.test(uri)) {
        throw new ValidationError(field, `${must}; it must start with https:// and have no query or fragment`, shown);
    }
    if (match[1].includes("@")) {
        throw new ValidationError(field, `${must}; it must not have user information (\`…@\` before the host)`, shown);
    }
    const host = match[1].toLowerCase();
    const dnsSuffix = KEY_VAULT_DNS_SUFFIXES.find((suffix) => host.endsWith(`.${suffix}`));
    if (!dnsSuffix) {
        throw new ValidationError(field, `${must}; the host must end in ${KEY_VAULT_DNS_SUFFIXES.join(", ")}`, shown);
    }
    const vaultName = host.slice(0, host.length - dnsSuffix.length - 1);
    if (!VAULT_NAME.test(vaultName)) {
        throw new ValidationError(
            field,
            `${must}; the vault name must be 3-24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit (\`${vaultName}\` is not)`,
            shown,
        );
    }
    const segments = (match[2] ?? "").split("/").slice(1);
    if (segments.length > 0 && segments[segments.length - 1] === "") {
        segments.pop(); // one optional trailing slash
    }
    if (segments[0] !== "secrets" || segments.length < 2 || segments.length > 3) {
        throw new ValidationError(field, `${must}; the path must be /secrets/<name> or /secrets/<name>/<version>`, shown);
    }
    const [, secretName, version] = segments;
    if (!SECRET_NAME.test(secretName)) {
        throw new ValidationError(field, `${must}; the secret name must be 1-127 letters, digits and hyphens (\`${secretName}\` is not)`, shown);
    }
    if (version !== undefined && !VERSION.test(version)) {
        throw new ValidationError(field, `${must}; a secret version must be 32 hexadecimal characters (\`${version}\` is not)`, shown);
    }
    return { secretUri: uri, vaultName, secretName, dnsSuffix, ...(version !== undefined ? { version } : {}) };
}

/**
 * Parses the body of a `{@…}` token (without braces). Only the SecretUri form is understood by
 * SignalR; the `VaultName=…;SecretName=…` form belongs to App Service settings and is refused.
 */
export function parseReferenceBody(field: string, body: string): KeyVaultReference {
    const text = redactUrl(`{${body}}`);
    if (!body.startsWith(REFERENCE_PREFIX) || !body.endsWith(")")) {
        throw new ValidationError(field, "may only hold Key Vault references written exactly `{@Microsoft.KeyVault(SecretUri=<secret uri>)}`", text);
    }
    const inner = body.slice(REFERENCE_PREFIX.length, -1);
    if (/(^|;)\s*(VaultName|SecretName|SecretVersion)\s*=/i.test(inner)) {
        throw new ValidationError(
            field,
            "must use the SecretUri form `{@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>)}`: the VaultName=;SecretName= form is App Service syntax that SignalR does not understand",
            text,
        );
    }
    if (!inner.startsWith("SecretUri=")) {
        throw new ValidationError(field, "may only hold Key Vault references written exactly `{@Microsoft.KeyVault(SecretUri=<secret uri>)}`", text);
    }
    return parseSecretUri(field, inner.slice("SecretUri=".length));
}

/**
 * Parses a reference token of a URL template. Its errors show the whole template redacted and the
 * reference's position; they quote a part of the reference only when redaction shows the reference
 * as it is (not in a query value, say).
 */
export function parseTemplateReference(field: string, token: Extract<TemplateToken, { kind: "reference" }>, template: string): KeyVaultReference {
    try {
        return parseReferenceBody(field, token.body);
    } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        const requirement = shownIntact(template, token.start + token.text.length) ? e.requirement : e.requirement.replace(/ \(`[^`]*` is not\)/g, "");
        throw new ValidationError(e.field, `${requirement} (the Key Vault reference at position ${token.start})`, redactUrl(template));
    }
}

/**
 * Builds the reference SignalR resolves at run time: `{@Microsoft.KeyVault(SecretUri=<uri>)}`.
 * Throws when `secretUri` is not a Key Vault secret URI.
 */
export function keyVaultSecretReference(secretUri: string): string {
    parseSecretUri("secretUri", secretUri);
    return `{${REFERENCE_PREFIX}SecretUri=${secretUri})}`;
}

/**
 * Every Key Vault reference in a URL template, in order of appearance. Throws on a malformed
 * template or reference, naming `field`.
 */
export function parseKeyVaultReferences(urlTemplate: string, field = "urlTemplate"): KeyVaultReference[] {
    const template = requireString(field, urlTemplate);
    return tokenizeUrlTemplate(field, template).flatMap((token) => (token.kind === "reference" ? [parseTemplateReference(field, token, template)] : []));
}

/**
 * The same template with every Key Vault reference's trailing slash toggled
 * (`…/secrets/name` ⇄ `…/secrets/name/`): the same secrets, but different upstream settings. Sending
 * it and then the original makes two real settings changes, each of which the service answers by
 * re-reading its Key Vault references. Toggling twice gives the original back.
 */
export function toggleKeyVaultReferenceSlashes(urlTemplate: string, field = "urlTemplate"): string {
    const template = requireString(field, urlTemplate);
    return tokenizeUrlTemplate(field, template)
        .map((token) => {
            if (token.kind !== "reference") return token.text;
            const { secretUri } = parseTemplateReference(field, token, template);
            const toggled = secretUri.endsWith("/") ? secretUri.slice(0, -1) : `${secretUri}/`;
            return `{${REFERENCE_PREFIX}SecretUri=${toggled})}`;
        })
        .join("");
}
