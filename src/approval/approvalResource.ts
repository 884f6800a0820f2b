import * as pulumi from "@pulumi/pulumi";
import { isOurs, rejectionBody, connectionStatus, PrivateEndpointConnection } from "./connections";
import { approvePrivateEndpointConnection, checkApprovalOptions, ArmDependencies, armDependencies, createArmClient } from "./engine";
import { findPrivateLinkTarget } from "../arm/privateLinkTargets";
import { parseResourceId } from "../arm/resourceId";

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

/** Runtime-only dependencies, for tests (never in state). */
export interface ApprovalProviderDependencies extends ArmDependencies {
    log?: (message: string) => void;
}

/** Inputs whose change means another connection: the approval is replaced. */
const REPLACE_ON_CHANGE: (keyof ApprovalInputs)[] = ["targetResourceId", "requestMessage", "sharedPrivateLinkResourceId", "resourceManagerEndpoint"];

/**
 * The dynamic provider behind PrivateEndpointConnectionApproval: create approves (and waits),
 * read refreshes the connection's state, a new target or message replaces, delete keeps the
 * connection or rejects it when asked.
 */
export function createApprovalProvider(deps: ApprovalProviderDependencies = {}): pulumi.dynamic.ResourceProvider {
    const log = deps.log ?? ((message: string) => void pulumi.log.info(message));
    const client = (inputs: ApprovalInputs) => createArmClient({ ...inputs, ...armDependencies(deps) });
    const apiVersion = (targetResourceId: string) => findPrivateLinkTarget(parseResourceId("targetResourceId", targetResourceId).resourceType)!.connectionsApiVersion;

    return {
        async check(_olds: ApprovalInputs, news: ApprovalInputs) {
            try {
                checkApprovalOptions(news);
                return { inputs: news };
            } catch (e) {
                return { inputs: news, failures: [{ property: (e as { field?: string }).field ?? "targetResourceId", reason: (e as Error).message }] };
            }
        },

        async create(inputs: ApprovalInputs) {
            const result = await approvePrivateEndpointConnection({ ...inputs, ...armDependencies(deps), log });
            const outs: ApprovalOutputs = { ...inputs, connectionId: result.connectionId, connectionName: result.connectionName, status: result.status };
            return { id: result.connectionId, outs };
        },

        async read(id: string, props: ApprovalOutputs) {
            const arm = client(props);
            const connection = await arm.get<PrivateEndpointConnection>(arm.url(id, apiVersion(props.targetResourceId)));
            if (!connection) {
                return { id: "", props: {} }; // gone: Pulumi drops it from state on refresh
            }
            return { id, props: { ...props, status: connectionStatus(connection) } };
        },

        async diff(_id: string, olds: ApprovalOutputs, news: ApprovalInputs) {
            const replaces = REPLACE_ON_CHANGE.filter((k) => (olds[k] ?? undefined) !== (news[k] ?? undefined));
            const changed = (Object.keys({ ...olds, ...news }) as (keyof ApprovalInputs)[]).filter(
                (k) => !["connectionId", "connectionName", "status"].includes(k) && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
            );
            // An approval that a refresh found no longer Approved must be done again.
            const lost = olds.status !== undefined && olds.status !== "Approved";
            return { changes: changed.length > 0 || lost, replaces: lost ? ["status"] : replaces, deleteBeforeReplace: false };
        },

        async update(_id: string, olds: ApprovalOutputs, news: ApprovalInputs) {
            // Only settings of the wait changed (timeout, poll interval, description, onDelete): nothing to do in Azure.
            return { outs: { ...news, connectionId: olds.connectionId, connectionName: olds.connectionName, status: olds.status } };
        },

        async delete(id: string, props: ApprovalOutputs) {
            if (props.onDelete !== ApprovalDeleteBehavior.Reject) return;
            const arm = client(props);
            const url = arm.url(id, apiVersion(props.targetResourceId));
            const connection = await arm.get<PrivateEndpointConnection>(url);
            // Only ever reject our own connection.
            if (connection && isOurs(connection, props.requestMessage)) {
                await arm.putAndWait(url, rejectionBody(props.description ?? props.requestMessage));
            }
        },
    };
}

/** One provider instance for every approval: the SDK serializes a provider once per instance. */
export const sharedApprovalProvider = createApprovalProvider();

/** Inputs of PrivateEndpointConnectionApproval. */
export type PrivateEndpointConnectionApprovalArgs = { [K in keyof ApprovalInputs]: pulumi.Input<ApprovalInputs[K]> };

/**
 * Approves the pending private endpoint connection a shared private link resource created on its
 * target, and waits until SignalR reports it Approved. azure-native cannot: its create refuses a
 * connection that already exists.
 */
export class PrivateEndpointConnectionApproval extends pulumi.dynamic.Resource {
    declare public readonly connectionId: pulumi.Output<string>;
    declare public readonly connectionName: pulumi.Output<string>;
    declare public readonly status: pulumi.Output<string>;

    constructor(
        name: string,
        args: PrivateEndpointConnectionApprovalArgs,
        opts?: pulumi.CustomResourceOptions,
        provider: pulumi.dynamic.ResourceProvider = sharedApprovalProvider,
    ) {
        super(provider, name, { ...args, connectionId: undefined, connectionName: undefined, status: undefined }, opts, "signalr-serverless", "PrivateEndpointConnectionApproval");
    }
}
