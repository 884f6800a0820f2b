// Where a deployment's wall time goes, from what the fake Resource Manager recorded: which
// approval a shared request belongs to, and the wall time split by cause along the chain that set
// it. Pure: the benchmark's measurements in, numbers out (bench/deployment.ts feeds them).

/** A request as recorded: when it arrived (ms). */
export interface Timed {
    at: number;
}

/**
 * Requests several tasks make to one path (every approval on a service lists its replicas:
 * `…/signalR/{svc}/replicas`) belong to the task whose own request came last before them: each
 * task's requests are sequential, and the list follows its link's check at once. Returns, per
 * task, its own requests and the shared ones it made, in time order.
 */
export function attributeShared<T extends Timed>(own: ReadonlyMap<string, readonly T[]>, shared: readonly T[]): Map<string, T[]> {
    const out = new Map<string, T[]>([...own].map(([task, requests]) => [task, [...requests]]));
    for (const q of shared) {
        let owner: string | undefined;
        let latest = -Infinity;
        for (const [task, requests] of own) {
            const before = requests.filter((r) => r.at <= q.at).pop();
            if (before && before.at > latest) [owner, latest] = [task, before.at];
        }
        if (owner !== undefined) out.get(owner)!.push(q);
    }
    for (const requests of out.values()) requests.sort((a, b) => a.at - b.at);
    return out;
}

/** One task of the chain that set the wall time, as it ran (ms from the start of `pulumi up`). */
export interface ChainTask {
    name: string;
    startMs: number;
    endMs: number;
    /** Its duration under the latency model. */
    modelMs: number;
    /** The lag the model requires before it after the task before it (e.g. Key Vault's RBAC propagation). */
    lagBeforeMs: number;
    /** The library's (an approval, the re-read, or a replica's region endpoint: its PATCH after the approvals) rather than a provider's. */
    library: boolean;
    /** For an approval: from its first write to its last (the copies approved one at a time). */
    oneAtATimeMs?: number;
    /** For an approval: from SignalR reporting its last copy Approved to the read that saw it. */
    confirmationLagMs?: number;
}

/** The wall time, split so that the parts add up to it exactly (ms). */
export interface WallByCause {
    criticalPathMs: number;
    /** The chain's model beyond the critical path: orderings the components add (dependsOn), kept on purpose or forced. */
    orderingsMs: number;
    /** From the start of `pulumi up` to the chain's first request: the CLI, the plugins, the program. */
    engineStartMs: number;
    /** Between a task's end and the next one's first request, beyond the required lag: the engine's dispatch and the provider's calls. */
    betweenTasksMs: number;
    /** Providers' tasks beyond the model: the stand-in azure-native's GETs around each write, its operation polling. */
    providerTasksMs: number;
    /** Approvals: their copies approved one at a time (the safety rule; nothing on the target tells the copies' connections apart). */
    oneAtATimeMs: number;
    /** Approvals: polling lag after SignalR reported the last copy Approved. */
    confirmationLagMs: number;
    /** The library's tasks beyond the model otherwise: their requests, the provider process, the re-read's and the region endpoint's operation polls. */
    libraryOtherMs: number;
    /** From the chain's last answer to the end of `pulumi up`. */
    engineFinishMs: number;
}

/** The wall time along `chain`, by cause; the parts sum to `wallMs`. */
export function wallByCause(chain: readonly ChainTask[], criticalPathMs: number, wallMs: number): WallByCause {
    const chainModel = chain.reduce((sum, c) => sum + c.modelMs + c.lagBeforeMs, 0);
    let betweenTasksMs = 0;
    let providerTasksMs = 0;
    let oneAtATimeMs = 0;
    let confirmationLagMs = 0;
    let libraryOtherMs = 0;
    chain.forEach((c, i) => {
        if (i > 0) betweenTasksMs += c.startMs - chain[i - 1].endMs - c.lagBeforeMs;
        const beyond = c.endMs - c.startMs - c.modelMs;
        if (!c.library) providerTasksMs += beyond;
        else {
            oneAtATimeMs += c.oneAtATimeMs ?? 0;
            confirmationLagMs += c.confirmationLagMs ?? 0;
            libraryOtherMs += beyond - (c.oneAtATimeMs ?? 0) - (c.confirmationLagMs ?? 0);
        }
    });
    return {
        criticalPathMs,
        orderingsMs: chainModel - criticalPathMs,
        engineStartMs: chain.length ? chain[0].startMs : 0,
        betweenTasksMs,
        providerTasksMs,
        oneAtATimeMs,
        confirmationLagMs,
        libraryOtherMs,
        engineFinishMs: wallMs - (chain.length ? chain[chain.length - 1].endMs : 0),
    };
}

/**
 * The same wall time in real time (`scale`: the factor the latencies and the library's waits were
 * multiplied by): what grows with them (the model, the orderings' model cost, the copies one at a
 * time, which wait for SignalR's propagation, and the confirmation lag, a poll interval) at full
 * scale, the rest (the engine, the providers, each request) as measured.
 */
export function realWall(w: WallByCause, scale: number): number {
    return (Object.keys(w) as (keyof WallByCause)[]).reduce((sum, k) => sum + (GROWING_CAUSES.includes(k) ? w[k] / scale : w[k]), 0);
}

/** The causes that grow with the latencies and the library's waits. */
export const GROWING_CAUSES: readonly (keyof WallByCause)[] = ["criticalPathMs", "orderingsMs", "oneAtATimeMs", "confirmationLagMs"];
