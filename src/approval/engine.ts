import type { TokenCredential } from "@azure/core-auth";
import { ArmClient, ArmError } from "../arm/armClient";
import { resolveArmTarget } from "../arm/armTarget";
import { azureCli } from "../arm/azureCli";
import { AZURE_NATIVE_SETTING_NAMES, AzureNativeConfig, armSettings } from "../arm/armSettings";
import { armSignInMethod, defaultArmCredential } from "../arm/credentials";
import { sharedCredential } from "../arm/sharedCredential";
import { findPrivateLinkTarget } from "../arm/privateLinkTargets";
import { SIGNALR_NAME, parseResourceId, sameResourceType } from "../arm/resourceId";
import { ValidationError } from "../upstream/validationError";
import { approveAcrossReplicas, listReplicas, notListed } from "./replicaApproval";
import { DEFAULT_MAX_POLL_INTERVAL_SECONDS, DEFAULT_POLL_INTERVAL_SECONDS } from "./pollDefaults";
import {
    OurDescriptions,
    PrivateEndpointConnection,
    REFUSED_STATES,
    approvalBody,
    connectionName,
    connectionStatus,
    describeConnections,
    descriptionOf,
    judgeConnections,
    rejectionBody,
    unmarkedDescription,
} from "./connections";

/** SignalR's api-version (the one azure-native v3 uses). */
export const SIGNALR_API_VERSION = "2024-03-01";

export interface ApprovalOptions {
    /** Resource id of the target (Function app or Key Vault) that holds the connection. */
    targetResourceId: string;
    /** The shared private link resource's request message: how our connection is recognised. */
    requestMessage: string;
    /**
     * Description written with the approval; must be the request message or start with it and a
     * space. Ours are exactly: the request message, this description, and this description with an
     * approval mark ` (approval <8 hex>)` (see OurDescriptions). @default the request message
     */
    description?: string;
    /** Total time for the connection to appear, be approved and (if asked) be reported Approved. @default 900 */
    timeoutSeconds?: number;
    /**
     * With sharedPrivateLinkResourceId: how long after the approval SignalR may take to report the
     * link Approved. When it does not (or reports it Rejected, Disconnected or Timeout), the
     * connection approved is rejected again, since it may be a stranger's with a copied
     * description. Bounded by timeoutSeconds. @default 600
     */
    confirmationSeconds?: number;
    /**
     * First wait between polls; grows by half each time up to maxPollIntervalSeconds. The defaults
     * keep every waiting loop at 3 reads a minute or fewer (ARM's read budget is the subscription's,
     * shared by every deployment in it). @default 20
     */
    pollIntervalSeconds?: number;
    /** Cap of the poll interval. @default 30 */
    maxPollIntervalSeconds?: number;
    /**
     * When given: the link is read first (it must point to the target and carry the request
     * message), and the approval succeeds only once SignalR reports it `Approved`.
     */
    sharedPrivateLinkResourceId?: string;
    /**
     * With sharedPrivateLinkResourceId: the service's geo-replicas whose copies of the link must be
     * Approved too. Replicas Resource Manager lists but not named here still count (each accounts for
     * one connection) and are left as they are. @default every replica Resource Manager lists
     */
    replicaNames?: string[];
    /** Connections earlier approvals bound to the primary (PRIMARY, "") and to replicas (by name); from state. @default none */
    knownConnections?: Record<string, string>;
    /** The link's Pulumi URN, so an error can name the command that recreates it. @default none: the error says how to find it */
    sharedPrivateLinkUrn?: string;
    /** Resource Manager endpoint. @default the cloud azure-native would use (resolveArmTarget) */
    resourceManagerEndpoint?: string;
    /** @default the azure-native provider's sources (see defaultArmCredential) */
    credential?: TokenCredential;
    /** azure-native's stack configuration (`azure-native:<key>`), read before the environment. @default none: the environment only */
    azureNativeConfig?: AzureNativeConfig;
    /** Extra trusted CA certificates (PEM), for a private or test endpoint. */
    ca?: string;
    /** First delay of request retries (429/5xx). @default 1000 */
    retryDelayInMs?: number;
    /** Receives progress messages during waits. @default none */
    log?: (message: string) => void;
}

export interface ApprovalResult {
    connectionId: string;
    connectionName: string;
    /** `Approved`. */
    status: string;
    /** Whether this run wrote the approval (false when it was already approved). */
    approvedNow: boolean;
    /** With replicas: each replica's connection (by replica name; absent when it could not be told apart). */
    replicaConnections?: Record<string, string>;
    /** With replicas: each replica's copy of the link as SignalR reports it (by replica name). */
    replicaStatuses?: Record<string, string>;
}

/** The shared deadline and the current, growing poll interval (seconds). */
export interface Timer {
    deadline: number;
    initial: number;
    interval: number;
    max: number;
}

/** SignalR's statuses of a shared private link resource from which it never becomes Approved. */
export const TERMINAL_LINK_STATES = ["Rejected", "Disconnected", "Timeout"];

/** What SignalR's API shows of a shared private link resource (2024-03-01: SignalRSharedPrivateLinkResources_Get example). */
export interface SharedPrivateLink {
    properties?: { status?: string; provisioningState?: string; privateLinkResourceId?: string; requestMessage?: string; groupId?: string };
}

/**
 * The command that recreates a shared private link, so SignalR makes a new connection that can be
 * approved (a Rejected or Disconnected one never can be). The library does not recreate the link
 * itself: azure-native owns it.
 */
export function recreateLinkCommand(linkId: string, urn?: string): string {
    return urn
        ? `pulumi up --replace '${urn}'`
        : `pulumi up --replace '<URN>', the URN of the SignalRSharedPrivateLinkResource whose id is ${linkId} (pulumi stack --show-urns --show-ids lists both)`;
}

export const terminalLinkError = (linkId: string, status: string, urn?: string) =>
    new Error(
        `SignalR reports shared private link resource ${linkId} as ${status}: this state is final, and its connection cannot be approved again. Recreate the link so SignalR requests a new connection: ${recreateLinkCommand(linkId, urn)}`,
    );

/**
 * Finds our pending private endpoint connection on the target and approves it, then waits until
 * SignalR reports the shared private link resource Approved. What is verified before a write:
 * - the shared private link (when given) points to this target and carries this request message;
 * - the connection's description is exactly one of ours (OurDescriptions), it is Pending (or
 *   Approved under another of ours), and its private endpoint may be SignalR's (privateEndpointVerdict);
 * - it is the only such connection: two are an error, never a guess.
 * The request message is not a secret, so a stranger can copy it; Azure shows nothing on the
 * target that only SignalR's connection carries. Hence the last check, after the write: SignalR must
 * report the link Approved within confirmationSeconds, else the connection approved is rejected
 * again, so no stranger stays approved.
 */
export async function approvePrivateEndpointConnection(options: ApprovalOptions): Promise<ApprovalResult> {
    const checked = checkApprovalOptions(options);
    const log = options.log ?? (() => undefined);
    const timer: Timer = {
        deadline: Date.now() + checked.timeoutSeconds * 1000,
        initial: checked.pollIntervalSeconds,
        interval: checked.pollIntervalSeconds,
        max: Math.max(checked.pollIntervalSeconds, options.maxPollIntervalSeconds ?? DEFAULT_MAX_POLL_INTERVAL_SECONDS),
    };
    // Every request, Retry-After wait and operation poll ends by the same deadline as the polling.
    const client = await createArmClient({ ...options, deadline: timer.deadline });
    const listUrl = client.url(options.targetResourceId, checked.apiVersion, ["privateEndpointConnections"], "targetResourceId");
    const linkId = options.sharedPrivateLinkResourceId;
    const context = { signalRSubscriptionId: checked.signalRSubscriptionId };
    // With geo-replicas, each copy of the link requests its own connection: one approval each.
    if (linkId) {
        const primaryLink = await checkSharedPrivateLink(client, linkId, options, checked.timeoutSeconds);
        const replicas = await listReplicas(client, linkId, notListed(options, checked));
        if (replicas.length > 0 || (options.replicaNames ?? []).length > 0) {
            return approveAcrossReplicas({ client, options, checked, timer, log, linkId, listed: replicas, primaryLink });
        }
    }

    let approvedNow = false;
    let connection: PrivateEndpointConnection | undefined;
    let lastList: PrivateEndpointConnection[] = [];
    const notAppeared = () =>
        `No pending private endpoint connection with this approval's request message appeared on ${options.targetResourceId} within ${checked.timeoutSeconds} s; found ${describeConnections(lastList, checked.ours)}.`;
    while (!connection) {
        lastList = await withinDeadline(client.list<PrivateEndpointConnection>(listUrl), notAppeared);
        const verdict = judgeConnections(lastList, checked.ours, context);
        switch (verdict.kind) {
            case "ambiguous":
                throw new Error(
                    `Refusing to approve: ${verdict.connections.length} connections on ${options.targetResourceId} carry this approval's request message and could be SignalR's: ${describeConnections(verdict.connections, checked.ours)}. Anyone who knows the target's id can request a connection with any description: reject the ones whose private endpoint you do not recognise, then retry.`,
                );
            case "approved":
            case "pending": {
                if (verdict.kind === "approved" && descriptionOf(verdict.connection) === checked.description) {
                    connection = verdict.connection;
                    log(`Private endpoint connection ${connectionName(connection)} on ${checked.targetName} is already approved; nothing to write.`);
                    break;
                }
                // Approved under another of our descriptions means by the approval this one replaces:
                // writing ours once takes it over, so that approval's delete sees it is no longer its own.
                log(
                    verdict.kind === "pending"
                        ? `Approving private endpoint connection ${connectionName(verdict.connection)} on ${checked.targetName}.`
                        : `Private endpoint connection ${connectionName(verdict.connection)} on ${checked.targetName} is approved under another approval's mark; writing this approval's description to take it over.`,
                );
                try {
                    await client.putAndWait<PrivateEndpointConnection | undefined>(client.url(verdict.connection.id, checked.apiVersion), approvalBody(checked.description));
                } catch (e) {
                    const busy = e instanceof ArmError && e.statusCode === 409;
                    const gone = e instanceof ArmError && e.statusCode === 404;
                    if (!busy && !gone) throw e;
                    // 409: the target is still busy with the connection (e.g. provisioning it); 404: it was
                    // deleted between the list and the write (SignalR may be creating a new one). List again.
                    await wait(
                        timer,
                        () =>
                            `The private endpoint connection ${connectionName(verdict.connection)} on ${options.targetResourceId} could not be approved within ${checked.timeoutSeconds} s: ${e.message}`,
                        log,
                        busy
                            ? `The target is busy with connection ${connectionName(verdict.connection)} (409 Conflict); trying again.`
                            : `Connection ${connectionName(verdict.connection)} disappeared before it could be approved (404); listing again.`,
                    );
                    continue;
                }
                approvedNow = true;
                // A write answered 200 may still read Pending for a while: success is what a read shows.
                const readBack = await readUntilApproved(client, verdict.connection, checked, timer, log);
                if (!readBack) continue; // gone after the write: list again
                connection = readBack;
                break;
            }
            case "absent":
                // A refused connection with our message may be SignalR's: then the link says so, finally.
                if (linkId && verdict.ignored.some((i) => REFUSED_STATES.includes(connectionStatus(i.connection)))) {
                    const status = (await withinDeadline(client.get<SharedPrivateLink>(client.url(linkId, SIGNALR_API_VERSION)), notAppeared))?.properties?.status;
                    if (status && TERMINAL_LINK_STATES.includes(status)) throw terminalLinkError(linkId, status, options.sharedPrivateLinkUrn);
                }
                await wait(
                    timer,
                    notAppeared,
                    log,
                    `Waiting for the private endpoint connection from SignalR to appear on ${checked.targetName} (${describeConnections(lastList, checked.ours)}).`,
                );
                break;
            default:
                await wait(
                    timer,
                    notAppeared,
                    log,
                    `Waiting for the private endpoint connection ${connectionName(verdict.connection)} on ${checked.targetName} to settle (now ${verdict.status}).`,
                );
        }
    }

    if (linkId) {
        const confirmed = { ...timer, deadline: Math.min(timer.deadline, Date.now() + checked.confirmationSeconds * 1000) };
        try {
            await waitForSignalRApproved(
                client,
                linkId,
                confirmed,
                timer.deadline,
                Math.min(checked.confirmationSeconds, checked.timeoutSeconds),
                log,
                options.sharedPrivateLinkUrn,
                approvedNow,
            );
        } catch (e) {
            await rejectUnconfirmed(options, checked, connection, log);
            throw new Error(
                `${(e as Error).message} The private endpoint connection ${connectionName(connection)} on ${options.targetResourceId} was rejected again: SignalR does not confirm it as its own, and anyone can request a connection with this description.`,
            );
        }
    }
    return { connectionId: connection.id, connectionName: connectionName(connection), status: "Approved", approvedNow };
}

/**
 * Reads the shared private link before anything is written: it must exist, point to this target
 * and carry this request message (azure-native creates it before the approval, and SignalR has
 * requested its connection once the link is provisioned: Microsoft's how-to). A link SignalR
 * already reports Rejected, Disconnected or Timeout is final. Returns what it read (the replica
 * approval's first poll of the primary's copy).
 */
async function checkSharedPrivateLink(client: ArmClient, linkId: string, o: ApprovalOptions, timeoutSeconds: number): Promise<SharedPrivateLink> {
    const link = await withinDeadline(
        client.get<SharedPrivateLink>(client.url(linkId, SIGNALR_API_VERSION)),
        () => `Could not read shared private link resource ${linkId} within ${timeoutSeconds} s.`,
    );
    if (!link) throw new Error(`The shared private link resource ${linkId} does not exist; nothing can be approved for it.`);
    const target = link.properties?.privateLinkResourceId ?? "";
    if (target.toLowerCase() !== o.targetResourceId.toLowerCase()) {
        throw new Error(`Refusing to approve: shared private link resource ${linkId} points to ${target || "no target"}, not to ${o.targetResourceId}.`);
    }
    if (link.properties?.requestMessage !== o.requestMessage) {
        throw new Error(
            `Refusing to approve: shared private link resource ${linkId} does not carry this approval's request message (it was changed, or the link was recreated with another).`,
        );
    }
    const status = link.properties?.status ?? "";
    if (TERMINAL_LINK_STATES.includes(status)) throw terminalLinkError(linkId, status, o.sharedPrivateLinkUrn);
    return link;
}

/**
 * Rejects the connection this approval holds approved when SignalR did not confirm it, if it still
 * carries our description (never anyone else's). Its own deadline: the approval's may have passed.
 */
export async function rejectUnconfirmed(o: ApprovalOptions, checked: CheckedOptions, connection: PrivateEndpointConnection, log: (m: string) => void): Promise<void> {
    const arm = await createArmClient({ ...o, deadline: writeDeadline() });
    const url = arm.url(connection.id, checked.apiVersion);
    const current = await arm.get<PrivateEndpointConnection>(url);
    if (!current || descriptionOf(current) !== checked.description || connectionStatus(current) !== "Approved") return;
    log(`Rejecting private endpoint connection ${connectionName(connection)}: SignalR did not report the link Approved after it was approved.`);
    await arm.putAndWait(url, rejectionBody(checked.description));
}

/** Reads the connection after the approval write until it shows Approved; undefined when it is gone (404). */
export async function readUntilApproved(
    client: ArmClient,
    written: PrivateEndpointConnection,
    checked: CheckedOptions,
    timer: Timer,
    log: (m: string) => void,
): Promise<PrivateEndpointConnection | undefined> {
    const url = client.url(written.id, checked.apiVersion);
    let status = "Pending"; // the last status read; the write was made on a Pending connection
    const stillNotApproved = () => `The private endpoint connection ${connectionName(written)} still reads ${status} ${checked.timeoutSeconds} s after it was approved.`;
    for (;;) {
        const current = await withinDeadline(client.get<PrivateEndpointConnection>(url), stillNotApproved);
        if (!current) return undefined;
        status = connectionStatus(current);
        if (status === "Approved") return current.id ? current : written;
        if (REFUSED_STATES.includes(status)) {
            throw new Error(`The private endpoint connection ${connectionName(written)} became ${status} right after it was approved; something else is managing it.`);
        }
        await wait(timer, stillNotApproved, log, `Approval of ${connectionName(written)} written; waiting for it to read Approved (now ${status}).`);
    }
}

/**
 * Polls the shared private link resource until SignalR reports it Approved. Right after our write
 * (`justWritten`) it first waits one interval: the approval takes minutes to reach SignalR
 * (Microsoft's shared private endpoints how-to), so a read at once would only cost a read.
 */
async function waitForSignalRApproved(
    client: ArmClient,
    id: string,
    timer: Timer,
    /** The approval's deadline, after the confirmation's window (timer's): requests end by it. */
    requestDeadline: number,
    seconds: number,
    log: (m: string) => void,
    urn: string | undefined,
    justWritten: boolean,
): Promise<void> {
    const url = client.url(id, SIGNALR_API_VERSION);
    timer.interval = timer.initial; // a new phase: the SignalR side usually lags by a few minutes
    let status = "not read yet";
    const notReported = () => `SignalR did not report shared private link resource ${id} Approved within ${seconds} s of the approval (last status: ${status}).`;
    // The confirmation's window may end before the approval's deadline: then its last read is at its end.
    if (justWritten) await wait(timer, notReported, log, "Approval written; waiting for SignalR to report the shared private link resource Approved.", requestDeadline);
    for (;;) {
        const resource = await withinDeadline(client.get<SharedPrivateLink>(url), notReported);
        status = resource?.properties?.status ?? (resource ? "Unknown" : "NotFound");
        if (status === "Approved") {
            log(`SignalR reports shared private link resource ${id.split("/").pop()} Approved.`);
            return;
        }
        if (TERMINAL_LINK_STATES.includes(status)) throw terminalLinkError(id, status, urn);
        await wait(timer, notReported, log, `Waiting for SignalR to report the shared private link resource Approved (now ${status}).`, requestDeadline);
    }
}

/**
 * A request of a polling loop. The shared deadline can fall while it is in flight: the error then
 * says what the loop was waiting for, followed by why the request ended.
 */
export async function withinDeadline<T>(request: Promise<T>, timeoutMessage: () => string): Promise<T> {
    try {
        return await request;
    } catch (e) {
        if (e instanceof ArmError && e.code === "DeadlineExceeded") throw new Error(`${timeoutMessage()} ${e.message}`);
        throw e;
    }
}

/**
 * Sleeps one poll interval (growing by half, capped), or throws the timeout message. For a window
 * shorter than the approval (the confirmation's), `requestDeadline` is the approval's deadline: a
 * sleep that ends at the window's end, before it, returns so the caller reads once more (the next
 * call then throws).
 */
export async function wait(timer: Timer, timeoutMessage: () => string, log: (m: string) => void, progress: string, requestDeadline = timer.deadline): Promise<void> {
    const remaining = timer.deadline - Date.now();
    if (remaining <= 0) throw new Error(timeoutMessage());
    log(progress);
    const sleep = Math.min(timer.interval * 1000, remaining);
    await new Promise((resolve) => setTimeout(resolve, sleep));
    // The deadline passed while sleeping: say what we were waiting for, rather than start a request that cannot finish.
    if (Date.now() >= Math.max(timer.deadline, requestDeadline)) throw new Error(timeoutMessage());
    timer.interval = Math.min(timer.interval * 1.5, timer.max);
}

export interface CheckedOptions {
    apiVersion: string;
    targetName: string;
    description: string;
    ours: OurDescriptions;
    signalRSubscriptionId?: string;
    timeoutSeconds: number;
    confirmationSeconds: number;
    pollIntervalSeconds: number;
}

/** Validates the options up front, with the field named, before any request is sent. */
export function checkApprovalOptions(o: ApprovalOptions): CheckedOptions {
    const target = parseResourceId("targetResourceId", o.targetResourceId);
    const row = findPrivateLinkTarget(target.resourceType);
    if (!row) {
        throw new ValidationError(
            "targetResourceId",
            `must be a resource of a type the approval knows (Microsoft.Web/sites, Microsoft.KeyVault/vaults), not ${target.resourceType}`,
            o.targetResourceId,
        );
    }
    if (typeof o.requestMessage !== "string" || o.requestMessage.trim() === "") {
        throw new ValidationError("requestMessage", "must be the non-empty request message of the shared private link resource", o.requestMessage);
    }
    const description = o.description ?? o.requestMessage;
    if (description !== o.requestMessage && !description.startsWith(`${o.requestMessage} `)) {
        throw new ValidationError("description", "must start with the request message followed by a space, so the approved connection stays identifiable", description);
    }
    const timeoutSeconds = o.timeoutSeconds ?? 900;
    const pollIntervalSeconds = o.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS;
    if (o.maxPollIntervalSeconds !== undefined && !(o.maxPollIntervalSeconds > 0)) {
        throw new ValidationError("maxPollIntervalSeconds", "must be a positive number of seconds", o.maxPollIntervalSeconds);
    }
    const confirmationSeconds = o.confirmationSeconds ?? 600;
    if (!(timeoutSeconds > 0)) throw new ValidationError("timeoutSeconds", "must be a positive number of seconds", o.timeoutSeconds);
    if (!(pollIntervalSeconds > 0)) throw new ValidationError("pollIntervalSeconds", "must be a positive number of seconds", o.pollIntervalSeconds);
    if (!(confirmationSeconds > 0)) throw new ValidationError("confirmationSeconds", "must be a positive number of seconds", o.confirmationSeconds);
    let signalRSubscriptionId: string | undefined;
    if (o.sharedPrivateLinkResourceId !== undefined) {
        const spl = parseResourceId("sharedPrivateLinkResourceId", o.sharedPrivateLinkResourceId);
        if (!sameResourceType(spl.resourceType, "Microsoft.SignalRService/signalR/sharedPrivateLinkResources")) {
            throw new ValidationError(
                "sharedPrivateLinkResourceId",
                "must be the id of a SignalR shared private link resource (Microsoft.SignalRService/signalR/sharedPrivateLinkResources)",
                o.sharedPrivateLinkResourceId,
            );
        }
        signalRSubscriptionId = spl.subscriptionId;
    }
    if (o.replicaNames !== undefined) {
        if (!Array.isArray(o.replicaNames)) throw new ValidationError("replicaNames", "must be a list of replica names", o.replicaNames);
        if (o.sharedPrivateLinkResourceId === undefined)
            throw new ValidationError("replicaNames", "needs sharedPrivateLinkResourceId: replicas hold copies of that link", o.replicaNames);
        o.replicaNames.forEach((n, i) => {
            if (typeof n !== "string" || !SIGNALR_NAME.test(n)) throw new ValidationError(`replicaNames[${i}]`, "must be a replica name: 3-63 letters, digits and hyphens", n);
        });
    }
    // A marked description (` (approval <mark>)`) is this approval's base plus its own mark.
    const base = unmarkedDescription(description);
    return {
        apiVersion: row.connectionsApiVersion,
        targetName: target.name,
        description,
        ours: { requestMessage: o.requestMessage, base },
        signalRSubscriptionId,
        timeoutSeconds,
        confirmationSeconds,
        pollIntervalSeconds,
    };
}

/**
 * Runtime-only dependencies of the ARM-backed dynamic providers, for tests: never part of their
 * inputs, so never in state.
 */
export interface ArmDependencies {
    credential?: TokenCredential;
    ca?: string;
    retryDelayInMs?: number;
}

/** Just the dependency fields (callers' objects may carry more, such as a log function). */
export function armDependencies(deps: ArmDependencies): ArmDependencies {
    return { credential: deps.credential, ca: deps.ca, retryDelayInMs: deps.retryDelayInMs };
}

/** Bound of a single write outside the approval's own wait (a system key, a rejection): 15 minutes. */
export const WRITE_DEADLINE_SECONDS = 900;

/** The deadline of such a write started now. */
export const writeDeadline = (now: number = Date.now()): number => now + WRITE_DEADLINE_SECONDS * 1000;

/**
 * The Resource Manager client for the options: the target azure-native would use (resolveArmTarget:
 * explicit endpoint, the configured cloud, or the Azure CLI's), signed in as azure-native signs in
 * (azure-native's stack configuration before the environment). The credential is one per process
 * and target, so its tokens serve every later client (one `az` call, not one per poll).
 */
export async function createArmClient(
    o: Pick<ApprovalOptions, "resourceManagerEndpoint" | "credential" | "ca" | "retryDelayInMs" | "pollIntervalSeconds" | "azureNativeConfig"> & {
        deadline?: number;
        /** Wait between polls of a long-running operation without Retry-After. @default a quarter of pollIntervalSeconds, at most 5 s */
        operationPollIntervalMs?: number;
    },
): Promise<ArmClient> {
    const env = process.env;
    const settings = armSettings(o.azureNativeConfig, env);
    const method = o.credential ? undefined : armSignInMethod(env, settings);
    const target = await resolveArmTarget({ resourceManagerEndpoint: o.resourceManagerEndpoint, env, settings, method, cli: azureCli });
    const signIn = [target.endpoint, target.authorityHost, target.scope, env.PATH, env.AZURE_CONFIG_DIR, ...AZURE_NATIVE_SETTING_NAMES.map((k) => settings.get(k))];
    return new ArmClient({
        endpoint: target.endpoint,
        scope: target.scope,
        credential: o.credential ?? sharedCredential(signIn, () => defaultArmCredential(env, target.authorityHost, settings)),
        ca: o.ca,
        retryDelayInMs: o.retryDelayInMs,
        lroPollIntervalInMs: o.operationPollIntervalMs ?? Math.min(((o.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS) * 1000) / 4, 5000),
        deadline: o.deadline,
    });
}
