// The component package through Pulumi YAML and the real CLI: a YAML project whose `packages:`
// names this checkout (its PulumiPlugin.yaml: runtime nodejs, provider.ts), run by the real YAML
// language host (pulumi-yaml v1.25.0, built by scripts/engine/toolchain.sh). The CLI starts the
// package's provider from source through the nodejs language host's RunPlugin — the stand-in,
// scripts/engine/hosts/nodejs — which runs @pulumi/pulumi/cmd/run-plugin on the checkout folder,
// that is package.json `main` (dist/provider/main.js, built by `npm ci`'s prepare). The
// provider constructs ServerlessSignalR (its azure-native children served by the stand-in
// azure-native provider) and serves its own custom resources: the approval approves the link's
// connection on the fake Resource Manager. `up`, `up --expect-no-changes`, `destroy`.
import { strict as assert } from "node:assert";
import { type FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { CliStack, cliStack, readStateFile, assertUpChangesNothing, assertDestroyLeavesNothing } from "./cliProject";
import { engineWorld } from "./engineStack";
import { describeWithEngine } from "./toolchain";
import { chatServiceConfig } from "./chatWorld";
import { buildPluginEntry, keyVaultReferencedChat, yamlPackageProjectHead } from "./yamlPackageProject";

const PROJECT = "engine-yaml-package";
const PACKAGE_PROVIDER = "pulumi:providers:signalr-serverless";
/** The custom resources the package's provider serves itself (src/components/armBackedResources.ts PACKAGE_TYPES). */
const OURS = /^signalr-serverless:index:(PrivateEndpointConnectionApproval|UpstreamSettingsRefresh)$/;

/**
 * The ServerlessSignalR of serverlessSignalR.test.ts in YAML: an upstream that is one Key Vault
 * reference, read access to that vault and one shared private endpoint to a Function app. Only our
 * component and, through it, the azure-native types the stand-in serves.
 */
const PULUMI_YAML = `${yamlPackageProjectHead(PROJECT, ["serviceName", "secretUri", "keyVaultId", "functionAppId"])}resources:
${keyVaultReferencedChat({ serviceName: "${serviceName}", endpoint: ["approvalTimeoutSeconds: 60"] })}outputs:
  serviceId: \${chat.serviceId}
  hostName: \${chat.hostName}
  sharedPrivateEndpointStatuses: \${chat.sharedPrivateEndpointStatuses}
`;

describeWithEngine("the real Pulumi CLI: the component package from this checkout in a YAML project (real YAML host, provider started through the stand-in nodejs host)", (bin) => {
    const scenario = engineWorld(
        bin,
        {
            standIns: true,
            setUp: chatServiceConfig,
        },
        ({ consumer, config, baseEnv }) => cliStack({ consumer, bin, project: PROJECT, files: { "Pulumi.yaml": PULUMI_YAML }, config, baseEnv }),
    );
    let arm: FakeResourceManager;
    let stack: CliStack;
    let serviceId: string;
    let created: number;
    before(function () {
        this.timeout(300_000);
        buildPluginEntry();
        ({ arm, stack } = scenario);
        serviceId = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr`;
    });

    it("up constructs the component in the package's provider and approves the link on the fake Resource Manager", async function () {
        this.timeout(300_000);
        const up = await stack.up();
        assert.equal(up.result, "succeeded");
        created = up.resourceChanges?.create ?? 0;
        const outputs = await stack.outputs();
        assert.equal(outputs.serviceId, serviceId);
        assert.equal(outputs.hostName, "contoso-signalr.service.signalr.net");
        assert.deepEqual(outputs.sharedPrivateEndpointStatuses, { "func-pe": "Approved" });
        const [ours] = arm.connectionsOf(`${serviceId}/sharedPrivateLinkResources/func-pe`);
        assert.equal(ours.connection.status, "Approved");
    });

    it("the state holds exactly one signalr-serverless provider, and it created our custom resources", () => {
        const resources = readStateFile(stack.stateFile).checkpoint.latest?.resources ?? [];
        const providers = resources.filter((r) => r.type === PACKAGE_PROVIDER);
        assert.equal(providers.length, 1, resources.map((r) => r.urn).join("\n"));
        const reference = `${providers[0].urn}::${providers[0].id}`;
        const ours = resources.filter((r) => OURS.test(r.type));
        assert.deepEqual(ours.map((r) => r.type).sort(), ["signalr-serverless:index:PrivateEndpointConnectionApproval", "signalr-serverless:index:UpstreamSettingsRefresh"]);
        for (const r of ours) assert.equal(r.provider, reference, `${r.urn} is served by the package's provider`);
        assert.ok(
            resources.some((r) => r.type === "signalr-serverless:index:ServerlessSignalR"),
            "the component is in the state",
        );
        // The engine counts no provider among the created resources.
        const notProviders = resources.filter((r) => !r.type.startsWith("pulumi:providers:"));
        assert.equal(notProviders.length, created, "every resource in the state was created by the up");
    });

    it("up again changes nothing (--expect-no-changes) and writes nothing", async function () {
        this.timeout(300_000);
        await assertUpChangesNothing(stack, scenario.writes, created);
    });

    it("destroy removes what it created and empties the state", async function () {
        this.timeout(300_000);
        await assertDestroyLeavesNothing(stack, arm, created);
    });
});
