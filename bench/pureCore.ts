// Throughput of the pure core (operations per second), measured with tinybench.
import { Bench } from "tinybench";
import {
    computeUpstreamSignature,
    keyVaultSecretReference,
    parseKeyVaultReferences,
    renderUpstreamUrl,
    selectUpstreamTemplate,
    validateUpstreamTemplate,
    verifyUpstreamSignature,
} from "../src";

export interface ThroughputRow {
    operation: string;
    opsPerSecond: number;
    meanMicroseconds: number;
}

export async function pureCoreThroughput(): Promise<ThroughputRow[]> {
    const url = `https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=${keyVaultSecretReference("https://contoso-kv.vault.azure.net/secrets/signalr-key")}`;
    const templates = Array.from({ length: 10 }, (_, i) => ({
        urlTemplate: `https://f${i}.example/{hub}/{event}`,
        hubPattern: `hub${i}, other${i}`,
        categoryPattern: "messages",
        eventPattern: "a,b,c,d",
    }));
    const event = { hub: "hub9", category: "messages", event: "d" };
    const connectionId = "0f9c97a2f0bf4706afe87a14e0797b11";
    const header = `${computeUpstreamSignature(connectionId, "old-key")},${computeUpstreamSignature(connectionId, "7aab239577fd4f24bc919802fb629f5f")}`;

    const bench = new Bench({ time: 500, warmupTime: 100 });
    bench
        .add("validateUpstreamTemplate (Key Vault URL + 3 rules)", () =>
            validateUpstreamTemplate({ urlTemplate: url, hubPattern: "chat", categoryPattern: "connections,messages", eventPattern: "*" }),
        )
        .add("parseKeyVaultReferences", () => parseKeyVaultReferences(url))
        .add("selectUpstreamTemplate (10 templates, last matches)", () => selectUpstreamTemplate(templates, event))
        .add("renderUpstreamUrl", () => renderUpstreamUrl("https://f.example/{hub}/api/{category}/{event}", { hub: "chat room", category: "messages", event: "broadcast" }))
        .add("verifyUpstreamSignature (2 signatures x 2 keys)", () => verifyUpstreamSignature(connectionId, header, ["7aab239577fd4f24bc919802fb629f5f", "secondary"]));
    await bench.run();
    return bench.tasks.map((task) => {
        const r = task.result as unknown as { throughput?: { mean: number }; latency?: { mean: number }; hz?: number; mean?: number };
        const ops = r.throughput?.mean ?? r.hz ?? 0;
        const meanMs = r.latency?.mean ?? r.mean ?? 0;
        return { operation: task.name, opsPerSecond: Math.round(ops), meanMicroseconds: Math.round(meanMs * 1000 * 100) / 100 };
    });
}

if (require.main === module) {
    void pureCoreThroughput().then((rows) => console.table(rows));
}
