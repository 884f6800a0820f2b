// ServerlessSignalR as a user runs it: a TypeScript Pulumi project (Pulumi.yaml, runtime nodejs,
// index.ts compiled by the SDK's ts-node with Pulumi's default tsconfig) in the fresh consumer
// project that installed the packed tarball, run by the `pulumi` CLI itself — `preview`, `up`, `up
// --expect-no-changes`, the tarball re-packed as another version then `preview`, `destroy` —
// rather than as an Automation API inline program. The CLI starts the nodejs language host from
// beside its binary: signalr-serverless's stand-in (scripts/engine/hosts/nodejs; the Go module
// proxy does not serve Pulumi's), which runs @pulumi/pulumi/cmd/run. The program is the one
// serverlessSignalR.test.ts runs inline; azure-native and random are the stand-in providers. With
// a user's own install (test/engine/toolchain.ts CLI_ENV) the host is the one it bundles.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { locked } from "../support/consumerProject";
import { type FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { chatServiceConfig } from "./chatWorld";
import { CliStack, cliStack, readStateFile, assertUpChangesNothing } from "./cliProject";
import { StateResource, engineWorld } from "./engineStack";
import type { PulumiCli } from "./toolchain";

const APPROVAL = "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval";
const PROJECT = "engine-typescript-project";
/** The stack, the component and its eight children (as serverlessSignalR.test.ts counts them). */
const RESOURCES = 10;

/** The project's files: Pulumi.yaml, package.json, Pulumi's default tsconfig and the program. */
function projectFiles(): Record<string, string> {
    const tsconfig = JSON.parse(readFileSync(path.join(__dirname, "../shipped/consumer/tsconfig.json"), "utf8"));
    return {
        "Pulumi.yaml": `name: ${PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
        "package.json": JSON.stringify({ name: PROJECT, main: "index.ts" }),
        "tsconfig.json": JSON.stringify({ ...tsconfig, files: ["index.ts"] }),
        "program.ts": readFileSync(path.join(__dirname, "consumer/serverlessSignalR.ts"), "utf8"),
        "index.ts": 'import program from "./program";\nexport = program;\n',
    };
}

/**
 * The consumer's tarball unpacked, its version changed to `version`, packed again with npm and
 * unpacked into `nodeModules/signalr-serverless` in place of the installed one (what
 * `npm install` of that tarball puts there; its dependencies are the consumer's, all hoisted).
 */
function installRepacked(consumer: string, nodeModules: string, version: string): void {
    const work = path.dirname(consumer);
    const tarball = readdirSync(work).find((f) => /^signalr-serverless-.*\.tgz$/.test(f))!;
    const copy = mkdtempSync(path.join(tmpdir(), "signalr-serverless-repack-"));
    try {
        execFileSync("tar", ["-xzf", path.join(work, tarball), "-C", copy]);
        const manifestFile = path.join(copy, "package", "package.json");
        writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(readFileSync(manifestFile, "utf8")), version }, null, 2));
        const repacked = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", copy], { cwd: path.join(copy, "package"), encoding: "utf8" })
            .trim()
            .split("\n")
            .pop()!;
        const unpacked = path.join(copy, "unpacked");
        mkdirSync(unpacked);
        execFileSync("tar", ["-xzf", path.join(copy, repacked), "-C", unpacked]);
        rmSync(path.join(nodeModules, "signalr-serverless"), { recursive: true, force: true });
        cpSync(path.join(unpacked, "package"), path.join(nodeModules, "signalr-serverless"), { recursive: true });
    } finally {
        rmSync(copy, { recursive: true, force: true });
    }
}

/**
 * The suite's tests and hooks, declared in the calling suite, run by the CLI `cli` whose folder is
 * `bin` (typescriptProject.test.ts: the selected CLI; userInstall.test.ts: a user's install).
 */
export function typeScriptProjectSuite(bin: string, cli: PulumiCli): void {
    let consumerDir = "";
    const scenario = engineWorld(
        bin,
        {
            standIns: true,
            setUp: chatServiceConfig,
        },
        ({ consumer, config, baseEnv }) => {
            consumerDir = consumer;
            return cliStack({ consumer, bin, project: PROJECT, files: projectFiles(), config, baseEnv, linkNodeModules: true });
        },
    );
    let arm: FakeResourceManager;
    let stack: CliStack;
    let serviceId: string;
    before(() => {
        ({ arm, stack } = scenario);
        serviceId = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr`;
    });
    const approvalsIn = (resources: StateResource[] | undefined) => (resources ?? []).filter((r) => r.type === APPROVAL);

    it("the CLI runs the project with the nodejs host beside it (the stand-in says so) and finds the providers the SDKs ask for", async function () {
        this.timeout(60_000);
        const { stdout } = await stack.pulumi(["about", "--json"]);
        const about = JSON.parse(stdout) as { plugins: { name: string; version: string; kind: string }[]; runtime: { language: string; languageHost?: string } };
        // The built toolchain's host is the stand-in; a user's own install bundles Pulumi's, at the CLI's version.
        const host = execFileSync(path.join(bin, "pulumi-language-nodejs"), ["-version"], { encoding: "utf8" }).trim().replace(/^v/, "");
        const standIn = host.endsWith("-standin.signalr-serverless");
        if (cli.source === "built toolchain") assert.equal(host, `${cli.version.replace(/^v/, "")}-standin.signalr-serverless`);
        assert.deepEqual(
            about.plugins.map((p) => `${p.kind} ${p.name} ${p.version}`),
            [`resource azure-native ${locked("@pulumi/azure-native")}`, `language nodejs ${host}`, `resource random ${locked("@pulumi/random")}`],
            "the host's GetRequiredPackages found the SDKs' plugins in node_modules",
        );
        assert.equal(about.runtime.language, "nodejs");
        if (standIn) assert.match(about.runtime.languageHost ?? "", /signalr-serverless stand-in/);
    });

    it("preview plans the component and its children and writes nothing", async function () {
        this.timeout(300_000);
        const preview = await stack.preview();
        assert.deepEqual(preview.changeSummary, { create: RESOURCES }, JSON.stringify(preview.diagnostics));
        assert.equal(scenario.writes(), 0, "a preview never writes to Resource Manager");
    });

    it("up creates everything and approves the link; the state file holds each approval in at most 2 KB", async function () {
        this.timeout(300_000);
        const up = await stack.up();
        assert.equal(up.result, "succeeded");
        assert.deepEqual(up.resourceChanges, { create: RESOURCES });
        const outputs = await stack.outputs();
        assert.equal(outputs.serviceId, serviceId);
        assert.deepEqual(outputs.sharedPrivateEndpointStatuses, { "func-pe": "Approved" });
        const [ours] = arm.connectionsOf(`${serviceId}/sharedPrivateLinkResources/func-pe`);
        assert.equal(ours.connection.status, "Approved");

        const state = readStateFile(stack.stateFile);
        const resources = state.checkpoint.latest?.resources ?? [];
        assert.deepEqual(
            resources
                .filter((r) => r.type.startsWith("pulumi:providers:"))
                .map((r) => r.type)
                .sort(),
            ["pulumi:providers:azure-native", "pulumi:providers:pulumi-nodejs", "pulumi:providers:random"],
        );
        assert.equal(resources.length, RESOURCES + 3);
        const approvals = approvalsIn(resources);
        assert.equal(approvals.length, 1);
        for (const approval of approvals) {
            assert.match(String(approval.inputs?.__provider), /require\("signalr-serverless\/dynamic\/approval"\)/);
            // As the other suites count it: the approval's inputs and outputs (its whole record adds the URN, parent, dependencies and property dependencies).
            const bytes = Buffer.byteLength(JSON.stringify(approval.inputs)) + Buffer.byteLength(JSON.stringify(approval.outputs));
            const record = Buffer.byteLength(JSON.stringify(approval));
            assert.ok(bytes <= 2048, `the approval's inputs and outputs take ${bytes} bytes (its record ${record}) of the ${state.bytes}-byte state file`);
        }
        assert.equal(
            (JSON.parse(readFileSync(stack.stateFile, "utf8")) as { checkpoint: { latest: { manifest: { version: string } } } }).checkpoint.latest.manifest.version,
            cli.version,
        );
    });

    it("up again changes nothing (--expect-no-changes) and writes nothing", async function () {
        this.timeout(300_000);
        await assertUpChangesNothing(stack, scenario.writes, RESOURCES);
    });

    it("the tarball re-packed as another version: preview shows no diff on any of our resources", async function () {
        this.timeout(300_000);
        installRepacked(consumerDir, path.join(stack.dir, "node_modules"), "0.1.1-repacked");
        const installed = JSON.parse(readFileSync(path.join(stack.dir, "node_modules/signalr-serverless/package.json"), "utf8")) as { version: string };
        assert.equal(installed.version, "0.1.1-repacked");
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.deepEqual(preview.changeSummary, { same: RESOURCES });
        assert.deepEqual(
            preview.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn}`),
            [],
        );
    });

    it("destroy removes what it created and empties the state", async function () {
        this.timeout(300_000);
        const destroy = await stack.destroy();
        assert.equal(destroy.result, "succeeded");
        assert.deepEqual(destroy.resourceChanges, { delete: RESOURCES });
        assert.equal(arm.services.size, 0);
        assert.deepEqual(arm.sharedPrivateLinks(), []);
        assert.deepEqual((await stack.exportStack()).deployment.resources ?? [], []);
    });
}
