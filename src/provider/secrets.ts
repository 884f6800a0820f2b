import * as pulumi from "@pulumi/pulumi";

/**
 * The package provider accepts secrets: the engine sends a secret as a wrapped value. The
 * lifecycles see plain values; what came in secret (and what the schema marks secret) goes back
 * wrapped, so it stays encrypted in state.
 */
const isWrappedSecret = (v: unknown): v is { value: unknown } =>
    typeof v === "object" && v !== null && (v as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;

/** Removes every secret wrapper; returns the plain value and whether any secret was inside. */
function unwrapValue(v: unknown): { value: unknown; secret: boolean } {
    if (isWrappedSecret(v)) return { value: unwrapValue(v.value).value, secret: true };
    if (Array.isArray(v)) {
        const items = v.map(unwrapValue);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (typeof v === "object" && v !== null) {
        const entries = Object.entries(v).map(([k, x]) => [k, unwrapValue(x)] as const);
        return { value: Object.fromEntries(entries.map(([k, x]) => [k, x.value])), secret: entries.some(([, x]) => x.secret) };
    }
    return { value: v, secret: false };
}

/** Plain properties and the top-level keys that held a secret anywhere inside. */
export function unwrapSecrets(props: Record<string, unknown> | undefined): { plain: Record<string, unknown>; secretKeys: Set<string> } {
    const plain: Record<string, unknown> = {};
    const secretKeys = new Set<string>();
    for (const [k, v] of Object.entries(props ?? {})) {
        const { value, secret } = unwrapValue(v);
        plain[k] = value;
        if (secret) secretKeys.add(k);
    }
    return { plain, secretKeys };
}

/** Wraps the given top-level keys as secrets. */
export function wrapSecrets(props: object, secretKeys: Iterable<string>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...props };
    for (const k of new Set(secretKeys)) {
        if (k in out && out[k] !== undefined) out[k] = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: out[k] };
    }
    return out;
}
