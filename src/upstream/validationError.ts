/**
 * The one error type of the pure core. Its message always names the field, says what is allowed
 * and shows the value received, so a user can fix the input without reading our source.
 */
export class ValidationError extends Error {
    /** Path of the offending field, e.g. `upstreamTemplates[1].eventPattern`. */
    public readonly field: string;

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
    }
}

const MAX_SHOWN = 200;

/** Renders a received value for an error message: strings verbatim in backticks, others as JSON. */
export function describeValue(value: unknown): string {
    let text: string;
    if (typeof value === "string") {
        text = value;
    } else if (value === undefined) {
        return "`undefined`";
    } else {
        try {
            text = JSON.stringify(value) ?? String(value);
        } catch {
            text = String(value);
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
