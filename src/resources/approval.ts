import { randomBytes } from "node:crypto";
import { connectionName, connectionStatus, descriptionOf, markedDescription, rejectionBody, PrivateEndpointConnection } from "../approval/connections";
import type { ArmClient } from "../arm/armClient";
import { approvePrivateEndpointConnection, writeDeadline, checkApprovalOptions, ArmDependencies, armDependencies, createArmClient } from "../approval/engine";
import type { Clock } from "../arm/clock";
import { findPrivateLinkTarget } from "../arm/privateLinkTargets";
import { parseResourceId } from "../arm/resourceId";
import { withSignInSettings, SignInSettingsInput } from "./signInSettings";
import { ResourceLifecycle, changedKeys, checkFailures, isUnknown } from "./lifecycle";

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
}

export interface ApprovalOutputs extends ApprovalInputs {
    connectionId: string;
    connectionName: string;
    status: string;
    /** This approval's own mark, written into the description when `onDelete` is Reject (absent in state from 0.1). */
    approvalMark?: string;
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
const REAPPROVE_ON_CHANGE: (keyof ApprovalInputs)[] = ["targetResourceId", "requestMessage", "sharedPrivateLinkResourceId", "resourceManagerEndpoint", "description", "onDelete"];
const OUTPUT_ONLY = ["connectionId", "connectionName", "status", "approvalMark"];

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
export function approvalLifecycle(deps: LifecycleDependencies = {}): ResourceLifecycle<ApprovalInputs, ApprovalOutputs> {
    const log = deps.log ?? (() => undefined);
    const newMark = deps.newMark ?? (() => randomBytes(4).toString("hex"));
    const client = (inputs: ApprovalInputs) => createArmClient({ ...inputs, ...armDependencies(deps), deadline: writeDeadline() });

    const approve = async (inputs: ApprovalInputs, approvalMark: string): Promise<ApprovalOutputs> => {
        const description = writtenDescription({ ...inputs, approvalMark });
        const result = await approvePrivateEndpointConnection({ ...inputs, description, ...armDependencies(deps), log });
        return { ...inputs, connectionId: result.connectionId, connectionName: result.connectionName, status: result.status, approvalMark };
    };

    /** The approved connection as the target shows it now; undefined when it is gone. */
    const liveConnection = async (arm: ArmClient, props: ApprovalOutputs): Promise<PrivateEndpointConnection | undefined> =>
        arm.get<PrivateEndpointConnection>(arm.url(props.connectionId, connectionsApiVersion(props.targetResourceId)));

    /** Whether the connection in `props` is still approved with what this approval wrote (one GET, never a write). */
    const stillApproved = async (props: ApprovalOutputs): Promise<boolean> => {
        const connection = await liveConnection(await client(props), props);
        return !!connection && connectionStatus(connection) === "Approved" && descriptionOf(connection) === writtenDescription(props);
    };

    /** Rejects the connection in `props` if asked to and it still carries what this approval wrote. */
    const letGo = async (props: ApprovalOutputs): Promise<void> => {
        if (props.onDelete !== ApprovalDeleteBehavior.Reject) return;
        parseResourceId("connectionId", props.connectionId); // before any request: a bent id is refused, not followed
        const arm = await client(props);
        const connection = await liveConnection(arm, props);
        if (!connection) return;
        const written = writtenDescription(props);
        // Only ever reject our own connection, and only while no other approval has written it since.
        if (descriptionOf(connection) !== written) {
            log(`Leaving private endpoint connection ${connectionName(connection)}: it no longer carries this approval's description (another approval now owns it).`);
            return;
        }
        log(`Rejecting private endpoint connection ${connectionName(connection)} (onDelete: Reject).`);
        await arm.putAndWait(arm.url(props.connectionId, connectionsApiVersion(props.targetResourceId)), rejectionBody(written));
    };

    return withSignInSettings({
        async check(_olds, news) {
            return { inputs: news, failures: isUnknown(news) ? [] : checkFailures(() => checkApprovalOptions(news), "targetResourceId") };
        },

        async create(inputs) {
            const outs = await approve(inputs, newMark());
            return { id: outs.connectionId, outs };
        },

        async read(id, props) {
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
            return (await stillApproved({ ...olds, connectionId: olds.connectionId || id })) ? none : some;
        },

        async update(id, olds, news) {
            const current = { ...olds, connectionId: olds.connectionId || id };
            const inputsChanged = REAPPROVE_ON_CHANGE.some((k) => (olds[k] ?? undefined) !== (news[k] ?? undefined));
            if (!inputsChanged && olds.status === "Approved" && (await stillApproved(current))) {
                // Only settings of the wait changed (timeout, poll interval): nothing to write in Azure.
                return { outs: { ...news, connectionId: olds.connectionId, connectionName: olds.connectionName, status: olds.status, approvalMark: olds.approvalMark } };
            }
            const outs = await approve(news, olds.approvalMark ?? newMark());
            // Another connection now (new target or message, or a recreated link): the old one is let go as a delete would.
            if (outs.connectionId.toLowerCase() !== current.connectionId.toLowerCase()) await letGo(current);
            return { outs };
        },

        async delete(id, props) {
            await letGo({ ...props, connectionId: props.connectionId || id });
        },
    });
}
