/**
 * SignalR's network ACL for one private endpoint, as pure functions over the service's
 * `properties.networkACLs` and `properties.privateEndpointConnections` (REST API 2024-03-01).
 *
 * An ACL entry names the SignalR-side private endpoint *connection* (`<endpoint>.<guid>`, chosen by
 * Azure when the endpoint is created), not the private endpoint: so it can only be written once the
 * endpoint exists, and it is found again through the connection's `privateEndpoint.id`.
 */

/** Every request type SignalR's network ACLs know. */
export const SIGNALR_REQUEST_TYPES = ["ClientConnection", "ServerConnection", "RESTAPI", "Trace"] as const;
export type SignalRRequestType = (typeof SIGNALR_REQUEST_TYPES)[number];

export interface NetworkAcl {
    allow?: string[] | null;
    deny?: string[] | null;
}

export interface PrivateEndpointAclEntry extends NetworkAcl {
    name: string;
}

/** `properties.networkACLs` as the service reports it; fields we do not change are carried as they are. */
export interface SignalRNetworkAcls {
    defaultAction?: string;
    publicNetwork?: NetworkAcl;
    privateEndpoints?: PrivateEndpointAclEntry[] | null;
    ipRules?: unknown[] | null;
    [other: string]: unknown;
}

/** An entry of `properties.privateEndpointConnections` on the service. */
export interface SignalRPrivateEndpointConnection {
    id?: string;
    name?: string;
    properties?: {
        privateEndpoint?: { id?: string };
        privateLinkServiceConnectionState?: { status?: string };
    };
}

export interface InboundConnection {
    name: string;
    id: string;
    status: string;
}

/** ARM ids and names compare without regard to case. */
const sameIgnoringCase = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * The service's connection from the given private endpoint (ids compared without regard to case:
 * Azure answers `resourcegroups` where the caller wrote `resourceGroups`).
 */
export function connectionOfPrivateEndpoint(connections: readonly SignalRPrivateEndpointConnection[] | undefined | null, privateEndpointId: string): InboundConnection | undefined {
    const found = (connections ?? []).find((c) => sameIgnoringCase(c.properties?.privateEndpoint?.id, privateEndpointId));
    if (!found) return undefined;
    const name = found.name ?? found.id?.split("/").pop() ?? "";
    return { name, id: found.id ?? "", status: found.properties?.privateLinkServiceConnectionState?.status ?? "Unknown" };
}

/**
 * The entry that allows exactly `allow` on a connection: every other request type is denied
 * explicitly, so the entry means the same whatever the service's default action is.
 */
export function privateEndpointAclEntry(connectionName: string, allow: readonly string[]): PrivateEndpointAclEntry {
    const allowed = SIGNALR_REQUEST_TYPES.filter((t) => allow.includes(t));
    return { name: connectionName, allow: allowed, deny: SIGNALR_REQUEST_TYPES.filter((t) => !allowed.includes(t)) };
}

/** The entry for a connection, if the ACLs have one. */
export function privateEndpointAclOf(acls: SignalRNetworkAcls | undefined, connectionName: string): PrivateEndpointAclEntry | undefined {
    return (acls?.privateEndpoints ?? []).find((e) => sameIgnoringCase(e.name, connectionName));
}

/** The ACLs with the connection's entry set to allow exactly `allow`; every other entry and field kept. */
export function withPrivateEndpointAcl(acls: SignalRNetworkAcls | undefined, connectionName: string, allow: readonly string[]): SignalRNetworkAcls {
    const entry = privateEndpointAclEntry(connectionName, allow);
    const others = (acls?.privateEndpoints ?? []).filter((e) => !sameIgnoringCase(e.name, connectionName));
    return { ...acls, privateEndpoints: [...others, entry] };
}

/** The ACLs without the connection's entry; every other entry and field kept. */
export function withoutPrivateEndpointAcl(acls: SignalRNetworkAcls | undefined, connectionName: string): SignalRNetworkAcls {
    return { ...acls, privateEndpoints: (acls?.privateEndpoints ?? []).filter((e) => !sameIgnoringCase(e.name, connectionName)) };
}

/** Whether an entry allows exactly `allow` and denies the rest (what withPrivateEndpointAcl writes). */
export function entryMatches(entry: PrivateEndpointAclEntry | undefined, allow: readonly string[]): boolean {
    if (!entry) return false;
    const wanted = privateEndpointAclEntry(entry.name, allow);
    const set = (xs: readonly string[] | null | undefined) => JSON.stringify([...(xs ?? [])].sort());
    return set(entry.allow) === set(wanted.allow) && set(entry.deny) === set(wanted.deny);
}
