// UpstreamSettingsRefresh's check as the package provider serves it (issue #27 item 4, #21 item 7):
// it validates the templates like the component does, keeps them secret, and judges nothing unknown.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { COMPONENTS } from "../../src/components/registry";
import { SignalRServerlessProvider } from "../../src/provider/packageProvider";
import { UNKNOWN } from "../../src/resources/lifecycle";

const root = path.resolve(__dirname, "../..");
const TYPE = "signalr-serverless:index:UpstreamSettingsRefresh";
const urn = `urn:pulumi:dev::project::${TYPE}::refresh`;
const serviceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.SignalRService/signalR/chat";
const isSecret = (v: unknown) => typeof v === "object" && v !== null && (v as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
const PLAINTEXT = "https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=PLAINTEXT-KEY";
const REFERENCE = "https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code={@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/k)}";

describe("UpstreamSettingsRefresh check (package provider)", () => {
    const provider = new SignalRServerlessProvider({ dirname: root, components: COMPONENTS });
    const check = (news: Record<string, unknown>) => provider.check(urn, {}, { serviceId, triggers: [], ...news });

    it("refuses a plaintext secret in a template, naming the template and never quoting the secret", async () => {
        const result = await check({ templates: [{ urlTemplate: REFERENCE }, { urlTemplate: PLAINTEXT }] });
        assert.equal(result.failures?.length, 1, JSON.stringify(result.failures));
        assert.equal(result.failures?.[0].property, "templates[1].urlTemplate");
        assert.match(result.failures![0].reason, /plaintext secret in its query parameter `code`/);
        assert.ok(!result.failures![0].reason.includes("PLAINTEXT-KEY"), result.failures![0].reason);
    });

    it("accepts it when allowPlaintextUpstreamSecrets is passed through as an input", async () => {
        const result = await check({ templates: [{ urlTemplate: PLAINTEXT }], allowPlaintextUpstreamSecrets: true });
        assert.deepEqual(result.failures, []);
    });

    it("refuses what the component refuses: a malformed template, a bad rule, an audience without ManagedIdentity", async () => {
        const result = await check({
            templates: [
                { urlTemplate: "https://f.example.com/{method}" },
                { urlTemplate: REFERENCE, categoryPattern: "events" },
                { urlTemplate: REFERENCE, auth: { type: "None", managedIdentity: { resource: "api://x" } } },
                { urlTemplate: REFERENCE, auth: { type: "ManagedIdentity", managedIdentity: { resource: "api://x" } } },
            ],
        });
        assert.deepEqual(
            result.failures?.map((f) => f.property),
            ["templates[0].urlTemplate", "templates[1].categoryPattern", "templates[2].managedIdentityResource"],
        );
    });

    it("keeps the templates secret, even when they came in plain", async () => {
        const result = await check({ templates: [{ urlTemplate: REFERENCE }] });
        assert.ok(isSecret(result.inputs.templates), JSON.stringify(result.inputs.templates));
    });

    it("does not fail in preview while templates, a template or settleSeconds are unknown", async () => {
        for (const news of [{ templates: UNKNOWN }, { templates: [{ urlTemplate: UNKNOWN }, { urlTemplate: REFERENCE }] }, { templates: [], settleSeconds: UNKNOWN }]) {
            const result = await check(news);
            assert.deepEqual(result.failures, [], JSON.stringify(news));
        }
    });

    it("still refuses what is known and wrong beside an unknown", async () => {
        const result = await check({ templates: [{ urlTemplate: UNKNOWN }, { urlTemplate: PLAINTEXT }], settleSeconds: -1 });
        assert.deepEqual(
            result.failures?.map((f) => f.property),
            ["templates[1].urlTemplate", "settleSeconds"],
        );
    });

    it("refuses an operation poll interval that is not above 0 and at most 60 s", async () => {
        for (const operationPollIntervalSeconds of [0, -1, 61, "5"]) {
            const result = await check({ templates: [], operationPollIntervalSeconds });
            assert.deepEqual(
                result.failures?.map((f) => f.property),
                ["operationPollIntervalSeconds"],
                JSON.stringify(operationPollIntervalSeconds),
            );
        }
        assert.deepEqual((await check({ templates: [], operationPollIntervalSeconds: 0.5 })).failures, []);
    });

    it("has templates secret and allowPlaintextUpstreamSecrets in the package schema", async () => {
        const schema = JSON.parse(await provider.getSchema()) as {
            resources: Record<string, { inputProperties: Record<string, { secret?: boolean; type?: string }>; properties: Record<string, { secret?: boolean }> }>;
        };
        const r = schema.resources[TYPE];
        assert.equal(r.inputProperties.templates.secret, true);
        assert.equal(r.properties.templates.secret, true);
        assert.equal(r.inputProperties.allowPlaintextUpstreamSecrets.type, "boolean");
    });
});
