// Deployment time through the real engine: the ServerlessSignalR program of
// test/engine/serverlessSignalR.test.ts run by `pulumi up` (the real CLI, stand-in azure-native and
// random) against the fake Resource Manager answering with Azure's latencies (bench/latencies.ts)
// scaled by one factor, and the library's own waits scaled by the same factor through its public
// inputs. Reports the wall time, the critical path (the same latencies over the resource graph the
// engine recorded, with SignalR's one operation at a time) and what the library added, by cause,
// measured from the fake's request times.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeResourceManager, RecordedRequest } from "../test/support/fakeResourceManager";
import type { TimelineEvent } from "../test/support/armLatency";
import { type StateResource, openEngineWorld } from "../test/engine/engineStack";
import { SECRET_URI } from "../test/engine/chatWorld";
import { BUILD_COMMAND, locateToolchain } from "../test/engine/toolchain";
import { type Task, criticalPath } from "./criticalPath";
import { ARM_READ_BUDGET, scaledModel } from "./latencies";
import { type ChainTask, type WallByCause, attributeShared, wallByCause } from "./wallByCause";
import type { LatencyModel } from "../test/support/armLatency";

const T = {
    identity: "azure-native:managedidentity:UserAssignedIdentity",
    grant: "azure-native:authorization:RoleAssignment",
    service: "azure-native:signalrservice:SignalR",
    replica: "azure-native:signalrservice:SignalRReplica",
    link: "azure-native:signalrservice:SignalRSharedPrivateLinkResource",
    nonce: "random:index/randomString:RandomString",
    approval: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval",
    refresh: "pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh",
    regionEndpoint: "pulumi-nodejs:dynamic/signalr-serverless:ReplicaRegionEndpoint",
};

/** The library's defaults for its waits (seconds), each scaled with the latencies through its public input. */
export const LIBRARY_WAITS = {
    approvalPollIntervalSeconds: 20,
    approvalMaxPollIntervalSeconds: 30,
    approvalTimeoutSeconds: 900,
    approvalConfirmationSeconds: 600,
    keyVaultGrantSettleSeconds: 600,
    upstreamRefreshPollIntervalSeconds: 5,
    replicaRegionEndpointPollIntervalSeconds: 5,
} as const;

export interface Variant {
    name: string;
    description: string;
    sku: string;
    vaultEndpoint: boolean;
    /** A geo-replica's region, or none. */
    replicaLocation?: string;
}

export const VARIANTS: Variant[] = [
    { name: "reference", description: "Standard_S1, Key Vault reference, one vault grant, one shared private endpoint (Function app)", sku: "Standard_S1", vaultEndpoint: false },
    {
        name: "premium-two-endpoints",
        description: "Premium_P1, the same plus a second shared private endpoint (the Key Vault)",
        sku: "Premium_P1",
        vaultEndpoint: true,
    },
    {
        name: "premium-replica",
        description: "Premium_P1 with one geo-replica (eastus) and the same two shared private endpoints, each copied to the replica",
        sku: "Premium_P1",
        vaultEndpoint: true,
        replicaLocation: "eastus",
    },
];

/** Waits whose inputs take fractions of a second; the others are whole seconds. */
const FRACTIONAL_WAITS: readonly string[] = ["upstreamRefreshPollIntervalSeconds", "replicaRegionEndpointPollIntervalSeconds"];

/** The library's waits at `scale`, as the program's config; each must stay a value its check accepts. */
export function scaledWaits(scale: number): Record<string, string> {
    return Object.fromEntries(
        Object.entries(LIBRARY_WAITS).map(([k, v]) => {
            const scaled = v * scale;
            if (!FRACTIONAL_WAITS.includes(k) && (!Number.isInteger(scaled) || scaled < 1))
                throw new Error(`--scale ${scale} makes ${k} ${scaled} s: it must stay a whole number of seconds`);
            return [k, String(scaled)];
        }),
    );
}

interface Run {
    startedAt: number;
    wallMs: number;
    resources: StateResource[];
    requests: RecordedRequest[];
    timeline: TimelineEvent[];
    site: string;
    vault: string;
}

/** One `pulumi up` of a fresh stack of the program, the fake answering with `model` (or at once). */
async function deploy(bin: string, variant: Variant, model: LatencyModel | undefined, waits: Record<string, string>): Promise<Run> {
    let vault = "";
    const world = await openEngineWorld(bin, {
        program: "serverlessSignalR",
        project: `bench-deployment-${variant.name}`,
        standIns: true,
        setUp: (arm: FakeResourceManager, site: string) => {
            arm.latency = model;
            arm.approvalMode = "202-async";
            vault = arm.addTarget("Microsoft.KeyVault/vaults", "contoso-kv");
            return {
                serviceName: "contoso-signalr",
                secretUri: SECRET_URI,
                keyVaultId: vault,
                functionAppId: site,
                sku: variant.sku,
                vaultEndpoint: String(variant.vaultEndpoint),
                ...(variant.replicaLocation ? { replicaLocation: variant.replicaLocation } : {}),
                ...waits,
            };
        },
    });
    try {
        const up = await world.stack.operation("up");
        if (up.summary?.result !== "succeeded") throw new Error(`pulumi up of ${variant.name} failed:\n${up.output.slice(-4000)}`);
        const resources = (await world.stack.exportStack()).deployment.resources ?? [];
        return { startedAt: up.startedAt, wallMs: up.elapsedMs, resources, requests: [...world.arm.requests], timeline: [...world.arm.timeline], site: world.site, vault };
    } finally {
        world.stack.remove();
        await world.arm.stop();
    }
}

/** Physical duration of a resource's task, and whether it holds the SignalR service (one operation at a time). */
function taskOf(type: string, m: LatencyModel): { duration: number; exclusive: boolean } | undefined {
    const r = m.requestMs;
    switch (type) {
        case T.identity:
        case T.grant:
            return { duration: r, exclusive: false };
        case T.nonce:
            return { duration: 0, exclusive: false };
        case T.service:
            return { duration: r + m.signalRCreateMs, exclusive: true };
        case T.link:
            return { duration: r + m.linkProvisionMs, exclusive: true };
        case T.replica:
            return { duration: r + m.replicaCreateMs, exclusive: true };
        case T.approval:
            // List to find it, write, the write's operation, SignalR's propagation, one read that sees it;
            // a replica's copy is approved the same way, at best at the same time (its connection appears as late).
            return { duration: 3 * r + m.approvalWriteMs + m.approvalPropagationMs, exclusive: false };
        case T.refresh:
            // Two PATCHes, each a SignalR operation.
            return { duration: 2 * (r + m.signalRUpdateMs), exclusive: true };
        case T.regionEndpoint:
            // Read the replica, list its copies and the primary's links, then one PATCH of the replica: a SignalR operation.
            return { duration: 4 * r + m.replicaUpdateMs, exclusive: true };
        default:
            return undefined;
    }
}

const isTask = (r: StateResource) => r.custom && !r.type.startsWith("pulumi:providers:");
const short = (urn: string) => urn.split("::").pop()!;

/** A dependency on a component is a dependency on every custom resource under it. */
function expand(urns: string[], resources: StateResource[]): string[] {
    const children = (urn: string): string[] => resources.filter((r) => r.parent === urn).flatMap((c) => (isTask(c) ? [c.urn, ...children(c.urn)] : children(c.urn)));
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return [...new Set(urns.flatMap((u) => (byUrn.get(u) && isTask(byUrn.get(u)!) ? [u] : children(u))))];
}

/** What each resource waits for: by its inputs' values only (data), or as the engine ran it (declared, dependsOn included). */
function waitsFor(r: StateResource, resources: StateResource[], mode: "data" | "declared"): string[] {
    const direct = mode === "declared" ? (r.dependencies ?? []) : Object.values(r.propertyDependencies ?? {}).flat();
    return expand(direct, resources).filter((u) => u !== r.urn);
}

/** What a resource waits for by its inputs' values that is of `type`. */
function dataDepsOfType(r: StateResource, resources: StateResource[], type: string): string[] {
    return waitsFor(r, resources, "data").filter((u) => resources.find((x) => x.urn === u)?.type === type);
}

/** The tasks of a deployed stack under the model: data dependencies, or the engine's without the `without` edges ([waiter, waited-for]). */
export function tasksOf(resources: StateResource[], m: LatencyModel, mode: "data" | "declared", without: [string, string][] = []): Task[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return resources.filter(isTask).map((r) => {
        const task = taskOf(r.type, m);
        if (!task) throw new Error(`the deployment benchmark has no latency for ${r.type} (${r.urn})`);
        const deps = [...waitsFor(r, resources, mode), ...physicalWaits(r, resources)].filter((d) => !without.some(([b, a]) => b === r.urn && a === d));
        const lag = (dep: string) => {
            const t = byUrn.get(dep)!.type;
            // The re-read is only of use once the grant is effective; the connection appears on its own time after the link's PUT.
            if (r.type === T.refresh && t === T.grant) return m.keyVaultRbacMs;
            // A copy made when the replica's create ends (of a link that existed before) shows its connection that much later.
            if (r.type === T.approval && t === T.replica) return m.replicaConnectionAppearMs;
            if (r.type === T.approval && t === T.link) {
                const copied = deps.some((d) => byUrn.get(d)!.type === T.replica);
                return Math.max(m.connectionAppearMs, copied ? m.replicaConnectionAppearMs : 0) - m.linkProvisionMs;
            }
            return 0;
        };
        return { id: r.urn, duration: task.duration, exclusive: task.exclusive ? "signalr" : undefined, after: [...new Set(deps)].map((d) => ({ id: d, lag: lag(d) })) };
    });
}

/**
 * What a resource must wait for that its inputs do not carry: a replica's region endpoint is turned
 * on only once every copy of the links on it is Approved (Microsoft: "Do not enable the replica until
 * its shared private endpoint has been approved"; the library refuses before), so after every
 * approval that approves a copy on its replica (an approval waits for the replica it has a copy on).
 */
function physicalWaits(r: StateResource, resources: StateResource[]): string[] {
    if (r.type !== T.regionEndpoint) return [];
    const replicas = dataDepsOfType(r, resources, T.replica);
    return resources.filter((a) => a.type === T.approval && waitsFor(a, resources, "data").some((u) => replicas.includes(u))).map((a) => a.urn);
}

const LIBRARY_AGENT = /signalr-serverless/;

/** Whether a (lower-cased) path is the link (lower-cased id) or a geo-replica's copy of it (`…/replicas/{r}/sharedPrivateLinkResources/{name}`). */
function linkOrCopy(link: string, p: string): boolean {
    const [service, name] = link.split("/sharedprivatelinkresources/");
    return (
        p === link ||
        (name !== undefined && p.startsWith(`${service}/replicas/`) && p.endsWith(`/sharedprivatelinkresources/${name}`) && p.split("/").length === link.split("/").length + 2)
    );
}

/** The list of the link's service's replicas (which the approval reads to find the copies). */
const replicasOf = (link: string) => `${link.split("/sharedprivatelinkresources/")[0]}/replicas`;

interface Analysis {
    wallMs: number;
    /**
     * The chain that set the wall time, as it ran (from the task that ended last back through what
     * each waited for): when each began (its first request) and ended (its last answer), from the
     * start of `pulumi up`, beside what the model gives them.
     */
    chain: ChainTask[];
    /** The engine alone, in this run: from the start of `pulumi up` to its first request, and from the last answer to its end. */
    engineBeforeMs: number;
    engineAfterMs: number;
    criticalMs: number;
    criticalPath: string[];
    declaredMs: number;
    orderingEdges: { from: string; to: string; forced: boolean; modelCostMs: number; measuredDelayMs: number }[];
    /** Per approval: its delays, its requests, and the reads of its waiting loops (lists after the first, SignalR's link after the write) over their time. */
    approvals: {
        name: string;
        pollLagMs: number;
        confirmLagMs: number;
        /** From the first approval write to the last (the copies one at a time; 0 without replicas). */
        oneAtATimeMs: number;
        reads: number;
        writes: number;
        durationMs: number;
        loopReads: number;
        loopMs: number;
    }[];
    /** The wall time by cause along the chain that set it (the parts add up to it). */
    byCause: WallByCause;
    /**
     * The re-read: how long it waited for its ordering (the links, and before the fix the approvals)
     * after its data and Key Vault's propagation were ready; how long the settle wait lasted beyond
     * that propagation; and how long it started after all of it.
     */
    refresh?: { behindOrderingMs: number; settleBeyondRbacMs: number; startAfterReadyMs: number; rereadOk: boolean };
    providerPollLagMs: number;
    conflicts: number;
    requests: { total: number; reads: number; library: number; peakReadsPerScaledWindow: number };
}

/** Reads the run: critical path from the model and the recorded graph, the library's delays from the fake's times. */
export function analyse(run: Run, m: LatencyModel, waits: Record<string, string>, scale: number): Analysis {
    const { resources, requests, timeline } = run;
    const cp = criticalPath(tasksOf(resources, m, "data"));
    const declared = criticalPath(tasksOf(resources, m, "declared"));
    const byType = (t: string) => resources.filter((r) => r.type === t);
    const idOf = (urn: string) => (resources.find((r) => r.urn === urn)?.id ?? "").toLowerCase();
    const opPaths = new Map(timeline.filter((e) => e.event === "operation-started").map((e) => [e.operation!, e.id.toLowerCase()]));
    const pathOf = (q: RecordedRequest) => (opPaths.get(q.path) ?? q.path).toLowerCase();
    const library = requests.filter((q) => LIBRARY_AGENT.test(q.userAgent ?? ""));
    const provider = requests.filter((q) => !LIBRARY_AGENT.test(q.userAgent ?? ""));

    // When each resource's last request was answered (a request's arrival plus the model's latency).
    const endOf = (urn: string): number => {
        const r = resources.find((x) => x.urn === urn)!;
        const mine = requestsOf(r);
        return mine.length ? mine[mine.length - 1].at + m.requestMs : requests[0].at;
    };
    const approvals = byType(T.approval);
    const linkOfApproval = (r: StateResource) => idOf(dataDepsOfType(r, resources, T.link)[0] ?? "");
    // Each approval's own requests (its link and copies, its target's connections) and, of the
    // replica lists every approval on the service makes, the ones it made (attributeShared).
    const ownApprovalRequests = new Map(
        approvals.map((r) => {
            const link = linkOfApproval(r);
            const target = String((r.outputs as { targetResourceId?: string })?.targetResourceId ?? "").toLowerCase();
            return [r.urn, library.filter((q) => linkOrCopy(link, pathOf(q)) || pathOf(q).startsWith(`${target}/privateendpointconnections`))];
        }),
    );
    const replicaLists = library.filter((q) => approvals.some((r) => pathOf(q) === replicasOf(linkOfApproval(r))));
    const approvalRequests = attributeShared(ownApprovalRequests, replicaLists);
    const requestsOf = (r: StateResource): RecordedRequest[] => {
        if (r.type === T.approval) return approvalRequests.get(r.urn) ?? [];
        if (r.type === T.refresh)
            return library.filter((q) => q.method !== "GET" || opPaths.has(q.path)).filter((q) => pathOf(q) === idOf(r.urn).replace(/\/upstreamrefresh$/, ""));
        if (r.type === T.regionEndpoint) {
            // Its replica (the GET, the PATCH and its operation's polls), the replica's copies and the primary's links (the lists).
            const replica = idOf(r.urn).replace(/\/regionendpoint$/, "");
            const service = replica.split("/replicas/")[0];
            return library.filter((q) => [replica, `${replica}/sharedprivatelinkresources`, `${service}/sharedprivatelinkresources`].includes(pathOf(q)));
        }
        return provider.filter((q) => pathOf(q) === (r.id ?? "").toLowerCase());
    };

    const edges: Analysis["orderingEdges"] = [];
    for (const r of resources.filter(isTask)) {
        const data = new Set([...waitsFor(r, resources, "data"), ...physicalWaits(r, resources)]);
        for (const a of waitsFor(r, resources, "declared").filter((u) => !data.has(u))) {
            const from = resources.find((x) => x.urn === a)!;
            const bothHoldService = !!taskOf(from.type, m)?.exclusive && !!taskOf(r.type, m)?.exclusive;
            // What the ordering costs: the engine's graph with it against the same graph without it.
            const withoutEdge = criticalPath(tasksOf(resources, m, "declared", [[r.urn, a]])).length;
            const dataReady = Math.max(requests[0].at, ...[...data].map(endOf));
            edges.push({
                from: short(a),
                to: short(r.urn),
                forced: bothHoldService,
                modelCostMs: declared.length - withoutEdge,
                measuredDelayMs: Math.max(0, endOf(a) - dataReady),
            });
        }
    }

    const approvalRows = approvals.map((r) => {
        const mine = requestsOf(r);
        const link = linkOfApproval(r);
        const visible = timeline.find((e) => e.event === "connection-visible" && e.id.toLowerCase() === link)?.at ?? NaN;
        // The copy SignalR reported Approved last (the primary's, or a replica's), and the read that saw it.
        const last = timeline.filter((e) => e.event === "link-reported-approved" && linkOrCopy(link, e.id.toLowerCase())).pop();
        const reported = last?.at ?? NaN;
        const writes = mine.filter((q) => q.method === "PUT" && !opPaths.has(q.path));
        const write = writes[0]?.at ?? NaN;
        const seen = mine.find((q) => q.method === "GET" && pathOf(q) === last?.id.toLowerCase() && q.at >= reported)?.at ?? NaN;
        return {
            name: short(r.urn),
            pollLagMs: Math.max(0, write - Math.max(visible, mine[0]?.at ?? visible)),
            confirmLagMs: seen - reported,
            oneAtATimeMs: writes.length ? writes[writes.length - 1].at - write : 0,
            reads: mine.filter((q) => q.method === "GET").length,
            writes: mine.filter((q) => q.method !== "GET").length,
            durationMs: mine.length ? mine[mine.length - 1].at - mine[0].at : 0,
            loopReads: mine.filter(
                (q) =>
                    q.method === "GET" &&
                    ((linkOrCopy(link, pathOf(q)) && q.at > write) ||
                        (q.path.toLowerCase().endsWith("/privateendpointconnections") && q !== mine.find((x) => x.path.toLowerCase().endsWith("/privateendpointconnections")))),
            ).length,
            loopMs: mine.length ? mine[mine.length - 1].at - write : 0,
        };
    });

    let refresh: Analysis["refresh"];
    const [refreshResource] = byType(T.refresh);
    if (refreshResource) {
        const mine = requestsOf(refreshResource);
        const firstPatch = mine.find((q) => q.method === "PATCH")?.at ?? NaN;
        const effective = Math.max(...timeline.filter((e) => e.event === "role-assignment-effective").map((e) => e.at));
        const grantPut = Math.max(...provider.filter((q) => q.method === "PUT" && /\/roleassignments\//i.test(q.path)).map((q) => q.at));
        const settleEnd = grantPut + Number(waits.keyVaultGrantSettleSeconds ?? 0) * 1000;
        const dataReady = Math.max(...waitsFor(refreshResource, resources, "data").map(endOf));
        const physical = Math.max(dataReady, effective);
        const declaredReady = Math.max(...waitsFor(refreshResource, resources, "declared").map(endOf));
        const rereads = timeline.filter((e) => e.event === "key-vault-reread");
        refresh = {
            behindOrderingMs: Math.max(0, Math.min(firstPatch, declaredReady) - physical),
            settleBeyondRbacMs: Math.max(0, Math.min(firstPatch, settleEnd) - Math.max(physical, declaredReady)),
            startAfterReadyMs: firstPatch - Math.max(physical, declaredReady, settleEnd),
            rereadOk: rereads.length > 0 && rereads[rereads.length - 1].ok === true,
        };
    }

    // Provider (stand-in azure-native) operations: from the end of each operation to the poll that saw it.
    const done = timeline.filter((e) => e.event === "operation-done" && e.kind !== "approval");
    const providerPollLagMs = done.reduce((sum, e) => {
        const started = timeline.find((s) => s.event === "operation-started" && s.id === e.id && s.kind === e.kind && s.at <= e.at);
        const poll = provider.find((q) => q.path === started?.operation && q.at >= e.at);
        return sum + (poll ? poll.at - e.at : 0);
    }, 0);

    // The most reads in any window of one real minute.
    const reads = requests.filter((q) => q.method === "GET").map((q) => q.at);
    const windowMs = 60_000 * scale;
    let peak = 0;
    for (let i = 0, j = 0; i < reads.length; i++) {
        while (reads[i] - reads[j] > windowMs) j++;
        peak = Math.max(peak, i - j + 1);
    }
    // The chain as it ran: from the resource that ended last, back through what it waited for
    // (as the engine ran it), each time the one that ended last.
    const declaredTasks = new Map(tasksOf(resources, m, "declared").map((t) => [t.id, t]));
    const tasks = resources.filter(isTask).filter((r) => requestsOf(r).length > 0);
    let at: string | undefined = tasks.reduce((a, b) => (endOf(b.urn) > endOf(a.urn) ? b : a)).urn;
    const ran: string[] = [];
    while (at) {
        ran.unshift(at);
        const waited: { id: string; lag?: number }[] = declaredTasks.get(at)!.after.filter((d) => requestsOf(resources.find((x) => x.urn === d.id)!).length > 0);
        at = waited.length ? waited.reduce((a, b) => (endOf(b.id) + (b.lag ?? 0) > endOf(a.id) + (a.lag ?? 0) ? b : a)).id : undefined;
    }
    const chain: ChainTask[] = ran.map((urn, i) => {
        const r = resources.find((x) => x.urn === urn)!;
        const mine = requestsOf(r);
        const lag = i === 0 ? 0 : (declaredTasks.get(urn)!.after.find((d) => d.id === ran[i - 1])?.lag ?? 0);
        const approval = approvalRows.find((x) => x.name === short(urn));
        return {
            name: short(urn),
            startMs: (mine[0]?.at ?? NaN) - run.startedAt,
            endMs: endOf(urn) - run.startedAt,
            modelMs: declaredTasks.get(urn)!.duration,
            lagBeforeMs: lag,
            library: r.type === T.approval || r.type === T.refresh || r.type === T.regionEndpoint,
            ...(approval && r.type === T.approval ? { oneAtATimeMs: approval.oneAtATimeMs, confirmationLagMs: approval.confirmLagMs } : {}),
        };
    });
    return {
        wallMs: run.wallMs,
        chain,
        byCause: wallByCause(chain, cp.length, run.wallMs),
        engineBeforeMs: requests[0].at - run.startedAt,
        engineAfterMs: run.startedAt + run.wallMs - (requests[requests.length - 1].at + m.requestMs),
        criticalMs: cp.length,
        criticalPath: cp.path.map(short),
        declaredMs: declared.length,
        orderingEdges: edges,
        approvals: approvalRows,
        refresh,
        providerPollLagMs,
        conflicts: timeline.filter((e) => e.event === "conflict").length,
        requests: { total: requests.length, reads: reads.length, library: library.length, peakReadsPerScaledWindow: peak },
    };
}

export interface DeploymentResult {
    scale: number;
    model: LatencyModel;
    waits: Record<string, string>;
    variants: { variant: Variant; baselineMs: number; analysis: Analysis }[];
}

/** Runs every variant once without latencies (the engine's own time) and once with them. */
export async function deploymentBenchmark(scale: number): Promise<DeploymentResult> {
    const bin = locateToolchain();
    if (!bin) throw new Error(`the deployment benchmark needs the engine toolchain: run \`${BUILD_COMMAND}\``);
    const model = scaledModel(scale);
    const waits = scaledWaits(scale);
    const variants: DeploymentResult["variants"] = [];
    for (const variant of VARIANTS) {
        // Without latencies and with the shortest waits: what the engine, the providers and the requests cost by themselves.
        const baseline = await deploy(bin, variant, undefined, { ...waits, keyVaultGrantSettleSeconds: "0" });
        const run = await deploy(bin, variant, model, waits);
        writeFileSync(savedRun(variant), JSON.stringify({ run, baselineMs: baseline.wallMs, model, waits, scale }));
        const analysis = analyse(run, model, waits, scale);
        console.log(JSON.stringify({ variant: variant.name, baselineMs: baseline.wallMs, ...analysis }));
        variants.push({ variant, baselineMs: baseline.wallMs, analysis });
    }
    return { scale, model, waits, variants };
}

/** Where a variant's last measurements are kept, so the report can be made again without running. */
const savedRun = (variant: Variant) => path.join(tmpdir(), `signalr-serverless-deployment-${variant.name}.json`);

/** The last runs' measurements analysed again (e.g. after a change to the analysis). */
export function savedDeploymentBenchmark(): DeploymentResult {
    const saved = VARIANTS.map((variant) => ({
        variant,
        ...(JSON.parse(readFileSync(savedRun(variant), "utf8")) as { run: Run; baselineMs: number; model: LatencyModel; waits: Record<string, string>; scale: number }),
    }));
    const [{ model, waits, scale }] = saved;
    return { scale, model, waits, variants: saved.map((x) => ({ variant: x.variant, baselineMs: x.baselineMs, analysis: analyse(x.run, x.model, x.waits, x.scale) })) };
}

export { ARM_READ_BUDGET };
