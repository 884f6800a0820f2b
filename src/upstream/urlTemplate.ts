import { KeyVaultReference, parseTemplateReference } from "./keyVaultReference";
import { findPlaintextSecrets } from "./plaintextSecrets";
import { describeTemplatePart, redactUrl } from "./redactUrl";
import { Placeholder, TemplateToken, tokenizeUrlTemplate } from "./templateTokens";
import { ValidationError, requireString } from "./validationError";

export interface UrlTemplateOptions {
    /**
     * Accept literal credentials (`code=…`, `key=…`, `sig=…`, passwords) in the URL. SignalR stores
     * upstream URLs unencrypted, so the default refuses them in favour of Key Vault references.
     * @default false
     */
    allowPlaintextUpstreamSecrets?: boolean;
}

/** What validation learned about a URL template. */
export interface UrlTemplateAnalysis {
    tokens: TemplateToken[];
    keyVaultReferences: KeyVaultReference[];
    /** The template is one Key Vault reference and nothing else: the secret holds the whole URL. */
    isWholeUrlReference: boolean;
    /** `http` or `https`; undefined for a whole-URL reference (known only at run time). */
    scheme?: "http" | "https";
}

const SAMPLE: Record<Placeholder, string> = { hub: "hub", category: "messages", event: "event" };

/**
 * Checks an upstream URL template against the service's rules and returns what it found:
 * balanced braces, only {hub}/{category}/{event} and SecretUri Key Vault references, either one
 * whole-URL reference or an absolute http(s) URL whose scheme and host hold no placeholder, and no
 * literal credential unless explicitly allowed. Every message shows the template through
 * redactUrl (no query value, user information or fragment), whichever rule it breaks.
 */
export function analyzeUrlTemplate(field: string, urlTemplate: unknown, options: UrlTemplateOptions = {}): UrlTemplateAnalysis {
    const template = requireString(field, urlTemplate);
    const shown = redactUrl(template);
    if (template.length === 0) {
        throw new ValidationError(field, "must be a non-empty absolute http(s) URL template", shown);
    }
    if (/\s/.test(template)) {
        throw new ValidationError(field, "must not contain whitespace (percent-encode it as %20)", shown);
    }
    const tokens = tokenizeUrlTemplate(field, template);
    const keyVaultReferences = tokens.flatMap((t) => (t.kind === "reference" ? [parseTemplateReference(field, t, template)] : []));
    if (tokens.length === 1 && tokens[0].kind === "reference") {
        return { tokens, keyVaultReferences, isWholeUrlReference: true };
    }

    const firstToken = tokens.find((t) => t.kind !== "literal");
    const schemeAndHost = /^([a-z][a-z0-9+.-]*):\/\/[^/?#]*/i.exec(template);
    if (!schemeAndHost) {
        throw new ValidationError(field, "must be an absolute URL starting with https:// or http:// (or be one Key Vault reference that holds the whole URL)", shown);
    }
    const scheme = schemeAndHost[1].toLowerCase();
    if (scheme !== "https" && scheme !== "http") {
        throw new ValidationError(field, `must use the https or http scheme, not \`${schemeAndHost[1]}\``, shown);
    }
    if (firstToken && firstToken.start < schemeAndHost[0].length) {
        throw new ValidationError(
            field,
            `must not have a placeholder or Key Vault reference in the scheme or host (${describeTemplatePart(template, firstToken.start, firstToken.text)} is); put it in the path or query, or make the whole URL one Key Vault reference`,
            shown,
        );
    }
    const sample = tokens.map((t) => (t.kind === "literal" ? t.text : t.kind === "placeholder" ? SAMPLE[t.name] : "secret")).join("");
    let parsed: URL;
    try {
        parsed = new URL(sample);
    } catch {
        throw new ValidationError(field, "must be a well-formed absolute URL", shown);
    }
    if (parsed.hostname === "") {
        throw new ValidationError(field, "must name a host", shown);
    }

    if (!options.allowPlaintextUpstreamSecrets) {
        const [secret] = findPlaintextSecrets(tokens);
        if (secret) {
            throw new ValidationError(
                field,
                `must not hold a plaintext secret in its ${secret.where}: SignalR stores upstream URLs unencrypted. Put the secret in Key Vault and write {@Microsoft.KeyVault(SecretUri=…)} instead, or set allowPlaintextUpstreamSecrets to accept the risk`,
                shown,
            );
        }
    }
    return { tokens, keyVaultReferences, isWholeUrlReference: false, scheme: scheme as "http" | "https" };
}

/** The event an upstream call is for. */
export interface UpstreamEvent {
    /** Hub name, e.g. `chat`. */
    hub: string;
    /** `connections` (connected/disconnected) or `messages` (invocations). */
    category: string;
    /** `connected`, `disconnected`, or the invoked target, e.g. `broadcast`. */
    event: string;
}

/**
 * Percent-encodes every character outside RFC 3986 "unreserved" (letters, digits, `-._~`), like
 * .NET's Uri.EscapeDataString; encodeURIComponent alone leaves `!'()*` as they are.
 */
export function encodeUrlComponentStrict(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The URL the service calls for `event`: placeholders replaced by percent-encoded values, Key Vault
 * references left for the service to resolve.
 */
export function renderUpstreamUrl(urlTemplate: string, event: UpstreamEvent): string {
    const template = requireString("urlTemplate", urlTemplate);
    validateUpstreamEvent(event);
    return tokenizeUrlTemplate("urlTemplate", template)
        .map((t) => (t.kind === "placeholder" ? encodeUrlComponentStrict(event[t.name]) : t.text))
        .join("");
}

/** The categories the service uses. */
export const CATEGORIES = ["connections", "messages"] as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Checks an event context: non-empty hub and event, and a known category. */
export function validateUpstreamEvent(event: UpstreamEvent): void {
    if (typeof event !== "object" || event === null) {
        throw new ValidationError("event", "must be an object { hub, category, event }", event);
    }
    const hub = requireString("event.hub", event.hub);
    const category = requireString("event.category", event.category);
    const name = requireString("event.event", event.event);
    if (hub.length === 0) {
        throw new ValidationError("event.hub", "must be a non-empty hub name", hub);
    }
    for (const [field, value] of [
        ["event.hub", hub],
        ["event.event", name],
    ] as const) {
        // A lone surrogate cannot be percent-encoded (encodeURIComponent would throw a URIError).
        if (LONE_SURROGATE.test(value)) throw new ValidationError(field, "must be well-formed Unicode (no lone surrogate)", value);
    }
    if (!(CATEGORIES as readonly string[]).includes(category)) {
        throw new ValidationError("event.category", `must be one of ${CATEGORIES.join(", ")}`, category);
    }
    if (name.length === 0) {
        throw new ValidationError("event.event", "must be a non-empty event name", name);
    }
}
