import { redactUrl } from "./redactUrl";

/**
 * The one error type of the pure core. Its message always names the field, says what is allowed
 * and shows the value received, so a user can fix the input without reading our source.
 */
export class ValidationError extends Error {
    /** Path of the offending field, e.g. `upstreamTemplates[1].eventPattern`. */
    public readonly field: string;
    /** What the field must be (the message without the field and the value). */
    public readonly requirement: string;

    /**
     * @param received the value as shown in the message; callers pass a redacted copy when the
     *                 value may hold a secret, so the message is safe to log.
     */
    constructor(field: string, requirement: string, received: unknown) {
        const message = `\`${field}\` ${requirement}, got ${describeValue(received)}`;
        super(message);
        // Set again: in a serialized dynamic provider the class becomes a function whose
        // `Error.call(this, …)` does not set the message.
        this.message = message;
        this.name = "ValidationError";
        this.field = field;
        this.requirement = requirement;
    }
}

const MAX_SHOWN = 200;

/** A string that quotes a URL: shown only through {@link redactUrl}. */
const QUOTES_URL = /:\/\/|\{@|@/;
const shownString = (text: string): string => (QUOTES_URL.test(text) ? redactUrl(text) : text);

/**
 * Renders a received value for an error message: strings in backticks, others as JSON. Any string
 * that quotes a URL (here or inside an object) is shown redacted: no query value, user information
 * or fragment ever reaches a message, whichever check refused it.
 */
export function describeValue(value: unknown): string {
    let text: string;
    if (typeof value === "string") {
        text = shownString(value);
    } else if (value === undefined) {
        return "`undefined`";
    } else {
        try {
            text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? shownString(v) : v)) ?? shownString(String(value));
        } catch {
            text = shownString(String(value));
        }
    }
    if (text.length > MAX_SHOWN) {
        text = `${text.slice(0, MAX_SHOWN)}…`;
    }
    return `\`${text}\``;
}

/** Throws a ValidationError unless `value` is a string (the pure core takes plain strings only). */
export function requireString(field: string, value: unknown): string {
    if (typeof value !== "string") {
        throw new ValidationError(field, "must be a string", value);
    }
    return value;
}

/** `prefix.key`, or just `key` at the top level. */
export function fieldPath(prefix: string, key: string): string {
    return prefix ? `${prefix}.${key}` : key;
}
