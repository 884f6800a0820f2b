// `npm run bench`: program evaluation at scale (components vs hand-written azure-native), the
// approval engine under load, and pure-core throughput; writes bench/RESULTS.md.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { approvalLoad } from "./approvalLoad";
import { pureCoreThroughput } from "./pureCore";

const { values } = parseArgs({
    options: {
        sizes: { type: "string", default: "1,10,100,500" },
        runs: { type: "string", default: "3" },
        out: { type: "string", default: path.join(__dirname, "RESULTS.md") },
    },
});
const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);
const root = path.resolve(__dirname, "..");

interface Measurement {
    wallMs: number;
    peakRssMb: number;
    resources: number;
}

/** One evaluation in a fresh process; the last stdout line is its JSON. */
function measure(variant: "component" | "raw", count: number): Measurement {
    const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["bench/evaluateProgram.ts", variant, String(count)], {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    const line = result.stdout.trim().split("\n").pop() ?? "";
    if (result.status !== 0 || !line.startsWith("{")) throw new Error(`${variant} ${count} failed: ${result.stderr.slice(-2000)}`);
    return JSON.parse(line) as Measurement;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fixed = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
    const started = new Date();
    const rows: string[] = [];
    const medians: { n: number; component: number; raw: number }[] = [];
    for (const n of sizes) {
        const samples: Record<"component" | "raw", Measurement[]> = { component: [], raw: [] };
        for (let r = 0; r < runs; r++) {
            // Interleaved, so drift of the machine affects both sides alike.
            samples.component.push(measure("component", n));
            samples.raw.push(measure("raw", n));
        }
        const c = { ms: median(samples.component.map((s) => s.wallMs)), rss: median(samples.component.map((s) => s.peakRssMb)), res: samples.component[0].resources };
        const w = { ms: median(samples.raw.map((s) => s.wallMs)), rss: median(samples.raw.map((s) => s.peakRssMb)), res: samples.raw[0].resources };
        const row = `| ${n} | ${c.res} / ${w.res} | ${fixed(c.ms / 1000, 2)} / ${fixed(w.ms / 1000, 2)} | ${fixed(c.ms / n)} / ${fixed(w.ms / n)} | ${fixed(c.rss, 0)} / ${fixed(w.rss, 0)} | **${fixed(c.ms / w.ms, 2)}** | ${fixed(c.ms / c.res, 2)} / ${fixed(w.ms / w.res, 2)} |`;
        rows.push(row);
        medians.push({ n, component: c.ms, raw: w.ms });
        console.log(row);
    }

    const load = await approvalLoad();
    console.log(JSON.stringify(load));
    const core = await pureCoreThroughput();
    console.table(core);

    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    // Marginal cost per instance between consecutive sizes: flat (or falling) means linear growth.
    const marginal = medians.slice(1).map((m, i) => ({
        range: `${medians[i].n}→${m.n}`,
        component: (m.component - medians[i].component) / (m.n - medians[i].n),
        raw: (m.raw - medians[i].raw) / (m.n - medians[i].n),
    }));
    const worstRatio = Math.max(...medians.map((m) => m.component / m.raw));
    const delay = load.approvalDelaySeconds;
    const report = `# Benchmark results

Machine: ${os.cpus().length} × ${cpu}, ${fixed(os.totalmem() / 2 ** 30, 0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}.
Date: ${started.toISOString().slice(0, 10)}. Command: \`npm run bench\` (sizes ${sizes.join(", ")}, ${runs} runs each, median).

## 1. Program evaluation under Pulumi mocks

Each instance: \`ServerlessSignalR\` with two upstream templates, a Key Vault grant on one secret and
one shared private endpoint with approval — against a hand-written azure-native program that
registers the same Azure resources (identity, role assignment, SignalR, nonce, shared private link,
approval resource) without components. Every measurement is a fresh process (\`bench/evaluateProgram.ts\`).
Cells are *component / raw*.

| N | registrations | wall time (s) | ms per instance | peak RSS (MiB) | ratio | ms per registration |
|---|---|---|---|---|---|---|
${rows.join("\n")}

Marginal cost per additional instance (ms), *component / raw*:
${marginal.map((m) => `${m.range}: ${fixed(m.component)} / ${fixed(m.raw)}`).join("; ")}.

Reading it honestly:
- Worst ratio ${fixed(worstRatio, 2)} (target ≤ 1.2): ${worstRatio <= 1.2 ? "met at every N" : "**missed**"}. The
  components register two more resources per instance (the \`ServerlessSignalR\` and
  \`SharedPrivateEndpoint\` component resources themselves: 8 against 6); per registration they
  are no slower than the hand-written program, so the ratio is the price of those two records.
- Small N is dominated by start-up (loading the SDK and azure-native: ${fixed(medians[0].component / 1000, 1)} s at N = ${medians[0].n}), the
  same for both. Beyond that the cost grows linearly: the marginal cost per component instance
  stays between ${fixed(Math.min(...marginal.map((m) => m.component)))} and ${fixed(Math.max(...marginal.map((m) => m.component)))} ms whatever N.
- Most of the time is the Pulumi SDK's own per-resource work (a source-mapped stack trace for each
  resource's source position, and promise bookkeeping), not our validation: the pure checks of one
  instance take well under a millisecond (section 3).
- All approvals share one dynamic provider instance, so its code is serialized once per program
  (the SDK caches serializations by provider identity).

## 2. Approval engine under load

${load.approvals} approvals at once against the fake Resource Manager (https on 127.0.0.1): each
connection appears 20–90 s after the request, SignalR reports Approved 60–180 s after the approval,
time compressed ×${1 / load.timeScale}; figures below are converted back to real time. Poll interval
${load.pollIntervalSeconds} s growing by half up to ${load.maxPollIntervalSeconds} s; approval PUTs
answered 202 + Azure-AsyncOperation.

| measure | value |
|---|---|
| ARM requests per approval (median / max) | ${load.requestsPerApproval.median} / ${load.requestsPerApproval.max} |
| reads per minute, all ${load.approvals} together | ${load.readsPerMinute} |
| writes per minute, all ${load.approvals} together | ${load.writesPerMinute} |
| delay from the connection appearing to our approval (median / p95 / max) | ${load.approvalDelaySeconds.median} s / ${load.approvalDelaySeconds.p95} s / ${load.approvalDelaySeconds.max} s |
| duration of the whole batch | ${load.realDurationSeconds} s |

ARM's per-subscription read budget is 12,000 reads per hour in the classic model (200 per minute)
and a bucket of 250 refilled at 25 per second in the current one; ${load.approvals} concurrent
approvals stay ${load.readsPerMinute < 200 ? "under the classic limit" : "above the classic per-minute average (bursts are absorbed by the bucket; retries honour Retry-After)"}.

The approval delay is at most the poll interval in effect when the connection appears, and that
interval grows from ${load.pollIntervalSeconds} s to the ${load.maxPollIntervalSeconds} s cap: the maximum
measured, ${delay.max} s, is ${delay.max <= load.maxPollIntervalSeconds ? "within" : "**beyond**"} one capped interval. Where we lose: the
median, ${delay.median} s, is ${delay.median >= load.pollIntervalSeconds ? "no shorter than the starting interval, because most connections appear after 20–90 s, when the interval has already grown" : "under the starting interval"}; a
user watching the portal could approve sooner. Polling faster would cost reads against the same
per-subscription budget that every other deployment in the subscription shares.

## 3. Pure core throughput (tinybench, one core)

| operation | ops/s | mean (µs) |
|---|---|---|
${core.map((r) => `| ${r.operation} | ${r.opsPerSecond.toLocaleString("en-US")} | ${r.meanMicroseconds} |`).join("\n")}
`;
    writeFileSync(values.out, report);
    console.log(`wrote ${path.relative(root, values.out)}`);
}

void main();
