import { strict as assert } from "node:assert";
import fc from "fast-check";
import { createUpstreamRefreshProvider } from "../../src";
import { KEY_VAULT_RBAC_SETTLE_SECONDS, remainingSettleMs } from "../../src/resources/grantSettling";
import { fakeClock } from "../support/fakeClock";
import { FakeResourceManager, fakeCredential } from "../support/fakeResourceManager";

describe("UpstreamSettingsRefresh provider", () => {
    let arm: FakeResourceManager;
    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
    });
    afterEach(() => arm.stop());

    it("PATCHes exactly the upstream settings on create and on update, and nothing on delete", async () => {
        const serviceId = arm.addSignalR("contoso-signalr");
        const logs: string[] = [];
        const provider = createUpstreamRefreshProvider({ credential: fakeCredential, ca: arm.ca, log: (m) => logs.push(m) });
        const templates = [{ urlTemplate: "https://f.example/api?code={@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/k)}", auth: { type: "ManagedIdentity" } }];
        const inputs = { serviceId, templates, triggers: ["grant-1"], resourceManagerEndpoint: arm.endpoint };
        const created = await provider.create(inputs);
        const patches = arm.requests.filter((r) => r.method === "PATCH");
        assert.equal(patches.length, 2, "a real change, then back");
        assert.ok(patches.every((p) => p.path === serviceId && p.query["api-version"] === "2024-03-01"));
        const changed = { ...templates[0], urlTemplate: templates[0].urlTemplate.replace("/secrets/k)}", "/secrets/k/)}") };
        assert.deepEqual(patches[0].body, { properties: { upstream: { templates: [changed] } } });
        assert.deepEqual(patches[1].body, { properties: { upstream: { templates } } });
        assert.deepEqual(arm.services.get(serviceId.toLowerCase())?.properties.upstream, { templates }, "ends as declared");
        assert.ok(logs[0].includes("re-reads its Key Vault references now"));

        assert.deepEqual(await provider.diff!(created.id, created.outs, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
        const regranted = { ...inputs, triggers: ["grant-2"] };
        assert.equal((await provider.diff!(created.id, created.outs, regranted)).changes, true);
        await provider.update!(created.id, created.outs, regranted);
        assert.equal(arm.count("PATCH"), 4);
        await provider.delete!(created.id, created.outs);
        assert.equal(arm.count("PATCH"), 4);
    });

    it("refuses an id that is not a SignalR service, before any request", async () => {
        const provider = createUpstreamRefreshProvider({ credential: fakeCredential, ca: arm.ca });
        await assert.rejects(
            provider.create({ serviceId: arm.addTarget("Microsoft.Web/sites", "f"), templates: [], triggers: [], resourceManagerEndpoint: arm.endpoint }),
            /`serviceId` must be the resource id of a SignalR service/,
        );
        assert.equal(arm.requests.length, 0);
    });

    const KV_TEMPLATES = [{ urlTemplate: "https://f.example/api?code={@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/k)}" }];

    it("waits until 10 minutes after the newest role assignment before the re-read, logging as it waits", async () => {
        const serviceId = arm.addSignalR("settle-signalr");
        const created = Date.parse("2026-11-22T10:00:00Z");
        const clock = fakeClock(created + 4 * 60_000); // 4 minutes after the newest grant
        const requestsWhenSleeping: number[] = [];
        const sleep = clock.sleep;
        clock.sleep = (ms) => (requestsWhenSleeping.push(arm.requests.length), sleep(ms));
        const logs: string[] = [];
        const provider = createUpstreamRefreshProvider({ credential: fakeCredential, ca: arm.ca, clock, log: (m) => logs.push(m) });
        const grantsCreatedOn = ["2026-11-22T09:58:00.1234567Z", "2026-11-22T10:00:00.0000000Z"];
        await provider.create({ serviceId, templates: KV_TEMPLATES, triggers: ["g"], grantsCreatedOn, resourceManagerEndpoint: arm.endpoint });
        assert.deepEqual(clock.slept, [60_000, 60_000, 60_000, 60_000, 60_000, 60_000], "the remaining 6 minutes, a minute at a time");
        assert.equal(arm.count("PATCH"), 2);
        assert.deepEqual(requestsWhenSleeping, [0, 0, 0, 0, 0, 0], "nothing is sent before the wait ends");
        assert.match(logs[0], /^Waiting 360 s more for the Key Vault role assignments to apply/);
    });

    it("does not wait when the grants are older than the settle time (the usual case after the approvals)", async () => {
        const serviceId = arm.addSignalR("old-grants-signalr");
        const clock = fakeClock(Date.parse("2026-11-22T10:11:00Z"));
        const provider = createUpstreamRefreshProvider({ credential: fakeCredential, ca: arm.ca, clock });
        await provider.create({ serviceId, templates: KV_TEMPLATES, triggers: ["g"], grantsCreatedOn: ["2026-11-22T10:00:00Z"], resourceManagerEndpoint: arm.endpoint });
        assert.deepEqual(clock.slept, []);
        assert.equal(arm.count("PATCH"), 2);
    });

    it("sends a PATCH again while SignalR answers 409 (busy with another operation)", async () => {
        const serviceId = arm.addSignalR("busy-signalr");
        arm.faults.push({ method: "PATCH", status: 409, times: 2 });
        const clock = fakeClock(Date.now());
        const logs: string[] = [];
        const provider = createUpstreamRefreshProvider({ credential: fakeCredential, ca: arm.ca, clock, retryDelayInMs: 1000, log: (m) => logs.push(m) });
        await provider.create({ serviceId, templates: KV_TEMPLATES, triggers: ["g"], resourceManagerEndpoint: arm.endpoint });
        assert.equal(arm.count("PATCH"), 4, "two refused, then the two that change and restore");
        assert.deepEqual(clock.slept, [1000, 2000], "a growing pause");
        assert.equal(logs.filter((l) => l.includes("409 Conflict")).length, 2);
        assert.deepEqual(arm.services.get(serviceId.toLowerCase())?.properties.upstream, { templates: KV_TEMPLATES }, "ends as declared");
    });

    it("a refused PATCH fails with the service's message, its URLs redacted", async () => {
        const serviceId = arm.addSignalR("refused-signalr");
        const url = "https://f.example/api?code=PLAINTEXT-IN-ERROR";
        arm.answers.push((r) =>
            r.method === "PATCH" ? { status: 400, body: { error: { code: "InvalidUpstreamTemplate", message: `Upstream url '${url}' is invalid.` } } } : undefined,
        );
        const provider = createUpstreamRefreshProvider({ credential: fakeCredential, ca: arm.ca });
        await assert.rejects(
            provider.create({ serviceId, templates: [{ urlTemplate: url }], triggers: [], resourceManagerEndpoint: arm.endpoint, allowPlaintextUpstreamSecrets: true }),
            (e: Error) => /InvalidUpstreamTemplate|is invalid/.test(e.message) && e.message.includes("code=***") && !e.message.includes("PLAINTEXT-IN-ERROR"),
        );
    });

    it("check refuses a settle time out of range", async () => {
        const provider = createUpstreamRefreshProvider({ credential: fakeCredential, ca: arm.ca });
        const serviceId = arm.addSignalR("check-signalr");
        const result = await provider.check!({}, { serviceId, templates: [], triggers: [], settleSeconds: -1 });
        assert.equal(result.failures?.[0].property, "settleSeconds");
    });
});

describe("remainingSettleMs", () => {
    const settleMs = KEY_VAULT_RBAC_SETTLE_SECONDS * 1000;
    it("is between 0 and the settle time, and never grows as time passes", () => {
        const iso = fc.integer({ min: Date.parse("2020-01-01"), max: Date.parse("2030-01-01") }).map((ms) => new Date(ms).toISOString());
        fc.assert(
            fc.property(
                fc.array(fc.oneof(iso, fc.constant(""), fc.string())),
                fc.integer({ min: Date.parse("2020-01-01"), max: Date.parse("2030-01-01") }),
                fc.nat(10 ** 7),
                (times, now, later) => {
                    const first = remainingSettleMs(times, KEY_VAULT_RBAC_SETTLE_SECONDS, now);
                    assert.ok(first >= 0 && first <= settleMs);
                    assert.ok(remainingSettleMs(times, KEY_VAULT_RBAC_SETTLE_SECONDS, now + later) <= first);
                    if (times.length === 0) assert.equal(first, 0);
                },
            ),
        );
    });
    it("waits the whole time for an unreadable or future time, and from the newest grant otherwise", () => {
        const now = Date.parse("2026-11-22T10:00:00Z");
        assert.equal(remainingSettleMs([""], 600, now), settleMs);
        assert.equal(remainingSettleMs(["yesterday-ish"], 600, now), settleMs);
        assert.equal(remainingSettleMs(["2026-11-22T11:00:00Z"], 600, now), settleMs, "a clock ahead of ours counts as now");
        assert.equal(remainingSettleMs(["2026-11-22T09:50:00Z", "2026-11-22T09:55:00Z"], 600, now), 300_000);
    });
});
