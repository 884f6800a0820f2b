import type { PolicyConfigSchema } from "@pulumi/policy";

/**
 * A rule's configuration as CrossGuard's policy config gives it (`getConfig()`, everything but
 * `enforcementLevel`), over the defaults its `configSchema` declares, so a rule behaves the same
 * whether or not the engine filled the defaults in.
 */
export function configWithDefaults<T extends object>(schema: PolicyConfigSchema, args: { getConfig<C extends object>(): C }): T {
    const defaults = Object.fromEntries(Object.entries(schema.properties).flatMap(([k, s]) => (s.default === undefined ? [] : [[k, s.default]])));
    return { ...defaults, ...args.getConfig<Partial<T>>() } as T;
}

/** The schema of a list of strings, for rules whose config extends a table. */
export const stringList = (description: string, defaultValue: string[] = []) => ({
    type: "array" as const,
    items: { type: "string" as const },
    default: defaultValue,
    description,
});
