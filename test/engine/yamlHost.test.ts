// The real YAML language host through the real CLI: a Pulumi YAML project (runtime yaml) whose
// SignalR in serverless mode is served by the stand-in azure-native provider (its schema tells the
// YAML host the type) against the fake Resource Manager — `preview`, `up`, `up
// --expect-no-changes`, `destroy`. The host is pulumi-yaml v1.25.0 built by
// scripts/engine/toolchain.sh beside the CLI, not a stand-in.
import { strict as assert } from "node:assert";
import { type FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { CliStack, cliStack, assertUpChangesNothing } from "./cliProject";
import { engineWorld } from "./engineStack";
import { describeWithEngine } from "./toolchain";

const PROJECT = "engine-yaml-host";
/** The stack and the service. */
const RESOURCES = 2;

const PULUMI_YAML = `name: ${PROJECT}
runtime: yaml
config:
  serviceName:
    type: string
resources:
  service:
    type: azure-native:signalrservice:SignalR
    properties:
      resourceGroupName: app-rg
      resourceName: \${serviceName}
      location: westeurope
      sku:
        name: Standard_S1
        tier: Standard
        capacity: 1
      features:
        - flag: ServiceMode
          value: Serverless
outputs:
  serviceId: \${service.id}
`;

describeWithEngine("the real Pulumi CLI: a Pulumi YAML project through the real YAML language host (pulumi-yaml v1.25.0)", (bin) => {
    const scenario = engineWorld(bin, { standIns: true, setUp: () => ({ serviceName: "contoso-signalr" }) }, ({ consumer, config, baseEnv }) =>
        cliStack({ consumer, bin, project: PROJECT, files: { "Pulumi.yaml": PULUMI_YAML }, config, baseEnv }),
    );
    let arm: FakeResourceManager;
    let stack: CliStack;
    const serviceId = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr`;
    before(() => ({ arm, stack } = scenario));

    it("the CLI runs the project with the YAML host v1.25.0", async function () {
        this.timeout(60_000);
        const about = JSON.parse((await stack.pulumi(["about", "--json"])).stdout) as { plugins: { name: string; version: string; kind: string }[]; runtime: { language: string } };
        assert.equal(about.runtime.language, "yaml");
        assert.ok(
            about.plugins.some((p) => p.kind === "language" && p.name === "yaml" && p.version === "1.25.0"),
            JSON.stringify(about.plugins),
        );
    });

    it("preview plans the service and writes nothing", async function () {
        this.timeout(120_000);
        const preview = await stack.preview();
        assert.deepEqual(preview.changeSummary, { create: RESOURCES }, JSON.stringify(preview.diagnostics));
        assert.equal(scenario.writes(), 0);
    });

    it("up creates the service in serverless mode on the fake Resource Manager", async function () {
        this.timeout(120_000);
        const up = await stack.up();
        assert.equal(up.result, "succeeded");
        assert.deepEqual(up.resourceChanges, { create: RESOURCES });
        const outputs = await stack.outputs();
        assert.equal(outputs.serviceId, serviceId);
        const put = arm.requests.find((r) => r.method === "PUT" && r.path === serviceId);
        assert.deepEqual((put?.body as { properties: { features: unknown } }).properties.features, [{ flag: "ServiceMode", value: "Serverless" }]);
    });

    it("up again changes nothing (--expect-no-changes) and writes nothing", async function () {
        this.timeout(120_000);
        await assertUpChangesNothing(stack, scenario.writes, RESOURCES);
    });

    it("destroy removes the service and empties the state", async function () {
        this.timeout(120_000);
        const destroy = await stack.destroy();
        assert.deepEqual(destroy.resourceChanges, { delete: RESOURCES });
        assert.equal(arm.services.size, 0);
        assert.deepEqual((await stack.exportStack()).deployment.resources ?? [], []);
    });
});
