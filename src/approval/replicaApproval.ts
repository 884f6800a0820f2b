/**
 * The approval of a shared private link on a service with geo-replicas: the primary's connection and
 * each replica copy's connection, one at a time, each confirmed by SignalR (see instances.ts for the
 * rules and why). Replica copies are only read (GET/LIST; the REST spec 2024-03-01 has no DELETE for
 * them, and nothing here PUTs one): writing them is the service's business.
 */
import { ArmClient, ArmError } from "../arm/armClient";
import { ValidationError } from "../upstream/validationError";
import { PrivateEndpointConnection, approvalBody, connectionName } from "./connections";
import {
    ApprovalOptions,
    ApprovalResult,
    CheckedOptions,
    SIGNALR_API_VERSION,
    SharedPrivateLink,
    TERMINAL_LINK_STATES,
    Timer,
    readUntilApproved,
    recreateLinkCommand,
    rejectUnconfirmed,
    terminalLinkError,
    wait,
    withinDeadline,
} from "./engine";
import { InstanceLink, PRIMARY, awaitingSignalR, candidatesSeen, newlyApproved, nextStep, settleBindings } from "./instances";

/** A replica as Resource Manager lists it (REST spec 2024-03-01 `Replica`; its `type` is unreliable in the examples, so unused). */
interface ListedReplica {
    id?: string;
    name?: string;
    properties?: { provisioningState?: string };
}

/** A replica of the service, by its name; one being deleted is counted but not approved for. */
export interface Replica {
    name: string;
    deleting: boolean;
}

/** The service's id and the link's name, from the primary link's id (`…/signalR/{svc}/sharedPrivateLinkResources/{link}`). */
export function splitLinkId(linkId: string): { serviceId: string; linkName: string } {
    const at = linkId.toLowerCase().lastIndexOf("/sharedprivatelinkresources/");
    if (at < 0) throw new ValidationError("sharedPrivateLinkResourceId", "must be the id of a SignalR shared private link resource", linkId);
    return { serviceId: linkId.slice(0, at), linkName: linkId.slice(at + "/sharedPrivateLinkResources/".length) };
}

export const notListed = (o: ApprovalOptions, c: CheckedOptions) => () =>
    `Could not list the replicas of the service of ${o.sharedPrivateLinkResourceId} within ${c.timeoutSeconds} s.`;

/** The service's replicas (`GET signalR/{name}/replicas`, paged); none when the service answers 404. */
export async function listReplicas(client: ArmClient, linkId: string, timeoutMessage: () => string): Promise<Replica[]> {
    const { serviceId } = splitLinkId(linkId);
    try {
        const items = await withinDeadline(client.list<ListedReplica>(client.url(serviceId, SIGNALR_API_VERSION, ["replicas"], "sharedPrivateLinkResourceId")), timeoutMessage);
        return items
            .map((r) => ({ name: r.name || (r.id ?? "").split("/").filter(Boolean).pop() || "", deleting: r.properties?.provisioningState === "Deleting" }))
            .filter((r) => r.name !== "");
    } catch (e) {
        if (e instanceof ArmError && e.statusCode === 404) return [];
        throw e;
    }
}

export interface ReplicaApprovalContext {
    client: ArmClient;
    options: ApprovalOptions;
    checked: CheckedOptions;
    timer: Timer;
    log: (m: string) => void;
    linkId: string;
    listed: Replica[];
    /** The primary's link as the check before any write read it: the first poll's, not read again. */
    primaryLink: SharedPrivateLink;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const label = (instance: string) => (instance === PRIMARY ? "the primary" : `replica ${instance}`);

/** Approves every target instance's connection for this link, one at a time; see instances.ts. */
export async function approveAcrossReplicas(a: ReplicaApprovalContext): Promise<ApprovalResult> {
    const { client, options, checked, timer, log, linkId } = a;
    const { serviceId, linkName } = splitLinkId(linkId);
    const listUrl = client.url(options.targetResourceId, checked.apiVersion, ["privateEndpointConnections"], "targetResourceId");
    const context = { signalRSubscriptionId: checked.signalRSubscriptionId };
    const bound: Record<string, string> = Object.fromEntries(Object.entries(options.knownConnections ?? {}).filter(([, id]) => typeof id === "string" && id !== ""));
    let listed = a.listed;
    let approvedNow = false;
    let lastList: PrivateEndpointConnection[] = [];

    const linkIdOf = (instance: string) => (instance === PRIMARY ? linkId : `${serviceId}/replicas/${instance}/sharedPrivateLinkResources/${linkName}`);
    const urlOf = (instance: string) =>
        instance === PRIMARY
            ? client.url(linkId, SIGNALR_API_VERSION)
            : client.url(serviceId, SIGNALR_API_VERSION, ["replicas", instance, "sharedPrivateLinkResources", linkName], "sharedPrivateLinkResourceId");
    const targets = () => [PRIMARY, ...(options.replicaNames ?? listed.filter((r) => !r.deleting).map((r) => r.name))];
    const isTarget = (instance: string) => targets().some((t) => sameName(t, instance));
    const timedOut = () =>
        `Not every copy of shared private link ${linkName} was approved within ${checked.timeoutSeconds} s; found ${lastList.length} connection(s) on ${options.targetResourceId}.`;

    const checkCopy = (instance: string, link: SharedPrivateLink, status: string) => {
        if (instance === PRIMARY) {
            if (TERMINAL_LINK_STATES.includes(status)) throw terminalLinkError(linkId, status, options.sharedPrivateLinkUrn);
            return;
        }
        const target = link.properties?.privateLinkResourceId;
        const message = link.properties?.requestMessage;
        if ((target !== undefined && target.toLowerCase() !== options.targetResourceId.toLowerCase()) || (message !== undefined && message !== options.requestMessage)) {
            throw new Error(
                `Refusing to approve: replica ${instance}'s copy of shared private link ${linkName} (${linkIdOf(instance)}) does not point to ${options.targetResourceId} with this approval's request message, so its connection cannot be told from a stranger's.`,
            );
        }
        if (TERMINAL_LINK_STATES.includes(status)) {
            throw new Error(
                `SignalR reports replica ${instance}'s copy of shared private link ${linkName} (${linkIdOf(instance)}) as ${status}: this state is final, and its connection cannot be approved again. Recreate the link on the primary (SignalR copies it to every replica): ${recreateLinkCommand(linkId, options.sharedPrivateLinkUrn)}`,
            );
        }
    };

    /** One instance's copy of the link; a target's copy that SignalR made differently, or reports final, is an error naming it. */
    const readLink = async (instance: string, known?: SharedPrivateLink): Promise<InstanceLink> => {
        const link = known ?? (await withinDeadline(client.get<SharedPrivateLink>(urlOf(instance)), timedOut));
        const status = link ? (link.properties?.status ?? "Unknown") : "NotFound";
        if (link && isTarget(instance)) checkCopy(instance, link, status);
        return { instance, status };
    };
    /** Every live instance's copy of the link (one GET each: no request reads them together). */
    const readLinks = async (): Promise<InstanceLink[]> => {
        const links: InstanceLink[] = [];
        for (const instance of [PRIMARY, ...listed.map((r) => r.name)]) links.push(await readLink(instance));
        return links;
    };
    /**
     * The copies again, but only those not Approved in `before`: an Approved copy cannot turn
     * Approved, and its status is not what the confirmation waits for.
     */
    const rereadUnapproved = async (before: InstanceLink[]): Promise<InstanceLink[]> => {
        const links: InstanceLink[] = [];
        for (const l of before) links.push(l.status === "Approved" ? l : await readLink(l.instance));
        return links;
    };
    /**
     * How long, at least, SignalR took to report the last approval: its confirmation's last read that
     * still saw no copy turned. The copies are the same service's, so the next confirmation's first
     * read waits as long: the reads it would make sooner would only see Pending.
     */
    let reachesSignalRAfterMs = 0;
    /**
     * Whose copy turned Approved after this one approval: exactly one must, within
     * confirmationSeconds, else the connection approved is rejected again (it may be a stranger's).
     */
    const confirmedBy = async (connection: PrivateEndpointConnection, before: InstanceLink[]): Promise<{ instance: string; links: InstanceLink[] }> => {
        const seconds = Math.min(checked.confirmationSeconds, checked.timeoutSeconds);
        // The first read waits one interval, or as long as the last confirmation showed SignalR needs at least.
        const confirmation: Timer = {
            ...timer,
            interval: Math.max(timer.initial, reachesSignalRAfterMs / 1000),
            deadline: Math.min(timer.deadline, Date.now() + checked.confirmationSeconds * 1000),
        };
        const started = Date.now();
        let missedAt = started;
        let last = before;
        const pendingOnes = () =>
            last
                .filter((l) => l.status !== "Approved")
                .map((l) => `${label(l.instance)} (${l.status})`)
                .join(", ");
        try {
            for (;;) {
                // The approval takes minutes to reach SignalR (Microsoft's shared private endpoints
                // how-to): no read at once, as for a service without replicas; the last read is at the
                // window's end.
                await wait(
                    confirmation,
                    () => `SignalR did not report any copy of shared private link ${linkName} Approved within ${seconds} s of the approval (still: ${pendingOnes()}).`,
                    log,
                    `Waiting for SignalR to report a copy of shared private link ${linkName} Approved (${pendingOnes()}).`,
                    timer.deadline,
                );
                const readAt = Date.now();
                last = await rereadUnapproved(last);
                const turned = newlyApproved(before, last);
                if (turned.length === 1) {
                    reachesSignalRAfterMs = missedAt - started;
                    return { instance: turned[0], links: last };
                }
                missedAt = readAt;
                if (turned.length > 1) {
                    throw new Error(
                        `After one approval, ${turned.length} copies of shared private link ${linkName} turned Approved (${turned.map(label).join(", ")}): something else approves this target's connections at the same time. Run again when it is done.`,
                    );
                }
            }
        } catch (e) {
            if (/turned Approved/.test((e as Error).message)) throw e;
            await rejectUnconfirmed(options, checked, connection, log);
            throw new Error(
                `${(e as Error).message} The private endpoint connection ${connectionName(connection)} on ${options.targetResourceId} was rejected again: SignalR does not confirm it as the primary's or a replica's, and anyone can request a connection with this description.`,
            );
        }
    };

    // The copies as last read, and whether that was in this poll (nothing waited for since). Every
    // write is decided on copies read in its own poll; between writes the copies are read again only
    // when the target's connections changed or SignalR has an approval still to report.
    let links: InstanceLink[] = [await readLink(PRIMARY, a.primaryLink)];
    for (const r of listed) links.push(await readLink(r.name));
    let fresh = true;
    let seen = "";
    for (;;) {
        lastList = await withinDeadline(client.list<PrivateEndpointConnection>(listUrl), timedOut);
        const state = () => ({ connections: lastList, ours: checked.ours, context, links, targets: targets(), bound });
        const now = candidatesSeen(state());
        if (!fresh && (now !== seen || awaitingSignalR(state()))) {
            // A replica named here may not be listed yet (a replica just created): list again, once per change on the target.
            if (now !== seen && options.replicaNames?.some((n) => !listed.some((r) => sameName(r.name, n)))) listed = await listReplicas(client, linkId, timedOut);
            links = await readLinks();
            fresh = true;
        }
        seen = now;
        let step = nextStep(state());
        if (step.kind === "approve" && !fresh) {
            links = await readLinks();
            fresh = true;
            step = nextStep(state());
        }
        if (step.kind === "done") break;
        if (step.kind === "refuse") {
            throw new Error(
                `Refusing to approve on ${options.targetResourceId}: ${step.why}. Anyone who knows the target's id can request a connection with any description: reject the ones whose private endpoint you do not recognise, then retry.`,
            );
        }
        if (step.kind === "wait") {
            await wait(timer, timedOut, log, `Shared private link ${linkName}: ${step.why}.`);
            fresh = false;
            continue;
        }
        const connection = step.connection;
        log(
            `Approving private endpoint connection ${connectionName(connection)} on ${checked.targetName} (shared private link ${linkName}, one of ${links.length} SignalR instances).`,
        );
        try {
            await client.putAndWait<PrivateEndpointConnection | undefined>(client.url(connection.id, checked.apiVersion), approvalBody(checked.description));
        } catch (e) {
            if (!(e instanceof ArmError && (e.statusCode === 409 || e.statusCode === 404))) throw e;
            await wait(timer, () => `${timedOut()} ${e.message}`, log, `Connection ${connectionName(connection)} could not be approved yet (${e.statusCode}); listing again.`);
            fresh = false;
            continue;
        }
        approvedNow = true;
        const readBack = await readUntilApproved(client, connection, checked, timer, log);
        fresh = false;
        if (!readBack) continue;
        const confirmed = await confirmedBy(readBack, links);
        bound[confirmed.instance] = readBack.id;
        // Read in the confirmation's last poll, so the next decision needs no read of its own.
        links = confirmed.links;
        fresh = true;
        log(`SignalR reports ${label(confirmed.instance)}'s copy of shared private link ${linkName} Approved: connection ${connectionName(readBack)} is its own.`);
    }

    const bindings = settleBindings({ connections: lastList, ours: checked.ours, context, links, bound });
    const primary = bindings[PRIMARY] ?? "";
    const replicaConnections: Record<string, string> = {};
    const replicaStatuses: Record<string, string> = {};
    for (const name of targets().filter((t) => t !== PRIMARY)) {
        const key = Object.keys(bindings).find((k) => sameName(k, name));
        if (key) replicaConnections[name] = bindings[key];
        replicaStatuses[name] = links.find((l) => sameName(l.instance, name))?.status ?? "NotFound";
    }
    return {
        connectionId: primary,
        connectionName: primary ? connectionName({ id: primary }) : "",
        status: "Approved",
        approvedNow,
        replicaConnections,
        replicaStatuses,
    };
}
