// The reference deployment as a user runs it: the project examples/complete (its own Pulumi.yaml,
// package.json, tsconfig.json and index.ts, copied as they are) with the root Pulumi.dev.yaml, in
// the fresh consumer project that installed the packed tarball, run by the `pulumi` CLI itself
// (cliProject.ts) — the CLI starts the nodejs language host beside its binary, which compiles
// index.ts with ts-node under the example's tsconfig. Every azure-native resource and invoke it
// uses (resource group, storage account and its keys, plan, Function app, virtual network, subnet,
// Key Vault, secrets, role assignments, SignalR and everything ServerlessSignalR makes: identity,
// grants, shared private link, inbound private endpoint, DNS zone, its link and zone group) and its
// random values are served by the stand-in providers (test/engine/standins/); the approval, the
// Function key, the ACL entry and the Key Vault re-read run in the engine's dynamic-provider host;
// all against one fake Resource Manager over https that also holds a stranger's resources, checked
// untouched at the end.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { root } from "../support/consumerProject";
import { type FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { CliStack, assertUpChangesNothing, cliStack } from "./cliProject";
import { StateResource, engineWorld } from "./engineStack";
import { describeWithEngine } from "./toolchain";

const EXAMPLE = path.join(root, "examples/complete");
const LINK = "azure-native:signalrservice:SignalRSharedPrivateLinkResource";
const SERVICE = "azure-native:signalrservice:SignalR";
const APPROVAL = "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval";
const STRANGERS = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/strangers-rg`;
const STRANGER_VAULT = `${STRANGERS}/providers/Microsoft.KeyVault/vaults/strangers-kv`;

/** The example's own project files and the root's dev stack file, as its README has a user put them side by side. */
function exampleFiles(): Record<string, string> {
    const own = ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts"].map((f) => [f, readFileSync(path.join(EXAMPLE, f), "utf8")]);
    return { ...Object.fromEntries(own), "Pulumi.dev.yaml": readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8") };
}

/** The project's name, as its Pulumi.yaml says (the stack file's keys are in its namespace). */
const projectName = () => (parse(readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8")) as { name: string }).name;

describeWithEngine("the real Pulumi CLI: the reference deployment (the examples/complete project) with stand-in azure-native and random providers", (bin) => {
    const scenario = engineWorld(
        bin,
        {
            standIns: true,
            setUp: (fake, strangersApp) => {
                // The upstream re-read waits until the grants have surely applied (600 s after createdOn): the fake's role assignments are that old.
                fake.roleAssignmentAgeSeconds = 600;
                fake.deletedLinkConnections = "Disconnected";
                // A stranger's: a SignalR service with its own ACL entry, a Key Vault, and a pending connection on their Function app.
                fake.addSignalR("strangers-signalr", "strangers-rg", { networkACLs: { defaultAction: "Deny", privateEndpoints: [{ name: "theirs.1", allow: ["Trace"] }] } });
                fake.genericResources.set(STRANGER_VAULT.toLowerCase(), { id: STRANGER_VAULT, name: "strangers-kv", type: "Microsoft.KeyVault/vaults", properties: {} });
                fake.addConnection(strangersApp, { name: "theirs", status: "Pending", description: "signalr-serverless chat-func-pe" });
                // The configuration is the stack file's (exampleFiles), as the CLI reads it.
                return {};
            },
        },
        ({ consumer, config, baseEnv }) => cliStack({ consumer, bin, project: projectName(), files: exampleFiles(), config, baseEnv }),
    );
    const of = (resources: StateResource[] | undefined, type: string) => (resources ?? []).filter((r) => r.type === type);
    let arm: FakeResourceManager;
    let stack: CliStack;
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

    it("pulumi preview plans the whole deployment and writes nothing", async function () {
        this.timeout(600_000);
        const preview = await stack.preview();
        created = preview.changeSummary.create ?? 0;
        assert.ok(created >= 25, JSON.stringify(preview));
        assert.deepEqual(Object.keys(preview.changeSummary), ["create"]);
        assert.equal(writesSoFar(), 0, "a preview never writes to Resource Manager");
    });

    it("pulumi up: the approval approves the connection, SignalR reports Approved, the Function key is the vault's key, the Key Vault re-read and the ACL entry follow", async function () {
        this.timeout(600_000);
        const up = await stack.up();
        assert.equal(up.result, "succeeded");
        assert.deepEqual(up.resourceChanges, { create: created }, "what preview planned");
        const outputs = await stack.outputs();
        assert.equal(outputs.functionPrivateEndpointStatus, "Approved");

        const resources = (await stack.exportStack()).deployment.resources;
        const [service] = of(resources, SERVICE);
        const [link] = of(resources, LINK);
        const app = of(resources, "azure-native:web:WebApp")[0];
        const secret = of(resources, "azure-native:keyvault:Secret").find((r) => String(r.id).endsWith("/secrets/signalr-extension-key"))!;
        ids = { service: String(service.id), app: String(app.id), link: String(link.id), secret: String(secret.id) };
        assert.equal(outputs.signalRHostName, `${ids.service.split("/").pop()!.toLowerCase()}.service.signalr.net`);
        assert.equal(outputs.functionAppHostName, `${ids.app.split("/").pop()}.azurewebsites.net`);

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
        assert.equal(outputs.upstreamUrlTemplate, upstream);
        // The Key Vault re-read (PATCHes of the upstream settings) after the approval.
        const writes = arm.requests.filter((r) => r.method !== "GET");
        const approval = writes.findIndex((r) => r.method === "PUT" && r.path.startsWith(`${ids.app}/privateEndpointConnections/`));
        const reRead = writes.findIndex((r) => r.method === "PATCH" && r.path === ids.service);
        assert.ok(approval >= 0 && reRead > approval, writes.map((r) => `${r.method} ${r.path}`).join("\n"));
        // The app's settings carry SignalR's host name: written through the site's PUT, kept apart from config/web.
        const site = arm.requests.filter((r) => r.method === "PUT" && r.path === ids.app).pop()!;
        const settings = (site.body as { properties: { siteConfig: { appSettings: { name: string; value: string }[] } } }).properties.siteConfig.appSettings;
        assert.equal(settings.find((s) => s.name === "AzureSignalRConnectionString__serviceUri")?.value, `https://${outputs.signalRHostName}`);
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

    it("pulumi up again changes nothing (--expect-no-changes) and writes nothing", async function () {
        this.timeout(600_000);
        await assertUpChangesNothing(stack, writesSoFar, created);
    });

    it("pulumi refresh then up changes nothing (--expect-no-changes), and the ACL entry is in effect", async function () {
        this.timeout(600_000);
        const writesBefore = writesSoFar();
        const refresh = await stack.refresh();
        assert.equal(refresh.result, "succeeded");
        const [service] = of((await stack.exportStack()).deployment.resources, SERVICE);
        const folded = (service.outputs?.networkACLs as { privateEndpoints?: unknown[] }).privateEndpoints;
        assert.equal(folded?.length, 1, "the refresh read the live entry");
        await assertUpChangesNothing(stack, writesSoFar, created);
        assert.equal(writesSoFar(), writesBefore, "refresh and the up after it only read");
        assert.deepEqual(entriesInEffect(), ["ClientConnection,RESTAPI"]);
    });

    it("pulumi up --replace of the shared private link: delete-first, the new connection approved in the same up; then nothing to do", async function () {
        this.timeout(600_000);
        const [link] = of((await stack.exportStack()).deployment.resources, LINK);
        const up = await stack.up(["--replace", link.urn]);
        assert.equal(up.result, "succeeded");
        assert.equal((await stack.outputs()).functionPrivateEndpointStatus, "Approved");
        assert.deepEqual(
            ours().map((c) => c.status),
            ["Disconnected", "Approved"],
            "the old connection left Disconnected, the new one approved",
        );
        assert.equal(arm.connection(ids.app, "theirs-on-ours").status, "Pending", "the stranger's look-alike is never approved");
        await assertUpChangesNothing(stack, writesSoFar, created);
        assert.deepEqual(entriesInEffect(), ["ClientConnection,RESTAPI"]);
    });

    it("pulumi destroy leaves nothing of ours and touches no stranger", async function () {
        this.timeout(600_000);
        const destroy = await stack.destroy();
        assert.equal(destroy.result, "succeeded");
        assert.deepEqual(destroy.resourceChanges, { delete: created });
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
