// The physical limit of a deployment: the shortest time in which a set of tasks can finish, given
// how long each takes, what each must wait for (with a lag: e.g. a Key Vault grant is only
// effective some minutes after its PUT), and that tasks holding the same exclusive resource never
// overlap (SignalR runs one operation at a time on a service). Pure.

export interface Task {
    id: string;
    /** How long the task takes once started (ms, or any unit used throughout). */
    duration: number;
    /** What it waits for: each task must have finished, plus its lag, before this one starts. */
    after: { id: string; lag?: number }[];
    /** Tasks with the same exclusive resource never run at the same time. */
    exclusive?: string;
}

export interface Schedule {
    /** When the last task finishes (the critical path's length). */
    length: number;
    /** Start and finish of each task in the shortest schedule. */
    times: Record<string, { start: number; finish: number }>;
    /** The chain of tasks that sets the length, first to last. */
    path: string[];
    /** The order chosen for each exclusive resource's tasks. */
    orders: Record<string, string[]>;
}

/** Largest number of orderings tried for all exclusive resources together. */
const MAX_ORDERINGS = 100_000;

/**
 * The shortest schedule of `tasks`. Every ordering of each exclusive resource's tasks that the
 * dependencies allow is tried (the graphs of one deployment are small: a service, its geo-replicas,
 * its links and a refresh; a replica's create holds the service like a link's PUT), and for each the earliest start of every task is computed; the shortest wins.
 * Throws on an unknown dependency, a cycle, or too many orderings to try.
 */
export function criticalPath(tasks: readonly Task[]): Schedule {
    const byId = new Map(tasks.map((t) => [t.id, t]));
    if (byId.size !== tasks.length) throw new Error("task ids must be unique");
    for (const t of tasks) for (const d of t.after) if (!byId.has(d.id)) throw new Error(`task ${t.id} waits for unknown task ${d.id}`);
    const order = topologicalOrder(tasks, byId);

    const groups = new Map<string, string[]>();
    for (const id of order) {
        const g = byId.get(id)!.exclusive;
        if (g !== undefined) groups.set(g, [...(groups.get(g) ?? []), id]);
    }
    const reaches = reachability(order, byId);
    const choices = [...groups.entries()].map(([g, ids]) => ({ group: g, orders: permutations(ids).filter((p) => respects(p, reaches)) }));
    const total = choices.reduce((n, c) => n * c.orders.length, 1);
    if (total > MAX_ORDERINGS) throw new Error(`too many orderings of exclusive tasks to try (${total})`);

    let best: Schedule | undefined;
    for (const combination of product(choices.map((c) => c.orders))) {
        // Each exclusive resource's order as extra edges: a task starts after the one before it finished.
        const extra = new Map<string, string[]>();
        combination.forEach((seq) => seq.slice(1).forEach((id, i) => extra.set(id, [...(extra.get(id) ?? []), seq[i]])));
        const schedule = earliest(order, byId, extra);
        if (schedule && (!best || schedule.length < best.length)) {
            best = { ...schedule, orders: Object.fromEntries(choices.map((c, i) => [c.group, combination[i]])) };
        }
    }
    if (!best) throw new Error("no ordering of the exclusive tasks is consistent with the dependencies");
    return best;
}

/** Earliest start and finish of each task, with `extra` predecessors (no lag); undefined when they make a cycle. */
function earliest(order: string[], byId: Map<string, Task>, extra: Map<string, string[]>): Omit<Schedule, "orders"> | undefined {
    const times: Schedule["times"] = {};
    const critical = new Map<string, string | undefined>();
    // The exclusive order is not the topological one: repeat until nothing moves (at most one pass per task).
    for (let pass = 0; pass <= order.length; pass++) {
        let moved = false;
        for (const id of order) {
            const t = byId.get(id)!;
            let start = 0;
            let because: string | undefined;
            const waits = [...t.after.map((d) => ({ id: d.id, lag: d.lag ?? 0 })), ...(extra.get(id) ?? []).map((p) => ({ id: p, lag: 0 }))];
            for (const w of waits) {
                const ready = (times[w.id]?.finish ?? 0) + w.lag;
                if (ready > start) [start, because] = [ready, w.id];
            }
            if (times[id]?.start !== start) moved = true;
            times[id] = { start, finish: start + t.duration };
            critical.set(id, because);
        }
        if (!moved) break;
        if (pass === order.length) return undefined; // still moving: the orders of two resources contradict each other
    }
    let last: string | undefined;
    for (const id of order) if (last === undefined || times[id].finish > times[last].finish) last = id;
    const path: string[] = [];
    for (let at = last; at !== undefined; at = critical.get(at)) path.unshift(at);
    return { length: last === undefined ? 0 : times[last].finish, times, path };
}

function topologicalOrder(tasks: readonly Task[], byId: Map<string, Task>): string[] {
    const state = new Map<string, "visiting" | "done">();
    const out: string[] = [];
    const visit = (id: string, trail: string[]) => {
        if (state.get(id) === "done") return;
        if (state.get(id) === "visiting") throw new Error(`the dependencies form a cycle: ${[...trail, id].join(" → ")}`);
        state.set(id, "visiting");
        for (const d of byId.get(id)!.after) visit(d.id, [...trail, id]);
        state.set(id, "done");
        out.push(id);
    };
    for (const t of tasks) visit(t.id, []);
    return out;
}

/** For each task, the tasks it (transitively) waits for. */
function reachability(order: string[], byId: Map<string, Task>): Map<string, Set<string>> {
    const before = new Map<string, Set<string>>();
    for (const id of order) {
        const set = new Set<string>();
        for (const d of byId.get(id)!.after) {
            set.add(d.id);
            for (const x of before.get(d.id) ?? []) set.add(x);
        }
        before.set(id, set);
    }
    return before;
}

/** Whether a sequence puts no task before one it waits for. */
const respects = (seq: string[], before: Map<string, Set<string>>) => seq.every((id, i) => seq.slice(i + 1).every((later) => !before.get(id)!.has(later)));

function permutations<T>(items: T[]): T[][] {
    if (items.length <= 1) return [items];
    return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

function* product<T>(lists: T[][]): Generator<T[]> {
    if (lists.length === 0) {
        yield [];
        return;
    }
    const [first, ...rest] = lists;
    for (const x of first) for (const tail of product(rest)) yield [x, ...tail];
}
