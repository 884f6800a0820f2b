import { ValidationError, requireString } from "../upstream/validationError";

/** An Azure Resource Manager resource id, taken apart. */
export interface ResourceId {
    /** The id as given. */
    id: string;
    subscriptionId: string;
    resourceGroupName: string;
    /** Resource provider namespace, e.g. `Microsoft.Web`. */
    provider: string;
    /** Full type, e.g. `Microsoft.Web/sites` or `Microsoft.Web/sites/slots`. */
    resourceType: string;
    /** Name of the last resource in the id, e.g. the slot name for a slot id. */
    name: string;
    /** Names along the type path, e.g. `["contoso-func", "staging"]` for a slot. */
    names: string[];
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * What no segment of an id may hold. `?` and `#` end the path of a URL, `/` and `\` (which the URL
 * standard reads as `/` in https URLs) split it, `%` would be read as an escape, and `.`/`..`
 * segments are removed by URL normalization: each would send a request to another resource than
 * the id names (`…/sites/contoso-func?` to the site itself). Microsoft's naming rules say the same
 * ("Don't use # in a resource name. It interferes with URL parsing on Azure Resource Manager
 * requests", learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
 * Control characters and lone surrogates (which have no UTF-8 form) are refused too, and so is
 * `..` anywhere in a segment.
 */
const UNSAFE_IN_SEGMENT = /[?#%/\\\p{Cc}\p{Cs}]|\.\./u;

/** Why a segment is unsafe in a URL path, if it is. */
function segmentProblem(segment: string): string | undefined {
    if (segment === "") return "has an empty segment";
    if (segment === ".") return "has a `.` segment";
    const bad = UNSAFE_IN_SEGMENT.exec(segment);
    if (!bad) return undefined;
    const shown =
        bad[0] === ".."
            ? "`..`"
            : /[\p{Cc}\p{Cs}]/u.test(bad[0])
              ? `the control character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`
              : `\`${bad[0]}\``;
    return `has ${shown} in the segment ${JSON.stringify(segment)}`;
}

/** Throws a ValidationError naming `field` unless `segment` is safe as one URL path segment (see UNSAFE_IN_SEGMENT). */
export function checkPathSegment(field: string, segment: string, shown: unknown = segment): void {
    const problem = segmentProblem(segment);
    if (problem) throw new ValidationError(field, `must not hold \`?\`, \`#\`, \`%\`, \`/\`, \`\\\`, \`..\`, control characters or empty segments (it ${problem})`, shown);
}

/**
 * Resource group names: the resources spec's `resourceGroupName` path parameter (pattern
 * `^[-\w\._\(\)]+$`, 1-90, "alphanumeric, underscore, parentheses, hyphen, period (except at end),
 * and Unicode characters that match the allowed characters": Azure/azure-rest-api-specs
 * `specification/resources/resource-manager/Microsoft.Resources/resources/stable/2024-03-01/resources.json`).
 * The pattern is .NET's, where `\w` is `[\p{L}\p{Mn}\p{Nd}\p{Pc}]` (Unicode letters, marks, digits, `_`).
 */
const RESOURCE_GROUP_NAME = /^[-\p{L}\p{Mn}\p{Nd}\p{Pc}.()]+$/u;

const RESOURCE_GROUP_ALLOWED = "1-90 letters, digits, `_`, `-`, `.`, `(` or `)`, not ending in a period";

/** Whether Azure accepts `name` as a resource group name (length counted in UTF-16 units, as .NET counts). */
const isResourceGroupName = (name: string) => name.length >= 1 && name.length <= 90 && RESOURCE_GROUP_NAME.test(name) && !name.endsWith(".");

/** Throws a ValidationError naming `field` unless `value` is a resource group name Azure accepts. */
export function checkResourceGroupName(field: string, value: unknown): string {
    const name = requireString(field, value);
    if (!isResourceGroupName(name)) throw new ValidationError(field, `must be a resource group name: ${RESOURCE_GROUP_ALLOWED}`, name);
    return name;
}

/** SignalR, replica and shared private link resource names (the SignalR spec's path parameter pattern, 2024-03-01). */
export const SIGNALR_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,61}[a-zA-Z0-9]$/;

/** A documented name rule of one resource type. */
interface NameRule {
    resourceType: string;
    pattern: RegExp;
    allowed: string;
}

const SIGNALR_RULE = { pattern: SIGNALR_NAME, allowed: "3-63 letters, digits and hyphens, starting with a letter and ending with a letter or digit" };

/**
 * Names by type, where Azure documents a rule. SignalR: `ResourceName`, `ReplicaName` and
 * `SharedPrivateLinkResourceName` in Azure/azure-rest-api-specs
 * `specification/signalr/resource-manager/Microsoft.SignalRService/stable/2024-03-01/signalr.json`.
 * Key Vault: the spec's `vaultName` pattern `^[a-zA-Z0-9-]{3,24}$` (`…/Microsoft.KeyVault/stable/2023-07-01/secrets.json`)
 * narrowed by Microsoft's naming rules (start with a letter, end with a letter or digit, no
 * consecutive hyphens). Function apps: the Web spec gives no pattern (`name` of WebApps_CreateOrUpdate,
 * `…/Microsoft.Web/stable/2024-04-01/WebApps.json`); Microsoft's naming rules say 2-60 alphanumerics,
 * hyphens and Unicode characters that map to Punycode, not starting or ending with a hyphen.
 * Other types are held to the segment rules only.
 */
const NAME_RULES: readonly NameRule[] = [
    { resourceType: "Microsoft.Web/sites", pattern: /^(?!-)[\p{L}\p{M}\p{Nd}-]{2,60}(?<!-)$/u, allowed: "2-60 letters, digits and hyphens, not starting or ending with a hyphen" },
    {
        resourceType: "Microsoft.KeyVault/vaults",
        pattern: /^(?!.*--)[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/,
        allowed: "3-24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit",
    },
    { resourceType: "Microsoft.SignalRService/signalR", ...SIGNALR_RULE },
    { resourceType: "Microsoft.SignalRService/signalR/replicas", ...SIGNALR_RULE },
    { resourceType: "Microsoft.SignalRService/signalR/sharedPrivateLinkResources", ...SIGNALR_RULE },
    { resourceType: "Microsoft.SignalRService/signalR/replicas/sharedPrivateLinkResources", ...SIGNALR_RULE },
];

/** Resource provider namespaces (`Microsoft.Web`) and type segments (`sites`): letters and digits, dotted in namespaces. */
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+$/;
const TYPE_SEGMENT = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Parses `/subscriptions/<guid>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/<type>/<name>…]`
 * by Azure's rules: every segment safe in a URL path (see UNSAFE_IN_SEGMENT), the subscription a
 * GUID, the resource group and each name of a known type by its documented pattern. Throws a
 * ValidationError naming `field` for anything else (a resource group id, a name alone).
 */
export function parseResourceId(field: string, value: unknown): ResourceId {
    const parsed = parseStructure(field, value);
    checkNames(field, parsed);
    return parsed;
}

const MUST = "must be an Azure resource id /subscriptions/<subscription id>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>";

/** The id's grammar and segments, without the names' per-type rules. */
function parseStructure(field: string, value: unknown): ResourceId {
    const id = requireString(field, value);
    const parts = id.split("/");
    if (parts[0] !== "" || parts.length < 9 || parts.length % 2 === 0) {
        throw new ValidationError(field, MUST, id);
    }
    parts.slice(1).forEach((segment) => checkPathSegment(field, segment, id));
    const [, subscriptions, subscriptionId, resourceGroups, resourceGroupName, providers, provider, ...rest] = parts;
    if (subscriptions.toLowerCase() !== "subscriptions" || resourceGroups.toLowerCase() !== "resourcegroups" || providers.toLowerCase() !== "providers") {
        throw new ValidationError(field, MUST, id);
    }
    if (!GUID.test(subscriptionId)) {
        throw new ValidationError(field, `${MUST} (the subscription id must be a GUID)`, id);
    }
    if (!isResourceGroupName(resourceGroupName)) {
        throw new ValidationError(field, `${MUST} (the resource group name must be ${RESOURCE_GROUP_ALLOWED})`, id);
    }
    if (!NAMESPACE.test(provider)) throw new ValidationError(field, `${MUST} (the namespace must be dotted letters and digits, e.g. Microsoft.Web)`, id);
    const types: string[] = [];
    const names: string[] = [];
    for (let i = 0; i < rest.length; i += 2) {
        if (!TYPE_SEGMENT.test(rest[i])) throw new ValidationError(field, `${MUST} (the resource type segment ${JSON.stringify(rest[i])} must be letters and digits)`, id);
        types.push(rest[i]);
        names.push(rest[i + 1]);
    }
    return { id, subscriptionId, resourceGroupName, provider, resourceType: [provider, ...types].join("/"), name: names[names.length - 1], names };
}

/** Each name along the type path by its type's documented rule, where there is one. */
function checkNames(field: string, parsed: ResourceId): void {
    const types = parsed.resourceType.split("/").slice(1);
    parsed.names.forEach((name, i) => {
        const typeSoFar = [parsed.provider, ...types.slice(0, i + 1)].join("/");
        const rule = NAME_RULES.find((r) => sameResourceType(r.resourceType, typeSoFar));
        if (rule && !rule.pattern.test(name)) throw new ValidationError(field, `${MUST} (a ${rule.resourceType} name must be ${rule.allowed})`, parsed.id);
    });
}

/**
 * The URL path of a resource id and, after it, child segments (`privateEndpointConnections`,
 * `host`, `default`, …): the id parsed by parseResourceId, each child checked the same way, and
 * every segment percent-encoded (as Azure's own SDKs encode path parameters), so that the request
 * goes to exactly the resource the id names.
 */
export function resourcePath(field: string, resourceId: string, ...children: string[]): string {
    parseResourceId(field, resourceId);
    children.forEach((child) => checkPathSegment(field, child));
    return ["", ...resourceId.split("/").slice(1), ...children].map((segment) => encodeURIComponent(segment)).join("/");
}

/** Case-insensitive comparison of resource types, as ARM does (`microsoft.web/sites` = `Microsoft.Web/sites`). */
export function sameResourceType(a: string, b: string): boolean {
    return a.toLowerCase() === b.toLowerCase();
}

/** Parses a resource id that must be of one type, e.g. `Microsoft.SignalRService/signalR`; the error names the type expected. */
export function parseResourceIdOfType(field: string, value: unknown, resourceType: string, what?: string): ResourceId {
    const parsed = parseStructure(field, value);
    if (!sameResourceType(parsed.resourceType, resourceType)) {
        throw new ValidationError(field, `must be the resource id of ${what ? `${what} (${resourceType})` : `a ${resourceType}`}`, parsed.id);
    }
    checkNames(field, parsed); // after the type: a wrong type is the clearer message
    return parsed;
}
