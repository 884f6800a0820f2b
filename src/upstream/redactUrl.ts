/**
 * What a redacted part of a URL reads as in messages, logs and policy results.
 */
export const REDACTED = "***";

/** Query values shown as they are: a placeholder, or a well-formed Key Vault reference (a pointer, not a secret). */
const SHOWN_QUERY_VALUE = /^(?:\{(?:hub|category|event)\}|\{@Microsoft\.KeyVault\(SecretUri=https:\/\/[A-Za-z0-9.-]+\/secrets\/[A-Za-z0-9-]+(?:\/[0-9a-fA-F]{32})?\/?\)\})$/;

/**
 * The one redaction of every message, log line and policy result that quotes a URL or URL template
 * (well-formed or not, a Key Vault secret URI included): every query value becomes `***` (the
 * names stay, so the user sees which parameter is meant; a placeholder or a well-formed Key Vault
 * reference stays too), the fragment becomes `***`, and any user information becomes `***`.
 * Works on any text, never throws, and redacting twice gives the same text.
 */
export function redactUrl(text: string): string {
    const fragmentAt = text.indexOf("#");
    const beforeFragment = fragmentAt >= 0 ? text.slice(0, fragmentAt) : text;
    const queryAt = beforeFragment.indexOf("?");
    let result = queryAt >= 0 ? `${beforeFragment.slice(0, queryAt)}?${redactQuery(beforeFragment.slice(queryAt + 1))}` : beforeFragment;
    if (fragmentAt >= 0) result += fragmentAt + 1 < text.length ? `#${REDACTED}` : "#";
    return redactUserInformation(result);
}

/**
 * Every user-information part: the run of characters before an `@`, back to the nearest `/`, `\`,
 * `?` or `#` (so `https://user:pw@host` and a malformed `https:user:pw@host` are both covered). The
 * `@` that opens a Key Vault reference (`{@Microsoft.KeyVault(`) is not one. One pass, linear.
 */
function redactUserInformation(text: string): string {
    let out = "";
    let runStart = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "/" || c === "\\" || c === "?" || c === "#") {
            out += text.slice(runStart, i + 1);
            runStart = i + 1;
        } else if (c === "@" && !text.startsWith("Microsoft.KeyVault(", i + 1)) {
            out += `${REDACTED}@`;
            runStart = i + 1;
        }
    }
    return out + text.slice(runStart);
}

/** `a=1&b={hub}&c` → `a=***&b={hub}&c=***`: names kept, values and bare items redacted. */
function redactQuery(query: string): string {
    return query
        .split("&")
        .map((pair) => {
            const eq = pair.indexOf("=");
            if (eq < 0) return pair === "" || SHOWN_QUERY_VALUE.test(pair) || pair === REDACTED ? pair : REDACTED;
            const value = pair.slice(eq + 1);
            return value === "" || SHOWN_QUERY_VALUE.test(value) ? pair : `${pair.slice(0, eq)}=${REDACTED}`;
        })
        .join("&");
}

/** A URL or Key Vault reference inside free text: up to the next whitespace or quote. */
const URL_IN_TEXT = /(?:[a-z][a-z0-9+.-]*:\/\/|\{@Microsoft\.KeyVault\()[^\s"'`<>]*/gi;

/**
 * Free text (a log line, a service's error message) with every URL in it shown through
 * {@link redactUrl}; the words around the URLs stay as they are.
 */
export function redactUrlsInText(text: string): string {
    return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}

/**
 * Names a piece of a template for a message: quoted with its position when redaction leaves it
 * as it is (in the path, say), else by its position alone (it stands in a query value or the user
 * information, where quoting it could print a secret).
 */
export function describeTemplatePart(template: string, start: number, text: string): string {
    return shownIntact(template, start + text.length) ? `\`${text}\` at position ${start}` : `the \`{…}\` at position ${start}`;
}

/** Whether redaction leaves the template's first `end` characters as they are. */
export function shownIntact(template: string, end: number): boolean {
    return redactUrl(template).slice(0, end) === template.slice(0, end);
}
