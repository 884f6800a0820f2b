import { SIGNALR_NAME } from "../arm/resourceId";
import { checkTags } from "../arm/tags";
import { ValidationError, fieldPath } from "../upstream/validationError";
import { checkArray, checkBoolean, checkKnownKeys, checkObject, checkOneOf } from "./argChecks";
import type { SignalRReplicaArgs } from "./serverlessSignalRArgs";

/**
 * Geo-replica rules. Premium only and at most 8 replicas per primary (Microsoft's SignalR reliability
 * guide, MicrosoftDocs/reliability-docs articles/reliability/reliability-signalr.md, "Geo-replication");
 * a replica's name follows the REST spec's ReplicaName pattern, 3-63 characters (Azure/azure-rest-api-specs
 * specification/signalr/resource-manager/Microsoft.SignalRService/stable/2024-03-01/signalr.json,
 * `#/parameters/ReplicaName`), the same as the service's.
 */
export const MAX_REPLICAS = 8;
export const PREMIUM_SKUS = ["Premium_P1", "Premium_P2"] as const;
export const REPLICA_ARG_NAMES = ["location", "name", "sku", "capacity", "regionEndpointEnabled", "tags"];

/** A region as the user may write it: a name (`westeurope`) or a display name (`West Europe`). */
const LOCATION = /^[A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9]$/;

/**
 * A region's name as Resource Manager writes it: lower case, no spaces (`West Europe` → `westeurope`),
 * so that two spellings of one region compare equal.
 */
export function normalizeLocation(location: string): string {
    return location.replace(/\s+/g, "").toLowerCase();
}

/** The replica name Azure's own examples use, `<service>-<region>` (SignalRReplicas_CreateOrUpdate.json: `mySignalRService-eastus`). */
export function defaultReplicaName(serviceName: string, location: string): string {
    return `${serviceName}-${normalizeLocation(location)}`;
}

/** A replica name by the spec's pattern; `how` says what to do when a computed default fails it. */
export function checkReplicaName(field: string, name: unknown, how = ""): void {
    if (typeof name !== "string" || !SIGNALR_NAME.test(name)) {
        throw new ValidationError(field, `must be 3-63 letters, digits and hyphens, starting with a letter and ending with a letter or digit${how}`, name);
    }
}

/** Unit counts by SKU (the component's table), passed in so this file stays free of the rule table. */
export type SkuUnits = Readonly<Record<string, readonly number[]>>;

/** What the replica rules need of the component's other arguments. */
export interface ReplicaContext {
    /** The primary's SKU (the component's default when unset). */
    sku: string;
    /** The primary's region, when a plain value. */
    location?: string;
    /** The service's name, when a plain value. */
    serviceName?: string;
    units: SkuUnits;
}

/**
 * Checks `replicas` with each field's path, before anything is registered: the primary and every
 * replica Premium, at most 8, regions distinct and not the primary's (compared normalized), names
 * by the spec's pattern, distinct (ignoring case, as ARM names are) and not the service's.
 */
export function checkReplicas(field: string, replicas: unknown, context: ReplicaContext): void {
    checkArray(field, replicas);
    const list = (replicas ?? []) as SignalRReplicaArgs[];
    if (list.length === 0) return;
    if (list.length > MAX_REPLICAS) {
        throw new ValidationError(field, `must hold at most ${MAX_REPLICAS} replicas (Azure's limit per primary)`, `${list.length} replicas`);
    }
    if (!(PREMIUM_SKUS as readonly string[]).includes(context.sku)) {
        throw new ValidationError(
            field,
            `need the primary on Premium (sku Premium_P1 or Premium_P2): geo-replication requires the Premium tier; sku is ${context.sku}`,
            `${list.length} replicas`,
        );
    }
    const primary = context.location !== undefined ? normalizeLocation(context.location) : undefined;
    const regions = new Map<string, number>();
    const names = new Map<string, number>();
    list.forEach((r, i) => {
        const at = `${field}[${i}]`;
        if (r === undefined || r === null) throw new ValidationError(at, "must be an object", r);
        checkObject(at, r);
        checkKnownKeys(at, r, REPLICA_ARG_NAMES);
        if (typeof r.location !== "string" || !LOCATION.test(r.location)) {
            throw new ValidationError(fieldPath(at, "location"), "is required: an Azure region name such as `westeurope` or `West Europe`", r.location);
        }
        const region = normalizeLocation(r.location);
        if (region === primary)
            throw new ValidationError(fieldPath(at, "location"), `must differ from the primary's location (${context.location}): a replica serves another region`, r.location);
        const sameRegion = regions.get(region);
        if (sameRegion !== undefined)
            throw new ValidationError(fieldPath(at, "location"), `must be distinct: ${field}[${sameRegion}] is in the same region (${region})`, r.location);
        regions.set(region, i);

        if (r.name !== undefined) checkReplicaName(fieldPath(at, "name"), r.name);
        else if (context.serviceName !== undefined) {
            checkReplicaName(
                fieldPath(at, "name"),
                defaultReplicaName(context.serviceName, r.location),
                " (the default `<serviceName>-<location>` is too long or invalid here: set `name`)",
            );
        }
        const name = r.name ?? (context.serviceName !== undefined ? defaultReplicaName(context.serviceName, r.location) : undefined);
        if (name !== undefined) {
            if (context.serviceName !== undefined && name.toLowerCase() === context.serviceName.toLowerCase()) {
                throw new ValidationError(fieldPath(at, "name"), "must differ from the service's name (replica names are checked like service names)", name);
            }
            const sameName = names.get(name.toLowerCase());
            if (sameName !== undefined) throw new ValidationError(fieldPath(at, "name"), `must be unique ignoring case: ${field}[${sameName}] has it`, name);
            names.set(name.toLowerCase(), i);
        }

        checkOneOf(fieldPath(at, "sku"), r.sku, PREMIUM_SKUS);
        const sku = r.sku ?? context.sku;
        const units = context.units[sku];
        if (r.capacity !== undefined && !units.includes(r.capacity)) {
            throw new ValidationError(fieldPath(at, "capacity"), `must be one of ${units.join(", ")} for ${sku}`, r.capacity);
        }
        checkBoolean(fieldPath(at, "regionEndpointEnabled"), r.regionEndpointEnabled);
        checkTags(fieldPath(at, "tags"), r.tags);
    });
}

/** The primary's location once known must not be a replica's (a plain one was checked at construction). */
export function checkReplicaLocationsAgainst(field: string, primaryLocation: string, replicaLocations: readonly string[]): void {
    const primary = normalizeLocation(primaryLocation);
    replicaLocations.forEach((location, i) => {
        if (normalizeLocation(location) === primary) {
            throw new ValidationError(`${field}[${i}].location`, `must differ from the primary's location (${primaryLocation}): a replica serves another region`, location);
        }
    });
}
