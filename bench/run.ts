// `npm run bench`: program evaluation at scale (components vs hand-written azure-native) and state
// per approval, measured on the packed package installed in a consumer project; the cost of loading
// each entry point; the approval engine under load; pure-core throughput; deployment time through the
// real engine (bench/deployment.ts). Writes bench/RESULTS.md; `--only deployment` runs the last alone
// and replaces its section in place.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { consumerProject } from "../test/support/consumerProject";
import { approvalLoad } from "./approvalLoad";
import { deploymentBenchmark, savedDeploymentBenchmark } from "./deployment";
import { SECTION_END, SECTION_START, deploymentSection } from "./deploymentReport";
import { entryPointLoad } from "./entryPoints";
import { profileEvaluation } from "./profile";
import { pureCoreThroughput } from "./pureCore";

const { values } = parseArgs({
    options: {
        sizes: { type: "string", default: "1,10,100,500" },
        runs: { type: "string", default: "3" },
        out: { type: "string", default: path.join(__dirname, "RESULTS.md") },
        /** `deployment`: only the deployment benchmark, its section replaced in the existing results. */
        only: { type: "string" },
        /** The deployment benchmark's time factor: Azure's latencies and the library's waits multiplied by it. */
        scale: { type: "string", default: "0.1" },
    },
});
const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);
const root = path.resolve(__dirname, "..");

interface Measurement {
    wallMs: number;
    peakRssMb: number;
    resources: number;
    /** Largest approval's state: inputs plus outputs, as JSON bytes. */
    approvalStateBytes: number;
}

/** The packed package installed in a fresh consumer project, with the evaluation program compiled there. */
function prepareConsumer(): string {
    const consumer = consumerProject();
    copyFileSync(path.join(__dirname, "evaluateProgram.ts"), path.join(consumer, "evaluateProgram.ts"));
    writeFileSync(
        path.join(consumer, "tsconfig.bench.json"),
        JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { outDir: "bench-bin" }, files: ["evaluateProgram.ts"] }),
    );
    const tsc = spawnSync(path.join(consumer, "node_modules/.bin/tsc"), ["-p", "tsconfig.bench.json"], { cwd: consumer, encoding: "utf8" });
    if (tsc.status !== 0) throw new Error(`compiling the benchmark program in the consumer failed: ${tsc.stdout}${tsc.stderr}`);
    return consumer;
}

/** The last stdout line of a measurement process is its JSON. */
function parseMeasurement(what: string, result: ReturnType<typeof spawnSync>): Measurement {
    const line = String(result.stdout).trim().split("\n").pop() ?? "";
    if (result.status !== 0 || !line.startsWith("{")) throw new Error(`${what} failed: ${String(result.stderr).slice(-2000)}`);
    return JSON.parse(line) as Measurement;
}

/** One evaluation of the installed package in a fresh process. */
function measure(consumer: string, variant: "component" | "raw", count: number): Measurement {
    const result = spawnSync(process.execPath, ["bench-bin/evaluateProgram.js", variant, String(count)], { cwd: consumer, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return parseMeasurement(`${variant} ${count}`, result);
}

/** The same program from this checkout's source, where Pulumi's serializer inlines the provider's code (how every approval was stored before thin references). */
function measureInlined(): Measurement {
    const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["bench/evaluateProgram.ts", "component", "1"], { cwd: root, encoding: "utf8" });
    return parseMeasurement("inlined component 1", result);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fixed = (n: number, digits = 1) => n.toFixed(digits);

/** Runs only the deployment benchmark (or, `saved`, analyses its last runs again) and puts its section into the existing results. */
async function deploymentOnly(saved: boolean): Promise<void> {
    const section = deploymentSection(saved ? savedDeploymentBenchmark() : await deploymentBenchmark(Number(values.scale)));
    const current = existsSync(values.out) ? readFileSync(values.out, "utf8") : "# Benchmark results\n";
    const [before, rest] = current.includes(SECTION_START) ? current.split(SECTION_START) : [current.trimEnd() + "\n\n", SECTION_END];
    writeFileSync(values.out, `${before}${section}${rest.split(SECTION_END)[1] ?? "\n"}`);
    console.log(`wrote the deployment section of ${path.relative(root, values.out)}`);
}

async function main(): Promise<void> {
    if (values.only === "deployment" || values.only === "deployment-saved") return deploymentOnly(values.only === "deployment-saved");
    if (values.only !== undefined) throw new Error(`--only must be \`deployment\` or \`deployment-saved\`, got ${values.only}`);
    const started = new Date();
    const rows: string[] = [];
    const medians: {
        n: number;
        component: number;
        raw: number;
        perRegistration: { component: number; raw: number };
        componentPerInstance: number;
        rawPerInstance: number;
    }[] = [];
    const consumer = prepareConsumer();
    const entryPoints = entryPointLoad(consumer);
    console.table(entryPoints);
    const inlined = measureInlined();
    let shippedStateBytes = 0;
    for (const n of sizes) {
        const samples: Record<"component" | "raw", Measurement[]> = { component: [], raw: [] };
        for (let r = 0; r < runs; r++) {
            // Interleaved, so drift of the machine affects both sides alike.
            samples.component.push(measure(consumer, "component", n));
            samples.raw.push(measure(consumer, "raw", n));
        }
        const c = { ms: median(samples.component.map((s) => s.wallMs)), rss: median(samples.component.map((s) => s.peakRssMb)), res: samples.component[0].resources };
        const w = { ms: median(samples.raw.map((s) => s.wallMs)), rss: median(samples.raw.map((s) => s.peakRssMb)), res: samples.raw[0].resources };
        const row = `| ${n} | ${c.res} / ${w.res} | ${fixed(c.ms / 1000, 2)} / ${fixed(w.ms / 1000, 2)} | ${fixed(c.ms / n)} / ${fixed(w.ms / n)} | ${fixed(c.rss, 0)} / ${fixed(w.rss, 0)} | **${fixed(c.ms / w.ms, 2)}** | ${fixed(c.ms / c.res, 2)} / ${fixed(w.ms / w.res, 2)} |`;
        rows.push(row);
        shippedStateBytes = Math.max(shippedStateBytes, ...samples.component.map((m) => m.approvalStateBytes), ...samples.raw.map((m) => m.approvalStateBytes));
        medians.push({
            n,
            component: c.ms,
            raw: w.ms,
            perRegistration: { component: c.ms / c.res, raw: w.ms / w.res },
            componentPerInstance: c.res / n,
            rawPerInstance: w.res / n,
        });
        console.log(row);
    }

    const profileN = sizes.includes(100) ? 100 : sizes[sizes.length - 1];
    const profile = profileEvaluation(consumer, "bench-bin/evaluateProgram.js", ["component", String(profileN)]);
    console.table(profile.shares);
    const load = await approvalLoad();
    console.log(JSON.stringify(load));
    const core = await pureCoreThroughput();
    console.table(core);
    const deployment = deploymentSection(await deploymentBenchmark(Number(values.scale)));

    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    // Marginal cost per instance between consecutive sizes: flat (or falling) means linear growth.
    const marginal = medians.slice(1).map((m, i) => ({
        range: `${medians[i].n}→${m.n}`,
        component: (m.component - medians[i].component) / (m.n - medians[i].n),
        raw: (m.raw - medians[i].raw) / (m.n - medians[i].n),
    }));
    const worstRatio = Math.max(...medians.map((m) => m.component / m.raw));
    const delay = load.approvalDelaySeconds;
    const largest = medians[medians.length - 1];
    const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${fixed(bytes / 1024 / 1024)} MiB` : `${fixed(bytes / 1024)} KiB`);
    const report = `# Benchmark results

Machine: ${os.cpus().length} × ${cpu}, ${fixed(os.totalmem() / 2 ** 30, 0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}.
Date: ${started.toISOString().slice(0, 10)}. Command: \`npm run bench\` (sizes ${sizes.join(", ")}, ${runs} runs each, median).

## 1. Program evaluation under Pulumi mocks

Each instance: \`ServerlessSignalR\` with two upstream templates, a Key Vault grant on one secret and
one shared private endpoint with approval — against a hand-written azure-native program that
registers the same resources with identical inputs (identity, role assignment, SignalR, nonce,
shared private link, and the same \`PrivateEndpointConnectionApproval\` and \`UpstreamSettingsRefresh\`
resources) without components.
Both run from the packed package installed in a fresh consumer project, each measurement a fresh
process (\`bench/evaluateProgram.ts\`, compiled there). Cells are *component / raw*.

| N | registrations | wall time (s) | ms per instance | peak RSS (MiB) | ratio | ms per registration |
|---|---|---|---|---|---|---|
${rows.join("\n")}

Marginal cost per additional instance (ms), *component / raw*:
${marginal.map((m) => `${m.range}: ${fixed(m.component)} / ${fixed(m.raw)}`).join("; ")}.

Reading it honestly:
- Worst ratio ${fixed(worstRatio, 3)} (target ≤ 1.2): ${worstRatio <= 1.2 ? "met at every N" : "**missed**"}. The
  components register ${largest.componentPerInstance - largest.rawPerInstance} more resources per instance (the \`ServerlessSignalR\` and
  \`SharedPrivateEndpoint\` component resources themselves: ${largest.componentPerInstance} against ${largest.rawPerInstance}); ${
      largest.perRegistration.component <= largest.perRegistration.raw
          ? "per registration they are no slower than the hand-written program, so the ratio is the price of those extra records"
          : `per registration they cost ${fixed(largest.perRegistration.component, 2)} ms against ${fixed(largest.perRegistration.raw, 2)} ms at N = ${largest.n}`
  }.
- Small N is dominated by start-up (loading the SDK and azure-native: ${fixed(medians[0].component / 1000, 1)} s at N = ${medians[0].n}), the
  same for both. Beyond that the cost grows linearly: the marginal cost per component instance
  stays between ${fixed(Math.min(...marginal.map((m) => m.component)))} and ${fixed(Math.max(...marginal.map((m) => m.component)))} ms whatever N.

## 2. State per approval

Inputs plus outputs of one \`PrivateEndpointConnectionApproval\`, as JSON bytes (the dynamic
provider's serialized \`__provider\` is stored in both):

| provider serialized as | bytes per approval | at 100 approvals | at 500 approvals |
|---|---|---|---|
| a \`require("signalr-serverless/dynamic/approval")\` of the installed package (this release) | ${shippedStateBytes.toLocaleString("en-US")} | ${kb(shippedStateBytes * 100)} | ${kb(shippedStateBytes * 500)} |
| inlined code, as every build before this release stored it (measured from this checkout's source, where Pulumi's serializer inlines local modules) | ${inlined.approvalStateBytes.toLocaleString("en-US")} | ${kb(inlined.approvalStateBytes * 100)} | ${kb(inlined.approvalStateBytes * 500)} |

The consumer test (\`test/shipped\`) holds each approval of the README example to ≤ 2 KB.

## 3. Where the evaluation time goes

A V8 CPU profile (\`--cpu-prof\`) of the whole process evaluating the component program at
N = ${profileN} from the installed package, start-up included (\`wrapSafe\` and
\`compileForInternalLoader\` are Node compiling modules as they load), self time summed by where the
code lives:

| code | self time (ms) | share |
|---|---|---|
${profile.shares
    .slice(0, 8)
    .map((r) => `| ${r.where} | ${r.ms} | ${r.percent} % |`)
    .join("\n")}

Functions with the most self time:

| function (package) | self time (ms) | share |
|---|---|---|
${profile.topFunctions.map((r) => `| \`${r.where}\` | ${r.ms} | ${r.percent} % |`).join("\n")}

Our own code is the \`signalr-serverless\` row; the rest is the Pulumi SDK, its dependencies, Node
and the garbage collector, the same machinery the hand-written program pays for.

## 4. Loading each entry point

A fresh Node process in the consumer project requiring one entry point (median of 5):

| entry point | modules loaded | of them @pulumi, @azure, @grpc | load time (ms) |
|---|---|---|---|
${entryPoints.map((e) => `| \`${e.entry}\` | ${e.modules} | ${e.sdkModules} | ${fixed(e.loadMs, 0)} |`).join("\n")}

The Function app's request path imports \`signalr-serverless/protocol\` only.

## 5. Approval engine under load

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

## 6. Pure core throughput (tinybench, one core)

| operation | ops/s | mean (µs) |
|---|---|---|
${core.map((r) => `| ${r.operation} | ${r.opsPerSecond.toLocaleString("en-US")} | ${r.meanMicroseconds} |`).join("\n")}

${deployment}
`;
    writeFileSync(values.out, report);
    console.log(`wrote ${path.relative(root, values.out)}`);
}

void main();
