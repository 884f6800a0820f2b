/** Private endpoint connections as the target's ARM API lists them, and how we pick ours. Pure. */
import { parseResourceIdOfType } from "../arm/resourceId";

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

/**
 * The descriptions that are this approval's own, exactly: the request message (SignalR writes it
 * as is on the Pending connection), the description the approval writes, and that description
 * with an approval mark (written by this approval, or by one that replaced it for the same link:
 * the base carries the link's nonce). Nothing else — no prefix rule — so an approval of
 * `"signalr app"` never claims a connection written as `"signalr app prod"`.
 */
export interface OurDescriptions {
    requestMessage: string;
    /** The description approvals of this link write before any mark. @default the request message */
    base: string;
}

/** What the list says about our connection. */
export type ConnectionVerdict =
    /** No candidate. `ignored` are connections with our description that cannot be ours now (refused, or a private endpoint SignalR never uses). */
    | { kind: "absent"; ignored: IgnoredConnection[] }
    | { kind: "pending"; connection: PrivateEndpointConnection }
    | { kind: "approved"; connection: PrivateEndpointConnection }
    /** Ours, in a state that may still change (e.g. provisioning); keep waiting. */
    | { kind: "settling"; connection: PrivateEndpointConnection; status: string }
    | { kind: "ambiguous"; connections: PrivateEndpointConnection[] };

export interface IgnoredConnection {
    connection: PrivateEndpointConnection;
    reason: string;
}

/** What else is known about SignalR's own connection when judging a list. */
export interface JudgeContext {
    /** Subscription of the SignalR service: SignalR's private endpoint is never in it (see privateEndpointVerdict). */
    signalRSubscriptionId?: string;
}

/** A connection is Rejected or Disconnected for good: the target does not approve such a connection again. */
export const REFUSED_STATES = ["Rejected", "Disconnected"];

export const connectionName = (c: PrivateEndpointConnection): string => c.name || c.id.split("/").filter(Boolean).pop() || c.id;
export const connectionStatus = (c: PrivateEndpointConnection): string => c.properties?.privateLinkServiceConnectionState?.status ?? "Unknown";
export const descriptionOf = (c: PrivateEndpointConnection): string => c.properties?.privateLinkServiceConnectionState?.description ?? "";

/**
 * The description an approval that may reject its connection later writes: the base description and
 * its own mark. The mark tells the approval's delete whether the connection is still its own, or
 * another approval (e.g. a replacement of it) has written it since.
 */
export const markedDescription = (base: string, mark: string): string => `${base} (approval ${mark})`;

const MARK = / \(approval [0-9a-f]{8}\)$/;

/** A description without its approval mark, if it has one. */
export const unmarkedDescription = (description: string): string => description.replace(MARK, "");

/** Whether a description is exactly one of ours (see OurDescriptions). */
export function isOurDescription(description: string, ours: OurDescriptions): boolean {
    if (description === ours.requestMessage || description === ours.base) return true;
    return MARK.test(description) && unmarkedDescription(description) === ours.base;
}

export const isOurs = (c: PrivateEndpointConnection, ours: OurDescriptions): boolean => isOurDescription(descriptionOf(c), ours);

/**
 * Why a connection's private endpoint cannot be SignalR's, or undefined when it may be. Azure
 * documents one thing about it: SignalR creates it "inside Azure SignalR Service execution
 * environment", not visible to you (Microsoft's shared private endpoints how-to) — so it is a
 * Microsoft.Network private endpoint, and never one in the SignalR service's own subscription.
 * Its subscription, resource group and name are otherwise undocumented, so nothing more is required.
 */
export function privateEndpointVerdict(c: PrivateEndpointConnection, context: JudgeContext): string | undefined {
    const id = c.properties?.privateEndpoint?.id;
    if (!id) return "it names no private endpoint";
    let subscriptionId: string;
    try {
        subscriptionId = parseResourceIdOfType("privateEndpoint.id", id, "Microsoft.Network/privateEndpoints").subscriptionId;
    } catch {
        return "its private endpoint is not a Microsoft.Network/privateEndpoints resource";
    }
    if (context.signalRSubscriptionId && subscriptionId.toLowerCase() === context.signalRSubscriptionId.toLowerCase()) {
        return "its private endpoint is in the SignalR service's own subscription, where SignalR never creates one";
    }
    return undefined;
}

/**
 * The connections of a list that may be SignalR's own for this link: one of our exact descriptions,
 * not refused, and a private endpoint SignalR may use (privateEndpointVerdict); the others with our
 * description are `ignored`, each with the reason.
 */
export function ourCandidates(
    list: PrivateEndpointConnection[],
    ours: OurDescriptions,
    context: JudgeContext = {},
): { candidates: PrivateEndpointConnection[]; ignored: IgnoredConnection[] } {
    const ignored: IgnoredConnection[] = [];
    const candidates: PrivateEndpointConnection[] = [];
    for (const c of list.filter((c) => isOurs(c, ours))) {
        const status = connectionStatus(c);
        const reason = REFUSED_STATES.includes(status)
            ? `it is ${status}`
            : status === "Pending" && descriptionOf(c) !== ours.requestMessage
              ? "it is Pending with a description SignalR never writes (SignalR's carries the request message as is)"
              : privateEndpointVerdict(c, context);
        if (reason) ignored.push({ connection: c, reason });
        else candidates.push(c);
    }
    return { candidates, ignored };
}

/**
 * Judges a connection list. A candidate carries one of our exact descriptions, is not refused and
 * may come from SignalR (privateEndpointVerdict). Refused connections never block: one Rejected or
 * Disconnected with our message may be a stranger's, or ours from a link since recreated; whether
 * SignalR's own was refused is for the shared private link's status to say.
 */
export function judgeConnections(list: PrivateEndpointConnection[], ours: OurDescriptions, context: JudgeContext = {}): ConnectionVerdict {
    const { candidates, ignored } = ourCandidates(list, ours, context);
    if (candidates.length === 0) return { kind: "absent", ignored };
    if (candidates.length > 1) return { kind: "ambiguous", connections: candidates };
    const [connection] = candidates;
    const status = connectionStatus(connection);
    if (status === "Pending") return { kind: "pending", connection };
    if (status === "Approved") return { kind: "approved", connection };
    return { kind: "settling", connection, status };
}

/** Longest stranger-written description quoted in a message. */
export const MAX_QUOTED_DESCRIPTION = 64;

/**
 * A description someone else wrote, fit to quote: control and format characters (newlines,
 * escape sequences, bidirectional overrides) removed, at most MAX_QUOTED_DESCRIPTION characters.
 */
export function sanitizeDescription(description: string): string {
    const clean = Array.from(description.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ""));
    return clean.length > MAX_QUOTED_DESCRIPTION ? `${clean.slice(0, MAX_QUOTED_DESCRIPTION - 1).join("")}…` : clean.join("");
}

/**
 * A one-line account of a list, for progress and error messages: `name (status, "description")`.
 * Our own descriptions are never quoted (the request message identifies the link); others'
 * descriptions are quoted sanitized.
 */
export function describeConnections(list: PrivateEndpointConnection[], ours?: OurDescriptions): string {
    if (list.length === 0) return "no connections";
    return list.map((c) => `${sanitizeDescription(connectionName(c))} (${connectionStatus(c)}, ${quoteDescription(c, ours)})`).join("; ");
}

const quoteDescription = (c: PrivateEndpointConnection, ours?: OurDescriptions): string =>
    ours && isOurs(c, ours) ? "our description" : `"${sanitizeDescription(descriptionOf(c))}"`;

/** The PUT body that approves a connection, keeping our description so it stays identifiable. */
export function approvalBody(description: string): object {
    return { properties: { privateLinkServiceConnectionState: { status: "Approved", description, actionsRequired: "None" } } };
}

/** The PUT body that rejects a connection (on delete when asked, or when SignalR does not confirm an approval). */
export function rejectionBody(description: string): object {
    return { properties: { privateLinkServiceConnectionState: { status: "Rejected", description, actionsRequired: "None" } } };
}
