import { createHash } from "node:crypto";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";

/** A token is asked for again this long before it expires (core-rest-pipeline's bearer policy refreshes in the same window). */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * A credential that hands out its last token for a scope while it stays valid, and lets
 * concurrent requests share one ask. Without it every client (every lifecycle call) asks again:
 * through the Azure CLI that is one `az account get-access-token` process each. A failed ask is
 * not kept; a request with claims (a challenge) always asks.
 */
export function tokenReusingCredential(inner: TokenCredential): TokenCredential {
    const tokens = new Map<string, Promise<AccessToken | null>>();
    return {
        getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
            if (options?.claims) return inner.getToken(scopes, options);
            const key = JSON.stringify([scopes, options?.tenantId ?? ""]);
            const kept = tokens.get(key);
            if (kept) {
                return kept.then((token) => {
                    if (token && token.expiresOnTimestamp - Date.now() > REFRESH_BEFORE_EXPIRY_MS) return token;
                    if (tokens.get(key) === kept) tokens.delete(key);
                    return this.getToken(scopes, options);
                });
            }
            const asked = inner.getToken(scopes, options);
            tokens.set(key, asked);
            asked.then(
                (token) => token === null && tokens.delete(key),
                () => tokens.delete(key),
            );
            return asked;
        },
    };
}

const credentials = new Map<string, TokenCredential>();

/**
 * One credential per process and key (the target and every sign-in setting, see createArmClient),
 * made on first use. The key is kept as a digest: sign-in secrets are never map keys.
 */
export function sharedCredential(key: unknown[], make: () => TokenCredential): TokenCredential {
    const digest = createHash("sha256").update(JSON.stringify(key)).digest("hex");
    let credential = credentials.get(digest);
    if (!credential) {
        credential = tokenReusingCredential(make());
        credentials.set(digest, credential);
    }
    return credential;
}
