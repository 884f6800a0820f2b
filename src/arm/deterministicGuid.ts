import { createHash } from "node:crypto";

/**
 * A name-based GUID (RFC 4122 version 5 layout over SHA-1) of the given parts. Role assignments
 * need a GUID name; deriving it from scope + principal + role makes every run of a program ask
 * for the same assignment, so re-runs and imports never create duplicates.
 */
export function deterministicGuid(...parts: string[]): string {
    const hash = createHash("sha1")
        .update(parts.map((p) => p.toLowerCase()).join("\n"), "utf8")
        .digest();
    const bytes = Buffer.from(hash.subarray(0, 16));
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
