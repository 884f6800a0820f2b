import * as pulumi from "@pulumi/pulumi";
import * as signalrservice from "@pulumi/azure-native/signalrservice";
import type { RegionEndpointValue } from "../approval/replicaRegionEndpoint";
import { ValidationError } from "../upstream/validationError";
import { checkedInput, isPlainInput, mapInputs } from "./plainOrOutput";
import { checkReplicaName, defaultReplicaName, normalizeLocation } from "./replicaRules";
import type { SignalRReplicaArgs } from "./serverlessSignalRArgs";

/** A geo-replica as the component reports it. */
export interface SignalRReplicaOutput {
    /** Resource id of the replica. */
    id: string;
    /** Name of the replica. */
    name: string;
    /** Region of the replica, as Resource Manager writes it (e.g. `westeurope`). */
    location: string;
    /**
     * Status of the replica's copy of each shared private endpoint, by endpoint name, as SignalR
     * reports it (`Approved` once approved); endpoints with `approve: false` are not read, so not listed.
     */
    sharedPrivateEndpoints: { [name: string]: string };
}

export interface ReplicaParent {
    /** Component name: the children are `<name>-replica-<location>`. */
    name: string;
    service: signalrservice.SignalR;
    resourceGroupName: pulumi.Input<string>;
    /** The service's name when given (else the default replica names follow the service's autoname). */
    serviceName?: string;
    location?: pulumi.Input<string>;
    sku: string;
    tags?: { [key: string]: pulumi.Input<string> };
    parent: pulumi.Resource;
    /**
     * The service has shared private endpoints: each replica is created with its region endpoint
     * `Disabled`, and its ReplicaRegionEndpoint (replicaRegionEndpoints.ts) sets the value wanted
     * once the replica's copies of the links are approved.
     */
    endpointAfterApproval: boolean;
}

/** Units a replica gets when none are given: the smallest its SKU allows, as for the service. */
const defaultCapacity = (sku: string) => (sku === "Premium_P2" ? 100 : 1);

/**
 * One `SignalRReplica` per entry, keyed by its region (normalized), so removing or reordering one
 * leaves the others alone. Each is a write to the service, so each follows the one before (SignalR
 * runs one operation at a time; docs/research/replicas.md §6). The name is always explicit: a
 * replica's name is DNS-checked like a service's, and azure-native's autoname would add a suffix.
 * With shared private endpoints the region endpoint is not the replica's to set (see
 * `endpointAfterApproval`): its resource creates it `Disabled` and ignores the property afterwards,
 * which the ReplicaRegionEndpoint owns (a refresh folds the live value in; the next up leaves it).
 */
export function createReplicas(p: ReplicaParent, replicas: readonly SignalRReplicaArgs[]): signalrservice.SignalRReplica[] {
    const created: signalrservice.SignalRReplica[] = [];
    replicas.forEach((r, i) => {
        const field = `replicas[${i}]`;
        const location = normalizeLocation(r.location);
        const replicaName: pulumi.Input<string> =
            r.name ??
            (p.serviceName !== undefined
                ? defaultReplicaName(p.serviceName, r.location)
                : p.service.name.apply((service) => {
                      const name = defaultReplicaName(service, r.location);
                      checkReplicaName(`${field}.name`, name, " (the default `<serviceName>-<location>` is too long or invalid here: set `name`)");
                      return name;
                  }));
        // A plain primary location was compared at construction; an Output one is compared once known.
        const checkedLocation =
            p.location === undefined || isPlainInput(p.location)
                ? location
                : mapInputs([checkedInput(p.location, (primary) => checkNotPrimary(`${field}.location`, primary, r.location))], () => location);
        const sku = r.sku ?? p.sku;
        const previous = created[created.length - 1];
        created.push(
            new signalrservice.SignalRReplica(
                `${p.name}-replica-${location}`,
                {
                    resourceGroupName: p.resourceGroupName,
                    resourceName: p.service.name,
                    replicaName,
                    location: checkedLocation,
                    sku: { name: sku, tier: "Premium", capacity: r.capacity ?? defaultCapacity(sku) },
                    // Strings in the API (REST spec 2024-03-01 ReplicaProperties), not booleans.
                    regionEndpointEnabled: p.endpointAfterApproval ? "Disabled" : regionEndpointValue(r),
                    resourceStopped: "false",
                    tags: r.tags ?? p.tags,
                },
                // The name is explicit: a replacement must delete first, or the create finds the old one.
                {
                    parent: p.parent,
                    dependsOn: [previous ?? p.service],
                    deleteBeforeReplace: true,
                    ...(p.endpointAfterApproval ? { ignoreChanges: ["regionEndpointEnabled"] } : {}),
                },
            ),
        );
    });
    return created;
}

/** The replica's `regionEndpointEnabled` as the user asked (default on), in the API's strings. */
export const regionEndpointValue = (r: SignalRReplicaArgs): RegionEndpointValue => (r.regionEndpointEnabled === false ? "Disabled" : "Enabled");

function checkNotPrimary(field: string, primary: string | undefined, location: string): void {
    if (primary !== undefined && normalizeLocation(primary) === normalizeLocation(location)) {
        throw new ValidationError(field, `must differ from the primary's location (${primary}): a replica serves another region`, location);
    }
}

/** Each replica's outputs, with the status of its copy of each approved shared private endpoint. */
export function replicaOutputs(
    replicas: readonly signalrservice.SignalRReplica[],
    endpoints: readonly { name: string; replicaStatuses: pulumi.Output<{ [replica: string]: string }> }[],
): pulumi.Output<SignalRReplicaOutput[]> {
    const statuses = pulumi.all(endpoints.map((e) => e.replicaStatuses));
    return pulumi.all([pulumi.all(replicas.map((r) => pulumi.all([r.id, r.name, r.location]))), statuses]).apply(([rs, byEndpoint]) =>
        rs.map(([id, name, location]) => ({
            id,
            name,
            location,
            sharedPrivateEndpoints: Object.fromEntries(
                endpoints.flatMap((e, i) => {
                    const status = Object.entries(byEndpoint[i] ?? {}).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
                    return status === undefined ? [] : [[e.name, status]];
                }),
            ),
        })),
    );
}
