import type { TemplateToken } from "./templateTokens";

/**
 * Query parameter names that carry credentials in the upstreams people actually configure
 * (Azure Functions `code`, API keys, SAS `sig`, bearer tokens, passwords). Compared lower-cased.
 */
export const SECRET_QUERY_PARAMETERS: readonly string[] = [
    "code",
    "key",
    "apikey",
    "api-key",
    "api_key",
    "sig",
    "signature",
    "token",
    "access_token",
    "accesstoken",
    "auth",
    "password",
    "pwd",
    "secret",
    "client_secret",
    "x-functions-key",
    "subscription-key",
    "subscription_key",
];

/** A place in a URL template where a credential is written in plain text. */
export interface PlaintextSecret {
    /** `query parameter code`, or `user information`. */
    where: string;
    /** The template with the literal secret replaced by `***`, safe to print. */
    redactedTemplate: string;
}

/**
 * Finds literal credentials in a tokenized URL template: a secret-named query parameter whose value
 * has literal text (a value made only of Key Vault references or placeholders is fine), or a
 * password in the URL's user information.
 */
export function findPlaintextSecrets(tokens: TemplateToken[]): PlaintextSecret[] {
    // Work on a masked copy: every token becomes a same-length run of a character that cannot occur
    // in a literal secret, so positions still line up with the original template.
    const original = tokens.map((t) => t.text).join("");
    const masked = tokens.map((t) => (t.kind === "literal" ? t.text : "\u0000".repeat(t.text.length))).join("");
    const found: PlaintextSecret[] = [];
    const redact = (start: number, end: number) => `${original.slice(0, start)}***${original.slice(end)}`;

    const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(masked);
    if (authority) {
        const at = authority[1].lastIndexOf("@");
        const colon = at >= 0 ? authority[1].indexOf(":") : -1;
        if (colon >= 0 && colon < at) {
            const start = authority.index + authority[0].length - authority[1].length + colon + 1;
            found.push({ where: "user information (a password in the URL)", redactedTemplate: redact(start, start + (at - colon - 1)) });
        }
    }

    const queryStart = masked.indexOf("?");
    if (queryStart >= 0) {
        const fragment = masked.indexOf("#", queryStart);
        const queryEnd = fragment >= 0 ? fragment : masked.length;
        let offset = queryStart + 1;
        for (const pair of masked.slice(queryStart + 1, queryEnd).split("&")) {
            const eq = pair.indexOf("=");
            const name = eq >= 0 ? pair.slice(0, eq) : pair;
            const value = eq >= 0 ? pair.slice(eq + 1) : "";
            const literalValue = value.replace(/\u0000/g, "");
            if (literalValue.length > 0 && SECRET_QUERY_PARAMETERS.includes(safeDecode(name).toLowerCase())) {
                const start = offset + eq + 1;
                found.push({ where: `query parameter \`${name}\``, redactedTemplate: redact(start, start + value.length) });
            }
            offset += pair.length + 1;
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
