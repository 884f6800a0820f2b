/**
 * The lifecycle of a resource that talks to Resource Manager, written once and served two ways:
 * by a thin dynamic provider (TypeScript programs that installed the npm package) and by the
 * package's own provider (every Pulumi language). Plain data in and out: no Pulumi types, no
 * secrets wrapping, no `__provider` — the two hosts adapt to it.
 */
export interface CheckFailure {
    property: string;
    reason: string;
}

export interface ResourceLifecycle<I extends object, O extends I> {
    /** Validates new inputs before anything is sent; unknown (preview) values are not judged. */
    check(olds: Partial<O> | undefined, news: I): Promise<{ inputs: I; failures: CheckFailure[] }>;
    diff(id: string, olds: O, news: I): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }>;
    create(inputs: I): Promise<{ id: string; outs: O }>;
    /** `id: ""` means the resource is gone. */
    read(id: string, props: O): Promise<{ id: string; props: O | Record<string, never> }>;
    update(id: string, olds: O, news: I): Promise<{ outs: O }>;
    delete(id: string, props: O): Promise<void>;
}

/** What the engine sends for a value not known yet (preview): never validated, never diffed as a change. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; // the engine's unknown-value sentinel (pulumi.runtime.unknownValue)

export const isUnknown = (value: unknown): boolean =>
    value === UNKNOWN || (Array.isArray(value) ? value.some(isUnknown) : typeof value === "object" && value !== null && Object.values(value).some(isUnknown));

/** Runs a validation and turns its error into a check failure on the field it names. */
export function checkFailures(validate: () => void, fallbackField: string): CheckFailure[] {
    try {
        validate();
        return [];
    } catch (e) {
        return [{ property: (e as { field?: string }).field ?? fallbackField, reason: (e as Error).message }];
    }
}

/** The keys whose values differ (JSON equality), ignoring the listed output-only keys. */
export function changedKeys<T extends object>(olds: T, news: T, ignore: readonly string[] = []): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].filter((k) => !ignore.includes(k) && JSON.stringify((olds as Record<string, unknown>)[k]) !== JSON.stringify((news as Record<string, unknown>)[k]));
}
