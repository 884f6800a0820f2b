// Where the evaluation time goes: a V8 CPU profile of one evaluation of the installed package,
// self time summed by where the code lives (package, Node internals, garbage collector).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

interface CpuProfile {
    nodes: { id: number; callFrame: { functionName: string; url: string }; hitCount?: number }[];
    samples: number[];
    timeDeltas: number[];
}

export interface TimeShare {
    where: string;
    ms: number;
    percent: number;
}

/** The package (or pseudo-frame) a call frame belongs to. */
function owner(frame: { functionName: string; url: string }): string {
    if (!frame.url) return frame.functionName.startsWith("(") ? frame.functionName : "(native)";
    const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
    if (inModules) return inModules[1];
    if (frame.url.startsWith("node:")) return "node internals";
    return "the program";
}

/** Self time by owner for `node <program> <args>` run in `cwd`, largest first. */
export function profileEvaluation(cwd: string, program: string, args: string[]): { shares: TimeShare[]; topFunctions: TimeShare[] } {
    const dir = mkdtempSync(path.join(tmpdir(), "signalr-serverless-profile-"));
    const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, program, ...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`profiling ${program} failed: ${r.stderr.slice(-2000)}`);
    const profile = JSON.parse(readFileSync(path.join(dir, readdirSync(dir)[0]), "utf8")) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const byOwner = new Map<string, number>();
    const byFunction = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
        const us = profile.timeDeltas[i] ?? 0;
        const frame = byId.get(id)!.callFrame;
        total += us;
        byOwner.set(owner(frame), (byOwner.get(owner(frame)) ?? 0) + us);
        const fn = `${frame.functionName || "(anonymous)"} (${owner(frame)})`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    });
    const shares = (m: Map<string, number>) =>
        [...m.entries()].map(([where, us]) => ({ where, ms: Math.round(us / 1000), percent: Math.round((1000 * us) / total) / 10 })).sort((a, b) => b.ms - a.ms);
    return { shares: shares(byOwner), topFunctions: shares(byFunction).slice(0, 8) };
}
