// The one step a changed stack config adds, through the real Pulumi CLI: the engine gives the
// default dynamic provider (`pulumi:providers:pulumi-nodejs::default`, the provider of the
// library's ARM-backed resources) the whole stack config as its inputs (pulumi/pulumi
// pkg/resource/deploy/target.go GetPackageConfig), and the dynamic provider host implements no
// DiffConfig (sdk/nodejs/cmd/dynamic-provider/index.ts), so the provider registry compares the old
// config with the new (pkg/resource/deploy/providers/registry.go Diff): any config key set or
// changed, even one the program never reads, is an `update` of that provider. The engine marks a
// default provider's step internal (pkg/engine/update.go isInternalStep): the CLI shows no line for
// it (pkg/backend/display/display.go filters internal events), the summary does not count it, and
// `--expect-no-changes` passes (pkg/cmd/pulumi/operations/up.go: engine.HasChanges of that summary).
// The Automation API's event stream does carry it. With the config unchanged, an up has no step at all.
import { strict as assert } from "node:assert";
import { DYNAMIC_DEFAULT_PROVIDER_TYPE, OperationResult, StateResource, engineScenario, stepsAfterConfigChange, succeededSteps } from "./engineStack";
import { describeWithEngine } from "./toolchain";

const PROJECT = "engine-default-provider";
const PROVIDER_URN = `urn:pulumi:dev::${PROJECT}::${DYNAMIC_DEFAULT_PROVIDER_TYPE}::default`;
const REQUEST_MESSAGE = "signalr-serverless func-pe 5e1f0c2a";

describeWithEngine("the real Pulumi engine: a changed stack config updates the default dynamic provider, and nothing else", (bin) => {
    let config: Record<string, string> = {};
    const scenario = engineScenario(bin, {
        program: "approval",
        project: PROJECT,
        setUp: (fake, target) => {
            const link = fake.addSharedPrivateLink("contoso-signalr", "func-pe");
            fake.addConnection(target, { name: "signalr-conn", status: "Pending", description: REQUEST_MESSAGE, sharedPrivateLinkResourceId: link });
            config = { targetResourceId: target, requestMessage: REQUEST_MESSAGE, sharedPrivateLinkResourceId: link, resourceManagerEndpoint: fake.endpoint };
            return config;
        },
    });
    const providerInState = async () => (await scenario.stack.exportStack()).deployment.resources?.find((r: StateResource) => r.urn === PROVIDER_URN);
    const namespaced = (c: Record<string, string>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [`${PROJECT}:${k}`, v]));
    /** An up whose steps are only the internal update of the provider: none of ours, nothing displayed or counted, no write. */
    const assertOnlyTheProviderUpdate = (r: OperationResult, writesBefore: number, changedKey: string) => {
        assert.deepEqual(stepsAfterConfigChange(r, PROJECT), [], "no step on any other resource");
        assert.deepEqual(
            r.stepDetails.map((s) => [s.op, s.urn, s.changedInputs, s.diffs, s.detailedDiff]),
            [["update", PROVIDER_URN, [`${PROJECT}:${changedKey}`], [], {}]],
            "the engine reports no changed key of its own (registry.go Diff: DiffConfig unimplemented, inputs compared whole)",
        );
        assert.ok(!r.output.includes("pulumi:providers"), `the CLI shows no line for the provider:\n${r.output}`);
        assert.equal(scenario.writes(), writesBefore, "no write to Resource Manager");
    };

    it("the first up creates the provider with the whole stack config as its inputs", async function () {
        this.timeout(300_000);
        const steps = succeededSteps(await scenario.stack.operation("up"));
        assert.ok(steps.includes("create default"), steps.join(", "));
        assert.deepEqual((await providerInState())?.inputs, namespaced(config), "every key of the stack config, namespaced by the project");
    });

    it("an up with the same config has no step at all, providers included", async function () {
        this.timeout(300_000);
        const writes = scenario.writes();
        const r = await scenario.stack.operation("up", { expectNoChanges: true });
        assert.deepEqual(succeededSteps(r), []);
        assert.deepEqual(r.summary?.resourceChanges, { same: 2 });
        assert.equal(scenario.writes(), writes);
    });

    it("a config key the program never reads: preview and up --expect-no-changes pass, the only step is the provider's internal update", async function () {
        this.timeout(300_000);
        const writes = scenario.writes();
        scenario.stack.setConfig({ notReadByTheProgram: "one" });
        const preview = await scenario.stack.operation("preview", { expectNoChanges: true });
        assert.deepEqual(preview.changeSummary, { same: 2 }, "the preview counts no change");
        assertOnlyTheProviderUpdate(preview, writes, "notReadByTheProgram");
        const up = await scenario.stack.operation("up", { expectNoChanges: true });
        assert.deepEqual(up.summary?.resourceChanges, { same: 2 }, "the summary counts no change");
        assert.ok(/2 unchanged/.test(up.output), up.output);
        assertOnlyTheProviderUpdate(up, writes, "notReadByTheProgram");
        assert.deepEqual((await providerInState())?.inputs, namespaced({ ...config, notReadByTheProgram: "one" }));
    });

    it("the up after has no step at all again; a changed value is the same single update", async function () {
        this.timeout(300_000);
        const writes = scenario.writes();
        assert.deepEqual(succeededSteps(await scenario.stack.operation("up", { expectNoChanges: true })), []);
        scenario.stack.setConfig({ notReadByTheProgram: "two" });
        assertOnlyTheProviderUpdate(await scenario.stack.operation("up", { expectNoChanges: true }), writes, "notReadByTheProgram");
        assert.deepEqual(succeededSteps(await scenario.stack.operation("up", { expectNoChanges: true })), []);
    });
});
