/**
 * Values a preview cannot know yet. The policy host hands rules properties wrapped in
 * `@pulumi/policy`'s unknown-checking proxy (`proxy.js`): reading a value that is unknown throws its
 * `UnknownValueError`, and the host then reports the whole policy as "can't run during preview".
 * Rules read through these helpers instead, so an unknown value makes one judgment skipped, never
 * a false violation and never a lost policy.
 */

/** A value not known during preview (distinct from `undefined`, which means "unset"). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Maybe<T> = T | typeof UNKNOWN;

/** Whether `e` is `@pulumi/policy`'s UnknownValueError (matched by shape: the pack and the library may hold different copies). */
export function isUnknownValueError(e: unknown): boolean {
    return e instanceof Error && e.constructor.name === "UnknownValueError" && Array.isArray((e as { props?: unknown }).props);
}

/** The value `get` reads, or UNKNOWN when the read reaches a value not known yet. */
export function read<T>(get: () => T): Maybe<T> {
    try {
        return get();
    } catch (e) {
        if (isUnknownValueError(e)) return UNKNOWN;
        throw e;
    }
}

/** Runs one judgment; one that reaches an unknown value is skipped (not judged). */
export function judge(judgment: () => void): void {
    read(judgment);
}

/** The string `get` reads; anything else (unset, unknown, another type) is undefined. */
export function knownString(get: () => unknown): string | undefined {
    const v = read(get);
    return typeof v === "string" ? v : undefined;
}

/** Case-insensitive equality of two known strings (Azure compares names and enum values so). */
export function sameText(a: unknown, b: unknown): boolean {
    return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}

/** A resource validation that skips the resource when it reaches a value not known yet. */
export function skipUnknowns<A, R>(validate: (args: A, report: R) => void): (args: A, report: R) => void {
    return (args, report) => judge(() => validate(args, report));
}
