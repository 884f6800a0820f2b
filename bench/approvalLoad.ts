// The approval engine under load against the fake Resource Manager with realistic delays,
// compressed by a time scale: connections appear 20-90 s after the request, SignalR reports
// Approved 60-180 s after the approval. Reports requests per approval, request rate (in real
// time) and how long after appearing each connection was approved.
import { approvePrivateEndpointConnection } from "../src";
import { FakeResourceManager, fakeCredential } from "../test/support/fakeResourceManager";

export interface ApprovalLoadResult {
    approvals: number;
    timeScale: number;
    pollIntervalSeconds: number;
    maxPollIntervalSeconds: number;
    requestsPerApproval: { median: number; max: number };
    readsPerMinute: number;
    writesPerMinute: number;
    /** Seconds (real-time equivalent) from the connection's appearance to our approval PUT. */
    approvalDelaySeconds: { median: number; p95: number; max: number };
    realDurationSeconds: number;
}

const uniform = (min: number, max: number, i: number, n: number) => min + ((max - min) * (i + 0.5)) / n;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length - 1) * p))];

export async function approvalLoad(approvals = 50, timeScale = 0.01, pollIntervalSeconds = 10, maxPollIntervalSeconds = 30): Promise<ApprovalLoadResult> {
    const arm = new FakeResourceManager();
    await arm.start();
    arm.approvalMode = "202-async";
    arm.operationPolls = 1;
    const start = Date.now();
    const jobs = Array.from({ length: approvals }, (_, i) => {
        const site = arm.addTarget("Microsoft.Web/sites", `func${i}`);
        const spl = arm.addSharedPrivateLink("bench-signalr", `pe${i}`, { ms: uniform(60, 180, (i * 7) % approvals, approvals) * 1000 * timeScale });
        const appearAt = start + uniform(20, 90, i, approvals) * 1000 * timeScale;
        arm.addConnection(site, { name: `conn${i}`, status: "Pending", description: `msg ${i}`, appearAt, sharedPrivateLinkResourceId: spl, omitName: true });
        // Every target also has a stranger's connection: lists are never trivially empty.
        arm.addConnection(site, { name: `other${i}`, status: "Approved", description: "ops" });
        return { site, spl, appearAt };
    });
    await Promise.all(
        jobs.map((job, i) =>
            approvePrivateEndpointConnection({
                targetResourceId: job.site,
                requestMessage: `msg ${i}`,
                sharedPrivateLinkResourceId: job.spl,
                resourceManagerEndpoint: arm.endpoint,
                credential: fakeCredential,
                ca: arm.ca,
                pollIntervalSeconds: pollIntervalSeconds * timeScale,
                maxPollIntervalSeconds: maxPollIntervalSeconds * timeScale,
                timeoutSeconds: 900 * timeScale,
            }),
        ),
    );
    const elapsedMs = Date.now() - start;
    await arm.stop();

    const perApproval = jobs.map((job) => arm.requests.filter((r) => r.path.startsWith(`${job.site}/`) || r.path === job.spl).length);
    const operations = arm.requests.filter((r) => r.path.startsWith("/operations/")).length;
    const delays = jobs.map((job) => {
        const put = arm.requests.find((r) => r.method === "PUT" && r.path.startsWith(job.site));
        return ((put?.at ?? Infinity) - job.appearAt) / 1000 / timeScale;
    });
    const realMinutes = elapsedMs / 1000 / timeScale / 60;
    const reads = arm.requests.filter((r) => r.method === "GET").length;
    const writes = arm.requests.length - reads;
    return {
        approvals,
        timeScale,
        pollIntervalSeconds,
        maxPollIntervalSeconds,
        requestsPerApproval: { median: percentile(perApproval, 0.5) + operations / approvals, max: Math.max(...perApproval) + operations / approvals },
        readsPerMinute: Math.round(reads / realMinutes),
        writesPerMinute: Math.round(writes / realMinutes),
        approvalDelaySeconds: { median: round(percentile(delays, 0.5)), p95: round(percentile(delays, 0.95)), max: round(Math.max(...delays)) },
        realDurationSeconds: Math.round(elapsedMs / 1000 / timeScale),
    };
}

const round = (n: number) => Math.round(n * 10) / 10;

if (require.main === module) {
    void approvalLoad().then((r) => console.log(JSON.stringify(r, null, 2)));
}
