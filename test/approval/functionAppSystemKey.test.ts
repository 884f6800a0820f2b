import { strict as assert } from "node:assert";
import { createSystemKeyProvider } from "../../src";
import { FakeResourceManager, fakeCredential } from "../support/fakeResourceManager";

describe("FunctionAppSystemKey provider", () => {
    let arm: FakeResourceManager;
    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
    });
    afterEach(() => arm.stop());

    it("sets, rotates and deletes the signalr_extension system key through ARM", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        const provider = createSystemKeyProvider({ credential: fakeCredential, ca: arm.ca });
        const inputs = { functionAppId: site, keyName: "signalr_extension", value: "first-value", resourceManagerEndpoint: arm.endpoint };
        const created = await provider.create(inputs);
        const path = `${site}/host/default/systemkeys/signalr_extension`;
        assert.equal(created.id, path);
        const put = arm.requests.find((r) => r.method === "PUT");
        assert.equal(put?.path, path);
        assert.equal(put?.query["api-version"], "2024-04-01");
        assert.deepEqual(put?.body, { properties: { name: "signalr_extension", value: "first-value" } });

        const rotated = { ...inputs, value: "second-value" };
        assert.deepEqual(await provider.diff!(created.id, inputs, rotated), { changes: true, replaces: [], deleteBeforeReplace: true });
        assert.deepEqual((await provider.diff!(created.id, inputs, { ...inputs, keyName: "other" })).replaces, ["keyName"]);
        await provider.update!(created.id, inputs, rotated);
        assert.equal(arm.systemKeys.get(path.toLowerCase()), "second-value");

        await provider.delete!(created.id, rotated);
        assert.equal(arm.systemKeys.size, 0);
        await provider.delete!(created.id, rotated); // already gone: not an error
    });

    it("refuses a target that is not a Function app, before any request", async () => {
        const vault = arm.addTarget("Microsoft.KeyVault/vaults", "kv1");
        const provider = createSystemKeyProvider({ credential: fakeCredential, ca: arm.ca });
        await assert.rejects(
            provider.create({ functionAppId: vault, keyName: "signalr_extension", value: "v", resourceManagerEndpoint: arm.endpoint }),
            /must be the resource id of a Function app/,
        );
        await assert.rejects(
            provider.create({
                functionAppId: vault.replace("Microsoft.KeyVault/vaults", "Microsoft.Web/sites"),
                keyName: "bad/name",
                value: "v",
                resourceManagerEndpoint: arm.endpoint,
            }),
            /`keyName` must be/,
        );
        assert.equal(arm.requests.length, 0);
    });
});
