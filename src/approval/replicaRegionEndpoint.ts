/**
 * When a geo-replica's region endpoint may be turned on. Microsoft: "Do not enable the replica until
 * its shared private endpoint has been approved" (the Web PubSub geo-replication how-to, same
 * service family; DESIGN.md, facts table): a replica whose region takes clients before its copies of
 * the shared private links are approved sends their upstream calls where they cannot reach the
 * target privately. So a replica's `regionEndpointEnabled` goes to `Enabled` only when every shared
 * private link of the primary has a copy on the replica that SignalR reports `Approved`; turning it
 * off needs nothing. Pure: plain data in, a decision out.
 */

/** The replica property's values (strings in the API: REST spec 2024-03-01 `ReplicaProperties`). */
export const REGION_ENDPOINT_VALUES = ["Enabled", "Disabled"] as const;
export type RegionEndpointValue = (typeof REGION_ENDPOINT_VALUES)[number];

/** A replica's copy of a shared private link, as SignalR lists it. */
export interface LinkCopy {
    name: string;
    status: string;
}

export interface RegionEndpointState {
    /** The replica's name (for messages). */
    replica: string;
    /** The value wanted. */
    desired: RegionEndpointValue;
    /** The replica's value as Resource Manager reports it. */
    live: string | undefined;
    /** The primary's shared private links, by name: each must have an Approved copy on the replica. */
    primaryLinks: readonly string[];
    /** The replica's copies of the links. */
    copies: readonly LinkCopy[];
}

export type RegionEndpointStep =
    /** The replica already has the value wanted. */
    | { kind: "none" }
    /** Write this value (PATCH of the replica). */
    | { kind: "write"; value: RegionEndpointValue }
    /** Not every copy is Approved: the endpoint stays as it is; `pending` names each copy and its status. */
    | { kind: "refuse"; pending: string[] };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The copies that keep the region endpoint off: a primary link without a copy yet, or a copy not Approved. */
export function unapprovedCopies(primaryLinks: readonly string[], copies: readonly LinkCopy[]): string[] {
    const missing = primaryLinks.filter((l) => !copies.some((c) => same(c.name, l))).map((l) => `${l} (not copied to the replica yet)`);
    const notApproved = copies.filter((c) => c.status !== "Approved").map((c) => `${c.name} (${c.status})`);
    return [...missing, ...notApproved];
}

/** What to write to the replica: nothing when it already holds the value; `Enabled` only with every copy Approved. */
export function regionEndpointStep(s: RegionEndpointState): RegionEndpointStep {
    if (s.live !== undefined && same(s.live, s.desired)) return { kind: "none" };
    if (s.desired === "Disabled") return { kind: "write", value: "Disabled" };
    const pending = unapprovedCopies(s.primaryLinks, s.copies);
    return pending.length > 0 ? { kind: "refuse", pending } : { kind: "write", value: "Enabled" };
}
