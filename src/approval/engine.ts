import type { TokenCredential } from "@azure/core-auth";
import { ArmClient, ArmError } from "../arm/armClient";
import { resolveArmTarget } from "../arm/armTarget";
import { azureCli } from "../arm/azureCli";
import { AZURE_NATIVE_SETTING_NAMES, AzureNativeConfig, armSettings } from "../arm/armSettings";
import { armSignInMethod, defaultArmCredential } from "../arm/credentials";
import { sharedCredential } from "../arm/sharedCredential";
import { findPrivateLinkTarget } from "../arm/privateLinkTargets";
import { parseResourceId, sameResourceType } from "../arm/resourceId";
import { ValidationError } from "../upstream/validationError";
import { PrivateEndpointConnection, approvalBody, connectionName, connectionStatus, describeConnections, descriptionOf, judgeConnections } from "./connections";

/** SignalR's api-version (the one azure-native v3 uses). */
export const SIGNALR_API_VERSION = "2024-03-01";

export interface ApprovalOptions {
    /** Resource id of the target (Function app or Key Vault) that holds the connection. */
    targetResourceId: string;
    /** The shared private link resource's request message: how our connection is recognised. */
    requestMessage: string;
    /**
     * Description written with the approval; must be the request message or start with it and a
     * space. An approved connection with exactly this description needs no write. @default the request message
     */
    description?: string;
    /** Total time for the connection to appear, be approved and (if asked) be reported Approved. @default 900 */
    timeoutSeconds?: number;
    /** First wait between polls; grows by half each time up to maxPollIntervalSeconds. @default 10 */
    pollIntervalSeconds?: number;
    /** Cap of the poll interval. @default 30 */
    maxPollIntervalSeconds?: number;
    /** When given, wait until SignalR reports this shared private link resource `Approved`. */
    sharedPrivateLinkResourceId?: string;
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
}

/** The shared deadline and the current, growing poll interval (seconds). */
interface Timer {
    deadline: number;
    initial: number;
    interval: number;
    max: number;
}

/**
 * Finds our pending private endpoint connection on the target and approves it, then waits until
 * SignalR reports the shared private link resource Approved. Safety: only a connection whose
 * description is our request message is ever written; two such, or one Rejected/Disconnected, is
 * an error; one already approved with our description is success without a write (one approved
 * with another description of ours, e.g. by an approval this one replaces, is written once).
 */
export async function approvePrivateEndpointConnection(options: ApprovalOptions): Promise<ApprovalResult> {
    const checked = checkApprovalOptions(options);
    const log = options.log ?? (() => undefined);
    const timer: Timer = {
        deadline: Date.now() + checked.timeoutSeconds * 1000,
        initial: checked.pollIntervalSeconds,
        interval: checked.pollIntervalSeconds,
        max: Math.max(checked.pollIntervalSeconds, options.maxPollIntervalSeconds ?? 30),
    };
    // Every request, Retry-After wait and operation poll ends by the same deadline as the polling.
    const client = await createArmClient({ ...options, deadline: timer.deadline });
    const listUrl = client.url(options.targetResourceId, checked.apiVersion, ["privateEndpointConnections"], "targetResourceId");

    let approvedNow = false;
    let connection: PrivateEndpointConnection | undefined;
    let lastList: PrivateEndpointConnection[] = [];
    const notAppeared = () =>
        `No pending private endpoint connection with the request message "${options.requestMessage}" appeared on ${options.targetResourceId} within ${checked.timeoutSeconds} s; found ${describeConnections(lastList)}.`;
    while (!connection) {
        lastList = await withinDeadline(client.list<PrivateEndpointConnection>(listUrl), notAppeared);
        const verdict = judgeConnections(lastList, options.requestMessage);
        switch (verdict.kind) {
            case "ambiguous":
                throw new Error(
                    `Refusing to approve: ${verdict.connections.length} connections on ${options.targetResourceId} carry the request message "${options.requestMessage}": ${describeConnections(verdict.connections)}. Remove the stale one and retry.`,
                );
            case "refused":
                throw new Error(
                    `The private endpoint connection ${connectionName(verdict.connection)} on ${options.targetResourceId} is ${verdict.status}; it cannot be approved. Delete the shared private link resource and create it again.`,
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
                        : `Private endpoint connection ${connectionName(verdict.connection)} on ${checked.targetName} is approved with the description "${descriptionOf(verdict.connection)}"; writing "${checked.description}" to take it over.`,
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
                // A write answered 200 may still read Pending for a while: success is what a read shows.
                const readBack = await readUntilApproved(client, verdict.connection, checked, timer, log);
                if (!readBack) continue; // gone after the write: list again
                connection = readBack;
                approvedNow = true;
                break;
            }
            default:
                await wait(
                    timer,
                    notAppeared,
                    log,
                    `Waiting for the private endpoint connection from SignalR to appear on ${checked.targetName} (${describeConnections(lastList)}).`,
                );
        }
    }

    if (options.sharedPrivateLinkResourceId) {
        await waitForSignalRApproved(client, options.sharedPrivateLinkResourceId, timer, checked.timeoutSeconds, log);
    }
    return { connectionId: connection.id, connectionName: connectionName(connection), status: "Approved", approvedNow };
}

/** Reads the connection after the approval write until it shows Approved; undefined when it is gone (404). */
async function readUntilApproved(
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
        if (status === "Rejected" || status === "Disconnected") {
            throw new Error(`The private endpoint connection ${connectionName(written)} became ${status} right after it was approved; something else is managing it.`);
        }
        await wait(timer, stillNotApproved, log, `Approval of ${connectionName(written)} written; waiting for it to read Approved (now ${status}).`);
    }
}

/** Polls the shared private link resource until SignalR reports it Approved. */
async function waitForSignalRApproved(client: ArmClient, id: string, timer: Timer, timeoutSeconds: number, log: (m: string) => void): Promise<void> {
    const url = client.url(id, SIGNALR_API_VERSION);
    timer.interval = timer.initial; // a new phase: the SignalR side usually lags by a few minutes
    let status = "not read yet";
    const notReported = () => `SignalR did not report shared private link resource ${id} Approved within ${timeoutSeconds} s (last status: ${status}).`;
    for (;;) {
        const resource = await withinDeadline(client.get<{ properties?: { status?: string; provisioningState?: string } }>(url), notReported);
        status = resource?.properties?.status ?? (resource ? "Unknown" : "NotFound");
        if (status === "Approved") {
            log(`SignalR reports shared private link resource ${id.split("/").pop()} Approved.`);
            return;
        }
        if (status === "Rejected" || status === "Disconnected" || status === "Timeout") {
            throw new Error(`SignalR reports shared private link resource ${id} as ${status}: this state is final; delete the shared private link resource and create it again.`);
        }
        await wait(timer, notReported, log, `Waiting for SignalR to report the shared private link resource Approved (now ${status}).`);
    }
}

/**
 * A request of a polling loop. The shared deadline can fall while it is in flight: the error then
 * says what the loop was waiting for, followed by why the request ended.
 */
async function withinDeadline<T>(request: Promise<T>, timeoutMessage: () => string): Promise<T> {
    try {
        return await request;
    } catch (e) {
        if (e instanceof ArmError && e.code === "DeadlineExceeded") throw new Error(`${timeoutMessage()} ${e.message}`);
        throw e;
    }
}

/** Sleeps one poll interval (growing by half, capped), or throws the timeout message. */
async function wait(timer: Timer, timeoutMessage: () => string, log: (m: string) => void, progress: string): Promise<void> {
    const remaining = timer.deadline - Date.now();
    if (remaining <= 0) throw new Error(timeoutMessage());
    log(progress);
    const sleep = Math.min(timer.interval * 1000, remaining);
    await new Promise((resolve) => setTimeout(resolve, sleep));
    // The deadline passed while sleeping: say what we were waiting for, rather than start a request that cannot finish.
    if (Date.now() >= timer.deadline) throw new Error(timeoutMessage());
    timer.interval = Math.min(timer.interval * 1.5, timer.max);
}

interface CheckedOptions {
    apiVersion: string;
    targetName: string;
    description: string;
    timeoutSeconds: number;
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
    const pollIntervalSeconds = o.pollIntervalSeconds ?? 10;
    if (!(timeoutSeconds > 0)) throw new ValidationError("timeoutSeconds", "must be a positive number of seconds", o.timeoutSeconds);
    if (!(pollIntervalSeconds > 0)) throw new ValidationError("pollIntervalSeconds", "must be a positive number of seconds", o.pollIntervalSeconds);
    if (o.sharedPrivateLinkResourceId !== undefined) {
        const spl = parseResourceId("sharedPrivateLinkResourceId", o.sharedPrivateLinkResourceId);
        if (!sameResourceType(spl.resourceType, "Microsoft.SignalRService/signalR/sharedPrivateLinkResources")) {
            throw new ValidationError(
                "sharedPrivateLinkResourceId",
                "must be the id of a SignalR shared private link resource (Microsoft.SignalRService/signalR/sharedPrivateLinkResources)",
                o.sharedPrivateLinkResourceId,
            );
        }
    }
    return { apiVersion: row.connectionsApiVersion, targetName: target.name, description, timeoutSeconds, pollIntervalSeconds };
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
    o: Pick<ApprovalOptions, "resourceManagerEndpoint" | "credential" | "ca" | "retryDelayInMs" | "pollIntervalSeconds" | "azureNativeConfig"> & { deadline?: number },
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
        lroPollIntervalInMs: Math.min((o.pollIntervalSeconds ?? 10) * 1000, 5000),
        deadline: o.deadline,
    });
}
