// azure-native's stack configuration reaches the ARM-backed resources: read in the program with
// `new pulumi.Config("azure-native")` (as azure-native's own provider gets it from the engine:
// pulumi-azure-native provider/pkg/provider/auth_azidentity.go readAuthConfig), passed as the
// `azureNativeConfig` input, its secrets only ever Pulumi secrets.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
    FunctionAppSystemKey,
    PrivateEndpointConnectionApproval,
    PrivateEndpointNetworkAcl,
    ReplicaRegionEndpoint,
    SharedPrivateEndpoint,
    UpstreamSettingsRefresh,
} from "../../src";
import { FAKE_SUBSCRIPTION_ID, fakeResource } from "../../src/plan/fakeAzure";
import { systemKeyLifecycle } from "../../src/resources/functionAppSystemKey";
import type { ResourceLifecycle } from "../../src/resources/lifecycle";
import { withSignInSettings } from "../../src/resources/signInSettings";
import { fakeAzureCli } from "../support/fakeAzureCli";
import { FakeResourceManager } from "../support/fakeResourceManager";

const SITE = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-func`;
const SERVICE = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/chat`;
const ENDPOINT = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/app-rg/providers/Microsoft.Network/privateEndpoints/chat-pe`;
const SECRET_SIG = pulumi.runtime.specialSecretSig;
const SIG = pulumi.runtime.specialSigKey;

type Raw = { type: string; name: string; inputs: Record<string, unknown> };

/** Mocks that keep each registration's inputs as the engine receives them (secrets still wrapped). */
function captureRegistrations(): Raw[] {
    const raw: Raw[] = [];
    void pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                raw.push({ type: args.type, name: args.name, inputs: args.inputs });
                return fakeResource(args);
            },
            call: () => ({}),
        },
        "project",
        "stack",
        false,
    );
    return raw;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const isSecret = (v: unknown) => typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG] === SECRET_SIG;
/** A value without its secret wrapper (the SDK's deserializer marks an object secret when anything inside is). */
const reveal = (v: unknown): Record<string, unknown> => (isSecret(v) ? reveal((v as { value: unknown }).value) : (v as Record<string, unknown>));
/** Whether `key` of the settings reaches the engine as a secret: itself, or the settings around it. */
const secretAt = (settings: unknown, key: string) => isSecret(settings) || isSecret(reveal(settings)[key]);

describe("azure-native's stack configuration on the ARM-backed resources", () => {
    afterEach(() => pulumi.runtime.setAllConfig({}));

    it("every ARM-backed resource gets the stack's azure-native settings; the secret ones only as Pulumi secrets", async () => {
        const raw = captureRegistrations();
        pulumi.runtime.setAllConfig(
            {
                "azure-native:clientId": "cfg-client",
                "azure-native:tenantId": "cfg-tenant",
                "azure-native:subscriptionId": "cfg-sub",
                "azure-native:clientSecret": "cfg-s3cret",
                "azure-native:oidcRequestToken": "cfg-bearer",
                "azure-native:useOidc": "true",
                "azure-native:location": "westeurope", // not a sign-in setting
            },
            ["azure-native:clientSecret", "azure-native:oidcRequestToken"],
        );
        new PrivateEndpointConnectionApproval("a", { targetResourceId: SITE, requestMessage: "m" });
        new FunctionAppSystemKey("k", { functionAppId: SITE, value: "v" });
        new UpstreamSettingsRefresh("r", { serviceId: SERVICE, templates: [], triggers: [] });
        new PrivateEndpointNetworkAcl("n", { serviceId: SERVICE, privateEndpointId: ENDPOINT, allow: ["ClientConnection"] });
        await settle();
        assert.deepEqual(raw.map((r) => r.name).sort(), ["a", "k", "n", "r"]);
        for (const r of raw) {
            const settings = reveal(r.inputs.azureNativeConfig);
            assert.deepEqual(
                Object.keys(settings).sort(),
                ["clientId", "clientSecret", "oidcRequestToken", "subscriptionId", "tenantId", "useOidc"],
                `${r.name}: the sign-in settings, nothing else`,
            );
            assert.deepEqual([settings.clientId, settings.tenantId, settings.subscriptionId, settings.useOidc], ["cfg-client", "cfg-tenant", "cfg-sub", "true"]);
            for (const secret of ["clientSecret", "oidcRequestToken"]) {
                assert.ok(secretAt(r.inputs.azureNativeConfig, secret), `${r.name}: ${secret} is a Pulumi secret`);
            }
            assert.deepEqual([reveal(settings.clientSecret), reveal(settings.oidcRequestToken)], ["cfg-s3cret", "cfg-bearer"]);
        }
    });

    it("ReplicaRegionEndpoint gets them too (its own case: serializing a dynamic provider from the sources takes long)", async function () {
        this.timeout(240_000);
        const raw = captureRegistrations();
        pulumi.runtime.setAllConfig({ "azure-native:clientId": "cfg-client", "azure-native:clientSecret": "cfg-s3cret" }, ["azure-native:clientSecret"]);
        new ReplicaRegionEndpoint("e", { replicaId: `${SERVICE}/replicas/contoso-eastus`, regionEndpointEnabled: "Enabled" });
        await settle();
        assert.deepEqual(
            raw.map((r) => r.name),
            ["e"],
        );
        const settings = reveal(raw[0].inputs.azureNativeConfig);
        assert.deepEqual(Object.keys(settings).sort(), ["clientId", "clientSecret"]);
        assert.ok(secretAt(raw[0].inputs.azureNativeConfig, "clientSecret"), "clientSecret is a Pulumi secret");
        assert.equal(reveal(settings.clientSecret), "cfg-s3cret");
    });

    it("a secret setting read with a plain `get` elsewhere is still a secret here, and a secret given plain is made one", async () => {
        const raw = captureRegistrations();
        pulumi.runtime.setAllConfig({ "azure-native:clientSecret": "cfg-s3cret" }); // not marked secret in the stack
        new PrivateEndpointConnectionApproval("from-config", { targetResourceId: SITE, requestMessage: "m" });
        new PrivateEndpointConnectionApproval("given", { targetResourceId: SITE, requestMessage: "m", azureNativeConfig: { clientId: "c", clientSecret: "given-s3cret" } });
        new PrivateEndpointConnectionApproval("given-output", { targetResourceId: SITE, requestMessage: "m", azureNativeConfig: pulumi.output({ clientSecret: "out-s3cret" }) });
        await settle();
        const settingsOf = (name: string) => raw.find((r) => r.name === name)!.inputs.azureNativeConfig;
        assert.ok(secretAt(settingsOf("from-config"), "clientSecret"));
        assert.ok(secretAt(settingsOf("given"), "clientSecret"));
        assert.deepEqual(reveal(settingsOf("given")), { clientId: "c", clientSecret: "given-s3cret" });
        assert.ok(isSecret(settingsOf("given-output")), "settings as one Output: all of them secret");
    });

    it("no azure-native setting in the stack: no new input, so stacks configured by the environment see no change", async () => {
        const raw = captureRegistrations();
        pulumi.runtime.setAllConfig({ "azure-native:location": "westeurope" });
        new SharedPrivateEndpoint("func-pe", { resourceGroupName: "app-rg", signalRName: "chat", targetResourceId: SITE });
        await settle();
        const approval = raw.find((r) => r.type.endsWith("PrivateEndpointConnectionApproval"))!;
        assert.ok(approval, "the component's approval");
        assert.ok(!("azureNativeConfig" in approval.inputs));
    });

    it("a component passes the stack's settings to its approval", async () => {
        const raw = captureRegistrations();
        pulumi.runtime.setAllConfig({ "azure-native:useMsi": "true", "azure-native:clientId": "mi-client" });
        new SharedPrivateEndpoint("func-pe", { resourceGroupName: "app-rg", signalRName: "chat", targetResourceId: SITE });
        await settle();
        const approval = raw.find((r) => r.type.endsWith("PrivateEndpointConnectionApproval"))!;
        assert.deepEqual(approval.inputs.azureNativeConfig, { useMsi: "true", clientId: "mi-client" }, "no secret among them: nothing hidden");
    });
});

describe("sign-in settings in a resource's lifecycle", () => {
    let savedPath: string | undefined;
    let arm: FakeResourceManager;
    beforeEach(async () => {
        savedPath = process.env.PATH;
        arm = new FakeResourceManager();
        await arm.start();
    });
    afterEach(async () => {
        process.env.PATH = savedPath;
        await arm.stop();
    });

    it("signs in with the stack's settings before the environment's; a change of them alone is an update that writes nothing to Azure", async () => {
        const az = fakeAzureCli();
        process.env.PATH = `${az}:${savedPath}`;
        const savedSubscription = process.env.ARM_SUBSCRIPTION_ID;
        process.env.ARM_SUBSCRIPTION_ID = "22222222-2222-2222-2222-222222222222";
        try {
            const site = arm.addTarget("Microsoft.Web/sites", "cfg-func");
            const lifecycle = systemKeyLifecycle({ ca: arm.ca });
            const inputs = {
                functionAppId: site,
                keyName: "signalr_extension",
                value: "v4lue",
                resourceManagerEndpoint: arm.endpoint,
                azureNativeConfig: { subscriptionId: "11111111-1111-1111-1111-111111111111" },
            };
            const { id, outs } = await lifecycle.create(inputs);
            const calls = () => readFileSync(path.join(az, "calls.log"), "utf8").trim().split("\n");
            assert.ok(
                calls().includes("account show --subscription 11111111-1111-1111-1111-111111111111 -o json"),
                `azure-native:subscriptionId's account, not ARM_SUBSCRIPTION_ID's: ${calls().join(" | ")}`,
            );
            assert.ok(calls().some((c) => c.startsWith("account get-access-token") && c.includes("--subscription 11111111-1111-1111-1111-111111111111")));

            const rotated = { ...inputs, azureNativeConfig: { subscriptionId: "33333333-3333-3333-3333-333333333333" } };
            assert.deepEqual(await lifecycle.diff(id, outs, rotated), { changes: true, replaces: [], deleteBeforeReplace: false });
            assert.deepEqual(await lifecycle.diff(id, outs, { ...inputs }), { changes: false, replaces: [], deleteBeforeReplace: true }, "the same settings: no change");
            const writes = arm.requests.length;
            const updated = await lifecycle.update(id, outs, rotated);
            assert.equal(arm.requests.length, writes, "no request to Azure");
            assert.deepEqual(updated.outs, rotated, "the new settings are stored, for a later read or delete");
            const changed = { ...rotated, value: "n3w" };
            assert.equal((await lifecycle.diff(id, updated.outs, changed)).changes, true);
            await lifecycle.update(id, updated.outs, changed);
            assert.equal(arm.systemKeys.get(`${site}/host/default/systemkeys/signalr_extension`.toLowerCase()), "n3w", "a real change is written, signed in with the new settings");
            assert.ok(calls().includes("account show --subscription 33333333-3333-3333-3333-333333333333 -o json"));
        } finally {
            if (savedSubscription === undefined) delete process.env.ARM_SUBSCRIPTION_ID;
            else process.env.ARM_SUBSCRIPTION_ID = savedSubscription;
        }
    });

    it("a diff that reads Azure (the approval's, the ACL entry's) signs in with the current settings, old and new alike", async () => {
        type Props = { value: string; azureNativeConfig?: { subscriptionId: string } };
        const seen: [Props, Props][] = [];
        const inner: ResourceLifecycle<Props, Props> = {
            check: async (_olds, news) => ({ inputs: news, failures: [] }),
            diff: async (_id, olds, news) => {
                seen.push([olds, news]);
                return { changes: olds.value !== news.value, replaces: [], deleteBeforeReplace: false };
            },
            create: async (inputs) => ({ id: "x", outs: inputs }),
            read: async (id, props) => ({ id, props }),
            update: async (_id, _olds, news) => ({ outs: news }),
            delete: async () => undefined,
        };
        const lifecycle = withSignInSettings(inner);
        const current = { subscriptionId: "33333333-3333-3333-3333-333333333333" };
        const olds = { value: "a", azureNativeConfig: { subscriptionId: "11111111-1111-1111-1111-111111111111" } };
        assert.deepEqual(await lifecycle.diff("x", olds, { value: "a", azureNativeConfig: current }), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(seen.pop(), [
            { value: "a", azureNativeConfig: current },
            { value: "a", azureNativeConfig: current },
        ]);
        assert.deepEqual((await lifecycle.update("x", olds, { value: "a", azureNativeConfig: current })).outs, { value: "a", azureNativeConfig: current });
        assert.deepEqual(seen.pop(), [
            { value: "a", azureNativeConfig: current },
            { value: "a", azureNativeConfig: current },
        ]);
        assert.deepEqual(await lifecycle.diff("x", olds, { value: "a" }), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(seen.pop(), [{ value: "a" }, { value: "a" }], "settings removed: none on either side");
    });
});
