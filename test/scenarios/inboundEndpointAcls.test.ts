// Day 2 for inbound private endpoints (issue #21, item 2): sequences of up, refresh, up --refresh, a
// provider upgrade that rewrites the service, and destroy, against one fake Resource Manager whose
// state persists between the steps. After each `up`, every endpoint's network ACL entry is in effect,
// and a run with nothing to do changes nothing.
import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR } from "../../src";
import { FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { Program, ScenarioStack, changes } from "./support/scenarioStack";

const SUBNET_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients/subnets/endpoints`;
const SERVICE_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr`;
const UPGRADED_API_VERSION = "2025-01-01-preview";
const STRANGERS_ACLS = { defaultAction: "Deny", privateEndpoints: [{ name: "theirs.00000000-0000-0000-0000-000000000009", allow: ["Trace"] }] };

const program =
    (extra: pulumi.ResourceTransformation[] = []): Program =>
    (opts) =>
        new ServerlessSignalR(
            "chat",
            {
                resourceGroupName: "app-rg",
                serviceName: "contoso-signalr",
                privateEndpoints: [
                    { name: "pe-clients", subnetResourceId: SUBNET_ID },
                    { name: "pe-ops", subnetResourceId: SUBNET_ID, allowedRequestTypes: ["RESTAPI"] },
                ],
            },
            { ...opts, transformations: [...extra, ...(opts.transformations ?? [])] },
        );

describe("Scenario: inbound endpoints' ACL entries through refresh, up --refresh and a provider upgrade", function () {
    this.timeout(120_000);
    let arm: FakeResourceManager;
    let stack: ScenarioStack;
    let strangerId: string;
    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        arm.signalRApiVersions.push(UPGRADED_API_VERSION);
        strangerId = arm.addSignalR("strangers-signalr", "other-rg", { networkACLs: STRANGERS_ACLS });
        stack = new ScenarioStack(arm);
    });
    afterEach(() => arm.stop());

    /** The entries the service holds, by connection name, as `<endpoint>: <allowed types>`. */
    const entriesInEffect = () => {
        const service = arm.services.get(SERVICE_ID.toLowerCase())!;
        const acls = service.properties.networkACLs as { privateEndpoints?: { name: string; allow: string[] }[] };
        const connections = service.inbound.map((c) => c.name);
        return (acls.privateEndpoints ?? [])
            .filter((e) => connections.includes(e.name))
            .map((e) => `${e.name.split(".")[0]}: ${e.allow.join(",")}`)
            .sort();
    };
    const EXPECTED = ["pe-clients: ClientConnection,RESTAPI", "pe-ops: RESTAPI"];
    const serviceInputs = () => stack.ofType("azure-native:signalrservice:SignalR")[0].inputs as { networkACLs: { privateEndpoints?: unknown[] } };
    const upgradeProvider = () => (stack.azureNative.signalRApiVersion = UPGRADED_API_VERSION);

    it("up → up → refresh → up → provider upgrade → up → destroy: entries in effect after every up, nothing to do shows no change, nothing left, no stranger touched", async () => {
        const first = await stack.up(program());
        assert.ok(changes(first).includes("create chat-pe-pe-clients-acl"));
        assert.deepEqual(entriesInEffect(), EXPECTED);

        assert.deepEqual(changes(await stack.up(program())), [], "up with nothing to do");

        await stack.refresh();
        assert.equal(serviceInputs().networkACLs.privateEndpoints?.length, 2, "azure-native's Read folded the live entries into the service's inputs");

        assert.deepEqual(changes(await stack.up(program())), [], "the up after a refresh: no diff on the service, nothing dropped");
        assert.deepEqual(entriesInEffect(), EXPECTED);

        upgradeProvider();
        assert.deepEqual(changes(await stack.up(program())), ["update chat-service"], "the new api-version rewrites the service, with the entries it keeps");
        assert.deepEqual(entriesInEffect(), EXPECTED);
        assert.equal(arm.requests.filter((r) => r.method === "PUT" && r.path === SERVICE_ID).pop()?.query["api-version"], UPGRADED_API_VERSION);
        assert.deepEqual(changes(await stack.up(program())), []);

        await stack.destroy();
        assert.equal(stack.state.size, 0);
        assert.deepEqual([...arm.services.keys()], [strangerId.toLowerCase()], "only the stranger's service is left");
        assert.equal(arm.privateEndpoints.size, 0);
        assert.deepEqual(arm.services.get(strangerId.toLowerCase())!.properties.networkACLs, STRANGERS_ACLS);
        assert.equal(arm.requests.filter((r) => r.path.toLowerCase().startsWith(strangerId.toLowerCase())).length, 0, "no request about the stranger's service");
    });

    it("a provider upgrade with no refresh before it: the service is written without the entries, and the same up writes them again", async () => {
        await stack.up(program());
        upgradeProvider();
        const steps = changes(await stack.up(program()));
        assert.deepEqual(steps.sort(), ["update chat-pe-pe-clients-acl", "update chat-pe-pe-ops-acl", "update chat-service"]);
        assert.deepEqual(entriesInEffect(), EXPECTED);
        assert.deepEqual(changes(await stack.up(program())), [], "and then nothing to do");
    });

    it("`up --target` on the service with a new api-version drops the entries (nothing else runs), and the next full up writes them again", async () => {
        await stack.up(program());
        upgradeProvider();
        assert.deepEqual(changes(await stack.up(program(), { target: ["chat-service"] })), ["update chat-service"]);
        assert.deepEqual(entriesInEffect(), [], "the targeted up wrote the service without the entries: the README says so");
        assert.deepEqual(changes(await stack.up(program())).sort(), ["update chat-pe-pe-clients-acl", "update chat-pe-pe-ops-acl"]);
        assert.deepEqual(entriesInEffect(), EXPECTED);
    });

    it("up --refresh, again and again: never a broken run then a repaired one, never a change", async () => {
        await stack.up(program());
        for (let run = 0; run < 3; run++) {
            await stack.refresh();
            assert.deepEqual(changes(await stack.up(program())), [], `run ${run}`);
            assert.deepEqual(entriesInEffect(), EXPECTED, `run ${run}`);
        }
    });

    it("reproduces item 2 without ignoreChanges on the service: the up after a refresh rewrites the service, and every up --refresh does so again", async () => {
        const withoutIgnore: pulumi.ResourceTransformation = (a) =>
            a.type === "azure-native:signalrservice:SignalR" ? { props: a.props, opts: { ...a.opts, ignoreChanges: [] } } : undefined;
        await stack.up(program([withoutIgnore]));
        for (let run = 0; run < 2; run++) {
            await stack.refresh();
            const steps = changes(await stack.up(program([withoutIgnore])));
            // The service's diff wants the folded entries gone; the entries' own diff (one GET) puts them back.
            assert.ok(steps.includes("update chat-service"), `run ${run}: ${steps.join(", ")}`);
            assert.ok(steps.includes("update chat-pe-pe-clients-acl"), `run ${run}: ${steps.join(", ")}`);
            assert.deepEqual(entriesInEffect(), EXPECTED, "still in effect when up ends, thanks to the entries' diff");
        }
    });
});
