import { CATEGORIES } from "./urlTemplate";
import { ValidationError, requireString } from "./validationError";

/** Which rule a pattern belongs to; category patterns accept only the service's categories. */
export type PatternKind = "hub" | "category" | "event";

/** A checked pattern, ready to match many values. `undefined` items means "matches anything". */
export interface CompiledPattern {
    readonly items: ReadonlySet<string> | undefined;
}

/**
 * Checks and compiles a hub, category or event rule. Rules: unset matches any; `*` anywhere in the
 * list matches any; otherwise the pattern is split on `,`, each item trimmed, and a value matches
 * when it equals an item exactly (case-sensitive). Refused: an empty pattern, empty items
 * (`a,,b`), items with inner whitespace, and categories other than connections, messages, `*`.
 */
export function compilePattern(field: string, pattern: unknown, kind: PatternKind = "event"): CompiledPattern {
    if (pattern === undefined) {
        return { items: undefined };
    }
    const text = requireString(field, pattern);
    if (text.trim().length === 0) {
        throw new ValidationError(field, "must be `*`, a name, or a comma-separated list of names (leave it unset to match everything)", text);
    }
    const items = text.split(",").map((item) => item.trim());
    items.forEach((item, index) => {
        if (item.length === 0) {
            throw new ValidationError(field, `must not have empty items in its comma-separated list (item ${index + 1} is empty)`, text);
        }
        if (/\s/.test(item)) {
            throw new ValidationError(field, `must not have whitespace inside a name (\`${item}\`)`, text);
        }
        if (kind === "category" && item !== "*" && !(CATEGORIES as readonly string[]).includes(item)) {
            throw new ValidationError(field, `must list only the categories ${CATEGORIES.join(", ")} or \`*\` (\`${item}\` is not one)`, text);
        }
    });
    return { items: items.includes("*") ? undefined : new Set(items) };
}

/** Whether a compiled pattern matches a value. */
export function matchesCompiled(pattern: CompiledPattern, value: string): boolean {
    return pattern.items === undefined || pattern.items.has(value);
}

/**
 * Whether `value` matches a hub, category or event rule pattern (see compilePattern for the
 * rules). Throws a ValidationError naming `pattern` when the pattern is malformed.
 */
export function matchesPattern(pattern: string | undefined, value: string): boolean {
    return matchesCompiled(compilePattern("pattern", pattern), requireString("value", value));
}
