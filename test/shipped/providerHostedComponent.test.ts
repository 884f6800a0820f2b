// A component built by the package's provider, the way every non-TypeScript program gets it: the
// engine calls Construct on the plugin process, the component registers its resources with the
// engine's resource monitor, and the engine creates the approval on the provider it selects for
// it. Here the engine is a FakeEngine on loopback that selects providers by the engine's rules,
// and Azure is the fake Resource Manager: the component approves end to end.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { ProviderProcess } from "../support/grpcProvider";
import { FakeEngine, PackageDeclaration, UNKNOWN } from "../support/fakeEngine";
import { FakeResourceManager } from "../support/fakeResourceManager";
import { signedInThroughAzureCli } from "../support/fakeAzureCli";

const root = path.resolve(__dirname, "../..");
const T = (name: string) => `signalr-serverless:index:${name}`;
const EXPLICIT_PROVIDER = "urn:pulumi:dev::consumer::pulumi:providers:signalr-serverless::eu::6f6e8a1c-9d1e-4a57-b1a4-0c6f3c1f2e51";

/** Starts the plugin as the engine does (run-plugin, the engine's address as argument) beside a fake engine. */
async function hostedProvider(arm: FakeResourceManager, declared: PackageDeclaration): Promise<{ engine: FakeEngine; provider: ProviderProcess }> {
    const engine = new FakeEngine("consumer", "dev", { "signalr-serverless": declared }, ({ type, inputs }) => {
        if (type !== "azure-native:signalrservice:SignalRSharedPrivateLinkResource") return undefined;
        // What Azure does on the link's PUT: the link, and a pending connection on the target.
        const id = arm.addSharedPrivateLink(String(inputs.resourceName), String(inputs.sharedPrivateLinkResourceName));
        arm.addConnection(String(inputs.privateLinkResourceId), {
            name: `${inputs.sharedPrivateLinkResourceName}-conn`,
            status: "Pending",
            description: String(inputs.requestMessage),
            sharedPrivateLinkResourceId: id,
        });
        return { id, outputs: { status: "Pending" } };
    });
    await engine.start();
    const provider = await ProviderProcess.startPackagePlugin(root, engine.address, signedInThroughAzureCli(arm));
    await provider.configure({});
    return { engine, provider };
}

describe("a component constructed by the package provider approves (the engine's side played by a fake engine)", function () {
    this.timeout(300_000);
    let arm: FakeResourceManager;
    let engine: FakeEngine;
    let provider: ProviderProcess;

    before(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        // The program declares a version that is not the build's own (as when a development build
        // is served from a `plugins` path, which matches any version) and a download URL.
        ({ engine, provider } = await hostedProvider(arm, { version: "0.0.0-x1b59498", pluginDownloadURL: "git://github.com/example/signalr-serverless" }));
        engine.serve("signalr-serverless", provider, [EXPLICIT_PROVIDER]);
    });
    after(async () => {
        provider?.stop();
        engine?.stop();
        await arm?.stop();
    });

    const construct = (name: string, site: string, providers?: Record<string, string>) =>
        provider.construct({
            dryRun: engine.dryRun,
            project: engine.project,
            stack: engine.stack,
            monitor: engine.address,
            parent: engine.stackUrn,
            type: T("SharedPrivateEndpoint"),
            name,
            inputs: { resourceGroupName: "app-rg", signalRName: "chat-signalr", targetResourceId: site, resourceManagerEndpoint: arm.endpoint },
            providers,
        });

    it("SharedPrivateEndpoint: the approval is created on the same provider, approves the connection and reports Approved", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "hosted-func");
        const result = await construct("func-pe", site);

        const approval = engine.registrations.find((r) => r.type === T("PrivateEndpointConnectionApproval"))!;
        assert.ok(approval, "the component registers the package's own approval resource");
        assert.deepEqual(
            { version: approval.version, pluginDownloadURL: approval.pluginDownloadURL, packageRef: approval.packageRef, provider: approval.provider },
            { version: "", pluginDownloadURL: "", packageRef: "", provider: "" },
            "it states no provider of its own: the engine gives it the program's declaration of the package, as the component's",
        );
        assert.match(approval.urn, /::signalr-serverless:index:SharedPrivateEndpoint\$signalr-serverless:index:PrivateEndpointConnectionApproval::func-pe-approval$/);
        assert.deepEqual(
            engine.created.map((c) => c.urn),
            [approval.urn],
            "the engine created it on the provider process that constructed the component",
        );

        const puts = arm.requests.filter((r) => r.method === "PUT");
        assert.deepEqual(
            puts.map((r) => r.path),
            [`${site}/privateEndpointConnections/func-pe-conn`],
            "the pending connection on the Function app is approved",
        );
        assert.equal(arm.connection(site, "func-pe-conn").status, "Approved");
        assert.deepEqual(
            { status: result.state.status, connectionName: result.state.connectionName },
            { status: "Approved", connectionName: "func-pe-conn" },
            "the component's outputs carry the approval's",
        );
        assert.match(result.urn, /::signalr-serverless:index:SharedPrivateEndpoint::func-pe$/);
        assert.ok(
            engine.logs.some((l) => /approving its connection on the target and waiting for SignalR/.test(l.message)),
            "the component's progress reaches the engine's log",
        );
    });

    it("preview: the approval is checked on the same provider with the link's id still unknown, and nothing reaches Azure", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "hosted-func-preview");
        const sent = arm.requests.length;
        const created = engine.created.length;
        engine.dryRun = true;
        try {
            const result = await construct("func-pe-preview", site);
            const approval = engine.checked.find((c) => c.urn.endsWith("::func-pe-preview-approval"));
            assert.ok(approval, "checked by the provider that constructed the component");
            assert.equal(approval.inputs.sharedPrivateLinkResourceId, UNKNOWN, "the link is not created in a preview");
            assert.equal(approval.inputs.targetResourceId, site);
            assert.equal(result.state.status, UNKNOWN, "the status is known only after the approval runs");
        } finally {
            engine.dryRun = false;
        }
        assert.equal(engine.created.length, created, "nothing is created");
        assert.equal(arm.requests.length, sent, "no request reaches Resource Manager");
    });

    it("an explicit provider given to the component is the one its approval uses", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "hosted-func-eu");
        const before = engine.created.length;
        const result = await construct("func-pe-eu", site, { "signalr-serverless": EXPLICIT_PROVIDER });
        const approval = engine.registrations.find((r) => r.type === T("PrivateEndpointConnectionApproval") && r.name === "func-pe-eu-approval")!;
        assert.equal(approval.provider, EXPLICIT_PROVIDER);
        assert.equal(engine.created.length, before + 1);
        assert.equal(result.state.status, "Approved");
    });
});
