import { randomBytes } from "node:crypto";
import { connectionName, connectionStatus, descriptionOf, markedDescription, rejectionBody, PrivateEndpointConnection } from "../approval/connections";
import type { ArmClient } from "../arm/armClient";
import { approvePrivateEndpointConnection, writeDeadline, checkApprovalOptions, ArmDependencies, armDependencies, createArmClient } from "../approval/engine";
import type { Clock } from "../arm/clock";
import { findPrivateLinkTarget } from "../arm/privateLinkTargets";
import { parseResourceId } from "../arm/resourceId";
import { withSignInSettings, SignInSettingsInput } from "./signInSettings";
import { ResourceLifecycle, changedKeys, checkFailures, isUnknown } from "./lifecycle";
import { PRIMARY } from "../approval/instances";

/** What happens to the approved connection when the approval resource is deleted. */
export const ApprovalDeleteBehavior = {
    /** Leave it; it goes away with the shared private link resource that owns it. */
    Keep: "Keep",
    /** Reject it on the target, so nothing can use it any more. */
    Reject: "Reject",
} as const;
export type ApprovalDeleteBehavior = (typeof ApprovalDeleteBehavior)[keyof typeof ApprovalDeleteBehavior];

/** Plain inputs of the approval resource (what is stored in state: no token, no secret). */
export interface ApprovalInputs extends SignInSettingsInput {
    targetResourceId: string;
    requestMessage: string;
    description?: string;
    timeoutSeconds?: number;
    /** Seconds SignalR has to report the link Approved after the approval, else the connection is rejected again. @default 600 */
    confirmationSeconds?: number;
    pollIntervalSeconds?: number;
    /** Cap of the poll interval. @default 30 */
    maxPollIntervalSeconds?: number;
    sharedPrivateLinkResourceId?: string;
    resourceManagerEndpoint?: string;
    onDelete?: ApprovalDeleteBehavior;
    /** Geo-replicas whose copies of the link are approved too. @default every replica Resource Manager lists */
    replicaNames?: string[];
}

export interface ApprovalOutputs extends ApprovalInputs {
    connectionId: string;
    connectionName: string;
    status: string;
    /** This approval's own mark, written into the description when `onDelete` is Reject (absent in state from 0.1). */
    approvalMark?: string;
    /** Each replica's connection on the target, by replica name (only with replicas). */
    replicaConnections?: Record<string, string>;
    /** Each replica's copy of the link as SignalR reports it, by replica name (only with replicas). */
    replicaStatuses?: Record<string, string>;
}

/** Runtime-only dependencies, for tests and hosts (never in state). */
export interface LifecycleDependencies extends ArmDependencies {
    log?: (message: string) => void;
    /** Makes an approval's mark. @default 8 random hex digits */
    newMark?: () => string;
    /** Time for waits outside the approval engine (the refresh's settle wait, 409 retries). @default the system's */
    clock?: Clock;
}

/** Inputs whose change means the connection must be approved again (another one, or another description). */
const REAPPROVE_ON_CHANGE: (keyof ApprovalInputs)[] = [
    "targetResourceId",
    "requestMessage",
    "sharedPrivateLinkResourceId",
    "resourceManagerEndpoint",
    "description",
    "onDelete",
    "replicaNames",
];
const OUTPUT_ONLY = ["connectionId", "connectionName", "status", "approvalMark", "replicaConnections", "replicaStatuses"];

/** The connections this approval holds: the primary's and each replica's (instance → id; the primary is PRIMARY). */
const heldConnections = (p: ApprovalOutputs): Record<string, string> =>
    Object.fromEntries(Object.entries({ [PRIMARY]: p.connectionId, ...(p.replicaConnections ?? {}) }).filter(([, id]) => typeof id === "string" && id !== ""));

/** Whether the approval covers replicas: it was given some, or holds a replica's connection. */
const withReplicas = (p: Partial<ApprovalOutputs>): boolean => (p.replicaNames ?? []).length > 0 || Object.keys(p.replicaConnections ?? {}).length > 0;

const connectionsApiVersion = (targetResourceId: string) => findPrivateLinkTarget(parseResourceId("targetResourceId", targetResourceId).resourceType)!.connectionsApiVersion;

/**
 * The description an approval writes. One that may reject its connection carries its own mark, so
 * that it rejects only a connection no other approval has written since (state from 0.1 has no mark).
 */
function writtenDescription(p: ApprovalInputs & { approvalMark?: string }): string {
    const base = p.description ?? p.requestMessage;
    return p.onDelete === ApprovalDeleteBehavior.Reject && p.approvalMark ? markedDescription(base, p.approvalMark) : base;
}

/**
 * PrivateEndpointConnectionApproval: create approves (and waits), read refreshes the connection's
 * state, a change approves again in place, delete keeps the connection or rejects it when asked.
 *
 * Never replaced: a replacement (create the new, then delete the old) would find the connection the
 * old one approved and keep it, and the old one's delete would then reject it under the new one. A
 * change of target or message is an update: approve the new connection, then let go of the old.
 * A replacement the engine forces anyway (`--target-replace`, a new name without an alias) is safe
 * too: the new approval writes its own mark, so the old one's delete finds the connection no
 * longer its own and leaves it.
 */
/** The outputs with the connection id filled from the resource id (state from 0.1 may lack it; never the link's id used as a fallback). */
function current(id: string, props: ApprovalOutputs): ApprovalOutputs {
    const fallback = /\/sharedPrivateLinkResources\//i.test(id) ? "" : id;
    return { ...props, connectionId: props.connectionId || fallback };
}

export function approvalLifecycle(deps: LifecycleDependencies = {}): ResourceLifecycle<ApprovalInputs, ApprovalOutputs> {
    const log = deps.log ?? (() => undefined);
    const newMark = deps.newMark ?? (() => randomBytes(4).toString("hex"));
    const client = (inputs: ApprovalInputs) => createArmClient({ ...inputs, ...armDependencies(deps), deadline: writeDeadline() });

    const approve = async (inputs: ApprovalInputs, approvalMark: string, held: Record<string, string> = {}): Promise<ApprovalOutputs> => {
        const description = writtenDescription({ ...inputs, approvalMark });
        const result = await approvePrivateEndpointConnection({ ...inputs, description, knownConnections: held, ...armDependencies(deps), log });
        return {
            ...inputs,
            connectionId: result.connectionId,
            connectionName: result.connectionName,
            status: result.status,
            approvalMark,
            ...(result.replicaStatuses ? { replicaConnections: result.replicaConnections ?? {}, replicaStatuses: result.replicaStatuses } : {}),
        };
    };

    /** The approved connection as the target shows it now; undefined when it is gone. */
    const liveConnection = async (arm: ArmClient, props: ApprovalOutputs): Promise<PrivateEndpointConnection | undefined> =>
        arm.get<PrivateEndpointConnection>(arm.url(props.connectionId, connectionsApiVersion(props.targetResourceId)));

    /**
     * Whether the connections in `props` are still approved with what this approval wrote (one GET,
     * never a write): the primary's connection, or with replicas one list of the target's connections,
     * every held connection of the primary and of the replicas `replicaNames` keeps in it.
     */
    const stillApproved = async (props: ApprovalOutputs, replicaNames = props.replicaNames): Promise<boolean> => {
        const written = writtenDescription(props);
        const ok = (c: PrivateEndpointConnection | undefined) => !!c && connectionStatus(c) === "Approved" && descriptionOf(c) === written;
        if (!withReplicas(props)) return ok(await liveConnection(await client(props), props));
        if (Object.entries(props.replicaStatuses ?? {}).some(([n, s]) => s !== "Approved" && (replicaNames ?? [n]).includes(n))) return false;
        const held = Object.entries(heldConnections(props)).filter(([instance]) => instance === PRIMARY || replicaNames === undefined || replicaNames.includes(instance));
        const arm = await client(props);
        const list = await arm.list<PrivateEndpointConnection>(
            arm.url(props.targetResourceId, connectionsApiVersion(props.targetResourceId), ["privateEndpointConnections"], "targetResourceId"),
        );
        return held.every(([, id]) => ok(list.find((c) => c.id.toLowerCase() === id.toLowerCase())));
    };

    /** Rejects the connections in `props` (but those in `keep`) if asked to and each still carries what this approval wrote. */
    const letGo = async (props: ApprovalOutputs, keep: readonly string[] = []): Promise<void> => {
        if (props.onDelete !== ApprovalDeleteBehavior.Reject) return;
        const ids = Object.values(heldConnections(props)).filter((id) => !keep.some((k) => k.toLowerCase() === id.toLowerCase()));
        ids.forEach((id) => parseResourceId("connectionId", id)); // before any request: a bent id is refused, not followed
        if (ids.length === 0) return;
        const arm = await client(props);
        const written = writtenDescription(props);
        for (const id of ids) {
            const connection = await liveConnection(arm, { ...props, connectionId: id });
            if (!connection) continue;
            // Only ever reject our own connection, and only while no other approval has written it since.
            if (descriptionOf(connection) !== written) {
                log(`Leaving private endpoint connection ${connectionName(connection)}: it no longer carries this approval's description (another approval now owns it).`);
                continue;
            }
            log(`Rejecting private endpoint connection ${connectionName(connection)} (onDelete: Reject).`);
            await arm.putAndWait(arm.url(id, connectionsApiVersion(props.targetResourceId)), rejectionBody(written));
        }
    };

    return withSignInSettings({
        async check(_olds, news) {
            return { inputs: news, failures: isUnknown(news) ? [] : checkFailures(() => checkApprovalOptions(news), "targetResourceId") };
        },

        async create(inputs) {
            const outs = await approve(inputs, newMark());
            // With replicas the primary's connection may not be told apart (all copies approved by others): the link's id then.
            return { id: outs.connectionId || inputs.sharedPrivateLinkResourceId!, outs };
        },

        async read(id, props) {
            if (withReplicas(props) && !props.connectionId) return { id, props };
            parseResourceId("connectionId", props.connectionId || id);
            const arm = await client(props);
            // The id is the first connection's; after an update to another connection, connectionId is current.
            const connection = await arm.get<PrivateEndpointConnection>(arm.url(props.connectionId || id, connectionsApiVersion(props.targetResourceId)));
            if (!connection) return { id: "", props: {} }; // gone: Pulumi drops it from state on refresh
            return { id, props: { ...props, status: connectionStatus(connection) } };
        },

        async diff(id, olds, news) {
            const changed = changedKeys(olds, news, OUTPUT_ONLY);
            const none = { changes: false, replaces: [], deleteBeforeReplace: false };
            const some = { ...none, changes: true };
            // An approval that a refresh found no longer Approved must be done again (by update).
            if (changed.length > 0 || olds.status !== "Approved") return some;
            // Nothing changed in state, but Azure may have: a link recreated under the same id (azure-native
            // replaces a link with an explicit name delete-first) leaves a new Pending connection and the old
            // one gone or Disconnected. One GET of the approved connection finds that without a refresh.
            return (await stillApproved(current(id, olds))) ? none : some;
        },

        async update(id, olds, news) {
            const held = current(id, olds);
            const inputsChanged = REAPPROVE_ON_CHANGE.some((k) => JSON.stringify(olds[k] ?? null) !== JSON.stringify(news[k] ?? null));
            if (!inputsChanged && olds.status === "Approved" && (await stillApproved(held))) {
                // Only settings of the wait changed (timeout, poll interval): nothing to write in Azure.
                const { connectionId, connectionName, status, approvalMark, replicaConnections, replicaStatuses } = olds;
                return { outs: { ...news, connectionId, connectionName, status, approvalMark, ...(replicaStatuses ? { replicaConnections, replicaStatuses } : {}) } };
            }
            // The connections held stay bound: a changed replica set never approves or rejects them again.
            const outs = await approve(news, olds.approvalMark ?? newMark(), heldConnections(held));
            // Connections no longer held (new target or message, a recreated link) are let go as a delete would;
            // a removed replica's is left alone (its replica goes, and with it the copy).
            const kept = Object.values(heldConnections(outs));
            const removedReplicas = Object.keys(held.replicaConnections ?? {}).filter((n) => !Object.keys(outs.replicaConnections ?? {}).includes(n));
            await letGo({ ...held, replicaConnections: Object.fromEntries(Object.entries(held.replicaConnections ?? {}).filter(([n]) => !removedReplicas.includes(n))) }, kept);
            return { outs };
        },

        async delete(id, props) {
            await letGo(current(id, props));
        },
    });
}
