// Chooses the `pulumi` CLI the engine tests run (the user's explicit choice, the toolchain built by
// scripts/engine/toolchain.sh, or the user's own install; see CLI_ENV), checks it, finds the
// language hosts a suite needs, and decides what an engine suite does without a CLI: skipped,
// naming the command that builds the toolchain, on a developer's machine; a failure under
// CI=true, where .ci/run always builds it first.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import * as path from "node:path";
import { locked, root } from "../support/consumerProject";

/** The command that builds the toolchain, as the skip message and the README name it. */
export const BUILD_COMMAND = "scripts/engine/toolchain.sh";

/** The wrapper module whose pkg/v3 requirement is the one pinned Pulumi version. */
export const WRAPPER_GO_MOD = path.join(root, "scripts/engine/pulumi-cli/go.mod");

/** The pinned Pulumi version, e.g. `v3.274.1`: what the built CLI reports and stamps into state. */
export const PINNED_VERSION = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/.exec(readFileSync(WRAPPER_GO_MOD, "utf8"))![1];

/** The toolchain's bin directory (pulumi and the dynamic-provider launcher), or undefined when it is not built. */
export function locateToolchain(env: NodeJS.ProcessEnv = process.env, flag = "--locate"): string | undefined {
    const located = spawnSync("bash", [path.join(root, BUILD_COMMAND), flag], { env, encoding: "utf8" });
    if (located.status === 0) return located.stdout.trim();
    if (located.status === 3) return undefined;
    throw new Error(`${BUILD_COMMAND} ${flag} failed with ${located.status}: ${located.stderr}`);
}

/** The stand-in language hosts' bin directory (scripts/engine/hosts, built by the same script), or undefined. */
export const locateLanguageHosts = (env: NodeJS.ProcessEnv = process.env) => locateToolchain(env, "--locate-hosts");

/**
 * The `pulumi` CLI the engine tests run, chosen in this order (the first that is there is the one;
 * nothing further down is tried when it is unusable):
 *  1. `SIGNALR_SERVERLESS_PULUMI=/path/to/pulumi`: the user's explicit choice, even when the built
 *     toolchain is there;
 *  2. the toolchain built by scripts/engine/toolchain.sh (the pinned version CI runs and the
 *     README's numbers come from: once built on purpose, a CLI that happens to be on PATH does not
 *     change what the tests run);
 *  3. `pulumi` on PATH;
 *  4. `~/.pulumi/bin/pulumi`, where Pulumi's installer (get.pulumi.com) puts it, on PATH or not.
 * A CLI found by a link counts from the folder of the file it links to: the CLI looks for its
 * bundled plugins beside its own resolved executable (sdk/v3 go/common/workspace/plugins.go,
 * GetPluginPath: os.Executable then filepath.EvalSymlinks), as Homebrew's links need.
 */
export const CLI_ENV = "SIGNALR_SERVERLESS_PULUMI";

/** Which rule chose the CLI (see CLI_ENV). */
export type CliSource = typeof CLI_ENV | "built toolchain" | "PATH" | "~/.pulumi/bin";

export interface PulumiCli {
    /** The `pulumi` that was found (as found: the link, if it is one). */
    file: string;
    /** The folder of the resolved executable, where its bundled language hosts and launcher are. */
    bin: string;
    /** What `pulumi version` prints, e.g. `v3.274.1`. */
    version: string;
    source: CliSource;
}

/**
 * The oldest CLI the tests accept: the @pulumi/pulumi the lockfile pins, which every program of
 * the tests runs on (an engine older than its SDK may lack what the SDK asks the engine for).
 */
export const MINIMUM_VERSION = `v${locked("@pulumi/pulumi")}`;

/** The dynamic-provider launcher a Pulumi install ships beside the CLI (the built toolchain writes its own). */
export const LAUNCHER = "pulumi-resource-pulumi-nodejs";

export type CliSelection = { cli: PulumiCli } | { missing: string } | { refused: string };

const executable = (file: string) => {
    try {
        accessSync(file, constants.X_OK);
        return statSync(file).isFile();
    } catch {
        return false;
    }
};

/** `[major, minor, patch]` of a version such as `v3.274.1` or `3.275.0-alpha.1+dirty`, or undefined. */
export function versionParts(version: string): number[] | undefined {
    const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
    return m ? m.slice(1).map(Number) : undefined;
}

/** Whether `version` is at least `minimum` (by major, minor and patch; a pre-release counts as its release). */
export function atLeast(version: string, minimum: string): boolean {
    const [v, m] = [versionParts(version)!, versionParts(minimum)!];
    return (v.map((n, i) => n - m[i]).find((d) => d !== 0) ?? 0) >= 0;
}

/** The CLI at `file`, checked: an executable reporting a version no older than MINIMUM_VERSION, with the launcher beside it. */
function checkedCli(file: string, source: CliSource, env: NodeJS.ProcessEnv): CliSelection {
    const named = `${file} (${source === CLI_ENV ? `from ${CLI_ENV}` : source})`;
    if (!executable(file)) return { refused: `${named} is not an executable file` };
    const bin = path.dirname(realpathSync(file));
    const ran = spawnSync(file, ["version"], { env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" }, encoding: "utf8", timeout: 60_000 });
    const version = (ran.stdout ?? "").trim();
    if (ran.status !== 0 || !versionParts(version))
        return { refused: `\`${file} version\` (${source}) printed no version (exit ${ran.status}): ${(ran.stderr ?? "").trim() || version}` };
    if (!atLeast(version, MINIMUM_VERSION))
        return {
            refused:
                `pulumi ${version} at ${named} is older than ${MINIMUM_VERSION}, the @pulumi/pulumi the tests' programs use: ` +
                `upgrade it, set ${CLI_ENV} to a newer pulumi, or run \`${BUILD_COMMAND}\` (the built toolchain comes before PATH)`,
        };
    if (!executable(path.join(bin, LAUNCHER))) return { refused: `pulumi ${version} at ${named} has no ${LAUNCHER} beside it in ${bin}: not a whole Pulumi install` };
    return { cli: { file, bin, version, source } };
}

/** The first executable `name` on `PATH`, or undefined. */
function onPath(name: string, pathVariable: string | undefined): string | undefined {
    for (const dir of (pathVariable ?? "").split(path.delimiter)) if (dir && executable(path.join(dir, name))) return path.join(dir, name);
    return undefined;
}

/** Chooses the CLI by the rules of CLI_ENV. */
export function selectPulumiCli(env: NodeJS.ProcessEnv = process.env): CliSelection {
    const explicit = env[CLI_ENV];
    if (explicit) return checkedCli(path.resolve(explicit), CLI_ENV, env);
    const built = locateToolchain(env);
    if (built) return { cli: { file: path.join(built, "pulumi"), bin: built, version: PINNED_VERSION, source: "built toolchain" } };
    const found = onPath("pulumi", env.PATH);
    if (found) return checkedCli(found, "PATH", env);
    const installed = env.HOME ? path.join(env.HOME, ".pulumi", "bin", "pulumi") : undefined;
    if (installed && existsSync(installed)) return checkedCli(installed, "~/.pulumi/bin", env);
    return { missing: `no pulumi CLI (none built, none in ${CLI_ENV}, on PATH or in ~/.pulumi/bin): run \`${BUILD_COMMAND}\`` };
}

/** The languages whose host a suite can ask for; the built toolchain has stand-ins for python, go and dotnet. */
export type Language = "nodejs" | "yaml" | "python" | "go" | "dotnet";
const STAND_IN_HOSTS: readonly Language[] = ["python", "go", "dotnet"];

/** The folder of the language host the CLI runs for `language`, and whether it is the one bundled beside the CLI. */
export interface LanguageHost {
    dir: string;
    bundled: boolean;
}

/**
 * The host for `language`: the one the CLI's install bundles beside it when there is one (a real
 * install ships nodejs, python, go, yaml, dotnet…), else the stand-in (python, go and dotnet, built
 * by the same script), else undefined. Only a bundled host is used as it is: the stand-ins go on
 * PATH, which the CLI searches before its own folder (GetPluginPath prefers the ambient plugin).
 */
export function languageHost(cli: PulumiCli, language: Language, env: NodeJS.ProcessEnv = process.env): LanguageHost | undefined {
    if (executable(path.join(cli.bin, `pulumi-language-${language}`))) return { dir: cli.bin, bundled: true };
    if (!STAND_IN_HOSTS.includes(language)) return undefined;
    const dir = locateLanguageHosts(env);
    return dir ? { dir, bundled: false } : undefined;
}

/** What a bundled host's `-version` prints, without a leading `v` (as `pulumi about` lists plugin versions). */
export const hostVersion = (host: LanguageHost, language: Language) =>
    execFileSync(path.join(host.dir, `pulumi-language-${language}`), ["-version"], { encoding: "utf8" })
        .trim()
        .replace(/^v/, "");

export type EngineSuitePlan = { run: PulumiCli } | { skip: string } | { fail: string };

/**
 * What an engine suite does, given the CLI selection and whether this is CI: run; without any CLI,
 * skipped naming the build command (a failure under CI=true, where .ci/run always builds it); a CLI
 * that is there but unusable (too old, not executable) always fails, with the reason.
 */
export function planEngineSuite(selection: CliSelection, ci: boolean): EngineSuitePlan {
    if ("cli" in selection) return { run: selection.cli };
    if ("refused" in selection) return { fail: `the engine tests cannot run this pulumi: ${selection.refused}` };
    return ci ? { fail: `${selection.missing} (under CI=true engine tests must run; .ci/run builds it)` } : { skip: `skipped: ${selection.missing}` };
}

let selected: CliSelection | undefined;
/** The selection of this test process, made once and shown once in the test output. */
function engineCli(): CliSelection {
    if (selected) return selected;
    selected = selectPulumiCli();
    if ("cli" in selected) console.log(`engine tests run pulumi ${selected.cli.version} at ${selected.cli.file} (${selected.cli.source})`);
    return selected;
}

/**
 * Declares an engine suite: run with the selected CLI's bin directory, skipped or failing without
 * it. With `languageHost`, that language's host is part of what the suite needs (the CLI's bundled
 * one, else the stand-in), and its folder, to put on PATH before the CLI's, is the second argument.
 */
export function describeWithEngine(title: string, body: (bin: string, hostsBin: string, cli: PulumiCli) => void, o: { languageHost?: Language } = {}): void {
    const selection = engineCli();
    const host = "cli" in selection && o.languageHost ? languageHost(selection.cli, o.languageHost) : undefined;
    const needed: CliSelection =
        "cli" in selection && o.languageHost && !host
            ? {
                  missing: `pulumi ${selection.cli.version} at ${selection.cli.file} has no ${o.languageHost} language host beside it and the stand-ins are not built: run \`${BUILD_COMMAND}\``,
              }
            : selection;
    const plan = planEngineSuite(needed, process.env.CI === "true");
    if ("run" in plan) describe(title, () => body(plan.run.bin, host?.dir ?? plan.run.bin, plan.run));
    else if ("fail" in plan)
        describe(title, () =>
            it("has the engine toolchain", () => {
                throw new Error(plan.fail);
            }),
        );
    else describe.skip(title, () => it(plan.skip, () => undefined));
}

/** Runs a command without blocking the event loop (the fake Resource Manager answers from this process). */
export function runAsync(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        execFile(cmd, args, { ...options, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            const result = { code: typeof error?.code === "number" ? error.code : 1, stdout, stderr };
            if (error) reject(Object.assign(new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${error.code}):\n${stderr}\n${stdout}`), { result }));
            else resolve({ stdout, stderr });
        });
    });
}
