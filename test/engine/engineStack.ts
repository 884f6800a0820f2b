// One stack of an engine scenario: a program compiled in the consumer project (the packed tarball
// installed as a user installs it), run by the real `pulumi` CLI on a file backend, with a
// PULUMI_HOME of its own, a passphrase, no plugin acquisition and no way out of this machine.
import { strict as assert } from "node:assert";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { consumerProject, run } from "../support/consumerProject";
import { signedInThroughAzureCli } from "../support/fakeAzureCli";
import { FakeResourceManager } from "../support/fakeResourceManager";
import { installStandIns } from "./standins/install";
import { runAsync } from "./toolchain";

/** What the driver (test/engine/consumer/driver.js) prints for one operation. */
export interface OperationResult {
    changeSummary?: Record<string, number>;
    summary?: { result: string; resourceChanges?: Record<string, number> };
    outputs?: Record<string, { value: unknown; secret: boolean }>;
    /** Each step that changed a resource, as `<create|update|delete|replace> <name>`, in the engine's order. */
    steps: string[];
    /** The same steps with their URN and what the engine found changed (the step's `diffs` and `detailedDiff`). */
    stepDetails: StepDetail[];
    output: string;
    /** When the driver started the operation (ms since epoch), and its wall time, measured around the Automation API call. */
    startedAt: number;
    elapsedMs: number;
}

/** One step of an operation as the engine's resource pre-event describes it. */
export interface StepDetail {
    op: string;
    urn: string;
    diffs: string[];
    detailedDiff: Record<string, { kind: string; inputDiff?: boolean }>;
    /** The input keys whose values differ between the step's old and new state. */
    changedInputs: string[];
}

/** An operation's steps, once it succeeded (else its output is the assertion's message). */
export const succeededSteps = (r: OperationResult) => (assert.equal(r.summary?.result, "succeeded", r.output), r.steps);

/** The default provider of the dynamic resources (the library's ARM-backed resources): `pulumi-nodejs` has no version, so its name is `default`. */
export const DYNAMIC_DEFAULT_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";
const isDynamicDefaultProvider = (urn: string) => urn.endsWith(`::${DYNAMIC_DEFAULT_PROVIDER_TYPE}::default`);

/**
 * The steps of an up (or preview) that changed the stack config, without the one step such an up always has: the
 * engine gives a dynamic provider the whole stack config as its inputs (pulumi/pulumi
 * pkg/resource/deploy/target.go GetPackageConfig: "For dynamic providers, we always pass the full
 * configuration"), the dynamic provider host implements no DiffConfig, so any changed config key
 * is an `update` of `pulumi:providers:pulumi-nodejs::default` (providers/registry.go Diff); the
 * engine marks it internal (pkg/engine/update.go isInternalStep): not displayed, not counted, and
 * `--expect-no-changes` passes (README Troubleshooting). Asserts that step is there exactly once and
 * that what it changes is stack config of `project` and nothing else; every other step stays.
 */
export function stepsAfterConfigChange(r: OperationResult, project: string): string[] {
    // A preview's result has a change summary; an up's its summary, which must say it succeeded.
    if (!r.changeSummary) succeededSteps(r);
    const provider = r.stepDetails.filter((s) => isDynamicDefaultProvider(s.urn));
    assert.deepEqual(
        provider.map((s) => s.op),
        ["update"],
        `one update of the default dynamic provider: ${JSON.stringify(r.stepDetails)}`,
    );
    assert.ok(provider[0].changedInputs.length > 0, "the provider's inputs changed");
    for (const key of provider[0].changedInputs) assert.ok(key.startsWith(`${project}:`), `only stack config of ${project} changes on the provider, not ${key}`);
    return r.stepDetails.filter((s) => s !== provider[0]).map((s) => `${s.op} ${s.urn.split("::").pop()}`);
}

/** A resource as `pulumi stack export` writes it. */
export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    custom?: boolean;
    provider?: string;
    parent?: string;
    /** Every resource it waited for (its inputs' and dependsOn's). */
    dependencies?: string[];
    /** The resources each input's value came from. */
    propertyDependencies?: Record<string, string[]>;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

export interface ExportedStack {
    version: number;
    deployment: { manifest: { version: string }; resources?: StateResource[] };
}

export interface EngineStack {
    /** Runs `pulumi preview|up|refresh|destroy` with the given Automation API options. */
    operation(name: "preview" | "up" | "refresh" | "destroy", options?: Record<string, unknown>): Promise<OperationResult>;
    /** Changes the program's stack config for the operations that follow (keys absent stay as they were). */
    setConfig(config: Record<string, string>): void;
    /** `pulumi stack export`, run by the CLI directly. */
    exportStack(): Promise<ExportedStack>;
    /** Removes the stack's backend, PULUMI_HOME and working directory. */
    remove(): void;
    /** The environment every process of this stack gets. */
    env: NodeJS.ProcessEnv;
    workDir: string;
}

let compiled = new Set<string>();

/**
 * The environment of one engine run: the toolchain first on PATH, a PULUMI_HOME and file backend
 * of its own under `scratch`, a passphrase, no plugin acquisition or registry resolution, no
 * Pulumi Cloud settings. Unless `registries` (a language's own package registry must be reached
 * for its SDK dependencies), every request leaves through a closed loopback proxy.
 */
export function engineEnv(o: { bin: string; baseEnv: NodeJS.ProcessEnv; scratch: string; state: string; registries?: boolean }): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
        ...o.baseEnv,
        PATH: `${o.bin}:${o.baseEnv.PATH}`,
        PULUMI_HOME: path.join(o.scratch, "home"),
        PULUMI_BACKEND_URL: `file://${o.state}`,
        PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
        PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    if (!o.registries) {
        // Nothing leaves this machine: any request the CLI would send elsewhere goes to a closed port.
        Object.assign(env, { HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "127.0.0.1,localhost" });
    }
    for (const k of Object.keys(env)) if (/^PULUMI_(ACCESS_TOKEN|API|ORG|DEFAULT_ORG)/.test(k)) delete env[k];
    return env;
}

/**
 * The environment of one engine run kept to itself in `scratch`: the toolchain first on PATH, its
 * own PULUMI_HOME and file backend (`scratch/state`), a passphrase, no plugin acquisition, no
 * Pulumi Cloud settings, and a proxy on a closed port so nothing the CLI sends leaves the machine.
 */
export function isolatedEngineEnv(bin: string, baseEnv: NodeJS.ProcessEnv, scratch: string): NodeJS.ProcessEnv {
    const state = path.join(scratch, "state");
    mkdirSync(state, { recursive: true });
    return engineEnv({ bin, baseEnv, scratch, state });
}

/** Compiles test/engine/consumer/<program>.ts in the consumer with its own TypeScript, once per consumer. */
function compileProgram(consumer: string, program: string): string {
    const dir = path.join(consumer, "engine");
    const out = path.join(dir, "bin", `${program}.js`);
    if (compiled.has(out)) return out;
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(__dirname, "consumer", "driver.js"), path.join(dir, "driver.js"));
    copyFileSync(path.join(__dirname, "consumer", `${program}.ts`), path.join(dir, `${program}.ts`));
    run(
        path.join(consumer, "node_modules/.bin/tsc"),
        ["--strict", "--target", "es2020", "--module", "commonjs", "--outDir", path.dirname(out), path.join(dir, `${program}.ts`)],
        consumer,
    );
    compiled = new Set([...compiled, out]);
    return out;
}

/**
 * A new stack `dev` of project `project` for `program` in the consumer, on a file backend of its
 * own. `baseEnv` is the environment the program's providers need (e.g. the fake `az` on PATH and
 * the fake Resource Manager's certificate); `bin` is the toolchain's bin directory.
 */
export function engineStack(o: { consumer: string; bin: string; program: string; project: string; config: Record<string, string>; baseEnv: NodeJS.ProcessEnv }): EngineStack {
    const programFile = compileProgram(o.consumer, o.program);
    const scratch = mkdtempSync(path.join(tmpdir(), `signalr-serverless-engine-${o.project}-`));
    const workDir = path.join(o.consumer, "engine", path.basename(scratch));
    mkdirSync(workDir, { recursive: true });
    const env = isolatedEngineEnv(o.bin, o.baseEnv, scratch);
    const scenarioFile = path.join(scratch, "scenario.json");
    writeFileSync(scenarioFile, JSON.stringify({ cliRoot: path.dirname(o.bin), workDir, project: o.project, stack: "dev", program: programFile, config: o.config, options: {} }));
    const driver = path.join(o.consumer, "engine", "driver.js");
    return {
        env,
        workDir,
        remove() {
            for (const d of [scratch, workDir]) rmSync(d, { recursive: true, force: true });
        },
        setConfig(config) {
            const scenario = JSON.parse(readFileSync(scenarioFile, "utf8"));
            writeFileSync(scenarioFile, JSON.stringify({ ...scenario, config: { ...scenario.config, ...config } }));
        },
        async operation(name, options = {}) {
            const scenario = JSON.parse(readFileSync(scenarioFile, "utf8"));
            const file = path.join(scratch, `${name}.json`);
            writeFileSync(file, JSON.stringify({ ...scenario, options }));
            const { stdout } = await runAsync(process.execPath, [driver, name, file], { cwd: workDir, env });
            return JSON.parse(stdout.trim().split("\n").pop()!) as OperationResult;
        },
        async exportStack() {
            const { stdout } = await runAsync(path.join(o.bin, "pulumi"), ["stack", "export", "--stack", "dev", "--non-interactive"], { cwd: workDir, env });
            return JSON.parse(stdout) as ExportedStack;
        },
    };
}

/**
 * With the stand-ins, the fake is a custom cloud: all three settings, as our ARM-backed resources
 * read one (src/arm/armTarget.ts configuredArmTarget); the stand-in azure-native reads the endpoint.
 */
export function customCloudEnv(arm: FakeResourceManager): NodeJS.ProcessEnv {
    return {
        ARM_RESOURCE_MANAGER_ENDPOINT: arm.endpoint,
        ARM_RESOURCE_MANAGER_AUDIENCE: arm.endpoint,
        ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST: "https://login.microsoftonline.com",
    };
}

/** One engine suite's world: the fake Resource Manager, its Function app target and the stack. */
export interface EngineScenarioOf<S> {
    readonly arm: FakeResourceManager;
    /** The Function app target's resource id. */
    readonly site: string;
    readonly stack: S;
    /** How many requests other than GET the fake Resource Manager has answered. */
    writes(): number;
}
export type EngineScenario = EngineScenarioOf<EngineStack>;

/** What an engine scenario is made of (engineScenario); the deployment benchmark opens one too. */
export interface EngineScenarioOptions {
    program: string;
    project: string;
    standIns?: boolean;
    setUp: (arm: FakeResourceManager, site: string) => Record<string, string>;
}

/** What an engine scenario's stack needs from its world. */
export interface EngineWorldStack {
    readonly env: NodeJS.ProcessEnv;
    remove(): void;
}

type MakeStack<S> = (w: { consumer: string; config: Record<string, string>; baseEnv: NodeJS.ProcessEnv }) => S | Promise<S>;

/**
 * The consumer project, a fake Resource Manager with the Function app `contoso-func`, the stack
 * `makeStack` makes, signed in through the fake Azure CLI, and, with `standIns`, the stand-in
 * providers installed into its PULUMI_HOME (the stand-in azure-native finds the fake through
 * ARM_RESOURCE_MANAGER_ENDPOINT). `setUp` adds what the scenario needs to the fake and returns the
 * stack config. The caller removes the stack and stops the fake.
 */
async function openWorld<S extends EngineWorldStack>(
    bin: string,
    o: { standIns?: boolean; setUp: (arm: FakeResourceManager, site: string) => Record<string, string> },
    makeStack: MakeStack<S>,
): Promise<{ arm: FakeResourceManager; site: string; stack: S }> {
    const consumer = consumerProject();
    const arm = new FakeResourceManager();
    await arm.start();
    const site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
    const config = o.setUp(arm, site);
    const baseEnv = { ...signedInThroughAzureCli(arm), ...(o.standIns ? customCloudEnv(arm) : {}) };
    const stack = await makeStack({ consumer, config, baseEnv });
    if (o.standIns) await installStandIns(consumer, bin, stack.env);
    return { arm, site, stack };
}

/** The world of an Automation API engine scenario (engineScenario), opened by the caller: the deployment benchmark. */
export function openEngineWorld(bin: string, o: EngineScenarioOptions): Promise<{ arm: FakeResourceManager; site: string; stack: EngineStack }> {
    return openWorld(bin, o, automationStack(bin, o));
}

function automationStack(bin: string, o: EngineScenarioOptions): MakeStack<EngineStack> {
    return ({ consumer, config, baseEnv }) => engineStack({ consumer, bin, program: o.program, project: o.project, config, baseEnv });
}

/**
 * Declares, in the calling suite, the hooks that set up an engine scenario before its tests and
 * remove it after: the consumer project, a fake Resource Manager with the Function app
 * `contoso-func`, the stack of `program` signed in through the fake Azure CLI, and, with
 * `standIns`, the stand-in providers installed into its PULUMI_HOME (the stand-in azure-native
 * finds the fake through ARM_RESOURCE_MANAGER_ENDPOINT). `setUp` adds what the scenario needs to
 * the fake and returns the stack config.
 */
export function engineScenario(bin: string, o: EngineScenarioOptions): EngineScenario {
    return engineWorld(bin, o, automationStack(bin, o));
}

/**
 * The hooks of an engine scenario (see engineScenario) around any kind of stack: `makeStack` gets
 * the consumer project, the stack config `setUp` returned and the environment the providers need.
 */
export function engineWorld<S extends EngineWorldStack>(
    bin: string,
    o: { standIns?: boolean; setUp: (arm: FakeResourceManager, site: string) => Record<string, string> },
    makeStack: MakeStack<S>,
): EngineScenarioOf<S> {
    let world: { arm: FakeResourceManager; site: string; stack: S } | undefined;
    const get = () => {
        if (!world) throw new Error("the engine scenario is not set up (its before hook failed)");
        return world;
    };
    before(async function () {
        this.timeout(900_000);
        world = await openWorld(bin, o, makeStack);
    });
    after(async function () {
        // A stack whose project holds a node_modules of its own (ciRecipe.test.ts) takes a while to remove.
        this.timeout(300_000);
        world?.stack.remove();
        await world?.arm.stop();
    });
    return {
        get arm() {
            return get().arm;
        },
        get site() {
            return get().site;
        },
        get stack() {
            return get().stack;
        },
        writes: () => get().arm.requests.filter((r) => r.method !== "GET").length,
    };
}
