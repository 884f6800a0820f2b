// The reference deployment through the real engine: examples/complete's own program (the file the
// consumer project holds, compiled there against the packed tarball) with the root Pulumi.dev.yaml,
// run by the real Pulumi CLI as an Automation API inline program. Every azure-native resource and
// invoke it uses (resource group, storage account and its keys, plan, Function app, virtual
// network, subnet, Key Vault, secrets, role assignments, SignalR and everything ServerlessSignalR
// makes: identity, grants, shared private link, inbound private endpoint, DNS zone, its link and
// zone group) and its random values are served by the stand-in providers (test/engine/standins/);
// the approval, the Function key, the ACL entry and the Key Vault re-read run in the engine's
// dynamic-provider host; all against one fake Resource Manager over https that also holds a
// stranger's resources, checked untouched at the end.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { root } from "../support/consumerProject";
import { type FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { EngineStack, StateResource, engineScenario } from "./engineStack";
import { describeWithEngine } from "./toolchain";

const PROJECT = "signalr-serverless-complete";
const LINK = "azure-native:signalrservice:SignalRSharedPrivateLinkResource";
const SERVICE = "azure-native:signalrservice:SignalR";
const APPROVAL = "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval";
const STRANGERS = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/strangers-rg`;
const STRANGER_VAULT = `${STRANGERS}/providers/Microsoft.KeyVault/vaults/strangers-kv`;

/** The dev stack's configuration as the driver sets it: each value a string (objects as JSON, which Config.getObject parses). */
function devStackConfig(): Record<string, string> {
    const { config } = parse(readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

describeWithEngine("the real Pulumi engine: the reference deployment (examples/complete) with stand-in azure-native and random providers", (bin) => {
    const scenario = engineScenario(bin, {
        program: "complete",
        source: "examples/complete/index.ts",
        project: PROJECT,
        standIns: true,
        setUp: (fake, strangersApp) => {
            // The upstream re-read waits until the grants have surely applied (600 s after createdOn): the fake's role assignments are that old.
            fake.roleAssignmentAgeSeconds = 600;
            fake.deletedLinkConnections = "Disconnected";
            // A stranger's: a SignalR service with its own ACL entry, a Key Vault, and a pending connection on their Function app.
            fake.addSignalR("strangers-signalr", "strangers-rg", { networkACLs: { defaultAction: "Deny", privateEndpoints: [{ name: "theirs.1", allow: ["Trace"] }] } });
            fake.genericResources.set(STRANGER_VAULT.toLowerCase(), { id: STRANGER_VAULT, name: "strangers-kv", type: "Microsoft.KeyVault/vaults", properties: {} });
            fake.addConnection(strangersApp, { name: "theirs", status: "Pending", description: "signalr-serverless chat-func-pe" });
            return devStackConfig();
        },
    });
    const of = (resources: StateResource[] | undefined, type: string) => (resources ?? []).filter((r) => r.type === type);
    let arm: FakeResourceManager;
    let stack: EngineStack;
    let strangersApp: string;
    let created = 0;
    let ids: { service: string; app: string; link: string; secret: string };
    before(() => ({ arm, stack, site: strangersApp } = scenario));

    /** Requests that change something: neither a GET nor a listKeys POST (the program's invokes, which read). */
    const writesSoFar = () => arm.requests.filter((r) => r.method !== "GET" && !(r.method === "POST" && r.path.endsWith("/listKeys"))).length;
    /** Every non-GET request so far that names a stranger's resource. */
    const strangerWrites = () =>
        arm.requests.filter((r) => r.method !== "GET" && [STRANGERS.toLowerCase(), strangersApp.toLowerCase()].some((p) => r.path.toLowerCase().startsWith(p)));
    /** The inbound endpoints' entries in effect on the service (for a connection the service has), as their allowed request types. */
    const entriesInEffect = () => {
        const service = arm.services.get(ids.service.toLowerCase())!;
        const entries = (service.properties.networkACLs as { privateEndpoints?: { name: string; allow: string[] }[] }).privateEndpoints ?? [];
        return entries.filter((e) => service.inbound.some((c) => c.name === e.name)).map((e) => e.allow.join(","));
    };
    const ours = () => arm.connectionsOn(ids.app).filter((c) => c.sharedPrivateLinkResourceId);

    it("preview plans the whole deployment and writes nothing", async function () {
        this.timeout(600_000);
        const preview = await stack.operation("preview");
        created = preview.changeSummary?.create ?? 0;
        assert.ok(created >= 25, preview.output);
        assert.deepEqual(Object.keys(preview.changeSummary ?? {}), ["create"]);
        assert.equal(writesSoFar(), 0, "a preview never writes to Resource Manager");
    });

    it("up: the approval approves the connection, SignalR reports Approved, the Function key is the vault's key, the Key Vault re-read and the ACL entry follow", async function () {
        this.timeout(600_000);
        const up = await stack.operation("up");
        assert.equal(up.summary?.result, "succeeded", up.output);
        assert.deepEqual(up.summary?.resourceChanges, { create: created }, "what preview planned");
        assert.equal(up.outputs?.functionPrivateEndpointStatus.value, "Approved");

        const resources = (await stack.exportStack()).deployment.resources;
        const [service] = of(resources, SERVICE);
        const [link] = of(resources, LINK);
        const app = of(resources, "azure-native:web:WebApp")[0];
        const secret = of(resources, "azure-native:keyvault:Secret").find((r) => String(r.id).endsWith("/secrets/signalr-extension-key"))!;
        ids = { service: String(service.id), app: String(app.id), link: String(link.id), secret: String(secret.id) };
        assert.equal(up.outputs?.signalRHostName.value, `${ids.service.split("/").pop()!.toLowerCase()}.service.signalr.net`);
        assert.equal(up.outputs?.functionAppHostName.value, `${ids.app.split("/").pop()}.azurewebsites.net`);

        // Our connection on the app is Approved, SignalR reports the link Approved.
        assert.deepEqual(
            ours().map((c) => c.status),
            ["Approved"],
        );
        assert.equal(of(resources, APPROVAL)[0].outputs?.status, "Approved");
        // The Function key is the random key the vault holds for SignalR's upstream URL.
        const key = arm.systemKeys.get(`${ids.app}/host/default/systemkeys/signalr_extension`.toLowerCase());
        assert.ok(key && key.length === 48, "the signalr_extension system key is set");
        assert.equal(arm.secretValues.get(ids.secret.toLowerCase()), key);
        const upstream = (arm.services.get(ids.service.toLowerCase())!.properties.upstream as { templates: { urlTemplate: string }[] }).templates[0].urlTemplate;
        assert.equal(
            upstream,
            `https://${ids.app.split("/").pop()}.azurewebsites.net/runtime/webhooks/signalr?code={@Microsoft.KeyVault(SecretUri=https://${ids.secret.split("/")[8].toLowerCase()}.vault.azure.net/secrets/signalr-extension-key)}`,
        );
        // The Key Vault re-read (PATCHes of the upstream settings) after the approval.
        const writes = arm.requests.filter((r) => r.method !== "GET");
        const approval = writes.findIndex((r) => r.method === "PUT" && r.path.startsWith(`${ids.app}/privateEndpointConnections/`));
        const reRead = writes.findIndex((r) => r.method === "PATCH" && r.path === ids.service);
        assert.ok(approval >= 0 && reRead > approval, writes.map((r) => `${r.method} ${r.path}`).join("\n"));
        // The app's settings carry SignalR's host name: written through the site's PUT, kept apart from config/web.
        const site = arm.requests.filter((r) => r.method === "PUT" && r.path === ids.app).pop()!;
        const settings = (site.body as { properties: { siteConfig: { appSettings: { name: string; value: string }[] } } }).properties.siteConfig.appSettings;
        assert.equal(settings.find((s) => s.name === "AzureSignalRConnectionString__serviceUri")?.value, `https://${up.outputs?.signalRHostName.value}`);
        assert.deepEqual(entriesInEffect(), ["ClientConnection,RESTAPI"]);
        assert.deepEqual(strangerWrites(), []);
        // A stranger requests a connection on our app with a description like ours: no up may approve it.
        arm.addConnection(ids.app, {
            name: "theirs-on-ours",
            status: "Pending",
            description: String(link.inputs?.requestMessage ?? ""),
            privateEndpointId: `${STRANGERS}/providers/Microsoft.Network/privateEndpoints/theirs`,
        });
    });

    it("up again changes nothing (--expect-no-changes) and writes nothing", async function () {
        this.timeout(600_000);
        const writesBefore = writesSoFar();
        const again = await stack.operation("up", { expectNoChanges: true });
        assert.equal(again.summary?.result, "succeeded", again.output);
        assert.deepEqual(again.summary?.resourceChanges, { same: created });
        assert.equal(writesSoFar(), writesBefore);
    });

    it("refresh then up changes nothing (--expect-no-changes), and the ACL entry is in effect", async function () {
        this.timeout(600_000);
        const writesBefore = writesSoFar();
        const refresh = await stack.operation("refresh");
        assert.equal(refresh.summary?.result, "succeeded", refresh.output);
        const [service] = of((await stack.exportStack()).deployment.resources, SERVICE);
        const folded = (service.outputs?.networkACLs as { privateEndpoints?: unknown[] }).privateEndpoints;
        assert.equal(folded?.length, 1, "the refresh read the live entry");
        const up = await stack.operation("up", { expectNoChanges: true });
        assert.equal(up.summary?.result, "succeeded", up.output);
        assert.deepEqual(up.summary?.resourceChanges, { same: created });
        assert.equal(writesSoFar(), writesBefore, "refresh and the up after it only read");
        assert.deepEqual(entriesInEffect(), ["ClientConnection,RESTAPI"]);
    });

    it("`up --replace` of the shared private link: delete-first, the new connection approved in the same up; then nothing to do", async function () {
        this.timeout(600_000);
        const [link] = of((await stack.exportStack()).deployment.resources, LINK);
        const up = await stack.operation("up", { replace: [link.urn] });
        assert.equal(up.summary?.result, "succeeded", up.output);
        assert.equal(up.outputs?.functionPrivateEndpointStatus.value, "Approved");
        assert.deepEqual(
            ours().map((c) => c.status),
            ["Disconnected", "Approved"],
            "the old connection left Disconnected, the new one approved",
        );
        assert.equal(arm.connection(ids.app, "theirs-on-ours").status, "Pending", "the stranger's look-alike is never approved");
        const again = await stack.operation("up", { expectNoChanges: true });
        assert.deepEqual(again.summary?.resourceChanges, { same: created }, again.output);
        assert.deepEqual(entriesInEffect(), ["ClientConnection,RESTAPI"]);
    });

    it("destroy leaves nothing of ours and touches no stranger", async function () {
        this.timeout(600_000);
        const destroy = await stack.operation("destroy");
        assert.equal(destroy.summary?.result, "succeeded", destroy.output);
        assert.deepEqual(destroy.summary?.resourceChanges, { delete: created });
        assert.deepEqual((await stack.exportStack()).deployment.resources ?? [], []);
        assert.deepEqual([...arm.genericResources.keys()], [STRANGER_VAULT.toLowerCase()], "only the stranger's vault is left");
        assert.deepEqual(
            [...arm.services.values()].map((s) => s.id),
            [`${STRANGERS}/providers/Microsoft.SignalRService/signalR/strangers-signalr`],
        );
        assert.deepEqual(arm.services.get(`${STRANGERS}/providers/Microsoft.SignalRService/signalR/strangers-signalr`.toLowerCase())!.properties.networkACLs, {
            defaultAction: "Deny",
            privateEndpoints: [{ name: "theirs.1", allow: ["Trace"] }],
        });
        assert.deepEqual([arm.privateEndpoints.size, arm.locks.size, arm.systemKeys.size, arm.secretValues.size, arm.sharedPrivateLinks().length], [0, 0, 0, 0, 0]);
        assert.equal(arm.connection(strangersApp, "theirs").status, "Pending");
        assert.deepEqual(strangerWrites(), []);
    });
});
