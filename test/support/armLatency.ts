// The fake Resource Manager's opt-in latency model (FakeResourceManager.latency): how long Azure
// takes for what the deployment waits on, and SignalR's rule that one operation runs at a time.
// Off by default, so tests see the fake answer at once; bench/deployment.ts turns it on with every
// latency scaled by one factor (bench/latencies.ts states each one and its source).

/** Milliseconds the fake takes, as Azure would (already scaled by the caller). */
export interface LatencyModel {
    /** Added to every answer: Resource Manager's own latency per request. */
    requestMs: number;
    /** A new SignalR service: its PUT's long-running operation ends after this. */
    signalRCreateMs: number;
    /** A change to a SignalR service (PATCH, or PUT of one that exists): its operation ends after this. */
    signalRUpdateMs: number;
    /** A shared private link's provisioning: its PUT's operation ends after this. */
    linkProvisionMs: number;
    /** A shared private link's DELETE: its operation ends after this. */
    linkDeleteMs: number;
    /** SignalR's connection appears on the target this long after the link's PUT. */
    connectionAppearMs: number;
    /** The target's approval write (PUT of the connection): its operation ends after this. */
    approvalWriteMs: number;
    /** After the approval, SignalR reports the shared private link Approved this much later. */
    approvalPropagationMs: number;
    /** A Key Vault role assignment lets the identity read secrets this long after its PUT. */
    keyVaultRbacMs: number;
    /** A new geo-replica: its PUT's long-running operation ends after this (it holds the service meanwhile). */
    replicaCreateMs: number;
    /** A replica's copy of a link: its connection appears on the target this long after the primary link's PUT. */
    replicaConnectionAppearMs: number;
    /** A change to a geo-replica (PATCH, e.g. its region endpoint turned on): its operation ends after this (it holds the service meanwhile). */
    replicaUpdateMs: number;
}

/** What the fake saw happen, in time: the benchmark's measurements come from these and the requests. */
export interface TimelineEvent {
    at: number;
    event:
        | "operation-started"
        | "operation-done"
        | "connection-visible"
        | "link-reported-approved"
        | "conflict"
        | "role-assignment-effective"
        /** A change of the service's upstream settings made SignalR re-read its Key Vault references; `ok` whether the grants had applied. */
        | "key-vault-reread";
    /** The resource (or operation) the event is about. */
    id: string;
    /** For operations: their kind. */
    kind?: OperationKind;
    /** For operation-started: the operation's poll path (`/operations/op-<n>`). */
    operation?: string;
    ok?: boolean;
}

export type OperationKind = "signalr-create" | "signalr-update" | "link-provision" | "link-delete" | "replica-create" | "replica-update" | "approval";

/** The operations that hold the SignalR service: one at a time (a second write meanwhile gets 409). */
export const SERVICE_OPERATIONS: readonly OperationKind[] = ["signalr-create", "signalr-update", "link-provision", "link-delete", "replica-create", "replica-update"];

/** How long an operation of this kind takes under the model. */
export function operationMs(model: LatencyModel, kind: OperationKind): number {
    switch (kind) {
        case "signalr-create":
            return model.signalRCreateMs;
        case "signalr-update":
            return model.signalRUpdateMs;
        case "link-provision":
            return model.linkProvisionMs;
        case "link-delete":
            return model.linkDeleteMs;
        case "replica-create":
            return model.replicaCreateMs;
        case "replica-update":
            return model.replicaUpdateMs;
        case "approval":
            return model.approvalWriteMs;
    }
}

/** The SignalR service (lower-cased id) a write is about, when it is one SignalR runs as an operation. */
export function serviceOfWrite(method: string, path: string): string | undefined {
    if (method === "GET") return undefined;
    const m =
        /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.SignalRService\/signalR\/[^/]+)(?:\/sharedPrivateLinkResources\/[^/]+|\/replicas\/[^/]+)?$/i.exec(
            path,
        );
    return m?.[1].toLowerCase();
}

/**
 * SignalR's answer to a write while another operation runs on the service. Azure documents no body
 * for it; this is Resource Manager's usual shape for a conflicting operation (an assumption, stated
 * in bench/RESULTS.md).
 */
export const conflictAnswer = (serviceId: string, running: OperationKind) => ({
    error: {
        code: "Conflict",
        message: `Another operation (${running}) is in progress on ${serviceId.split("/").pop()}; SignalR runs one operation at a time. Retry after it completes.`,
    },
});
