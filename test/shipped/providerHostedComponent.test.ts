// A component built by the package's provider, the way every non-TypeScript program gets it: the
// engine calls Construct on the plugin process, the component registers its resources with the
// engine's resource monitor, and the engine creates the approval on the provider it selects for
// it. Here the engine is a FakeEngine on loopback that selects providers by the engine's rules,
// and Azure is the fake Resource Manager: the component approves end to end.
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { ProviderProcess } from "../support/grpcProvider";
import { AzureSideEffect, FakeEngine, PackageDeclaration, UNKNOWN } from "../support/fakeEngine";
import { FakeResourceManager } from "../support/fakeResourceManager";
import { FakeAzureCliOptions, signedInThroughAzureCli } from "../support/fakeAzureCli";

const root = path.resolve(__dirname, "../..");
const T = (name: string) => `signalr-serverless:index:${name}`;
const EXPLICIT_PROVIDER = "urn:pulumi:dev::consumer::pulumi:providers:signalr-serverless::eu::6f6e8a1c-9d1e-4a57-b1a4-0c6f3c1f2e51";

/** What Azure does on the PUTs the fake engine answers itself: the resources our custom resources then find. */
function playAzure(arm: FakeResourceManager): AzureSideEffect {
    return ({ type, inputs, id }) => {
        switch (type) {
            case "azure-native:signalrservice:SignalR":
                return { id: arm.addSignalR(id.split("/").pop()!, String(inputs.resourceGroupName)) };
            case "azure-native:network:PrivateEndpoint": {
                // The endpoint's connection shows on the service it targets.
                const [connection] = inputs.privateLinkServiceConnections as { privateLinkServiceId: string }[];
                arm.addInboundConnection(connection.privateLinkServiceId, id);
                return undefined;
            }
            case "azure-native:signalrservice:SignalRSharedPrivateLinkResource": {
                // The link, and a pending connection on the target.
                const link = arm.addSharedPrivateLink(String(inputs.resourceName), String(inputs.sharedPrivateLinkResourceName));
                arm.addConnection(String(inputs.privateLinkResourceId), {
                    name: `${inputs.sharedPrivateLinkResourceName}-conn`,
                    status: "Pending",
                    description: String(inputs.requestMessage),
                    sharedPrivateLinkResourceId: link,
                });
                arm.copyToReplicas(link);
                return { id: link, outputs: { status: "Pending" } };
            }
            case "azure-native:signalrservice:SignalRReplica":
                // The replica, with a copy of each of the service's links (the SignalR team's description).
                arm.addReplica(String(inputs.resourceName), String(inputs.replicaName), String(inputs.resourceGroupName), String(inputs.location));
                return undefined;
        }
        return undefined;
    };
}

/** Starts the plugin as the engine does (run-plugin, the engine's address as argument) beside a fake engine. */
async function hostedProvider(
    arm: FakeResourceManager,
    declared: PackageDeclaration,
    cli: FakeAzureCliOptions = {},
): Promise<{ engine: FakeEngine; provider: ProviderProcess; azCalls: () => string[] }> {
    const engine = new FakeEngine("consumer", "dev", { "signalr-serverless": declared }, playAzure(arm));
    await engine.start();
    const env = signedInThroughAzureCli(arm, cli);
    const provider = await ProviderProcess.startPackagePlugin(root, engine.address, env);
    await provider.configure({});
    const azLog = path.join(env.PATH!.split(":")[0], "calls.log");
    return { engine, provider, azCalls: () => (existsSync(azLog) ? readFileSync(azLog, "utf8").trim().split("\n") : []) };
}

describe("a component constructed by the package provider approves (the engine's side played by a fake engine)", function () {
    this.timeout(300_000);
    let arm: FakeResourceManager;
    let engine: FakeEngine;
    let provider: ProviderProcess;
    let azCalls: () => string[];

    before(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        // The program declares a version that is not the build's own (as when a development build
        // is served from a `plugins` path, which matches any version) and a download URL.
        ({ engine, provider, azCalls } = await hostedProvider(arm, { version: "0.0.0-x1b59498", pluginDownloadURL: "git://github.com/example/signalr-serverless" }));
        engine.serve("signalr-serverless", provider, [EXPLICIT_PROVIDER]);
    });
    after(async () => {
        provider?.stop();
        engine?.stop();
        await arm?.stop();
    });

    const construct = (name: string, site: string, providers?: Record<string, string>, config?: { config: Record<string, string>; configSecretKeys: string[] }) =>
        provider.construct({
            ...config,
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

    it("the stack's azure-native configuration, which the engine passes with Construct, signs the approval in; its secrets stay secret", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "hosted-func-cfg");
        const subscription = "55555555-5555-5555-5555-555555555555";
        const stackConfig = {
            config: { "azure-native:subscriptionId": subscription, "azure-native:clientCertificatePassword": "pfx-s3cret", "azure-native:location": "westeurope" },
            configSecretKeys: ["azure-native:clientCertificatePassword"],
        };
        const result = await construct("func-pe-cfg", site, undefined, stackConfig);
        const approval = engine.registrations.find((r) => r.type === T("PrivateEndpointConnectionApproval") && r.name === "func-pe-cfg-approval")!;
        const settings = approval.inputs.azureNativeConfig as Record<string, unknown>;
        assert.deepEqual(Object.keys(settings).sort(), ["clientCertificatePassword", "subscriptionId"], "azure-native's sign-in settings, nothing else");
        assert.equal(settings.subscriptionId, subscription);
        assert.deepEqual(
            settings.clientCertificatePassword,
            { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "pfx-s3cret" },
            "a secret on the wire",
        );
        const created = engine.created.find((c) => c.urn === approval.urn)!;
        assert.equal((created.outputs.azureNativeConfig as Record<string, unknown>)["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "secret in state");
        assert.ok(azCalls().includes(`account show --subscription ${subscription} -o json`), `azure-native:subscriptionId's account: ${azCalls().join(" | ")}`);
        assert.equal(result.state.status, "Approved");
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

describe("ServerlessSignalR constructed by the package provider, its cloud the Azure CLI's registered cloud", function () {
    this.timeout(300_000);
    let arm: FakeResourceManager;
    let engine: FakeEngine;
    let provider: ProviderProcess;
    let azCalls: () => string[];

    before(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        // As an Azure Stack Hub user signs in: `az cloud register` a cloud whose Resource Manager is
        // (here) the fake one, `az cloud set`, `az login`. Nothing in the program names an endpoint.
        const cloud = {
            name: "ContosoStack",
            endpoints: { activeDirectory: "https://login.microsoftonline.com", activeDirectoryResourceId: "https://management.contoso.test/", resourceManager: `${arm.endpoint}/` },
        };
        ({ engine, provider, azCalls } = await hostedProvider(arm, { version: "0.1.0" }, { environmentName: "ContosoStack", clouds: { ContosoStack: cloud } }));
        engine.serve("signalr-serverless", provider);
    });
    after(async () => {
        provider?.stop();
        engine?.stop();
        await arm?.stop();
    });

    /** Construct as the engine calls it for a program's `new ServerlessSignalR(name, inputs)`. */
    const constructServerlessSignalR = (name: string, inputs: Record<string, unknown>) =>
        provider.construct({ project: engine.project, stack: engine.stack, monitor: engine.address, parent: engine.stackUrn, type: T("ServerlessSignalR"), name, inputs });

    it("the approval, the Key Vault re-read and the inbound endpoint's ACL entry run on the provider against that cloud", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "stack-func");
        const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app-rg/providers";
        const result = await constructServerlessSignalR("chat", {
            resourceGroupName: "app-rg",
            upstreamTemplates: [
                {
                    urlTemplate: "https://stack-func.azurewebsites.net/runtime/webhooks/signalr?code={@Microsoft.KeyVault(SecretUri=https://stack-kv.vault.azure.net/secrets/k)}",
                },
            ],
            keyVaultAccess: [{ keyVaultId: `${sub}/Microsoft.KeyVault/vaults/stack-kv`, secretNames: ["k"] }],
            sharedPrivateEndpoints: [{ name: "func-pe", targetResourceId: site }],
            privateEndpoints: [{ subnetResourceId: `${sub}/Microsoft.Network/virtualNetworks/clients/subnets/pe` }],
        });

        const created = engine.created.map((c) => c.urn.split("::").pop()).sort();
        assert.deepEqual(created, ["chat-func-pe-approval", "chat-pe0-acl", "chat-upstream-refresh"].sort(), "all three on the provider that built the component");
        for (const r of engine.registrations.filter((r) => r.type.startsWith("signalr-serverless:index:") && r.custom)) {
            assert.equal(r.inputs.resourceManagerEndpoint, undefined, `${r.name}: no endpoint in the program, the cloud is chosen where the provider runs`);
        }
        assert.ok(azCalls().includes("account show -o json") && azCalls().includes("cloud show --name ContosoStack -o json"), azCalls().join("\n"));

        const serviceId = String(result.state.serviceId);
        const writes = arm.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
        assert.ok(writes.includes(`PUT ${site}/privateEndpointConnections/func-pe-conn`), writes.join("\n"));
        assert.equal(arm.connection(site, "func-pe-conn").status, "Approved");
        const patches = arm.requests.filter((r) => r.method === "PATCH" && r.path === serviceId).map((r) => Object.keys((r.body as { properties: object }).properties));
        assert.deepEqual(patches.filter((keys) => keys.includes("upstream")).length, 2, "the re-read: two PATCHes of the upstream settings");
        assert.ok(
            patches.some((keys) => keys.includes("networkACLs")),
            "the endpoint's ACL entry",
        );
        assert.deepEqual(result.state.sharedPrivateEndpointStatuses, { "func-pe": "Approved" });
    });

    it("with a geo-replica: its copy of the link approved on the provider too, the replica's outputs returned to the program", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "geo-func");
        const result = await constructServerlessSignalR("geo", {
            resourceGroupName: "app-rg",
            serviceName: "geo-signalr",
            location: "westeurope",
            sku: "Premium_P1",
            replicas: [{ location: "North Europe" }],
            sharedPrivateEndpoints: [{ name: "geo-pe", targetResourceId: site }],
        });
        const replica = engine.registrations.find((r) => r.type === "azure-native:signalrservice:SignalRReplica" && r.name === "geo-replica-northeurope");
        assert.ok(replica, "the replica is registered by the component the provider constructed");
        assert.equal(replica.inputs.replicaName, "geo-signalr-northeurope");
        const approval = engine.registrations.find((r) => r.type === T("PrivateEndpointConnectionApproval") && r.name === "geo-geo-pe-approval")!;
        assert.deepEqual(approval.inputs.replicaNames, ["geo-signalr-northeurope"]);
        const ours = arm.connectionsOn(site).filter((c) => c.sharedPrivateLinkResourceId);
        assert.deepEqual(
            ours.map((c) => [c.sharedPrivateLinkResourceId!.includes("/replicas/geo-signalr-northeurope/"), c.status]).sort(),
            [
                [false, "Approved"],
                [true, "Approved"],
            ],
            "the primary's and the replica's connections, each approved",
        );
        const replicas = result.state.replicas as { name: string; location: string; sharedPrivateEndpoints: Record<string, string> }[];
        assert.deepEqual(
            replicas.map((r) => [r.name, r.location, r.sharedPrivateEndpoints]),
            [["geo-signalr-northeurope", "northeurope", { "geo-pe": "Approved" }]],
        );
    });
});
