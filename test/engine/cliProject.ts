// A Pulumi project run by the real `pulumi` CLI itself, not through the Automation API: the
// project's Pulumi.yaml names its runtime and the CLI starts that language host from beside its own
// binary (scripts/engine/toolchain.sh puts the stand-in nodejs host and the real YAML host there).
// Each project lives in the consumer project (test/support/consumerProject.ts), on a file backend
// and PULUMI_HOME of its own (isolatedEngineEnv).
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeResourceManager } from "../support/fakeResourceManager";
import { ExportedStack, isolatedEngineEnv } from "./engineStack";
import { runAsync } from "./toolchain";

/** An update as `pulumi stack history --json` records it. */
export interface UpdateRecord {
    kind: string;
    result: string;
    resourceChanges?: Record<string, number>;
}

/** What `pulumi preview --json` prints. */
export interface PreviewJson {
    steps: { op: string; urn: string; diffReasons?: string[]; detailedDiff?: Record<string, unknown> }[];
    changeSummary: Record<string, number>;
    diagnostics?: { message: string; severity: string; urn?: string }[];
}

export interface CliStack {
    /** The project folder (Pulumi.yaml and the program). */
    readonly dir: string;
    /** The environment every `pulumi` of this stack gets. */
    readonly env: NodeJS.ProcessEnv;
    /** The stack's checkpoint file on the file backend, as the engine wrote it. */
    readonly stateFile: string;
    /** Runs `pulumi <args>` in the project folder. */
    pulumi(args: string[]): Promise<{ stdout: string; stderr: string }>;
    /** `pulumi preview --json`. */
    preview(args?: string[]): Promise<PreviewJson>;
    /** `pulumi up --yes --skip-preview <args>`; the update as the stack's history then records it. */
    up(args?: string[]): Promise<UpdateRecord>;
    /** `pulumi refresh --yes --skip-preview`; the update as the history records it. */
    refresh(): Promise<UpdateRecord>;
    /** `pulumi destroy --yes`; the update as the history records it. */
    destroy(): Promise<UpdateRecord>;
    /** `pulumi stack output --json --show-secrets`. */
    outputs(): Promise<Record<string, unknown>>;
    exportStack(): Promise<ExportedStack>;
    remove(): void;
}

/**
 * `pulumi up --expect-no-changes` on a stack with nothing to do: it succeeds, every one of `same`
 * resources is unchanged, and not one write reaches the fake Resource Manager (`writes` counts them).
 */
export async function assertUpChangesNothing(stack: CliStack, writes: () => number, same: number): Promise<void> {
    const before = writes();
    const again = await stack.up(["--expect-no-changes"]);
    assert.equal(again.result, "succeeded");
    assert.deepEqual(again.resourceChanges, { same });
    assert.equal(writes(), before);
}

/**
 * `pulumi destroy` of a stack of our components: it succeeds, deletes the `deleted` resources the
 * up created, and leaves no service, shared private link, private endpoint, identity or role
 * assignment on the fake Resource Manager and nothing in the state.
 */
export async function assertDestroyLeavesNothing(stack: CliStack, arm: FakeResourceManager, deleted: number): Promise<void> {
    const destroy = await stack.destroy();
    assert.equal(destroy.result, "succeeded");
    assert.deepEqual(destroy.resourceChanges, { delete: deleted });
    assert.equal(arm.services.size, 0);
    assert.deepEqual(arm.sharedPrivateLinks(), []);
    assert.equal(arm.privateEndpoints.size, 0);
    assert.deepEqual([...arm.genericResources.keys()], [], "no identity or role assignment is left");
    assert.deepEqual((await stack.exportStack()).deployment.resources ?? [], []);
}

/**
 * Stack `dev` of a new project folder in the consumer holding `files` (Pulumi.yaml among them), its
 * `config` set in the project's namespace. With `linkNodeModules`, the folder gets a node_modules of
 * its own whose entries link to the consumer's, so one package can be swapped for another version.
 */
export async function cliStack(o: {
    consumer: string;
    bin: string;
    project: string;
    files: Record<string, string>;
    config: Record<string, string>;
    baseEnv: NodeJS.ProcessEnv;
    linkNodeModules?: boolean;
}): Promise<CliStack> {
    const scratch = mkdtempSync(path.join(tmpdir(), `signalr-serverless-cli-${o.project}-`));
    const dir = path.join(o.consumer, "engine", path.basename(scratch));
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(o.files)) writeFileSync(path.join(dir, name), text);
    if (o.linkNodeModules) linkPackages(path.join(o.consumer, "node_modules"), path.join(dir, "node_modules"));
    const env = isolatedEngineEnv(o.bin, o.baseEnv, scratch);
    const pulumi = (args: string[]) => runAsync(path.join(o.bin, "pulumi"), [...args, "--non-interactive"], { cwd: dir, env });
    const lastUpdate = async () => (JSON.parse((await pulumi(["stack", "history", "--json"])).stdout) as UpdateRecord[])[0];
    await pulumi(["stack", "init", "dev"]);
    const entries = Object.entries(o.config);
    if (entries.length > 0) await pulumi(["config", "set-all", ...entries.flatMap(([k, v]) => ["--plaintext", `${k}=${v}`])]);
    return {
        dir,
        env,
        stateFile: path.join(scratch, "state", ".pulumi", "stacks", o.project, "dev.json"),
        pulumi,
        async preview(args = []) {
            return JSON.parse((await pulumi(["preview", "--json", ...args])).stdout) as PreviewJson;
        },
        async up(args = []) {
            await pulumi(["up", "--yes", "--skip-preview", ...args]);
            return lastUpdate();
        },
        async refresh() {
            await pulumi(["refresh", "--yes", "--skip-preview"]);
            return lastUpdate();
        },
        async destroy() {
            await pulumi(["destroy", "--yes", "--skip-preview"]);
            return lastUpdate();
        },
        async outputs() {
            return JSON.parse((await pulumi(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
        },
        async exportStack() {
            return JSON.parse((await pulumi(["stack", "export"])).stdout) as ExportedStack;
        },
        remove() {
            for (const d of [scratch, dir]) rmSync(d, { recursive: true, force: true });
        },
    };
}

/** Links every package of `from` (scoped ones one level down) into a new folder `to`. */
function linkPackages(from: string, to: string): void {
    for (const name of readdirSync(from)) {
        if (name.startsWith(".")) continue;
        if (name.startsWith("@")) {
            mkdirSync(path.join(to, name), { recursive: true });
            for (const inner of readdirSync(path.join(from, name))) symlinkSync(path.join(from, name, inner), path.join(to, name, inner));
        } else {
            mkdirSync(to, { recursive: true });
            symlinkSync(path.join(from, name), path.join(to, name));
        }
    }
}

/** Reads the checkpoint file the engine wrote: its size and its resources. */
export function readStateFile(file: string): { bytes: number; checkpoint: { latest?: { resources?: ExportedStack["deployment"]["resources"] } } } {
    const text = readFileSync(file, "utf8");
    return { bytes: Buffer.byteLength(text), checkpoint: JSON.parse(text).checkpoint };
}
