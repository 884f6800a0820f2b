import { strict as assert } from "node:assert";
import { createUpstreamRefreshProvider } from "../../src";
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
            /`serviceId` must be a SignalR service/,
        );
        assert.equal(arm.requests.length, 0);
    });
});
