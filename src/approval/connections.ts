/** Private endpoint connections as the target's ARM API lists them, and how we pick ours. Pure. */

export interface PrivateEndpointConnection {
    id: string;
    /** Often missing in Microsoft.Web lists: take it from the id. */
    name?: string;
    properties?: {
        privateLinkServiceConnectionState?: { status?: string; description?: string; actionsRequired?: string };
        privateEndpoint?: { id?: string };
        provisioningState?: string;
    };
}

/** What the list says about our connection. */
export type ConnectionVerdict =
    | { kind: "absent" }
    | { kind: "pending"; connection: PrivateEndpointConnection }
    | { kind: "approved"; connection: PrivateEndpointConnection }
    /** Ours, in a state that may still change (e.g. provisioning); keep waiting. */
    | { kind: "settling"; connection: PrivateEndpointConnection; status: string }
    | { kind: "refused"; connection: PrivateEndpointConnection; status: string }
    | { kind: "ambiguous"; connections: PrivateEndpointConnection[] };

export const connectionName = (c: PrivateEndpointConnection): string => c.name || c.id.split("/").filter(Boolean).pop() || c.id;
export const connectionStatus = (c: PrivateEndpointConnection): string => c.properties?.privateLinkServiceConnectionState?.status ?? "Unknown";
export const descriptionOf = (c: PrivateEndpointConnection): string => c.properties?.privateLinkServiceConnectionState?.description ?? "";

/**
 * The description an approval that may reject its connection later writes: the base description and
 * its own mark. The mark tells the approval's delete whether the connection is still its own, or
 * another approval (e.g. a replacement of it) has written it since.
 */
export const markedDescription = (base: string, mark: string): string => `${base} (approval ${mark})`;

/**
 * Ours means: the description is our request message (the nonce in it makes it unique). A connection
 * that is no longer Pending may also carry a description we wrote when approving it, which starts
 * with the request message and a space; a Pending one never does (SignalR writes the message as is),
 * so a Pending connection must match exactly.
 */
export function isOurs(c: PrivateEndpointConnection, requestMessage: string): boolean {
    const d = descriptionOf(c);
    return d === requestMessage || (connectionStatus(c) !== "Pending" && d.startsWith(`${requestMessage} `));
}

/** Judges a connection list against our request message. Never picks a connection that is not ours. */
export function judgeConnections(list: PrivateEndpointConnection[], requestMessage: string): ConnectionVerdict {
    const ours = list.filter((c) => isOurs(c, requestMessage));
    if (ours.length === 0) return { kind: "absent" };
    if (ours.length > 1) return { kind: "ambiguous", connections: ours };
    const [connection] = ours;
    const status = connectionStatus(connection);
    switch (status) {
        case "Pending":
            return { kind: "pending", connection };
        case "Approved":
            return { kind: "approved", connection };
        case "Rejected":
        case "Disconnected":
            return { kind: "refused", connection, status };
        default:
            return { kind: "settling", connection, status };
    }
}

/** A one-line account of a list, for progress and error messages: "name (status, "description")". */
export function describeConnections(list: PrivateEndpointConnection[]): string {
    if (list.length === 0) return "no connections";
    return list.map((c) => `${connectionName(c)} (${connectionStatus(c)}, "${descriptionOf(c)}")`).join("; ");
}

/** The PUT body that approves a connection, keeping our description so it stays identifiable. */
export function approvalBody(description: string): object {
    return { properties: { privateLinkServiceConnectionState: { status: "Approved", description, actionsRequired: "None" } } };
}

/** The PUT body that rejects a connection (used on delete when asked). */
export function rejectionBody(description: string): object {
    return { properties: { privateLinkServiceConnectionState: { status: "Rejected", description, actionsRequired: "None" } } };
}
