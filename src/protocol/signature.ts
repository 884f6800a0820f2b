import { createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "sha256=";

/**
 * The signature SignalR sends for one access key: `sha256=` + hex HMAC-SHA256 of the connection id
 * (UTF-8) keyed by the access key (UTF-8).
 */
export function computeUpstreamSignature(connectionId: string, accessKey: string): string {
    return PREFIX + createHmac("sha256", Buffer.from(accessKey, "utf8")).update(connectionId, "utf8").digest("hex");
}

/**
 * Whether an `X-ASRS-Signature` header proves the request came from the service: the header holds
 * one `sha256=<hex>` per service key, joined by `,`; it is valid when any of them equals the
 * signature of any of `accessKeys` (hex compared case-insensitively, in constant time).
 * A missing or empty header, or no keys, is invalid.
 */
export function verifyUpstreamSignature(connectionId: string, signatureHeader: string | undefined, accessKeys: string[]): boolean {
    if (typeof signatureHeader !== "string" || signatureHeader.trim() === "" || typeof connectionId !== "string") {
        return false;
    }
    const received = signatureHeader
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item.slice(0, PREFIX.length).toLowerCase() === PREFIX)
        .map((item) => Buffer.from(item.slice(PREFIX.length).toLowerCase(), "utf8"));
    const expected = accessKeys
        .filter((key) => typeof key === "string" && key.length > 0)
        .map((key) => Buffer.from(computeUpstreamSignature(connectionId, key).slice(PREFIX.length), "utf8"));
    let valid = false;
    for (const theirs of received) {
        for (const ours of expected) {
            // timingSafeEqual needs equal lengths; the length of a hex digest is not a secret.
            if (theirs.length === ours.length && timingSafeEqual(theirs, ours)) {
                valid = true;
            }
        }
    }
    return valid;
}
