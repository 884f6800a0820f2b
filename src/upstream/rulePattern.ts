import { CATEGORIES } from "./urlTemplate";
import { ValidationError, requireString } from "./validationError";

/**
 * .NET's white space (`Char.IsWhiteSpace`: the Unicode space separators, U+2028, U+2029, U+0009-U+000D
 * and U+0085; learn.microsoft.com/dotnet/api/system.char.iswhitespace), which `String.Trim()`
 * removes and the service trims rule items with. JavaScript's `trim()` differs: it also removes
 * U+FEFF and keeps U+0085, so it would select another upstream than the service for such a pattern.
 */
const DOTNET_WHITESPACE = "\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
const DOTNET_EDGES = new RegExp(`^[${DOTNET_WHITESPACE}]+|[${DOTNET_WHITESPACE}]+$`, "g");
const DOTNET_SPACE = new RegExp(`[${DOTNET_WHITESPACE}]`);

/** `text` trimmed as .NET's `String.Trim()` trims it. */
export function trimLikeDotNet(text: string): string {
    return text.replace(DOTNET_EDGES, "");
}

/** Which rule a pattern belongs to; category patterns accept only the service's categories. */
export type PatternKind = "hub" | "category" | "event";

/** A checked pattern, ready to match many values. `undefined` items means "matches anything". */
export interface CompiledPattern {
    readonly items: ReadonlySet<string> | undefined;
}

/**
 * Checks and compiles a hub, category or event rule. Rules: unset matches any; `*` anywhere in the
 * list matches any; otherwise the pattern is split on `,`, each item trimmed as the service trims
 * it (.NET's white space, see trimLikeDotNet), and a value matches when it equals an item exactly
 * (case-sensitive). Refused: an empty pattern, empty items (`a,,b`), items with inner white space
 * or a U+FEFF (which the service keeps, so the item could never match the name it shows), and
 * categories other than connections, messages, `*`.
 */
export function compilePattern(field: string, pattern: unknown, kind: PatternKind = "event"): CompiledPattern {
    if (pattern === undefined) {
        return { items: undefined };
    }
    const text = requireString(field, pattern);
    if (trimLikeDotNet(text).length === 0) {
        throw new ValidationError(field, "must be `*`, a name, or a comma-separated list of names (leave it unset to match everything)", text);
    }
    const items = text.split(",").map(trimLikeDotNet);
    items.forEach((item, index) => {
        if (item.length === 0) {
            throw new ValidationError(field, `must not have empty items in its comma-separated list (item ${index + 1} is empty)`, text);
        }
        if (DOTNET_SPACE.test(item)) {
            throw new ValidationError(field, `must not have whitespace inside a name (\`${item}\`)`, text);
        }
        if (item.includes("\ufeff")) {
            throw new ValidationError(field, `must not hold U+FEFF (a byte order mark, which the service does not trim) in a name (item ${index + 1})`, text);
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
