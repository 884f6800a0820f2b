import { CompiledPattern, compilePattern, matchesCompiled } from "./rulePattern";
import { UpstreamEvent, UrlTemplateAnalysis, UrlTemplateOptions, analyzeUrlTemplate, validateUpstreamEvent } from "./urlTemplate";
import { ValidationError } from "./validationError";

/** How the service authenticates to an upstream: no token, or a token for its managed identity. */
export const UPSTREAM_AUTH_TYPES = ["None", "ManagedIdentity"] as const;
export type UpstreamAuthType = (typeof UPSTREAM_AUTH_TYPES)[number];

/** An upstream template with plain values (what the pure core checks and matches). */
export interface UpstreamTemplate {
    /** URL template with `{hub}`, `{category}`, `{event}` and Key Vault references. */
    urlTemplate: string;
    /** Hub rule. @default matches every hub */
    hubPattern?: string;
    /** Category rule: `connections`, `messages`, a list of them, or `*`. @default matches every category */
    categoryPattern?: string;
    /** Event rule. @default matches every event */
    eventPattern?: string;
    /** @default "None" */
    auth?: UpstreamAuthType;
    /** Audience of the managed identity token (only with `auth: "ManagedIdentity"`). */
    managedIdentityResource?: string;
}

const KNOWN_FIELDS: readonly string[] = ["urlTemplate", "hubPattern", "categoryPattern", "eventPattern", "auth", "managedIdentityResource"];

export interface ValidateUpstreamTemplateOptions extends UrlTemplateOptions {
    /** Field path used in messages. @default "upstreamTemplate" */
    field?: string;
}

/** What validateUpstreamTemplate learned: the URL analysis and compiled rules. */
export interface CheckedUpstreamTemplate {
    url: UrlTemplateAnalysis;
    hub: CompiledPattern;
    category: CompiledPattern;
    event: CompiledPattern;
    auth: UpstreamAuthType;
}

/** Validates one upstream template and returns the parsed form (for callers that need it). */
export function checkUpstreamTemplate(t: UpstreamTemplate, options: ValidateUpstreamTemplateOptions = {}): CheckedUpstreamTemplate {
    const field = options.field ?? "upstreamTemplate";
    if (typeof t !== "object" || t === null || Array.isArray(t)) {
        throw new ValidationError(field, "must be an object with at least `urlTemplate`", t);
    }
    for (const key of Object.keys(t)) {
        if (!KNOWN_FIELDS.includes(key)) {
            throw new ValidationError(`${field}.${key}`, `is not a known field; the fields are ${KNOWN_FIELDS.join(", ")}`, (t as unknown as Record<string, unknown>)[key]);
        }
    }
    if (t.urlTemplate === undefined) {
        throw new ValidationError(`${field}.urlTemplate`, "is required", undefined);
    }
    const url = analyzeUrlTemplate(`${field}.urlTemplate`, t.urlTemplate, options);
    const { hub, category, event } = compileRules(field, t);
    const auth = t.auth ?? "None";
    if (!(UPSTREAM_AUTH_TYPES as readonly string[]).includes(auth)) {
        throw new ValidationError(`${field}.auth`, `must be one of ${UPSTREAM_AUTH_TYPES.join(", ")}`, t.auth);
    }
    if (t.managedIdentityResource !== undefined) {
        if (auth !== "ManagedIdentity") {
            throw new ValidationError(`${field}.managedIdentityResource`, 'may only be set with auth "ManagedIdentity"', t.managedIdentityResource);
        }
        if (typeof t.managedIdentityResource !== "string" || t.managedIdentityResource.trim() === "") {
            throw new ValidationError(`${field}.managedIdentityResource`, "must be a non-empty audience (an application ID URI or client ID)", t.managedIdentityResource);
        }
    }
    return { url, hub, category, event, auth };
}

/**
 * Throws a ValidationError naming the field (`upstreamTemplate.eventPattern`, or under
 * `options.field`) when the template breaks a rule of the service.
 */
export function validateUpstreamTemplate(t: UpstreamTemplate, options: ValidateUpstreamTemplateOptions = {}): void {
    checkUpstreamTemplate(t, options);
}

/** Whether a checked template's three rules all match the event. */
export function templateMatches(t: Pick<CheckedUpstreamTemplate, "hub" | "category" | "event">, e: UpstreamEvent): boolean {
    return matchesCompiled(t.hub, e.hub) && matchesCompiled(t.category, e.category) && matchesCompiled(t.event, e.event);
}

/**
 * The index of the template the service would call for `event`: templates are tried in order and
 * the first whose hub, category and event rules all match wins; -1 when none matches.
 */
export function selectUpstreamTemplate(templates: readonly UpstreamTemplate[], event: UpstreamEvent): number {
    validateUpstreamEvent(event);
    // Compile every rule first: a malformed rule is an error wherever it stands in the list.
    const rules = templates.map((t, index) => compileRules(`upstreamTemplates[${index}]`, t));
    return rules.findIndex((r) => templateMatches(r, event));
}

/** Compiles a template's hub, category and event rules, naming fields under `field`. */
function compileRules(field: string, t: UpstreamTemplate): Pick<CheckedUpstreamTemplate, "hub" | "category" | "event"> {
    return {
        hub: compilePattern(`${field}.hubPattern`, t.hubPattern, "hub"),
        category: compilePattern(`${field}.categoryPattern`, t.categoryPattern, "category"),
        event: compilePattern(`${field}.eventPattern`, t.eventPattern, "event"),
    };
}
