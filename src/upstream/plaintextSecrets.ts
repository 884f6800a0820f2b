import { redactUrl } from "./redactUrl";
import type { TemplateToken } from "./templateTokens";

/**
 * Words that mark a credential when they appear anywhere in a name: the keywords of gitleaks'
 * `generic-api-key` rule (gitleaks/gitleaks, `cmd/generate/config/rules/generic.go`), the
 * maintained secret scanner's rule for credentials without a known token format. So `x-api-key`,
 * `access-token`, `client_secret`, `auth`, `password` and the like are all caught.
 */
export const CREDENTIAL_NAME_KEYWORDS: readonly string[] = ["access", "auth", "api", "credential", "creds", "key", "passwd", "password", "secret", "token"];

/**
 * Names that hold a keyword but are no credential, from the same rule's allowlist (`api-version`,
 * `access_id`, `author`, `public_key`, `key_name`, `secret_name`, `token_url`, …), less its two
 * entries that do name credentials in a URL (`csrf_token`, `key_signature`).
 */
const NOT_A_CREDENTIAL =
    /access(?:ibility|or)|access[_.-]?id|random[_.-]?access|api[_.-]?(?:id|name|version)|rapid|capital|author|credentials?[_.-]?id|(?:bucket|foreign|hot|idx|natural|primary|pub(?:lic)?|schema|sequence)[_.-]?key|turkey|key[_.-]?(?:alias|board|code|frame|id|length|mesh|name|pair|press(?:ed)?|ring|selector|size|stone|storetype|word|up|down|left|right)|key[_.-]?vault[_.-]?(?:id|name)|key(?:store|tab)[_.-]?(?:file|path)|monkey|keying|secret[_.-]?(?:length|name|size)|(?:api|credentials|token)[_.-]?(?:endpoint|ur[il])|public[_.-]?token|(?:key|token)[_.-]?file/i;

/**
 * Credential parameters whose names hold none of those keywords: the signed-URL parameters that
 * OpenTelemetry's semantic conventions have instrumentations redact by default (`url.query`:
 * `AWSAccessKeyId`, `Signature`, `sig`, `X-Goog-Signature`; open-telemetry/semantic-conventions,
 * `docs/registry/attributes/url.md`), which include Azure Storage SAS `sig`; Azure Functions'
 * function key parameter `code` (Microsoft's Azure Functions HTTP trigger docs, "API key
 * authorization"); and `pwd`, the short password keyword of ODBC and SqlClient connection strings.
 */
export const EXACT_CREDENTIAL_PARAMETERS: readonly string[] = ["sig", "signature", "x-goog-signature", "awsaccesskeyid", "code", "pwd"];

/** Whether a query parameter name (as written, possibly percent-encoded) names a credential. */
export function isCredentialParameterName(name: string): boolean {
    const decoded = safeDecode(name).toLowerCase();
    if (EXACT_CREDENTIAL_PARAMETERS.includes(decoded)) return true;
    return CREDENTIAL_NAME_KEYWORDS.some((word) => decoded.includes(word)) && !NOT_A_CREDENTIAL.test(decoded);
}

/** A place in a URL template where a credential is written in plain text. */
export interface PlaintextSecret {
    /** `query parameter code`, or `user information`. */
    where: string;
    /** The template as {@link redactUrl} shows it: no query value, user information or fragment. */
    redactedTemplate: string;
}

/**
 * Finds literal credentials in a tokenized URL template: a credential-named query parameter whose
 * value has literal text (a value made only of Key Vault references or placeholders is fine), and
 * any literal user information (`https://user:password@host`, or a token alone: `https://ghp_…@host`),
 * which is always a credential (RFC 3986 §3.2.1 deprecates passwords there).
 */
export function findPlaintextSecrets(tokens: TemplateToken[]): PlaintextSecret[] {
    // Work on a masked copy: every non-literal token becomes a same-length run of a character that
    // cannot occur in a literal secret, so positions still line up with the original template.
    const original = tokens.map((t) => t.text).join("");
    const masked = tokens.map((t) => (t.kind === "literal" ? t.text : "\u0000".repeat(t.text.length))).join("");
    const redactedTemplate = redactUrl(original);
    const found: PlaintextSecret[] = [];

    const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(masked);
    const at = authority ? authority[1].lastIndexOf("@") : -1;
    if (authority && at >= 0 && authority[1].slice(0, at).replace(/\u0000/g, "").length > 0) {
        found.push({ where: "user information (a user name, token or password in the URL)", redactedTemplate });
    }

    const queryStart = masked.indexOf("?");
    if (queryStart >= 0) {
        const fragment = masked.indexOf("#", queryStart);
        const queryEnd = fragment >= 0 ? fragment : masked.length;
        for (const pair of masked.slice(queryStart + 1, queryEnd).split("&")) {
            const eq = pair.indexOf("=");
            const name = eq >= 0 ? pair.slice(0, eq) : pair;
            const value = eq >= 0 ? pair.slice(eq + 1) : "";
            if (value.replace(/\u0000/g, "").length > 0 && isCredentialParameterName(name)) {
                found.push({ where: `query parameter \`${name}\``, redactedTemplate });
            }
        }
    }
    return found;
}

function safeDecode(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}
