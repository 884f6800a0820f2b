// The package's provider as `pulumi package add` runs it for every other Pulumi language: the
// plugin folder's `provider.ts` started by the SDK's run-plugin (ts-node, like the language host),
// spoken to over gRPC. Its schema, and the full lifecycle of each custom resource against the fake
// Resource Manager with the exact requests asserted.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DIFF_NONE, DIFF_SOME, ProviderProcess, urnOf } from "../support/grpcProvider";
import { FAKE_CLI_TOKEN, FakeResourceManager, replicaLinkId } from "../support/fakeResourceManager";
import { signedInThroughAzureCli } from "../support/fakeAzureCli";

const root = path.resolve(__dirname, "../..");
const T = (name: string) => `signalr-serverless:index:${name}`;
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

describe("the package provider over gRPC (as pulumi package add runs it)", function () {
    this.timeout(300_000);
    let arm: FakeResourceManager;
    let provider: ProviderProcess;
    let azCalls: () => string[];

    before(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        const env = signedInThroughAzureCli(arm);
        azCalls = () =>
            readFileSync(path.join(env.PATH!.split(":")[0], "calls.log"), "utf8")
                .trim()
                .split("\n");
        provider = await ProviderProcess.startPackagePlugin(root, "127.0.0.1:1", env);
        await provider.configure({});
    });
    after(async () => {
        provider?.stop();
        await arm?.stop();
    });

    it("serves one schema with the three components and the four custom resources", async () => {
        const schema = (await provider.getSchema()) as { name: string; resources: Record<string, { isComponent?: boolean }> };
        assert.equal(schema.name, "signalr-serverless");
        const kinds = Object.fromEntries(Object.entries(schema.resources).map(([t, r]) => [t, r.isComponent ? "component" : "custom"]));
        assert.deepEqual(kinds, {
            [T("ServerlessSignalR")]: "component",
            [T("SharedPrivateEndpoint")]: "component",
            [T("SignalRExtensionKey")]: "component",
            [T("PrivateEndpointConnectionApproval")]: "custom",
            [T("FunctionAppSystemKey")]: "custom",
            [T("UpstreamSettingsRefresh")]: "custom",
            [T("PrivateEndpointNetworkAcl")]: "custom",
            [T("ReplicaRegionEndpoint")]: "custom",
        });
    });

    /** A Function app with SignalR's pending connection for a link, and the approval's inputs for it. */
    const approvalScenario = (siteName: string, linkName: string, connectionName: string, appearAfterLists = 0) => {
        const site = arm.addTarget("Microsoft.Web/sites", siteName);
        const spl = arm.addSharedPrivateLink("pkg-signalr", linkName);
        const message = `signalr-serverless ${linkName} pkgn0nce`;
        arm.addConnection(site, { name: connectionName, status: "Pending", description: message, appearAfterLists, sharedPrivateLinkResourceId: spl });
        const urn = urnOf(T("PrivateEndpointConnectionApproval"), `${linkName}-approval`);
        const inputs = {
            targetResourceId: site,
            requestMessage: message,
            sharedPrivateLinkResourceId: spl,
            resourceManagerEndpoint: arm.endpoint,
            timeoutSeconds: 30,
            pollIntervalSeconds: 0.05,
            onDelete: "Keep",
        };
        return { site, spl, message, urn, inputs };
    };

    it("PrivateEndpointConnectionApproval: check, create, read, diff, update, delete", async () => {
        const { site, spl, message, urn, inputs } = approvalScenario("pkg-func", "func-pe", "conn-p", 1);

        const bad = await provider.check(urn, {}, { ...inputs, targetResourceId: "not-an-id" });
        assert.equal(bad.failures[0].property, "targetResourceId");
        assert.equal(arm.requests.length, 0, "a bad input sends nothing");

        const start = arm.requests.length;
        const created = await provider.create(urn, (await provider.check(urn, {}, inputs)).inputs);
        const sent = arm.requests.slice(start);
        assert.equal(created.id, `${site}/privateEndpointConnections/conn-p`);
        assert.deepEqual({ status: created.properties.status, connectionName: created.properties.connectionName }, { status: "Approved", connectionName: "conn-p" });
        assert.ok(sent.every((r) => r.authorization === `Bearer ${FAKE_CLI_TOKEN}`));
        assert.deepEqual(
            sent.filter((r) => r.method === "PUT").map((r) => [r.path, r.query["api-version"], r.body]),
            [[created.id, "2024-04-01", { properties: { privateLinkServiceConnectionState: { status: "Approved", description: message, actionsRequired: "None" } } }]],
        );
        assert.ok(
            sent.some((r) => r.method === "GET" && r.path === spl && r.query["api-version"] === "2024-03-01"),
            "waits for SignalR's view",
        );

        assert.equal((await provider.read(urn, created.id, created.properties)).properties.status, "Approved");
        assert.equal((await provider.diff(urn, created.id, created.properties, inputs)).changes, DIFF_NONE);
        const moved = await provider.diff(urn, created.id, created.properties, { ...inputs, requestMessage: "other" });
        assert.deepEqual([moved.changes, moved.replaces], [DIFF_SOME, []], "a new message is approved again in place");
        assert.match(String(created.properties.approvalMark), /^[0-9a-f]{8}$/, "its own mark, in state");
        const updated = await provider.update(urn, created.id, created.properties, { ...inputs, timeoutSeconds: 90 });
        assert.equal(updated.timeoutSeconds, 90);
        const puts = arm.count("PUT");
        await provider.delete(urn, created.id, updated);
        assert.equal(arm.count("PUT"), puts, "onDelete: Keep writes nothing");
        assert.equal(arm.connection(site, "conn-p").status, "Approved");
    });

    it("PrivateEndpointConnectionApproval: a link recreated under the same id is approved again by the next up, without a refresh", async () => {
        const { site, spl, message, urn, inputs } = approvalScenario("pkg-func-2", "func-pe-2", "conn-a");
        const created = await provider.create(urn, (await provider.check(urn, {}, inputs)).inputs);
        assert.equal((await provider.diff(urn, created.id, created.properties, inputs)).changes, DIFF_NONE);

        // azure-native replaces the link delete-first under the same id: the inputs are the same strings.
        arm.recreateSharedPrivateLink(spl, site, "conn-a");
        arm.addConnection(site, { name: "conn-b", status: "Pending", description: message, sharedPrivateLinkResourceId: spl });
        const writes = arm.count("PUT");
        const diff = await provider.diff(urn, created.id, created.properties, inputs);
        assert.deepEqual([diff.changes, diff.replaces], [DIFF_SOME, []], "the diff reads the connection and sees it Disconnected");
        assert.equal(arm.count("PUT"), writes, "the diff never writes");
        const updated = await provider.update(urn, created.id, created.properties, inputs);
        assert.equal(updated.connectionId, `${site}/privateEndpointConnections/conn-b`);
        assert.equal(arm.connection(site, "conn-b").status, "Approved");
        assert.equal((await provider.diff(urn, created.id, updated, inputs)).changes, DIFF_NONE, "then nothing to do");

        // Rejected on the target: the error names the command that recreates the link.
        arm.connection(site, "conn-b").status = "Rejected";
        arm.setLinkStatus(spl, "Rejected");
        assert.equal((await provider.diff(urn, created.id, updated, inputs)).changes, DIFF_SOME);
        await assert.rejects(provider.update(urn, created.id, updated, inputs), (e: Error) =>
            e.message.includes(`pulumi up --replace '<URN>', the URN of the SignalRSharedPrivateLinkResource whose id is ${spl}`),
        );
    });

    it("FunctionAppSystemKey: the value stays a secret in and out, and is set and deleted through ARM", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "pkg-key-func");
        const urn = urnOf(T("FunctionAppSystemKey"), "ext-key");
        const inputs = { functionAppId: site, keyName: "signalr_extension", value: { ...SECRET, value: "s3cr3t" }, resourceManagerEndpoint: arm.endpoint };
        const checked = await provider.check(urn, {}, inputs);
        assert.deepEqual(checked.failures, []);
        assert.deepEqual(checked.inputs.value, { ...SECRET, value: "s3cr3t" });
        const created = await provider.create(urn, checked.inputs);
        assert.deepEqual(created.properties.value, { ...SECRET, value: "s3cr3t" }, "secret in state");
        const put = arm.requests.filter((r) => r.method === "PUT").pop()!;
        assert.deepEqual(
            [put.path, put.query["api-version"], put.body],
            [`${site}/host/default/systemkeys/signalr_extension`, "2024-04-01", { properties: { name: "signalr_extension", value: "s3cr3t" } }],
        );
        const rotated = { ...inputs, value: { ...SECRET, value: "n3w" } };
        assert.equal((await provider.diff(urn, created.id, created.properties, rotated)).changes, DIFF_SOME);
        await provider.update(urn, created.id, created.properties, rotated);
        assert.equal(arm.systemKeys.get(`${site}/host/default/systemkeys/signalr_extension`.toLowerCase()), "n3w");
        await provider.delete(urn, created.id, { ...created.properties, value: { ...SECRET, value: "n3w" } });
        assert.equal(arm.count("DELETE", "systemkeys"), 1);
    });

    it("azure-native's settings as the azureNativeConfig input: read before the environment, secret in state however they came", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "pkg-cfg-func");
        const urn = urnOf(T("FunctionAppSystemKey"), "cfg-key");
        const subscription = "44444444-4444-4444-4444-444444444444";
        // A secret setting that leaves the method the CLI's (no certificate path), sent plain: the provider still keeps it secret.
        const settings = { subscriptionId: subscription, clientCertificatePassword: "pfx-s3cret" };
        const inputs = {
            functionAppId: site,
            keyName: "signalr_extension",
            value: { ...SECRET, value: "k3y" },
            resourceManagerEndpoint: arm.endpoint,
            azureNativeConfig: settings,
        };
        const checked = await provider.check(urn, {}, inputs);
        assert.deepEqual(checked.inputs.azureNativeConfig, { ...SECRET, value: settings }, "secret in the checked inputs");
        const created = await provider.create(urn, checked.inputs);
        assert.deepEqual(created.properties.azureNativeConfig, { ...SECRET, value: settings }, "secret in state");
        assert.ok(azCalls().includes(`account show --subscription ${subscription} -o json`), `azure-native:subscriptionId's account: ${azCalls().join(" | ")}`);
        assert.equal(arm.systemKeys.get(`${site}/host/default/systemkeys/signalr_extension`.toLowerCase()), "k3y");

        assert.equal((await provider.diff(urn, created.id, created.properties, checked.inputs)).changes, DIFF_NONE);
        const rotated = { ...checked.inputs, azureNativeConfig: { ...SECRET, value: { ...settings, clientCertificatePassword: "n3w-pfx" } } };
        assert.equal((await provider.diff(urn, created.id, created.properties, rotated)).changes, DIFF_SOME, "new settings: stored by an update");
        const before = arm.requests.length;
        const updated = await provider.update(urn, created.id, created.properties, rotated);
        assert.equal(arm.requests.length, before, "that writes nothing to Azure");
        assert.deepEqual(updated.azureNativeConfig, rotated.azureNativeConfig);

        // A client secret in the settings makes the method a service principal's, before the CLI of the environment.
        const approvalUrn = urnOf(T("PrivateEndpointConnectionApproval"), "cfg-approval");
        const approval = {
            targetResourceId: site,
            requestMessage: "cfg message",
            resourceManagerEndpoint: arm.endpoint,
            azureNativeConfig: { clientId: "cfg-client", clientSecret: { ...SECRET, value: "sp-s3cret" } },
        };
        const sent = arm.requests.length;
        await assert.rejects(provider.create(approvalUrn, (await provider.check(approvalUrn, {}, approval)).inputs), (e: Error) => {
            assert.match(e.message, /A Tenant ID must be configured \(azure-native:tenantId or ARM_TENANT_ID\) when authenticating as a Service Principal using a Client Secret/);
            assert.ok(!e.message.includes("sp-s3cret"), "the secret is not in the message");
            return true;
        });
        assert.equal(arm.requests.length, sent, "nothing sent");
    });

    it("UpstreamSettingsRefresh: two PATCHes of exactly the upstream settings, nothing on delete", async () => {
        const serviceId = arm.addSignalR("pkg-signalr-svc");
        const urn = urnOf(T("UpstreamSettingsRefresh"), "sys-upstream-refresh");
        const templates = [{ urlTemplate: "https://f.example/api?code={@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/k)}" }];
        const inputs = { serviceId, templates, triggers: ["g1"], resourceManagerEndpoint: arm.endpoint };
        const start = arm.requests.length;
        const created = await provider.create(urn, inputs);
        const patches = arm.requests.slice(start).filter((r) => r.method === "PATCH");
        assert.deepEqual(
            patches.map((p) => [p.path, p.body]),
            [
                [serviceId, { properties: { upstream: { templates: [{ urlTemplate: templates[0].urlTemplate.replace("/secrets/k)}", "/secrets/k/)}") }] } } }],
                [serviceId, { properties: { upstream: { templates } } }],
            ],
        );
        assert.equal((await provider.diff(urn, created.id, created.properties, inputs)).changes, DIFF_NONE);
        assert.equal((await provider.diff(urn, created.id, created.properties, { ...inputs, triggers: ["g2"] })).changes, DIFF_SOME);
        const before = arm.requests.length;
        await provider.delete(urn, created.id, created.properties);
        assert.equal(arm.requests.length, before);
    });

    it("PrivateEndpointNetworkAcl: check, create (one PATCH of the whole ACLs as read), read, diff, delete (just the entry removed)", async () => {
        const acls = { defaultAction: "Deny", publicNetwork: { allow: ["ClientConnection", "RESTAPI"] } };
        const serviceId = arm.addSignalR("pkg-acl-signalr", "app-rg", { networkACLs: acls });
        const pe = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net-rg/providers/Microsoft.Network/privateEndpoints/pe-pkg`;
        const connection = arm.addInboundConnection(serviceId, pe);
        const urn = urnOf(T("PrivateEndpointNetworkAcl"), "pe-pkg-acl");
        const inputs = { serviceId, privateEndpointId: pe, allow: ["ClientConnection"], resourceManagerEndpoint: arm.endpoint };
        const bad = await provider.check(urn, {}, { ...inputs, allow: ["ServerConnections"] });
        assert.equal(bad.failures[0].property, "allow");

        const start = arm.requests.length;
        const created = await provider.create(urn, (await provider.check(urn, {}, inputs)).inputs);
        const sent = arm.requests.slice(start);
        assert.equal(created.properties.connectionName, connection);
        assert.ok(sent.every((r) => r.path === serviceId && r.query["api-version"] === "2024-03-01" && r.authorization === `Bearer ${FAKE_CLI_TOKEN}`));
        assert.deepEqual(
            sent.filter((r) => r.method === "PATCH").map((r) => r.body),
            [{ properties: { networkACLs: { ...acls, privateEndpoints: [{ name: connection, allow: ["ClientConnection"], deny: ["ServerConnection", "RESTAPI", "Trace"] }] } } }],
        );
        assert.equal((await provider.read(urn, created.id, created.properties)).properties.inEffect, true);
        assert.equal((await provider.diff(urn, created.id, created.properties, inputs)).changes, DIFF_NONE);
        assert.equal((await provider.diff(urn, created.id, created.properties, { ...inputs, allow: ["ClientConnection", "RESTAPI"] })).changes, DIFF_SOME);
        await provider.delete(urn, created.id, created.properties);
        assert.deepEqual(arm.services.get(serviceId.toLowerCase())!.properties.networkACLs, { ...acls, privateEndpoints: [] });
    });

    it("ReplicaRegionEndpoint: check, create (refused while the copy is Pending, one PATCH once Approved), read, diff, delete (nothing written)", async () => {
        arm.addSignalR("pkg-replica-signalr");
        const link = arm.addSharedPrivateLink("pkg-replica-signalr", "func");
        const replicaId = arm.addReplica("pkg-replica-signalr", "pkg-replica-signalr-eastus");
        arm.replicas.get(replicaId.toLowerCase())!.properties.regionEndpointEnabled = "Disabled";
        const urn = urnOf(T("ReplicaRegionEndpoint"), "chat-replica-eastus-endpoint");
        const inputs = { replicaId, regionEndpointEnabled: "Enabled", operationPollIntervalSeconds: 0.01, resourceManagerEndpoint: arm.endpoint };
        assert.equal((await provider.check(urn, {}, { ...inputs, regionEndpointEnabled: true })).failures[0].property, "regionEndpointEnabled");
        const checked = (await provider.check(urn, {}, inputs)).inputs;
        await assert.rejects(provider.create(urn, checked), /replica pkg-replica-signalr-eastus .*func \(Pending\)/);
        arm.setLinkStatus(replicaLinkId(link, "pkg-replica-signalr-eastus"), "Approved");
        const start = arm.requests.length;
        const created = await provider.create(urn, checked);
        assert.deepEqual(
            arm.requests
                .slice(start)
                .filter((r) => r.method !== "GET")
                .map((r) => [r.method, r.path, r.body]),
            [["PATCH", replicaId, { location: "eastus", properties: { regionEndpointEnabled: "Enabled" } }]],
        );
        assert.equal((await provider.read(urn, created.id, created.properties)).properties.inEffect, true);
        assert.equal((await provider.diff(urn, created.id, created.properties, inputs)).changes, DIFF_NONE);
        assert.equal((await provider.diff(urn, created.id, created.properties, { ...inputs, regionEndpointEnabled: "Disabled" })).changes, DIFF_SOME);
        const before = arm.requests.filter((r) => r.method !== "GET").length;
        await provider.delete(urn, created.id, created.properties);
        assert.equal(arm.requests.filter((r) => r.method !== "GET").length, before);
    });
});
