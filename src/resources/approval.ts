import { isOurs, rejectionBody, connectionStatus, PrivateEndpointConnection } from "../approval/connections";
import { approvePrivateEndpointConnection, checkApprovalOptions, ArmDependencies, armDependencies, createArmClient } from "../approval/engine";
import { findPrivateLinkTarget } from "../arm/privateLinkTargets";
import { parseResourceId } from "../arm/resourceId";
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
export interface ApprovalInputs {
    targetResourceId: string;
    requestMessage: string;
    description?: string;
    timeoutSeconds?: number;
    pollIntervalSeconds?: number;
    sharedPrivateLinkResourceId?: string;
    resourceManagerEndpoint?: string;
    onDelete?: ApprovalDeleteBehavior;
}

export interface ApprovalOutputs extends ApprovalInputs {
    connectionId: string;
    connectionName: string;
    status: string;
}

/** Runtime-only dependencies, for tests and hosts (never in state). */
export interface LifecycleDependencies extends ArmDependencies {
    log?: (message: string) => void;
}

/** Inputs whose change means another connection: the approval is replaced. */
const REPLACE_ON_CHANGE: (keyof ApprovalInputs)[] = ["targetResourceId", "requestMessage", "sharedPrivateLinkResourceId", "resourceManagerEndpoint"];
const OUTPUT_ONLY = ["connectionId", "connectionName", "status"];

const connectionsApiVersion = (targetResourceId: string) => findPrivateLinkTarget(parseResourceId("targetResourceId", targetResourceId).resourceType)!.connectionsApiVersion;

/**
 * PrivateEndpointConnectionApproval: create approves (and waits), read refreshes the connection's
 * state, a new target or message replaces, delete keeps the connection or rejects it when asked.
 */
export function approvalLifecycle(deps: LifecycleDependencies = {}): ResourceLifecycle<ApprovalInputs, ApprovalOutputs> {
    const log = deps.log ?? (() => undefined);
    const client = (inputs: ApprovalInputs) => createArmClient({ ...inputs, ...armDependencies(deps) });

    return {
        async check(_olds, news) {
            return { inputs: news, failures: isUnknown(news) ? [] : checkFailures(() => checkApprovalOptions(news), "targetResourceId") };
        },

        async create(inputs) {
            const result = await approvePrivateEndpointConnection({ ...inputs, ...armDependencies(deps), log });
            const outs: ApprovalOutputs = { ...inputs, connectionId: result.connectionId, connectionName: result.connectionName, status: result.status };
            return { id: result.connectionId, outs };
        },

        async read(id, props) {
            const arm = client(props);
            const connection = await arm.get<PrivateEndpointConnection>(arm.url(id, connectionsApiVersion(props.targetResourceId)));
            if (!connection) return { id: "", props: {} }; // gone: Pulumi drops it from state on refresh
            return { id, props: { ...props, status: connectionStatus(connection) } };
        },

        async diff(_id, olds, news) {
            const replaces = REPLACE_ON_CHANGE.filter((k) => (olds[k] ?? undefined) !== (news[k] ?? undefined));
            const changed = changedKeys(olds, news, OUTPUT_ONLY);
            // An approval that a refresh found no longer Approved must be done again.
            const lost = olds.status !== undefined && olds.status !== "Approved";
            return { changes: changed.length > 0 || lost, replaces: lost ? ["status"] : replaces, deleteBeforeReplace: false };
        },

        async update(_id, olds, news) {
            // Only settings of the wait changed (timeout, poll interval, description, onDelete): nothing to do in Azure.
            return { outs: { ...news, connectionId: olds.connectionId, connectionName: olds.connectionName, status: olds.status } };
        },

        async delete(id, props) {
            if (props.onDelete !== ApprovalDeleteBehavior.Reject) return;
            const arm = client(props);
            const url = arm.url(id, connectionsApiVersion(props.targetResourceId));
            const connection = await arm.get<PrivateEndpointConnection>(url);
            // Only ever reject our own connection.
            if (connection && isOurs(connection, props.requestMessage)) {
                await arm.putAndWait(url, rejectionBody(props.description ?? props.requestMessage));
            }
        },
    };
}
