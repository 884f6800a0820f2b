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
 * Parses `/subscriptions/<guid>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/<type>/<name>…]`.
 * Throws a ValidationError naming `field` for anything else (a resource group id, a name alone).
 */
export function parseResourceId(field: string, value: unknown): ResourceId {
    const id = requireString(field, value);
    const must = "must be an Azure resource id /subscriptions/<subscription id>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>";
    const parts = id.split("/");
    if (parts[0] !== "" || parts.length < 9 || parts.length % 2 === 0 || parts.some((p, i) => i > 0 && p === "")) {
        throw new ValidationError(field, must, id);
    }
    const [, subscriptions, subscriptionId, resourceGroups, resourceGroupName, providers, provider, ...rest] = parts;
    if (subscriptions.toLowerCase() !== "subscriptions" || resourceGroups.toLowerCase() !== "resourcegroups" || providers.toLowerCase() !== "providers") {
        throw new ValidationError(field, must, id);
    }
    if (!GUID.test(subscriptionId)) {
        throw new ValidationError(field, `${must} (the subscription id must be a GUID)`, id);
    }
    const types: string[] = [];
    const names: string[] = [];
    for (let i = 0; i < rest.length; i += 2) {
        types.push(rest[i]);
        names.push(rest[i + 1]);
    }
    return { id, subscriptionId, resourceGroupName, provider, resourceType: [provider, ...types].join("/"), name: names[names.length - 1], names };
}

/** Case-insensitive comparison of resource types, as ARM does (`microsoft.web/sites` = `Microsoft.Web/sites`). */
export function sameResourceType(a: string, b: string): boolean {
    return a.toLowerCase() === b.toLowerCase();
}

/** Parses a resource id that must be of one type, e.g. `Microsoft.SignalRService/signalR`; the error names the type expected. */
export function parseResourceIdOfType(field: string, value: unknown, resourceType: string, what?: string): ResourceId {
    const parsed = parseResourceId(field, value);
    if (!sameResourceType(parsed.resourceType, resourceType)) {
        throw new ValidationError(field, `must be the resource id of ${what ? `${what} (${resourceType})` : `a ${resourceType}`}`, parsed.id);
    }
    return parsed;
}
