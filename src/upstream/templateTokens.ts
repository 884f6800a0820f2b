import { describeTemplatePart, redactUrl } from "./redactUrl";
import { ValidationError } from "./validationError";

/** The placeholders the service substitutes in an upstream URL template. */
export const PLACEHOLDERS = ["hub", "category", "event"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** One piece of a URL template, in order. */
export type TemplateToken =
    | { kind: "literal"; text: string; start: number }
    | { kind: "placeholder"; name: Placeholder; text: string; start: number }
    /** `{@…}`: a Key Vault reference; its body (between the braces) is parsed by keyVaultReference.ts. */
    | { kind: "reference"; body: string; text: string; start: number };

/**
 * Splits a URL template into literals, placeholders and `{@…}` references. Braces must balance and
 * never nest; `{…}` must be a known placeholder or a reference. No other interpretation happens here.
 * Errors show the template redacted and point at positions: a `{…}` may stand in a query value.
 */
export function tokenizeUrlTemplate(field: string, template: string): TemplateToken[] {
    const tokens: TemplateToken[] = [];
    const shown = () => redactUrl(template);
    let literalStart = 0;
    let i = 0;
    const pushLiteral = (end: number) => {
        if (end > literalStart) {
            tokens.push({ kind: "literal", text: template.slice(literalStart, end), start: literalStart });
        }
    };
    while (i < template.length) {
        const ch = template[i];
        if (ch === "}") {
            throw new ValidationError(field, `must have balanced braces: \`}\` at position ${i} closes nothing`, shown());
        }
        if (ch !== "{") {
            i++;
            continue;
        }
        const close = template.indexOf("}", i + 1);
        const nestedOpen = template.indexOf("{", i + 1);
        if (close < 0) {
            throw new ValidationError(field, `must have balanced braces: \`{\` at position ${i} is never closed`, shown());
        }
        if (nestedOpen >= 0 && nestedOpen < close) {
            throw new ValidationError(field, `must not nest braces: \`{\` at position ${nestedOpen} opens inside the \`{\` at position ${i}`, shown());
        }
        pushLiteral(i);
        const text = template.slice(i, close + 1);
        const body = template.slice(i + 1, close);
        if ((PLACEHOLDERS as readonly string[]).includes(body)) {
            tokens.push({ kind: "placeholder", name: body as Placeholder, text, start: i });
        } else if (body.startsWith("@")) {
            tokens.push({ kind: "reference", body, text, start: i });
        } else {
            throw new ValidationError(
                field,
                `may only use the placeholders {hub}, {category}, {event} and Key Vault references {@Microsoft.KeyVault(SecretUri=…)}: ${describeTemplatePart(template, i, text)} is neither`,
                shown(),
            );
        }
        i = close + 1;
        literalStart = i;
    }
    pushLiteral(template.length);
    return tokens;
}
