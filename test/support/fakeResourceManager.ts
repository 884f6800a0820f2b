// A fake Azure Resource Manager on 127.0.0.1 over https with a self-signed certificate made at
// start. It models private endpoint connections on Microsoft.Web/sites and Microsoft.KeyVault/vaults
// targets and SignalR shared private link resources, and records every request it receives.
import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import type { TokenCredential } from "@azure/core-auth";
import * as selfsigned from "selfsigned";
import { LatencyModel, OperationKind, SERVICE_OPERATIONS, TimelineEvent, conflictAnswer, operationMs, serviceOfWrite } from "./armLatency";

export interface RecordedRequest {
    method: string;
    /** Path without query, percent-decoded. */
    path: string;
    /** The path as it arrived, before any decoding (the URL standard has already resolved `.`/`..` segments). */
    rawPath: string;
    query: Record<string, string>;
    body?: unknown;
    authorization?: string;
    /** The User-Agent header (the library's ARM client sends `signalr-serverless …`). */
    userAgent?: string;
    at: number;
}

export interface FakeConnection {
    name: string;
    status: "Pending" | "Approved" | "Rejected" | "Disconnected";
    description: string;
    /** Hidden from lists until this many list calls on its target have been answered. */
    appearAfterLists?: number;
    /** Hidden until this time (ms since epoch). */
    appearAt?: number;
    /** Omit `name` in list items, as Microsoft.Web does. */
    omitName?: boolean;
    /** The SignalR shared private link resource this connection belongs to. */
    sharedPrivateLinkResourceId?: string;
    /** After an approval is written, this many GETs of the connection still answer Pending. */
    pendingReadsAfterWrite?: number;
    /** The private endpoint behind it. @default SignalR's, in its managed subscription (SIGNALR_MANAGED_SUBSCRIPTION) */
    privateEndpointId?: string;
}

/** A canned answer a test puts in front of the fake's own routing. */
export interface CannedAnswer {
    status: number;
    /** A string is sent as is (e.g. an HTML error page); anything else as JSON. */
    body?: unknown;
    headers?: Record<string, string>;
}

export interface Fault {
    method?: string;
    /** Matches when the request path contains this text. */
    pathIncludes?: string;
    status: number;
    retryAfterSeconds?: number;
    /** How many requests it answers before it stops. @default 1 */
    times?: number;
}

/** A SignalR service: its writable properties and the private endpoint connections made on it. */
export interface FakeService {
    id: string;
    properties: Record<string, unknown>;
    inbound: { name: string; privateEndpointId: string; status: string; appearAfterGets: number }[];
    gets: number;
    /** What a PUT set beside `properties` (location, tags, sku, kind, identity). */
    resource?: Record<string, unknown>;
}

interface Target {
    id: string;
    apiVersion: string;
    connections: FakeConnection[];
    lists: number;
}

interface SharedPrivateLink {
    id: string;
    status: string;
    /** GETs left that still answer Pending after the connection was approved. */
    lagGets: number;
    /** Or: the time (ms) before which it still answers Pending after approval. */
    lagMs: number;
    approvedAt?: number;
    /** What SignalR shows of the link (learned from the connection it requested, see addConnection). */
    requestMessage?: string;
    privateLinkResourceId?: string;
    /** What a PUT set (groupId, privateLinkResourceId, requestMessage); links added by tests have none. */
    properties?: Record<string, unknown>;
}

export const TEST_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
/**
 * Where SignalR's own private endpoints live: its execution environment, never a subscription of
 * yours (Microsoft's shared private endpoints how-to). The real subscription is undocumented.
 */
export const SIGNALR_MANAGED_SUBSCRIPTION = "5157b5a1-0000-4000-8000-00000000a5f5";
export const API_VERSIONS: Record<string, string> = { "microsoft.web/sites": "2024-04-01", "microsoft.keyvault/vaults": "2023-07-01" };

/** A credential that always hands out the same fake token (no Azure here). */
export const fakeCredential: TokenCredential = {
    getToken: async () => ({ token: "fake-token", expiresOnTimestamp: Date.now() + 3600_000 }),
};

/** The token the fake `az` (test/support/fakeAzureCli.ts) prints. */
export const FAKE_CLI_TOKEN = "fake-cli-token";
/** The tenant the fake Azure CLI signs in to (test/support/fakeAzureCli.ts). */
export const TEST_TENANT = "33333333-3333-3333-3333-333333333333";
/** The principal the fake reports as creator of what is PUT through it. */
const FAKE_CLI_PRINCIPAL = "44444444-4444-4444-4444-444444444444";

let certificate: Promise<{ private: string; cert: string }> | undefined;

/** One self-signed certificate for 127.0.0.1 per test process (RSA key generation is slow). */
function loopbackCertificate(): Promise<{ private: string; cert: string }> {
    certificate ??= Promise.resolve(
        selfsigned.generate([{ name: "commonName", value: "127.0.0.1" }], {
            keySize: 2048,
            extensions: [
                {
                    name: "subjectAltName",
                    altNames: [
                        { type: 7, ip: "127.0.0.1" },
                        { type: 2, value: "localhost" },
                    ],
                },
            ],
        } as never),
    );
    return certificate;
}

export class FakeResourceManager {
    readonly requests: RecordedRequest[] = [];
    /** How approval PUTs answer: 200 at once, 201/202 with Azure-AsyncOperation, or 202 with Location only. */
    approvalMode: "200" | "201-async" | "202-async" | "202-location" = "200";
    /**
     * What a deleted shared private link leaves of its connection on the target: none (`removed`), or
     * the connection `Disconnected` (SignalR's endpoint gone, the target still listing it, as issue #21
     * item 1 describes); one Rejected on the target stays Rejected.
     */
    deletedLinkConnections: "removed" | "Disconnected" = "removed";
    /** How many polls of an async operation answer InProgress before Succeeded. */
    operationPolls = 1;
    /** Items per list page; more items are paged with nextLink. */
    pageSize = 50;
    readonly faults: Fault[] = [];
    /** Consulted first, in order: the first that returns an answer answers the request. */
    readonly answers: ((r: RecordedRequest) => CannedAnswer | undefined)[] = [];
    /** Authorization headers answered; anything else gets 401. The fake Azure CLI hands out the second. */
    readonly acceptedAuthorizations = ["Bearer fake-token", `Bearer ${FAKE_CLI_TOKEN}`];
    ca = "";
    endpoint = "";

    /** The api-versions the SignalR routes answer (a provider upgrade may bring another). */
    readonly signalRApiVersions = ["2024-03-01"];
    /** Private endpoints (Microsoft.Network) PUT through the fake, by lower-cased id, with the body they were PUT with. */
    readonly privateEndpoints = new Map<string, { id: string; body: unknown; serviceIds: string[] }>();
    /** Management locks by lower-cased id (`<scope>/providers/Microsoft.Authorization/locks/<name>`), with their level. */
    readonly locks = new Map<string, { id: string; scope: string; level: string; notes?: string; owners?: unknown[] }>();
    /** SignalR services by lower-cased id, with the properties PATCHed into them and their inbound private endpoint connections. */
    readonly services = new Map<string, FakeService>();
    /** Function app system keys by lower-cased key path, with their values. */
    readonly systemKeys = new Map<string, string>();
    /** Resources of the GENERIC_TYPES (identities, role assignments) PUT through the fake, by lower-cased id, as GET answers them. */
    readonly genericResources = new Map<string, Record<string, unknown>>();
    /**
     * How long ago role assignments report being created (`createdOn`). Azure reports the time of
     * the PUT; an engine scenario sets this to the Key Vault RBAC settle time, so the upstream
     * re-read does not wait out ten real minutes. @default 0
     */
    roleAssignmentAgeSeconds = 0;
    /** Geo-replicas by lower-cased id (`…/signalR/{svc}/replicas/{name}`). */
    readonly replicas = new Map<string, FakeReplica>();
    /**
     * Whether a replica created after a link gets a copy of it. The SignalR team describes the copy
     * for links created while replicas exist (Azure/azure-rest-api-specs PR #28259); Microsoft's Web
     * PubSub geo-replication how-to says shared private endpoints "are automatically replicated to
     * replicas" without that condition, which this models. @default true
     */
    copyLinksToNewReplicas = true;
    /** Key Vault secrets' values by lower-cased secret id (GET never shows a value, as Azure's does not). */
    readonly secretValues = new Map<string, string>();
    /** Function apps' site configuration (`config/web`) by lower-cased site id: a site's GET leaves it out, as Azure's does. */
    readonly siteConfigs = new Map<string, Record<string, unknown>>();
    /**
     * Opt-in latency model (test/support/armLatency.ts): every answer delayed, long-running
     * operations that end after their time, connections that appear and approvals that reach
     * SignalR late, and SignalR's one operation at a time (409 Conflict). @default none: all at once
     */
    latency?: LatencyModel;
    /** What happened when, under the latency model (operations, connections appearing, conflicts, Key Vault re-reads). */
    readonly timeline: TimelineEvent[] = [];
    /** Under the latency model: the operation running on each SignalR service (lower-cased id), until when. */
    private readonly running = new Map<string, { until: number; kind: OperationKind }>();
    private readonly targets = new Map<string, Target>();
    private readonly links = new Map<string, SharedPrivateLink>();
    private readonly operations = new Map<string, { pollsLeft: number; finish: () => void; location: boolean; timed?: { done: boolean } }>();
    private server?: https.Server;
    private opCounter = 0;

    async start(): Promise<void> {
        const pems = await loopbackCertificate();
        this.ca = pems.cert;
        this.server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => void this.handle(req, res));
        this.server.listen(0, "127.0.0.1");
        await once(this.server, "listening");
        this.endpoint = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        this.server.close();
        await once(this.server, "close");
    }

    /** Adds a target resource (Function app or Key Vault) and returns its id. */
    addTarget(type: "Microsoft.Web/sites" | "Microsoft.KeyVault/vaults", name: string, resourceGroup = "app-rg"): string {
        const id = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${resourceGroup}/providers/${type}/${name}`;
        this.targets.set(id.toLowerCase(), { id, apiVersion: API_VERSIONS[type.toLowerCase()], connections: [], lists: 0 });
        return id;
    }

    /** Makes a resource PUT through the fake (a Function app, a Key Vault) a private link target, keeping one that is there. */
    registerTarget(id: string): void {
        const type = id.split("/providers/")[1].split("/").slice(0, 2).join("/").toLowerCase();
        if (!this.targets.has(id.toLowerCase())) this.targets.set(id.toLowerCase(), { id, apiVersion: API_VERSIONS[type], connections: [], lists: 0 });
    }

    /** A target deleted: its connections go with it. */
    removeTarget(id: string): void {
        this.targets.delete(id.toLowerCase());
    }

    /** Adds a SignalR shared private link resource, Pending until its connection is approved (plus lag). */
    addSharedPrivateLink(signalRName: string, name: string, lag: { gets?: number; ms?: number } = {}, resourceGroup = "app-rg"): string {
        const id = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${resourceGroup}/providers/Microsoft.SignalRService/signalR/${signalRName}/sharedPrivateLinkResources/${name}`;
        this.links.set(id.toLowerCase(), { id, status: "Pending", lagGets: lag.gets ?? 0, lagMs: lag.ms ?? 0 });
        return id;
    }

    /**
     * Adds a geo-replica of a service (as made outside the stack), which gets a copy of each of the
     * service's links and, for each copy, a Pending connection on its target with the link's request
     * message; returns its id.
     */
    addReplica(signalRName: string, replicaName: string, resourceGroup = "app-rg", location = "eastus"): string {
        const id = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${resourceGroup}/providers/Microsoft.SignalRService/signalR/${signalRName}/replicas/${replicaName}`;
        this.replicas.set(id.toLowerCase(), {
            id,
            location,
            sku: { name: "Premium_P1", tier: "Premium", capacity: 1 },
            properties: { regionEndpointEnabled: "Enabled", resourceStopped: "false" },
        });
        if (this.copyLinksToNewReplicas) for (const link of this.primaryLinksOf(id.split("/replicas/")[0])) this.copyLink(link, id);
        return id;
    }

    /** The replicas of a service. */
    replicasOf(serviceId: string): FakeReplica[] {
        const prefix = `${serviceId.toLowerCase()}/replicas/`;
        return [...this.replicas.values()].filter((r) => r.id.toLowerCase().startsWith(prefix));
    }

    /** The service's own links (not the replicas' copies). */
    private primaryLinksOf(serviceId: string): SharedPrivateLink[] {
        const prefix = `${serviceId.toLowerCase()}/sharedprivatelinkresources/`;
        return [...this.links.values()].filter((l) => l.id.toLowerCase().startsWith(prefix));
    }

    /** The ids of the replicas' copies of a primary link. */
    private copiesOf(primaryLinkId: string): string[] {
        const service = primaryLinkId.split(/\/sharedPrivateLinkResources\//i)[0];
        return this.replicasOf(service)
            .map((r) => replicaLinkId(primaryLinkId, r.id.split("/").pop()!))
            .filter((id) => this.links.has(id.toLowerCase()));
    }

    /**
     * Copies a primary link to a replica, as the SignalR team describes (PR #28259: the replica's
     * link "is a replication of" the primary's): same name and properties, Pending, and its own
     * managed private endpoint's Pending connection on the target carrying the request message.
     */
    private copyLink(link: SharedPrivateLink, replicaId: string, putAt?: number): void {
        const id = replicaLinkId(link.id, replicaId.split("/").pop()!);
        if (this.links.has(id.toLowerCase())) return;
        const properties = structuredClone(link.properties ?? {});
        const target = String(properties.privateLinkResourceId ?? link.privateLinkResourceId ?? "");
        const requestMessage = String(properties.requestMessage ?? link.requestMessage ?? "");
        // Under the latency model the copy's connection appears on its own time (counted from the
        // primary link's PUT, or from now for a link that existed before the replica); its approval
        // reaches SignalR as late as the primary's (the same lag, in GETs or in time).
        const lagMs = this.latency?.approvalPropagationMs ?? link.lagMs;
        this.links.set(id.toLowerCase(), { id, status: "Pending", lagGets: link.lagGets, lagMs, requestMessage, privateLinkResourceId: target, properties });
        const t = this.targets.get(target.toLowerCase());
        const appearAt = this.latency ? (putAt ?? Date.now()) + this.latency.replicaConnectionAppearMs : undefined;
        if (appearAt !== undefined) this.timeline.push({ at: appearAt, event: "connection-visible", id });
        if (t)
            t.connections.push({
                name: `${replicaId.split("/").pop()}.${randomUUID()}`,
                status: "Pending",
                description: requestMessage,
                sharedPrivateLinkResourceId: id,
                appearAt,
            });
    }

    /** A new primary link, copied to every replica of its service (for links a test adds itself, as the PUT does). */
    copyToReplicas(primaryLinkId: string, putAt?: number): void {
        const link = this.links.get(primaryLinkId.toLowerCase());
        if (!link) return;
        for (const replica of this.replicasOf(primaryLinkId.split(/\/sharedPrivateLinkResources\//i)[0])) this.copyLink(link, replica.id, putAt);
    }

    /** A replica deleted: its copies go with it (what the target then shows follows deletedLinkConnections). */
    private dropReplica(replicaId: string): void {
        this.replicas.delete(replicaId.toLowerCase());
        const prefix = `${replicaId.toLowerCase()}/sharedprivatelinkresources/`;
        for (const link of [...this.links.values()].filter((l) => l.id.toLowerCase().startsWith(prefix))) this.dropSharedPrivateLink(link.id);
    }

    /**
     * Replicas and their copies of links (REST spec 2024-03-01): replica PUT answers 201 with
     * Azure-AsyncOperation (final-state-via azure-async-operation) and copies the service's links when
     * done, PATCH answers 202 with Location (final-state-via location), GET, LIST, DELETE (synchronous, 200/204). A copy of a link: GET (the link route), LIST, PUT
     * (200 on an existing copy, its status kept), and no DELETE (405: the spec has none).
     */
    private routeReplicas(r: RecordedRequest, send: (status: number, body?: unknown, headers?: Record<string, string>) => void): boolean {
        const m =
            /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.SignalRService\/signalR\/[^/]+)\/replicas(?:\/([^/]+)(?:\/sharedPrivateLinkResources(?:\/([^/]+))?)?)?$/i.exec(
                r.path,
            );
        if (!m) return false;
        if (!this.signalRApiVersions.includes(r.query["api-version"])) return (send(400, { error: { code: "InvalidApiVersion", message: r.query["api-version"] } }), true);
        const [serviceId, replicaName, linkName] = [m[1], m[2], m[3]];
        const copies = r.path.toLowerCase().includes("/sharedprivatelinkresources");
        const shownReplica = (x: FakeReplica) => ({
            id: x.id,
            name: x.id.split("/").pop(),
            type: "Microsoft.SignalRService/SignalR/replicas",
            location: x.location,
            ...(x.tags ? { tags: x.tags } : {}),
            sku: x.sku,
            properties: { ...x.properties, provisioningState: "Succeeded" },
        });
        const shownLink = (l: SharedPrivateLink) => ({
            id: l.id,
            name: l.id.split("/").pop(),
            properties: {
                groupId: "sites",
                privateLinkResourceId: l.privateLinkResourceId,
                requestMessage: l.requestMessage,
                ...l.properties,
                provisioningState: "Succeeded",
                status: reportedStatus(l),
            },
        });
        if (!replicaName) {
            if (r.method !== "GET") return (send(405), true);
            return (send(200, { value: this.replicasOf(serviceId).map(shownReplica) }), true);
        }
        const replicaId = `${serviceId}/replicas/${replicaName}`;
        const replica = this.replicas.get(replicaId.toLowerCase());
        if (!copies) {
            if (r.method === "GET") return (replica ? send(200, shownReplica(replica)) : send(404, { error: { code: "ResourceNotFound", message: replicaId } }), true);
            if (r.method === "DELETE") return (replica ? (this.dropReplica(replicaId), send(200)) : send(204), true);
            if (r.method === "PATCH") {
                // SignalRReplicas_Update: 202 with Location (final-state-via location); what the body carries is set when done.
                // Under the latency model an operation of the service (replicaUpdateMs), as SignalR runs one at a time.
                if (!replica) return (send(404, { error: { code: "ResourceNotFound", message: replicaId } }), true);
                const patch = structuredClone((r.body as Partial<FakeReplica>) ?? {});
                const finish = () => {
                    if (patch.tags) replica.tags = patch.tags;
                    if (patch.sku) replica.sku = { ...replica.sku, ...patch.sku };
                    Object.assign(replica.properties, patch.properties ?? {});
                };
                return (send(202, undefined, { Location: this.replicaOperation("replica-update", r.path, finish, true), "Retry-After": "0" }), true);
            }
            if (r.method !== "PUT") return (send(405), true);
            if (!this.services.has(serviceId.toLowerCase())) return (send(404, { error: { code: "ParentResourceNotFound", message: serviceId } }), true);
            const body = structuredClone(
                (r.body as { location?: string; tags?: Record<string, string>; sku?: Record<string, unknown>; properties?: Record<string, unknown> }) ?? {},
            );
            const written: FakeReplica = { id: r.path, location: body.location, tags: body.tags, sku: body.sku, properties: body.properties ?? {} };
            if (replica) return (Object.assign(replica, written), send(200, shownReplica(replica)), true);
            const finish = () => {
                this.replicas.set(replicaId.toLowerCase(), written);
                if (this.copyLinksToNewReplicas) for (const link of this.primaryLinksOf(serviceId)) this.copyLink(link, replicaId);
            };
            const operation = this.replicaOperation("replica-create", r.path, finish, false);
            return (
                send(
                    201,
                    { ...shownReplica(written), properties: { ...written.properties, provisioningState: "Creating" } },
                    { "Azure-AsyncOperation": operation, "Retry-After": "0" },
                ),
                true
            );
        }
        if (!replica) return (send(404, { error: { code: "ResourceNotFound", message: replicaId } }), true);
        const prefix = `${replicaId.toLowerCase()}/sharedprivatelinkresources/`;
        if (!linkName) {
            if (r.method !== "GET") return (send(405), true);
            return (send(200, { value: [...this.links.values()].filter((l) => l.id.toLowerCase().startsWith(prefix)).map(shownLink) }), true);
        }
        const copy = this.links.get(r.path.toLowerCase());
        if (r.method === "DELETE") return (send(405, { error: { code: "MethodNotAllowed", message: "a replica's shared private link has no DELETE" } }), true);
        if (r.method === "PUT") {
            const primary = this.links.get(`${serviceId}/sharedPrivateLinkResources/${linkName}`.toLowerCase());
            if (!copy) {
                if (!primary) return (send(404, { error: { code: "ResourceNotFound", message: "no such link on the primary" } }), true);
                this.copyLink(primary, replicaId);
            } else copy.properties = structuredClone((r.body as { properties?: Record<string, unknown> })?.properties ?? {});
            return (send(200, shownLink(this.links.get(r.path.toLowerCase())!)), true);
        }
        if (r.method !== "GET") return (send(405), true);
        return (copy ? send(200, shownLink(copy)) : send(404, { error: { code: "ResourceNotFound", message: r.path } }), true);
    }

    /** A replica write's operation URL; under the latency model a timed operation holding the service (one operation at a time). */
    private replicaOperation(kind: OperationKind, id: string, finish: () => void, location: boolean): string {
        if (this.latency) return this.timedOperation(kind, id, finish, location);
        const opId = `op-${++this.opCounter}`;
        this.operations.set(opId, { pollsLeft: this.operationPolls, location, finish });
        return `${this.endpoint}/operations/${opId}`;
    }

    /** Adds a SignalR service that accepts PATCH of its properties. */
    addSignalR(name: string, resourceGroup = "app-rg", properties: Record<string, unknown> = {}): string {
        const id = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${resourceGroup}/providers/Microsoft.SignalRService/signalR/${name}`;
        this.services.set(id.toLowerCase(), { id, properties: structuredClone(properties), inbound: [], gets: 0 });
        return id;
    }

    /**
     * Adds the connection a private endpoint makes on a SignalR service (as Azure does when the
     * endpoint is created), named `<endpoint>.<guid>` like Azure's; returns its name.
     */
    addInboundConnection(serviceId: string, privateEndpointId: string, o: { status?: string; appearAfterGets?: number } = {}): string {
        const service = this.services.get(serviceId.toLowerCase())!;
        const name = `${privateEndpointId.split("/").pop()!.toLowerCase()}.${String(service.inbound.length + 1).padStart(8, "0")}-bf3f-47f0-8c49-afb36723997e`;
        service.inbound.push({ name, privateEndpointId, status: o.status ?? "Approved", appearAfterGets: o.appearAfterGets ?? 0 });
        return name;
    }

    removeService(serviceId: string): void {
        this.services.delete(serviceId.toLowerCase());
    }

    /**
     * Adds a connection on a target. One with a shared private link is SignalR's request: a Pending
     * one sets what the link shows (its request message and target), as SignalR's link carries both.
     */
    addConnection(targetId: string, connection: FakeConnection): string {
        this.target(targetId).connections.push(connection);
        const link = connection.sharedPrivateLinkResourceId ? this.links.get(connection.sharedPrivateLinkResourceId.toLowerCase()) : undefined;
        if (link && connection.status === "Pending") Object.assign(link, { requestMessage: connection.description, privateLinkResourceId: targetId });
        return `${targetId}/privateEndpointConnections/${connection.name}`;
    }

    removeConnection(targetId: string, name: string): void {
        const t = this.target(targetId);
        t.connections = t.connections.filter((c) => c.name !== name);
    }

    /**
     * Models azure-native replacing a link with an explicit name (delete first, then create under the
     * same id): SignalR's old private endpoint is gone, so its connection on the target reads
     * `oldConnection` (Disconnected, or removed), and the new link is Pending until its new
     * connection, added by the caller, is approved.
     */
    recreateSharedPrivateLink(linkId: string, targetId: string, oldConnectionName: string, oldConnection: "Disconnected" | "removed" = "Disconnected"): void {
        if (oldConnection === "removed") this.removeConnection(targetId, oldConnectionName);
        else this.connection(targetId, oldConnectionName).status = "Disconnected";
        Object.assign(this.links.get(linkId.toLowerCase())!, { status: "Pending", approvedAt: undefined });
    }

    /** Sets what SignalR reports for a shared private link resource (e.g. Timeout). */
    setLinkStatus(id: string, status: string): void {
        this.links.get(id.toLowerCase())!.status = status;
    }

    connection(targetId: string, name: string): FakeConnection {
        const found = this.target(targetId).connections.find((c) => c.name === name);
        if (!found) throw new Error(`no connection ${name}`);
        return found;
    }

    /** Requests matching a method and a path fragment. */
    count(method: string, pathIncludes = ""): number {
        return this.requests.filter((r) => r.method === method && r.path.includes(pathIncludes)).length;
    }

    /** The lock that refuses deleting at or under this id, if any (a CanNotDelete or ReadOnly lock at its scope or above). */
    lockOver(id: string): { id: string; level: string } | undefined {
        const lower = id.toLowerCase();
        return [...this.locks.values()].find((l) => lower === l.scope.toLowerCase() || lower.startsWith(`${l.scope.toLowerCase()}/`));
    }

    /**
     * Whole-resource writes, as azure-native makes them: SignalR services PUT (the properties as sent
     * replace what was there: an entry not sent is gone) and DELETEd; private endpoints PUT (their
     * connection then shows on the service they name, as Azure makes it) and DELETEd (the connection
     * goes with them); management locks PUT, listed and DELETEd. A DELETE under a lock answers 409
     * ScopeLocked, as Resource Manager does. Returns whether it answered.
     */
    private routeWholeResources(r: RecordedRequest, send: (status: number, body?: unknown, headers?: Record<string, string>) => void): boolean {
        const scopeLocked = (id: string) => {
            const lock = this.lockOver(id);
            if (!lock) return false;
            send(409, { error: { code: "ScopeLocked", message: `The scope '${id}' cannot perform delete operation because following scope(s) are locked: '${lock.id}'.` } });
            return true;
        };
        const lockMatch = /^(.+)\/providers\/Microsoft\.Authorization\/locks(?:\/([^/]+))?$/i.exec(r.path);
        if (lockMatch) {
            const [, scope, name] = lockMatch;
            if (!name) {
                if (r.method !== "GET") return (send(405), true);
                const value = [...this.locks.values()]
                    .filter((l) => l.scope.toLowerCase() === scope.toLowerCase())
                    .map((l) => ({ id: l.id, name: l.id.split("/").pop(), properties: { level: l.level } }));
                return (send(200, { value }), true);
            }
            const key = r.path.toLowerCase();
            if (r.method === "PUT") {
                const properties = (r.body as { properties?: { level?: string; notes?: string; owners?: unknown[] } })?.properties ?? {};
                const level = properties.level ?? "CanNotDelete";
                this.locks.set(key, { id: r.path, scope, level, notes: properties.notes, owners: properties.owners });
                return (send(200, { id: r.path, name, type: "Microsoft.Authorization/locks", properties: { ...properties, level } }), true);
            }
            if (r.method === "DELETE") return ((this.locks.delete(key), send(200)), true);
            const lock = this.locks.get(key);
            const shown = lock && {
                id: lock.id,
                name,
                type: "Microsoft.Authorization/locks",
                properties: { level: lock.level, ...(lock.notes ? { notes: lock.notes } : {}), ...(lock.owners ? { owners: lock.owners } : {}) },
            };
            return (shown ? send(200, shown) : send(404, { error: { code: "LockNotFound", message: name } }), true);
        }
        if (
            /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.SignalRService\/signalR\/[^/]+$/i.test(r.path) &&
            (r.method === "PUT" || r.method === "DELETE")
        ) {
            if (!this.signalRApiVersions.includes(r.query["api-version"])) return (send(400, { error: { code: "InvalidApiVersion", message: r.query["api-version"] } }), true);
            const key = r.path.toLowerCase();
            if (r.method === "DELETE") {
                if (scopeLocked(r.path)) return true;
                this.services.delete(key);
                for (const replica of this.replicasOf(r.path)) this.replicas.delete(replica.id.toLowerCase());
                // Its shared private links go with it (and so do SignalR's endpoints behind them).
                for (const link of this.sharedPrivateLinks().filter((l) => l.toLowerCase().startsWith(`${key}/`))) this.dropSharedPrivateLink(link);
                return (send(200), true);
            }
            const existing = this.services.get(key);
            const { properties = {}, ...resource } = structuredClone((r.body as { properties?: Record<string, unknown> }) ?? {});
            if (existing) Object.assign(existing, { properties, resource });
            else this.services.set(key, { id: r.path, properties, inbound: [], gets: 0, resource });
            // Under the latency model a PUT is a long-running operation; the service reads its Key Vault references when it ends.
            const operation = this.latency
                ? { "Azure-AsyncOperation": this.timedOperation(existing ? "signalr-update" : "signalr-create", r.path, () => this.keyVaultReread(r.path), false) }
                : undefined;
            return (send(existing ? 200 : 201, { id: r.path, name: r.path.split("/").pop(), properties }, operation), true);
        }
        if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateEndpoints\/[^/]+$/i.test(r.path)) {
            const key = r.path.toLowerCase();
            const existing = this.privateEndpoints.get(key);
            if (r.method === "GET") {
                if (!existing) return (send(404, { error: { code: "ResourceNotFound", message: r.path } }), true);
                // As Azure shows it (privateEndpoint.json): name, type and provisioningState beside what was PUT.
                const body = existing.body as { properties?: object };
                const shown = {
                    ...body,
                    id: existing.id,
                    name: existing.id.split("/").pop(),
                    type: "Microsoft.Network/privateEndpoints",
                    properties: { ...body.properties, provisioningState: "Succeeded" },
                };
                return (send(200, shown), true);
            }
            if (r.method === "DELETE") {
                if (!existing) return (send(204), true);
                for (const serviceId of existing.serviceIds) if (scopeLocked(serviceId)) return true;
                for (const serviceId of existing.serviceIds) {
                    const service = this.services.get(serviceId.toLowerCase());
                    if (service) service.inbound = service.inbound.filter((c) => c.privateEndpointId.toLowerCase() !== key);
                }
                this.privateEndpoints.delete(key);
                return (send(200), true);
            }
            if (r.method !== "PUT") return (send(405), true);
            const connections =
                (r.body as { properties?: { privateLinkServiceConnections?: { properties?: { privateLinkServiceId?: string } }[] } })?.properties?.privateLinkServiceConnections ??
                [];
            const serviceIds = connections.map((c) => c.properties?.privateLinkServiceId ?? "").filter((id) => this.services.has(id.toLowerCase()));
            for (const serviceId of serviceIds) {
                const service = this.services.get(serviceId.toLowerCase())!;
                if (!service.inbound.some((c) => c.privateEndpointId.toLowerCase() === key)) this.addInboundConnection(serviceId, r.path);
            }
            this.privateEndpoints.set(key, { id: r.path, body: structuredClone(r.body), serviceIds });
            return (send(existing ? 200 : 201, { id: r.path, ...(r.body as object) }), true);
        }
        return false;
    }

    /**
     * PUT, GET and DELETE of the GENERIC_TYPES, answered as Azure answers them: the body as PUT,
     * with `id`, `name`, `type` and the type's read-only properties (an identity's principal, a
     * role assignment's scope and times). A DELETE of what is not there answers 204.
     */
    private routeGenericResources(r: RecordedRequest, send: (status: number, body?: unknown, headers?: Record<string, string>) => void): boolean {
        if (this.routeReferenceActions(r, send)) return true;
        const type = GENERIC_TYPES.find((t) => t.path.test(r.path));
        if (!type) return false;
        if (r.query["api-version"] !== type.apiVersion) return (send(400, { error: { code: "InvalidApiVersion", message: `expected ${type.apiVersion}` } }), true);
        const key = r.path.toLowerCase();
        const existing = this.genericResources.get(key);
        if (r.method === "GET")
            return (existing ? send(200, type.shown ? type.shown(this, existing) : existing) : send(404, { error: { code: type.notFound, message: r.path } }), true);
        if (r.method === "DELETE") {
            if (type.noDelete) return (send(405, { error: { code: "MethodNotAllowed", message: type.noDelete } }), true);
            if (!existing) return (send(204), true);
            this.genericResources.delete(key);
            type.deleted?.(this, r.path);
            if (type.longRunningDelete) return (send(202, undefined, { Location: this.finishedOperation(true), "Retry-After": "0" }), true);
            return (send(200, existing), true);
        }
        if (r.method !== "PUT") return (send(405), true);
        const parent = type.parent?.(r.path);
        if (parent && !this.genericResources.has(parent.toLowerCase())) return (send(404, { error: { code: "ParentResourceNotFound", message: parent } }), true);
        const { properties = {}, ...rest } = structuredClone((r.body as { properties?: Record<string, unknown> }) ?? {});
        const kept = existing?.properties as Record<string, unknown> | undefined;
        const written = type.written ? type.written(this, r.path, properties) : properties;
        const shown = {
            ...rest,
            id: r.path,
            name: r.path.split("/").pop(),
            type: type.type,
            properties: { ...written, ...type.readOnly(r.path, kept, this.roleAssignmentAgeSeconds) },
        };
        this.genericResources.set(key, shown);
        if (this.latency && type.type === "Microsoft.Authorization/roleAssignments") {
            this.timeline.push({ at: Date.now() + this.latency.keyVaultRbacMs, event: "role-assignment-effective", id: r.path });
        }
        if (type.longRunningPut) return (send(202, undefined, { Location: this.finishedOperation(true), "Retry-After": "0" }), true);
        return (send(existing ? 200 : 201, type.shown ? type.shown(this, shown) : shown), true);
    }

    /** An operation that finishes after `operationPolls` polls, its effect already applied; returns its URL. */
    private finishedOperation(location: boolean): string {
        const opId = `op-${++this.opCounter}`;
        this.operations.set(opId, { pollsLeft: this.operationPolls, finish: () => undefined, location });
        return `${this.endpoint}/operations/${opId}`;
    }

    /**
     * The reference deployment's actions beside whole resources: a storage account's and a SignalR
     * service's `listKeys` (POST; a ReadOnly lock refuses it, as Resource Manager refuses POSTs under
     * one), a Function app's `config/web` (GET), and the Key Vault data plane's secret DELETE that
     * azure-native sends to `https://<vault>.vault.azure.net/secrets/<name>` (the stand-in sends it here,
     * under `/keyvault-data-plane/<vault>`).
     */
    private routeReferenceActions(r: RecordedRequest, send: (status: number, body?: unknown, headers?: Record<string, string>) => void): boolean {
        const listKeys =
            /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/(Microsoft\.Storage\/storageAccounts|Microsoft\.SignalRService\/signalR)\/[^/]+)\/listKeys$/i.exec(r.path);
        if (listKeys && r.method === "POST") {
            const [, id, kind] = listKeys;
            const seed = (which: string) => createHash("sha256").update(`${which} ${id.toLowerCase()}`).digest("base64");
            const lock = this.lockOver(id);
            if (lock?.level === "ReadOnly")
                return (
                    send(409, { error: { code: "ScopeLocked", message: `The scope '${id}' cannot perform write operation because following scope(s) are locked: '${lock.id}'.` } }),
                    true
                );
            if (kind.toLowerCase() === "microsoft.storage/storageaccounts") {
                if (r.query["api-version"] !== "2024-01-01") return (send(400, { error: { code: "InvalidApiVersion", message: r.query["api-version"] } }), true);
                if (!this.genericResources.has(id.toLowerCase())) return (send(404, { error: { code: "ResourceNotFound", message: id } }), true);
                // Shaped as storage.json's StorageAccountListKeys example.
                return (send(200, { keys: ["key1", "key2"].map((keyName) => ({ keyName, value: seed(keyName), permissions: "FULL" })) }), true);
            }
            if (!this.signalRApiVersions.includes(r.query["api-version"])) return (send(400, { error: { code: "InvalidApiVersion", message: r.query["api-version"] } }), true);
            const service = this.services.get(id.toLowerCase());
            if (!service) return (send(404, { error: { code: "ResourceNotFound", message: id } }), true);
            const host = `${id.split("/").pop()!.toLowerCase()}.service.signalr.net`;
            const [primaryKey, secondaryKey] = [seed("primary"), seed("secondary")];
            // Shaped as signalr.json's SignalR_ListKeys example.
            return (
                send(200, {
                    primaryKey,
                    secondaryKey,
                    primaryConnectionString: `Endpoint=https://${host};AccessKey=${primaryKey};Version=1.0;`,
                    secondaryConnectionString: `Endpoint=https://${host};AccessKey=${secondaryKey};Version=1.0;`,
                }),
                true
            );
        }
        const config = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Web\/sites\/[^/]+)\/config\/web$/i.exec(r.path);
        if (config && r.method === "GET") {
            const site = this.genericResources.get(config[1].toLowerCase());
            if (!site) return (send(404, { error: { code: "ResourceNotFound", message: config[1] } }), true);
            // Azure keeps app settings apart (config/appsettings): config/web shows the rest of the site configuration.
            const { appSettings: _appSettings, ...rest } = this.siteConfigs.get(config[1].toLowerCase()) ?? {};
            return (send(200, { id: r.path, name: "web", type: "Microsoft.Web/sites/config", properties: rest }), true);
        }
        const dataPlane = /^\/keyvault-data-plane\/([^/]+)\/secrets\/([^/]+)$/.exec(r.path);
        if (dataPlane && r.method === "DELETE") {
            const suffix = `/providers/microsoft.keyvault/vaults/${dataPlane[1].toLowerCase()}/secrets/${dataPlane[2].toLowerCase()}`;
            const id = [...this.genericResources.keys()].find((k) => k.endsWith(suffix));
            if (!id) return (send(404, { error: { code: "SecretNotFound", message: dataPlane[2] } }), true);
            this.genericResources.delete(id);
            this.secretValues.delete(id);
            return (send(200, { recoveryId: `https://${dataPlane[1]}.vault.azure.net/deletedsecrets/${dataPlane[2]}` }), true);
        }
        return false;
    }

    /** A SignalR identity as GET shows it: each user-assigned identity with its principal and client ids. */
    private identityAsAzureShowsIt(identity: unknown): { identity?: unknown } {
        const given = identity as { type?: string; userAssignedIdentities?: Record<string, object> } | undefined;
        if (!given?.userAssignedIdentities) return {};
        const shown = Object.fromEntries(
            Object.keys(given.userAssignedIdentities).map((id) => {
                const p = this.genericResources.get(id.toLowerCase())?.properties as { principalId?: string; clientId?: string } | undefined;
                return [id, { principalId: p?.principalId, clientId: p?.clientId }];
            }),
        );
        return { identity: { ...given, userAssignedIdentities: shown } };
    }

    /** Connections SignalR's managed private endpoints made on targets, by the shared private link they belong to. */
    connectionsOf(linkId: string): { targetId: string; connection: FakeConnection }[] {
        return [...this.targets.values()].flatMap((t) =>
            t.connections.filter((c) => c.sharedPrivateLinkResourceId?.toLowerCase() === linkId.toLowerCase()).map((connection) => ({ targetId: t.id, connection })),
        );
    }

    /** A shared private link gone (deleted, or with its service): what it leaves on the target follows deletedLinkConnections. */
    private dropSharedPrivateLink(id: string): void {
        this.links.delete(id.toLowerCase());
        // A primary link's copies go with it (the replicas hold copies, not links of their own).
        if (!/\/replicas\//i.test(id)) for (const copy of this.copiesOf(id)) this.dropSharedPrivateLink(copy);
        for (const { targetId, connection } of this.connectionsOf(id)) {
            if (this.deletedLinkConnections === "removed") this.removeConnection(targetId, connection.name);
            else if (connection.status !== "Rejected") connection.status = "Disconnected";
        }
    }

    /** Connections on a target, as the fake holds them. */
    connectionsOn(targetId: string): readonly FakeConnection[] {
        return this.target(targetId).connections;
    }

    /** The shared private link resources SignalR holds now (added by tests or PUT), by id. */
    sharedPrivateLinks(): string[] {
        return [...this.links.values()].map((l) => l.id);
    }

    /**
     * Shared private link resources written as azure-native writes them (REST spec 2024-03-01): a
     * PUT on an existing SignalR service answers 201 with Azure-AsyncOperation; when the operation
     * is done the link is Pending and SignalR's managed private endpoint has made a Pending
     * connection on the target carrying the request message. A DELETE answers 202 with Location;
     * when done the link is gone and so is its private endpoint's connection on the target.
     */
    private routeSharedPrivateLinkWrites(r: RecordedRequest, send: (status: number, body?: unknown, headers?: Record<string, string>) => void): boolean {
        const m = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.SignalRService\/signalR\/[^/]+)\/sharedPrivateLinkResources\/([^/]+)$/i.exec(r.path);
        if (!m || (r.method !== "PUT" && r.method !== "DELETE")) return false;
        if (!this.signalRApiVersions.includes(r.query["api-version"])) return (send(400, { error: { code: "InvalidApiVersion", message: r.query["api-version"] } }), true);
        const key = r.path.toLowerCase();
        const operation = (finish: () => void, location: boolean) => {
            if (this.latency) return this.timedOperation(location ? "link-delete" : "link-provision", r.path, finish, location);
            const opId = `op-${++this.opCounter}`;
            this.operations.set(opId, { pollsLeft: this.operationPolls, finish, location });
            return `${this.endpoint}/operations/${opId}`;
        };
        if (r.method === "DELETE") {
            if (!this.links.has(key)) return (send(204), true);
            const location = operation(() => this.dropSharedPrivateLink(r.path), true);
            return (send(202, undefined, { Location: location, "Retry-After": "0" }), true);
        }
        if (!this.services.has(m[1].toLowerCase())) return (send(404, { error: { code: "ParentResourceNotFound", message: m[1] } }), true);
        const properties = structuredClone((r.body as { properties?: Record<string, unknown> })?.properties ?? {});
        const existing = this.links.get(key);
        if (existing) {
            existing.properties = properties;
            return (send(200, { id: existing.id, name: m[2], properties: { ...properties, status: existing.status, provisioningState: "Succeeded" } }), true);
        }
        const link: SharedPrivateLink = { id: r.path, status: "Pending", lagGets: 0, lagMs: this.latency?.approvalPropagationMs ?? 0, properties };
        const target = this.targets.get(String(properties.privateLinkResourceId ?? "").toLowerCase());
        const connection: FakeConnection = {
            name: `${m[1].split("/").pop()}.${randomUUID()}`,
            status: "Pending",
            description: String(properties.requestMessage ?? ""),
            sharedPrivateLinkResourceId: r.path,
        };
        if (this.latency && target) {
            // Under the latency model the connection appears on its own time, counted from this PUT.
            connection.appearAt = Date.now() + this.latency.connectionAppearMs;
            target.connections.push(connection);
            this.timeline.push({ at: connection.appearAt, event: "connection-visible", id: r.path });
        }
        const putAt = Date.now();
        const location = operation(() => {
            this.links.set(key, link);
            this.copyToReplicas(r.path, putAt);
            if (target && !this.latency) target.connections.push(connection);
        }, false);
        return (
            send(201, { id: r.path, name: m[2], properties: { ...properties, provisioningState: "Creating" } }, { "Azure-AsyncOperation": location, "Retry-After": "0" }),
            true
        );
    }

    /**
     * Under the latency model: an operation that ends (its `finish` run) after its kind's time,
     * whether or not anyone polls it, and holds its SignalR service meanwhile when SignalR runs it.
     * Returns its poll URL.
     */
    private timedOperation(kind: OperationKind, id: string, finish: () => void, location: boolean): string {
        const opId = `op-${++this.opCounter}`;
        const timed = { done: false };
        const ms = operationMs(this.latency!, kind);
        const service = SERVICE_OPERATIONS.includes(kind) ? serviceOfWrite("PUT", id) : undefined;
        if (service) this.running.set(service, { until: Date.now() + ms, kind });
        this.timeline.push({ at: Date.now(), event: "operation-started", id, kind, operation: `/operations/${opId}` });
        this.operations.set(opId, { pollsLeft: 0, finish, location, timed });
        setTimeout(() => {
            finish();
            timed.done = true;
            this.timeline.push({ at: Date.now(), event: "operation-done", id, kind });
        }, ms).unref();
        return `${this.endpoint}/operations/${opId}`;
    }

    /** Under the latency model: the 409 a write gets while another operation runs on its SignalR service. */
    private conflict(r: RecordedRequest): object | undefined {
        const service = serviceOfWrite(r.method, r.path);
        const busy = service ? this.running.get(service) : undefined;
        if (!service || !busy || Date.now() >= busy.until) return undefined;
        this.timeline.push({ at: Date.now(), event: "conflict", id: r.path, kind: busy.kind });
        return conflictAnswer(service, busy.kind);
    }

    /** Records a re-read of the service's Key Vault references: it succeeds once every role assignment PUT so far is effective. */
    private keyVaultReread(serviceId: string): void {
        const now = Date.now();
        const ok = this.timeline.every((e) => e.event !== "role-assignment-effective" || e.at <= now);
        this.timeline.push({ at: now, event: "key-vault-reread", id: serviceId, ok });
    }

    private target(id: string): Target {
        const t = this.targets.get(id.toLowerCase());
        if (!t) throw new Error(`no target ${id}`);
        return t;
    }

    private visible(t: Target, c: FakeConnection): boolean {
        return t.lists > (c.appearAfterLists ?? 0) && Date.now() >= (c.appearAt ?? 0);
    }

    private async handle(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const url = new URL(req.url ?? "/", this.endpoint);
        const text = Buffer.concat(chunks).toString("utf8");
        const record: RecordedRequest = {
            method: req.method ?? "GET",
            path: decodePath(url.pathname),
            rawPath: url.pathname,
            query: Object.fromEntries(url.searchParams),
            body: text ? JSON.parse(text) : undefined,
            authorization: req.headers.authorization,
            userAgent: req.headers["user-agent"],
            at: Date.now(),
        };
        this.requests.push(record);
        const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
            const answer = () => {
                res.writeHead(status, { "Content-Type": "application/json", ...headers });
                res.end(body === undefined ? "" : JSON.stringify(body));
            };
            // Under the latency model every answer takes Resource Manager's time per request.
            if (this.latency) setTimeout(answer, this.latency.requestMs);
            else answer();
        };
        if (!this.acceptedAuthorizations.includes(record.authorization ?? "")) return send(401, { error: { code: "AuthenticationFailed", message: "no token" } });
        for (const answer of this.answers) {
            const canned = answer(record);
            if (!canned) continue;
            res.writeHead(canned.status, { "Content-Type": "application/json", ...canned.headers });
            return void res.end(canned.body === undefined ? "" : typeof canned.body === "string" ? canned.body : JSON.stringify(canned.body));
        }

        const fault = this.faults.find((f) => (!f.method || f.method === record.method) && (!f.pathIncludes || record.path.includes(f.pathIncludes)) && (f.times ?? 1) > 0);
        if (fault) {
            fault.times = (fault.times ?? 1) - 1;
            return send(
                fault.status,
                { error: { code: fault.status === 429 ? "TooManyRequests" : "InternalServerError", message: "injected fault" } },
                fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {},
            );
        }
        try {
            this.route(record, url, send);
        } catch (e) {
            send(500, { error: { code: "FakeServerError", message: String(e) } });
        }
    }

    private route(r: RecordedRequest, url: URL, send: (status: number, body?: unknown, headers?: Record<string, string>) => void): void {
        const opMatch = /^\/operations\/(op-\d+)$/.exec(r.path);
        if (opMatch) {
            const op = this.operations.get(opMatch[1]);
            if (!op) return send(404, { error: { code: "NotFound", message: "no operation" } });
            if (op.timed) {
                if (!op.timed.done) return op.location ? send(202) : send(200, { status: "InProgress" });
                return op.location ? send(204) : send(200, { status: "Succeeded" });
            }
            // Azure-AsyncOperation answers 200 with a status; a Location URL answers 202 until done.
            if (op.pollsLeft-- > 0) return op.location ? send(202, undefined, { "Retry-After": "0" }) : send(200, { status: "InProgress" }, { "Retry-After": "0" });
            op.finish();
            return op.location ? send(204) : send(200, { status: "Succeeded" });
        }
        const key = /^(\/subscriptions\/.+\/providers\/Microsoft\.Web\/sites\/[^/]+)\/host\/default\/systemkeys\/([^/]+)$/i.exec(r.path);
        if (key) {
            if (!this.targets.has(key[1].toLowerCase())) return send(404, { error: { code: "ResourceNotFound", message: key[1] } });
            if (r.query["api-version"] !== "2024-04-01") return send(400, { error: { code: "InvalidApiVersion", message: r.query["api-version"] } });
            const existing = this.systemKeys.has(r.path.toLowerCase());
            if (r.method === "DELETE") return existing ? (this.systemKeys.delete(r.path.toLowerCase()), send(200)) : send(404, { error: { code: "NotFound", message: key[2] } });
            if (r.method !== "PUT") return send(405);
            const value = (r.body as { properties?: { value?: string } })?.properties?.value;
            if (!value) return send(400, { error: { code: "BadRequest", message: "value required" } });
            this.systemKeys.set(r.path.toLowerCase(), value);
            return send(existing ? 200 : 201, { id: r.path, name: key[2], properties: { name: key[2], value } });
        }
        const conflict = this.latency ? this.conflict(r) : undefined;
        if (conflict) return send(409, conflict);
        if (this.routeGenericResources(r, send)) return;
        if (this.routeReplicas(r, send)) return;
        if (this.routeWholeResources(r, send)) return;
        const service = this.services.get(r.path.toLowerCase());
        if (service) {
            if (!this.signalRApiVersions.includes(r.query["api-version"])) return send(400, { error: { code: "InvalidApiVersion", message: r.query["api-version"] } });
            // PATCH replaces each top-level property it carries (networkACLs as a whole, as the clients send it).
            if (r.method === "PATCH") Object.assign(service.properties, structuredClone((r.body as { properties?: object })?.properties ?? {}));
            // Under the latency model a PATCH is a long-running operation; a change of upstream settings makes the service re-read its references.
            if (r.method === "PATCH" && this.latency) {
                if ((r.body as { properties?: { upstream?: unknown } })?.properties?.upstream !== undefined) this.keyVaultReread(service.id);
                return send(202, undefined, { "Azure-AsyncOperation": this.timedOperation("signalr-update", service.id, () => undefined, false) });
            }
            if (r.method === "GET") service.gets++;
            // Shaped as the REST spec's SignalR_Update example: ids with `resourcegroups`, as Azure answers.
            const privateEndpointConnections = service.inbound
                .filter((c) => service.gets > c.appearAfterGets)
                .map((c) => ({
                    id: `${service.id.replace("/resourceGroups/", "/resourcegroups/")}/privateEndpointConnections/${c.name}`,
                    name: c.name,
                    type: "Microsoft.SignalRService/SignalR/privateEndpointConnections",
                    properties: {
                        provisioningState: "Succeeded",
                        privateEndpoint: { id: c.privateEndpointId.replace("/resourceGroups/", "/resourcegroups/") },
                        privateLinkServiceConnectionState: { status: c.status, actionsRequired: "None" },
                    },
                }));
            const name = service.id.split("/").pop()!;
            return send(200, {
                ...service.resource,
                ...this.identityAsAzureShowsIt(service.resource?.identity),
                id: service.id,
                name,
                properties: {
                    ...structuredClone(service.properties),
                    provisioningState: "Succeeded",
                    hostName: `${name.toLowerCase()}.service.signalr.net`,
                    privateEndpointConnections,
                },
            });
        }
        if (this.routeSharedPrivateLinkWrites(r, send)) return;
        // SignalRSharedPrivateLinkResources_List: the primary's own links (not the replicas' copies).
        const listOf = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.SignalRService\/signalR\/[^/]+)\/sharedPrivateLinkResources$/i.exec(r.path);
        if (listOf && r.method === "GET" && this.services.has(listOf[1].toLowerCase())) {
            if (!this.signalRApiVersions.includes(r.query["api-version"])) return send(400, { error: { code: "InvalidApiVersion", message: r.query["api-version"] } });
            return send(200, { value: this.primaryLinksOf(listOf[1]).map((l) => ({ id: l.id, name: l.id.split("/").pop(), properties: { ...l.properties, status: l.status } })) });
        }
        const link = this.links.get(r.path.toLowerCase());
        if (link) {
            if (!this.signalRApiVersions.includes(r.query["api-version"])) return send(400, { error: { code: "InvalidApiVersion", message: r.query["api-version"] } });
            // Shaped as the REST spec's SignalRSharedPrivateLinkResources_Get example (2024-03-01).
            const shown = {
                groupId: "sites",
                privateLinkResourceId: link.privateLinkResourceId,
                requestMessage: link.requestMessage,
                ...link.properties,
                provisioningState: "Succeeded",
            };
            return send(200, { id: link.id, name: link.id.split("/").pop(), properties: { ...shown, status: reportedStatus(link) } });
        }
        const m = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+)\/privateEndpointConnections(?:\/([^/]+))?$/i.exec(r.path);
        if (!m) return send(404, { error: { code: "ResourceNotFound", message: r.path } });
        const target = this.targets.get(m[1].toLowerCase());
        if (!target) return send(404, { error: { code: "ResourceNotFound", message: m[1] } });
        if (r.query["api-version"] !== target.apiVersion) return send(400, { error: { code: "InvalidApiVersion", message: `expected ${target.apiVersion}` } });
        const shape = (c: FakeConnection, inList: boolean) => ({
            id: `${target.id}/privateEndpointConnections/${c.name}`,
            ...(inList && c.omitName ? {} : { name: c.name }),
            type: `${target.id.split("/providers/")[1].split("/").slice(0, 2).join("/")}/privateEndpointConnections`,
            properties: {
                privateEndpoint: {
                    id:
                        c.privateEndpointId ??
                        `/subscriptions/${SIGNALR_MANAGED_SUBSCRIPTION}/resourceGroups/signalr-managed/providers/Microsoft.Network/privateEndpoints/${c.name}`,
                },
                privateLinkServiceConnectionState: { status: c.status, description: c.description, actionsRequired: "None" },
                provisioningState: "Succeeded",
            },
        });
        if (!m[2]) {
            if (r.method !== "GET") return send(405);
            if (!url.searchParams.has("$skiptoken")) target.lists++;
            const visible = target.connections.filter((c) => this.visible(target, c));
            const skip = Number(url.searchParams.get("$skiptoken") ?? "0");
            const page = visible.slice(skip, skip + this.pageSize).map((c) => shape(c, true));
            const nextLink =
                skip + this.pageSize < visible.length
                    ? `${this.endpoint}${target.id}/privateEndpointConnections?api-version=${target.apiVersion}&$skiptoken=${skip + this.pageSize}`
                    : undefined;
            return send(200, { value: page, ...(nextLink ? { nextLink } : {}) });
        }
        const connection = target.connections.find((c) => c.name === m[2] && this.visible(target, c));
        if (!connection) return send(404, { error: { code: "PrivateEndpointConnectionNotFound", message: m[2] } });
        if (r.method === "GET") {
            if (connection.status === "Approved" && (connection.pendingReadsAfterWrite ?? 0) > 0) {
                connection.pendingReadsAfterWrite!--;
                return send(200, {
                    ...shape(connection, false),
                    properties: {
                        ...shape(connection, false).properties,
                        privateLinkServiceConnectionState: { status: "Pending", description: connection.description, actionsRequired: "None" },
                    },
                });
            }
            return send(200, shape(connection, false));
        }
        if (r.method !== "PUT") return send(405);
        const state = (r.body as { properties?: { privateLinkServiceConnectionState?: { status?: FakeConnection["status"]; description?: string } } })?.properties
            ?.privateLinkServiceConnectionState;
        const apply = () => {
            connection.status = state?.status ?? connection.status;
            connection.description = state?.description ?? connection.description;
            const spl = connection.sharedPrivateLinkResourceId ? this.links.get(connection.sharedPrivateLinkResourceId.toLowerCase()) : undefined;
            if (spl) {
                spl.status = connection.status;
                spl.approvedAt = Date.now();
                if (this.latency && spl.status === "Approved") this.timeline.push({ at: spl.approvedAt + spl.lagMs, event: "link-reported-approved", id: spl.id });
            }
        };
        if (this.approvalMode === "200") {
            apply();
            return send(200, shape(connection, false));
        }
        let location: string;
        if (this.latency) location = this.timedOperation("approval", r.path, apply, this.approvalMode === "202-location");
        else {
            const opId = `op-${++this.opCounter}`;
            this.operations.set(opId, { pollsLeft: this.operationPolls, finish: apply, location: this.approvalMode === "202-location" });
            location = `${this.endpoint}/operations/${opId}`;
        }
        if (this.approvalMode === "202-location") return send(202, undefined, { Location: `${location}`, "Retry-After": "0" });
        return send(this.approvalMode === "201-async" ? 201 : 202, this.approvalMode === "201-async" ? shape(connection, false) : undefined, {
            "Azure-AsyncOperation": location,
            "Retry-After": "0",
        });
    }
}

/**
 * The status SignalR reports for a link or a replica's copy: an approval reaches SignalR only after
 * the link's lag (Microsoft's shared private endpoints how-to: "a few minutes"), meanwhile Pending.
 * Each GET while lagging by GETs uses one up.
 */
function reportedStatus(link: SharedPrivateLink): string {
    if (link.status !== "Approved" || link.approvedAt === undefined) return link.status;
    const lagging = link.lagGets-- > 0 || Date.now() < link.approvedAt + link.lagMs;
    return lagging ? "Pending" : "Approved";
}

/** A SignalR geo-replica as the fake holds it (REST spec 2024-03-01 `Replica`: location, tags, sku, three properties). */
export interface FakeReplica {
    id: string;
    location?: string;
    tags?: Record<string, string>;
    sku?: Record<string, unknown>;
    properties: Record<string, unknown>;
}

/** The id of a replica's copy of a primary link: `…/signalR/{svc}/replicas/{replica}/sharedPrivateLinkResources/{link}`. */
export function replicaLinkId(primaryLinkId: string, replicaName: string): string {
    const [service, link] = primaryLinkId.split(/\/sharedPrivateLinkResources\//i);
    return `${service}/replicas/${replicaName}/sharedPrivateLinkResources/${link}`;
}

/** A GUID made from a seed, so the fake's ids are stable for one resource and distinct across resources. */
function seededGuid(seed: string): string {
    const h = createHash("sha256").update(seed).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The resource types the fake stores whole, for the engine scenarios' stand-in azure-native: path,
 * the api-version azure-native v3 sends, and what Azure adds to a PUT body (REST specs:
 * Microsoft.ManagedIdentity 2023-01-31 UserAssignedIdentityProperties, Microsoft.Authorization
 * 2022-04-01 RoleAssignmentProperties).
 */
interface GenericType {
    path: RegExp;
    apiVersion: string;
    type: string;
    notFound: string;
    readOnly: (id: string, kept: Record<string, unknown> | undefined, ageSeconds: number) => Record<string, unknown>;
    /** The resource this one lives in, which must exist for a PUT (ParentResourceNotFound). */
    parent?: (id: string) => string;
    /** What the fake keeps of the PUT `properties` (and what it does besides, e.g. a site becoming a target). */
    written?: (fake: FakeResourceManager, id: string, properties: Record<string, unknown>) => Record<string, unknown>;
    /** The stored resource as GET shows it (e.g. a virtual network with the subnets PUT on their own). */
    shown?: (fake: FakeResourceManager, stored: Record<string, unknown>) => Record<string, unknown>;
    /** What goes with a deleted resource. */
    deleted?: (fake: FakeResourceManager, id: string) => void;
    /** A PUT answers 202 with a Location to poll (e.g. StorageAccounts_Create); a DELETE likewise (ResourceGroups_Delete). */
    longRunningPut?: boolean;
    longRunningDelete?: boolean;
    /** The REST API has no DELETE for this type: why. */
    noDelete?: string;
}

const GENERIC_TYPES: GenericType[] = [
    {
        path: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i,
        apiVersion: "2023-01-31",
        type: "Microsoft.ManagedIdentity/userAssignedIdentities",
        notFound: "ResourceNotFound",
        readOnly: (id) => ({ tenantId: TEST_TENANT, principalId: seededGuid(`principal ${id.toLowerCase()}`), clientId: seededGuid(`client ${id.toLowerCase()}`) }),
    },
    {
        path: /^\/.+\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i,
        apiVersion: "2022-04-01",
        type: "Microsoft.Authorization/roleAssignments",
        notFound: "RoleAssignmentNotFound",
        readOnly: (id, kept, ageSeconds) => {
            const createdOn = (kept?.createdOn as string | undefined) ?? new Date(Date.now() - ageSeconds * 1000).toISOString();
            const scope = id.split("/providers/Microsoft.Authorization/")[0];
            return { scope, createdOn, updatedOn: createdOn, createdBy: FAKE_CLI_PRINCIPAL, updatedBy: FAKE_CLI_PRINCIPAL };
        },
    },
    ...REFERENCE_TYPES(),
];

/** Percent-decodes a path; a malformed escape is left as it came (a real server answers 400, not a crash). */
function decodePath(path: string): string {
    try {
        return decodeURIComponent(path);
    } catch {
        return path;
    }
}

// Function declarations (hoisted): GENERIC_TYPES above is built from them when the module loads.
function SUCCEEDED() {
    return { provisioningState: "Succeeded" };
}
/** A type's path under a resource group's providers, anchored. */
function under(type: string): RegExp {
    return new RegExp(`^\\/subscriptions\\/[^/]+\\/resourceGroups\\/[^/]+\\/providers\\/${type}$`, "i");
}
/** The id of the resource this child lives in. */
function parentId(id: string): string {
    return id.split("/").slice(0, -2).join("/");
}
/** Removes stored resources under `id` (children deleted with their parent, as Azure deletes them). */
function dropChildren(fake: FakeResourceManager, id: string): void {
    for (const k of [...fake.genericResources.keys()].filter((k) => k.startsWith(`${id.toLowerCase()}/`))) {
        fake.genericResources.delete(k);
        fake.secretValues.delete(k);
    }
}

/**
 * The reference deployment's (examples/complete, examples/yaml) other types, each with the
 * api-version the locked @pulumi/azure-native names and what Azure adds to a PUT (REST specs in
 * Azure/azure-rest-api-specs: resources.json 2024-03-01, storage.json 2024-01-01,
 * AppServicePlans.json and WebApps.json 2025-05-01, virtualNetwork.json and privateEndpoint.json
 * 2024-05-01, privatedns.json 2024-06-01, keyvault.json and secrets.json 2024-11-01,
 * diagnosticsSettings_API.json 2021-05-01-preview).
 */
function REFERENCE_TYPES(): GenericType[] {
    return [
        {
            path: /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i,
            apiVersion: "2024-03-01",
            type: "Microsoft.Resources/resourceGroups",
            notFound: "ResourceGroupNotFound",
            readOnly: SUCCEEDED,
            longRunningDelete: true,
        },
        {
            path: under("Microsoft\\.Storage\\/storageAccounts\\/[^/]+"),
            apiVersion: "2024-01-01",
            type: "Microsoft.Storage/storageAccounts",
            notFound: "ResourceNotFound",
            readOnly: (id) => {
                const name = id.split("/").pop()!.toLowerCase();
                return { ...SUCCEEDED(), primaryEndpoints: { blob: `https://${name}.blob.core.windows.net/`, file: `https://${name}.file.core.windows.net/` } };
            },
            longRunningPut: true,
        },
        {
            path: under("Microsoft\\.Web\\/serverfarms\\/[^/]+"),
            apiVersion: "2025-05-01",
            type: "Microsoft.Web/serverfarms",
            notFound: "ResourceNotFound",
            readOnly: () => ({ ...SUCCEEDED(), status: "Ready" }),
        },
        {
            path: under("Microsoft\\.Web\\/sites\\/[^/]+"),
            apiVersion: "2025-05-01",
            type: "Microsoft.Web/sites",
            notFound: "ResourceNotFound",
            readOnly: (id) => ({ defaultHostName: `${id.split("/").pop()!.toLowerCase()}.azurewebsites.net`, state: "Running" }),
            // The site configuration lives apart (config/web); the site becomes a private link target.
            written: (fake, id, { siteConfig, ...rest }) => {
                fake.siteConfigs.set(id.toLowerCase(), (siteConfig ?? {}) as Record<string, unknown>);
                fake.registerTarget(id);
                return rest;
            },
            // A system-assigned identity shows its principal (WebApps.json ManagedServiceIdentity).
            shown: (_fake, stored) => {
                const identity = stored.identity as { type?: string } | undefined;
                if (!identity?.type?.includes("SystemAssigned")) return stored;
                return { ...stored, identity: { ...identity, principalId: seededGuid(`principal ${String(stored.id).toLowerCase()}`), tenantId: TEST_TENANT } };
            },
            deleted: (fake, id) => {
                fake.removeTarget(id);
                fake.siteConfigs.delete(id.toLowerCase());
                for (const k of [...fake.systemKeys.keys()].filter((k) => k.startsWith(`${id.toLowerCase()}/`))) fake.systemKeys.delete(k);
            },
        },
        {
            path: under("Microsoft\\.Network\\/virtualNetworks\\/[^/]+"),
            apiVersion: "2024-05-01",
            type: "Microsoft.Network/virtualNetworks",
            notFound: "ResourceNotFound",
            readOnly: SUCCEEDED,
            // A PUT's `subnets` are the network's subnets: one left out is deleted, as Azure does (why azure-native keeps them, crud MaintainSubResourceIfUnset).
            written: (fake, id, { subnets, ...rest }) => {
                const listed = ((subnets ?? []) as { name?: string; properties?: Record<string, unknown> }[]).map((s) => ({ ...s, id: `${id}/subnets/${s.name}` }));
                for (const k of [...fake.genericResources.keys()].filter((k) => k.startsWith(`${id.toLowerCase()}/subnets/`)))
                    if (!listed.some((s) => s.id.toLowerCase() === k)) fake.genericResources.delete(k);
                for (const s of listed)
                    fake.genericResources.set(s.id.toLowerCase(), {
                        id: s.id,
                        name: s.name,
                        type: "Microsoft.Network/virtualNetworks/subnets",
                        properties: { ...s.properties, ...SUCCEEDED() },
                    });
                return rest;
            },
            shown: (fake, stored) => ({
                ...stored,
                properties: {
                    ...(stored.properties as object),
                    subnets: [...fake.genericResources.entries()].filter(([k]) => k.startsWith(`${String(stored.id).toLowerCase()}/subnets/`)).map(([, v]) => v),
                },
            }),
            deleted: dropChildren,
        },
        {
            path: under("Microsoft\\.Network\\/virtualNetworks\\/[^/]+\\/subnets\\/[^/]+"),
            apiVersion: "2024-05-01",
            type: "Microsoft.Network/virtualNetworks/subnets",
            notFound: "NotFound",
            readOnly: SUCCEEDED,
            parent: (id) => parentId(id),
        },
        {
            path: under("Microsoft\\.Network\\/privateEndpoints\\/[^/]+\\/privateDnsZoneGroups\\/[^/]+"),
            apiVersion: "2024-05-01",
            type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
            notFound: "NotFound",
            readOnly: SUCCEEDED,
        },
        {
            path: under("Microsoft\\.Network\\/privateDnsZones\\/[^/]+"),
            apiVersion: "2024-06-01",
            type: "Microsoft.Network/privateDnsZones",
            notFound: "ResourceNotFound",
            readOnly: SUCCEEDED,
        },
        {
            path: under("Microsoft\\.Network\\/privateDnsZones\\/[^/]+\\/virtualNetworkLinks\\/[^/]+"),
            apiVersion: "2024-06-01",
            type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
            notFound: "ResourceNotFound",
            readOnly: () => ({ ...SUCCEEDED(), virtualNetworkLinkState: "Completed" }),
            parent: (id) => parentId(id),
        },
        {
            path: under("Microsoft\\.KeyVault\\/vaults\\/[^/]+"),
            apiVersion: "2024-11-01",
            type: "Microsoft.KeyVault/vaults",
            notFound: "ResourceNotFound",
            readOnly: (id) => ({ ...SUCCEEDED(), vaultUri: `https://${id.split("/").pop()!.toLowerCase()}.vault.azure.net/` }),
            written: (fake, id, properties) => (fake.registerTarget(id), properties),
            // Its secrets go with it (soft-deleted in Azure).
            deleted: (fake, id) => (dropChildren(fake, id), fake.removeTarget(id)),
        },
        {
            path: under("Microsoft\\.KeyVault\\/vaults\\/[^/]+\\/secrets\\/[^/]+"),
            apiVersion: "2024-11-01",
            type: "Microsoft.KeyVault/vaults/secrets",
            notFound: "SecretNotFound",
            readOnly: (id) => {
                const [vault, , name] = id.split("/").slice(-3);
                const uri = `https://${vault.toLowerCase()}.vault.azure.net/secrets/${name}`;
                return { secretUri: uri, secretUriWithVersion: `${uri}/${createHash("sha256").update(id).digest("hex").slice(0, 32)}` };
            },
            parent: (id) => parentId(id),
            // secrets.json: "value … will never be returned from the service".
            written: (fake, id, { value, ...rest }) => (fake.secretValues.set(id.toLowerCase(), String(value ?? "")), rest),
            noDelete: "secrets.json has no DELETE: a secret is deleted through the vault's data plane",
        },
        {
            path: /^\/.+\/providers\/Microsoft\.Insights\/diagnosticSettings\/[^/]+$/i,
            apiVersion: "2021-05-01-preview",
            type: "Microsoft.Insights/diagnosticSettings",
            notFound: "ResourceNotFound",
            readOnly: () => ({}),
        },
    ];
}
