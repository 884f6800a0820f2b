/**
 * One shared private link, many SignalR instances: with geo-replicas the service copies each link of
 * the primary to every replica (`signalR/{name}/replicas/{replica}/sharedPrivateLinkResources/{link}`,
 * the SignalR team on Azure/azure-rest-api-specs PR #28259), and each copy requests its own
 * connection on the target, which needs its own approval (Microsoft's SignalR reliability guide:
 * "shared private endpoint approvals" are not inherited). Azure documents nothing that tells the
 * copies' connections apart on the target (description, private endpoint id, name: see
 * docs/research/replicas.md §3), so the rules below use only what is documented: every instance
 * accounts for at most one connection carrying the link's request message, and only SignalR can turn
 * its own copy of the link Approved. Pure: plain data in, a decision out.
 */
import { OurDescriptions, JudgeContext, PrivateEndpointConnection, connectionStatus, ourCandidates, describeConnections } from "./connections";

/** The primary's key among the instances (a replica's is its name). */
export const PRIMARY = "";

/** One SignalR instance's copy of the link, as SignalR reports it. */
export interface InstanceLink {
    /** PRIMARY, or the replica's name. */
    instance: string;
    /** The link's status; `NotFound` while the copy does not exist yet. */
    status: string;
}

export interface InstanceState {
    /** The target's connections, as listed. */
    connections: PrivateEndpointConnection[];
    ours: OurDescriptions;
    context: JudgeContext;
    /** Every live instance (the primary and every replica Resource Manager lists), with its copy's status. */
    links: InstanceLink[];
    /** The instances this approval must see Approved (the primary and the replicas it was given). */
    targets: string[];
    /** Connections bound to instances by earlier approvals (instance → connection id). */
    bound: Record<string, string>;
}

export type NextStep =
    /** Every target's copy is Approved. */
    | { kind: "done" }
    /** Approve this Pending connection next (one at a time: SignalR must then confirm it). */
    | { kind: "approve"; connection: PrivateEndpointConnection }
    /** Nothing to do until the target or SignalR changes (a connection not there yet, a copy not made yet). */
    | { kind: "wait"; why: string }
    /** More connections carry our message than SignalR's instances can account for: approve nothing. */
    | { kind: "refuse"; why: string };

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const label = (instance: string) => (instance === PRIMARY ? "the primary" : `replica ${instance}`);

/**
 * Our candidates on the target, without the leftovers: a connection bound to an instance that is no
 * longer live (a removed replica) is not counted, whatever the target still shows of it.
 */
export function liveCandidates(s: Pick<InstanceState, "connections" | "ours" | "context" | "links" | "bound">): PrivateEndpointConnection[] {
    const live = new Set(s.links.map((l) => l.instance.toLowerCase()));
    const leftovers = Object.entries(s.bound)
        .filter(([instance]) => !live.has(instance.toLowerCase()))
        .map(([, id]) => id);
    return ourCandidates(s.connections, s.ours, s.context).candidates.filter((c) => !leftovers.some((id) => sameId(id, c.id)));
}

/**
 * What to do next. The counting rules, before any write:
 * - at most one candidate per live instance: more, and someone else carries our message;
 * - at most one Pending candidate per instance whose copy is not Approved yet: SignalR requests one
 *   connection per copy, and a copy already Approved has its connection.
 * Either broken: refuse, approve nothing. Otherwise approve one Pending candidate at a time while a
 * target's copy is not Approved; SignalR's confirmation then tells whose connection it was.
 */
export function nextStep(s: InstanceState): NextStep {
    const candidates = liveCandidates(s);
    const pending = candidates.filter((c) => connectionStatus(c) === "Pending").sort((a, b) => a.id.localeCompare(b.id));
    const unapproved = s.links.filter((l) => l.status !== "Approved");
    if (candidates.length > s.links.length) {
        return {
            kind: "refuse",
            why: `${candidates.length} connections carry this approval's request message, but the service and its ${s.links.length - 1} replica(s) account for at most ${s.links.length}: ${describeConnections(candidates, s.ours)}`,
        };
    }
    if (pending.length > unapproved.length) {
        return {
            kind: "refuse",
            why: `${pending.length} Pending connections carry this approval's request message, but only ${unapproved.length} of the service's copies of the link (${unapproved.map((l) => label(l.instance)).join(", ") || "none"}) are not Approved yet: ${describeConnections(pending, s.ours)}`,
        };
    }
    const waiting = s.links.filter((l) => s.targets.some((t) => sameId(t, l.instance)) && l.status !== "Approved");
    const missing = s.targets.filter((t) => !s.links.some((l) => sameId(l.instance, t)));
    if (waiting.length === 0 && missing.length === 0) return { kind: "done" };
    if (pending.length > 0) return { kind: "approve", connection: pending[0] };
    const notYet = [...missing.map((t) => `${label(t)} (not listed yet)`), ...waiting.map((l) => `${label(l.instance)} (${l.status})`)];
    return { kind: "wait", why: `waiting for the connection of ${notYet.join(", ")} to appear on the target (${describeConnections(s.connections, s.ours)})` };
}

/** The instances whose copy turned Approved between two reads. */
export function newlyApproved(before: readonly InstanceLink[], after: readonly InstanceLink[]): string[] {
    return after.filter((l) => l.status === "Approved" && before.some((b) => sameId(b.instance, l.instance) && b.status !== "Approved")).map((l) => l.instance);
}

/**
 * Bindings once every target is Approved: the ones kept (still a candidate) and, by elimination, the
 * one Approved candidate left for the one Approved instance left (the counting rules allow no other).
 */
export function settleBindings(s: Pick<InstanceState, "connections" | "ours" | "context" | "links" | "bound">): Record<string, string> {
    const approved = liveCandidates(s).filter((c) => connectionStatus(c) === "Approved");
    const kept: Record<string, string> = {};
    for (const l of s.links) {
        const id = Object.entries(s.bound).find(([instance]) => sameId(instance, l.instance))?.[1];
        if (id && approved.some((c) => sameId(c.id, id))) kept[l.instance] = approved.find((c) => sameId(c.id, id))!.id;
    }
    const freeConnections = approved.filter((c) => !Object.values(kept).some((id) => sameId(id, c.id)));
    const freeInstances = s.links.filter((l) => l.status === "Approved" && kept[l.instance] === undefined);
    if (freeConnections.length === 1 && freeInstances.length === 1) kept[freeInstances[0].instance] = freeConnections[0].id;
    return kept;
}

/**
 * What the target shows of our connections (ids and statuses), so a poll can tell whether anything
 * changed there since the copies were last read. While nothing did, and SignalR has no approval
 * still to report, the copies cannot have changed in a way a decision depends on: each copy's
 * connection appearing, or being approved or refused, shows on the target first.
 */
export function candidatesSeen(s: Pick<InstanceState, "connections" | "ours" | "context">): string {
    return ourCandidates(s.connections, s.ours, s.context)
        .candidates.map((c) => `${c.id.toLowerCase()}=${connectionStatus(c)}`)
        .sort()
        .join(",");
}

/** Whether more of our live connections are Approved on the target than SignalR reports copies Approved: a report is still to come. */
export function awaitingSignalR(s: Pick<InstanceState, "connections" | "ours" | "context" | "links" | "bound">): boolean {
    const approved = liveCandidates(s).filter((c) => connectionStatus(c) === "Approved").length;
    return approved > s.links.filter((l) => l.status === "Approved").length;
}
