// One example program of another Pulumi language (examples/<language>) through the real CLI, as a
// user of that language runs it: in a checkout of this repository (userCheckout: a fresh clone's
// files, built), in the example's own folder, `pulumi package add ../..` (the CLI starts the
// package's provider from the checkout through the nodejs language host's RunPlugin, reads its
// schema, and the stand-in language host generates the SDK with pkg/v3's codegen, links it and
// installs its dependencies from the language's registry), then `pulumi preview/up/destroy`
// against the stand-in providers and the fake Resource Manager.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { consumerProject, root } from "../../support/consumerProject";
import { signedInThroughAzureCli } from "../../support/fakeAzureCli";
import { FakeResourceManager } from "../../support/fakeResourceManager";
import { ExportedStack, customCloudEnv, engineEnv } from "../engineStack";
import { installStandIns } from "../standins/install";
import { runAsync } from "../toolchain";
import { userCheckout } from "./userCheckout";

/** The package version (package.json), which the provider reports with its schema and the generated SDKs carry. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

export interface LanguageScenario {
    readonly arm: FakeResourceManager;
    /** The Function app's and the Key Vault's resource ids on the fake. */
    readonly functionAppId: string;
    readonly keyVaultId: string;
    /** The user's checkout of this repository (userCheckout), the path `pulumi package add` is given. */
    readonly checkout: string;
    /** The project's folder: examples/<language> in the checkout, where its README has the user run the CLI. */
    readonly dir: string;
    /** Runs `pulumi <args>` in the project; rejects on a non-zero exit unless `allowFailure`. */
    pulumi(args: string[], o?: { allowFailure?: boolean }): Promise<CliResult>;
    exportStack(): Promise<ExportedStack>;
    /** How many requests other than GET the fake Resource Manager has answered. */
    writes(): number;
}

/**
 * Declares the hooks of a language scenario in the calling suite: the fake Resource Manager with
 * the Function app `contoso-func` and the vault `contoso-kv`, the stand-ins in a PULUMI_HOME of
 * its own, the example's folder in the user's checkout, its stack `dev` created with `config`.
 * `hostsBin` holds the stand-in language hosts, found on PATH as the CLI looks for language plugins.
 * Without `config`, the CLI runs in an empty folder and no stack is made (for `pulumi package gen-sdk` alone).
 */
export function languageScenario(
    bin: string,
    hostsBin: string,
    o: { language: string; config?: (s: { functionAppId: string; keyVaultId: string }) => Record<string, string> },
): LanguageScenario {
    let world: { arm: FakeResourceManager; functionAppId: string; keyVaultId: string; checkout: string; dir: string; env: NodeJS.ProcessEnv; scratch: string } | undefined;
    const get = () => {
        if (!world) throw new Error(`the ${o.language} scenario is not set up (its before hook failed)`);
        return world;
    };
    const pulumi = async (args: string[], options: { allowFailure?: boolean } = {}): Promise<CliResult> => {
        const { dir, env } = get();
        try {
            const { stdout, stderr } = await runAsync(path.join(bin, "pulumi"), [...args, "--non-interactive", "--color", "never"], { cwd: dir, env });
            return { code: 0, stdout, stderr };
        } catch (error) {
            if (!options.allowFailure) throw error;
            const e = error as Error & { result?: CliResult };
            return e.result ?? { code: 1, stdout: "", stderr: e.message };
        }
    };
    before(async function () {
        this.timeout(900_000);
        const consumer = consumerProject();
        const checkout = userCheckout();
        const arm = new FakeResourceManager();
        await arm.start();
        arm.roleAssignmentAgeSeconds = 600; // the upstream re-read waits until grants have surely applied
        const functionAppId = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        const keyVaultId = arm.addTarget("Microsoft.KeyVault/vaults", "contoso-kv");
        const scratch = mkdtempSync(path.join(tmpdir(), `signalr-serverless-${o.language}-`));
        const state = path.join(scratch, "state");
        // Without `config` there is no program: the folder is only where the CLI runs.
        const dir = o.config ? path.join(checkout, "examples", o.language) : path.join(scratch, "project");
        for (const d of [state, dir]) mkdirSync(d, { recursive: true });
        // The language's registry (PyPI, the Go module proxy) must be reached for the SDK's dependencies.
        const env = engineEnv({ bin: `${hostsBin}:${bin}`, baseEnv: { ...signedInThroughAzureCli(arm), ...customCloudEnv(arm) }, scratch, state, registries: true });
        world = { arm, functionAppId, keyVaultId, checkout, dir, env, scratch };
        await installStandIns(consumer, bin, env);
        if (!o.config) return;
        await pulumi(["stack", "init", "dev"]);
        for (const [k, v] of Object.entries(o.config({ functionAppId, keyVaultId }))) await pulumi(["config", "set", "--plaintext", k, v]);
    });
    after(async () => {
        if (world) rmSync(world.scratch, { recursive: true, force: true });
        await world?.arm.stop();
    });
    return {
        get arm() {
            return get().arm;
        },
        get functionAppId() {
            return get().functionAppId;
        },
        get keyVaultId() {
            return get().keyVaultId;
        },
        get checkout() {
            return get().checkout;
        },
        get dir() {
            return get().dir;
        },
        pulumi,
        async exportStack() {
            return JSON.parse((await pulumi(["stack", "export"])).stdout) as ExportedStack;
        },
        writes: () => get().arm.requests.filter((r) => r.method !== "GET").length,
    };
}
