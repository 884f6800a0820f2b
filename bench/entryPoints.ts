// What loading each entry point of the installed package costs: modules loaded and wall time of the
// require, each in a fresh Node process in the consumer project (the Function app's cold start).
import { spawnSync } from "node:child_process";

export const ENTRY_POINTS = ["signalr-serverless", "signalr-serverless/upstream", "signalr-serverless/protocol", "signalr-serverless/policy"];

export interface EntryPointLoad {
    entry: string;
    modules: number;
    sdkModules: number;
    loadMs: number;
}

const PROBE = `const t = process.hrtime.bigint(); require(process.argv[1]); const ms = Number(process.hrtime.bigint() - t) / 1e6;
const loaded = Object.keys(require.cache);
console.log(JSON.stringify({ modules: loaded.length, sdkModules: loaded.filter((m) => /node_modules[\\\\/](@pulumi|@azure|@grpc)[\\\\/]/.test(m)).length, loadMs: ms }));`;

/** Median of `runs` fresh processes per entry point. */
export function entryPointLoad(consumer: string, runs = 5): EntryPointLoad[] {
    return ENTRY_POINTS.map((entry) => {
        const samples = Array.from({ length: runs }, () => {
            const r = spawnSync(process.execPath, ["-e", PROBE, entry], { cwd: consumer, encoding: "utf8" });
            if (r.status !== 0) throw new Error(`loading ${entry} failed: ${r.stderr}`);
            return JSON.parse(r.stdout) as Omit<EntryPointLoad, "entry">;
        });
        const times = samples.map((s) => s.loadMs).sort((a, b) => a - b);
        return { entry, modules: samples[0].modules, sdkModules: samples[0].sdkModules, loadMs: times[Math.floor((runs - 1) / 2)] };
    });
}
