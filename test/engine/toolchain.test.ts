// The toolchain's cache lookup (scripts/engine/toolchain.sh --locate) and what an engine suite
// does without a toolchain.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { locked, root as ROOT } from "../support/consumerProject";
import {
    BUILD_COMMAND,
    CLI_ENV,
    LAUNCHER,
    MINIMUM_VERSION,
    PINNED_VERSION,
    WRAPPER_GO_MOD,
    atLeast,
    languageHost,
    locateLanguageHosts,
    locateToolchain,
    planEngineSuite,
    selectPulumiCli,
} from "./toolchain";

const executable = (file: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "#!/bin/sh\n");
    chmodSync(file, 0o755);
};

/** Where toolchain.sh keeps each language host in cache `root`: `hosts/<name>-<key>/pulumi-language-<name>`. */
const hostFiles = (root: string) =>
    execFileSync("bash", [path.join(ROOT, BUILD_COMMAND), "--host-files"], { env: { ...process.env, SIGNALR_SERVERLESS_TOOLCHAIN_CACHE: root }, encoding: "utf8" })
        .trim()
        .split("\n");

/**
 * A cache root holding a toolchain whose `pulumi version` prints `version`, with or without the
 * launcher, and with the language hosts in their folders and hard-linked into bin (`hosts: false`:
 * none; `"stale"`: the nodejs host of another source, as after an edit).
 */
function cacheWith(version: string, launcher: boolean, hosts: boolean | "stale" = true): { root: string; bin: string } {
    const root = mkdtempSync(path.join(tmpdir(), "toolchain-cache-"));
    const bin = path.join(root, `pulumi-${PINNED_VERSION}`, "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\n[ "$1" = version ] && echo ${version}\n`);
    chmodSync(path.join(bin, "pulumi"), 0o755);
    if (launcher) executable(path.join(bin, "pulumi-resource-pulumi-nodejs"));
    if (hosts) {
        for (const file of hostFiles(root)) {
            const at = hosts === "stale" && file.includes("/nodejs-") ? file.replace(/nodejs-[0-9a-f]+/, "nodejs-0000000000000000") : file;
            executable(at);
            linkSync(at, path.join(bin, path.basename(file)));
        }
    }
    return { root, bin };
}

const locateIn = (root: string) => locateToolchain({ ...process.env, SIGNALR_SERVERLESS_TOOLCHAIN_CACHE: root });

/** A folder shaped like a Pulumi install: a `pulumi` printing `version`, the launcher unless `launcher: false`, and `hosts`' language hosts. */
function installWith(dir: string, version: string, o: { launcher?: boolean; hosts?: string[] } = {}): string {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "pulumi"), `#!/bin/sh\n[ "$1" = version ] && echo ${version}\n`);
    chmodSync(path.join(dir, "pulumi"), 0o755);
    if (o.launcher ?? true) executable(path.join(dir, LAUNCHER));
    for (const h of o.hosts ?? []) executable(path.join(dir, `pulumi-language-${h}`));
    return dir;
}

/** An environment that sees no CLI but what a case adds: an empty cache and home, PATH only the system's. */
function bareEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const scratch = mkdtempSync(path.join(tmpdir(), "cli-selection-"));
    mkdirSync(path.join(scratch, "home"));
    return { PATH: "/usr/bin:/bin", HOME: path.join(scratch, "home"), SIGNALR_SERVERLESS_TOOLCHAIN_CACHE: path.join(scratch, "cache"), ...extra };
}

describe("the engine tests' choice of pulumi CLI", () => {
    const sourceOf = (env: NodeJS.ProcessEnv) => {
        const s = selectPulumiCli(env);
        return "cli" in s ? `${s.cli.source} ${s.cli.bin} ${s.cli.version}` : JSON.stringify(s);
    };

    it("without any CLI there is none, naming the command that builds the toolchain", () => {
        const s = selectPulumiCli(bareEnv());
        assert.ok("missing" in s && s.missing.includes(BUILD_COMMAND), JSON.stringify(s));
    });

    it("takes ~/.pulumi/bin/pulumi as Pulumi's installer lays it out, when nothing comes before it", () => {
        const env = bareEnv();
        const bin = installWith(path.join(env.HOME!, ".pulumi", "bin"), MINIMUM_VERSION);
        assert.equal(sourceOf(env), `~/.pulumi/bin ${bin} ${MINIMUM_VERSION}`);
    });

    it("takes pulumi on PATH before ~/.pulumi/bin, counting a link from the folder it links to (where the bundled hosts are)", () => {
        const env = bareEnv();
        installWith(path.join(env.HOME!, ".pulumi", "bin"), MINIMUM_VERSION);
        const cellar = installWith(path.join(env.HOME!, "cellar", "pulumi", "bin"), "v9.0.0");
        const links = path.join(env.HOME!, "links");
        mkdirSync(links);
        symlinkSync(path.join(cellar, "pulumi"), path.join(links, "pulumi"));
        assert.equal(sourceOf({ ...env, PATH: `${links}:${env.PATH}` }), `PATH ${cellar} v9.0.0`);
    });

    it("takes the built toolchain before PATH, and the explicit choice before the built toolchain", () => {
        const built = cacheWith(PINNED_VERSION, true);
        const env = bareEnv({ SIGNALR_SERVERLESS_TOOLCHAIN_CACHE: built.root });
        const onPath = installWith(path.join(env.HOME!, "path-bin"), "v9.0.0");
        const withPath = { ...env, PATH: `${onPath}:${env.PATH}` };
        assert.equal(sourceOf(withPath), `built toolchain ${built.bin} ${PINNED_VERSION}`);
        const chosen = installWith(path.join(env.HOME!, "chosen"), "v9.1.0");
        assert.equal(sourceOf({ ...withPath, [CLI_ENV]: path.join(chosen, "pulumi") }), `${CLI_ENV} ${chosen} v9.1.0`);
    });

    it("refuses a CLI older than the @pulumi/pulumi the programs use, saying how to get a newer one; an old one on PATH is not passed over", () => {
        assert.equal(MINIMUM_VERSION, `v${locked("@pulumi/pulumi")}`);
        const env = bareEnv();
        const old = installWith(path.join(env.HOME!, "old"), "v3.1.0");
        installWith(path.join(env.HOME!, ".pulumi", "bin"), MINIMUM_VERSION);
        for (const s of [selectPulumiCli({ ...env, [CLI_ENV]: path.join(old, "pulumi") }), selectPulumiCli({ ...env, PATH: `${old}:${env.PATH}` })]) {
            assert.ok("refused" in s, JSON.stringify(s));
            for (const part of [`pulumi v3.1.0 at ${path.join(old, "pulumi")}`, `older than ${MINIMUM_VERSION}`, CLI_ENV, BUILD_COMMAND])
                assert.ok(s.refused.includes(part), `${part} in ${s.refused}`);
        }
    });

    it("refuses an explicit choice that is not an executable, one that prints no version, and an install without the dynamic-provider launcher", () => {
        const env = bareEnv();
        const missing = selectPulumiCli({ ...env, [CLI_ENV]: path.join(env.HOME!, "nowhere", "pulumi") });
        assert.ok("refused" in missing && missing.refused.includes("is not an executable file"), JSON.stringify(missing));
        const silent = installWith(path.join(env.HOME!, "silent"), "");
        const noVersion = selectPulumiCli({ ...env, [CLI_ENV]: path.join(silent, "pulumi") });
        assert.ok("refused" in noVersion && noVersion.refused.includes("printed no version"), JSON.stringify(noVersion));
        const partial = installWith(path.join(env.HOME!, "partial"), "v9.0.0", { launcher: false });
        const noLauncher = selectPulumiCli({ ...env, [CLI_ENV]: path.join(partial, "pulumi") });
        assert.ok("refused" in noLauncher && noLauncher.refused.includes(`no ${LAUNCHER} beside it`), JSON.stringify(noLauncher));
    });

    it("compares versions by major, minor and patch, a pre-release as its release", () => {
        assert.ok(atLeast("v3.274.1", "v3.248.0") && atLeast("3.248.0", "v3.248.0") && atLeast("v3.249.0-alpha.1", "v3.248.0") && atLeast("v4.0.0", "v3.300.0"));
        assert.ok(!atLeast("v3.247.9", "v3.248.0") && !atLeast("v2.999.0", "v3.0.0"));
    });

    it("uses the language hosts the CLI's install bundles, and the stand-ins (python, go, dotnet) only where it lacks them", () => {
        const env = bareEnv();
        const full = installWith(path.join(env.HOME!, "full"), "v9.0.0", { hosts: ["nodejs", "yaml", "python", "go", "dotnet"] });
        const fullCli = { file: path.join(full, "pulumi"), bin: full, version: "v9.0.0", source: "PATH" as const };
        for (const language of ["nodejs", "yaml", "python", "go", "dotnet"] as const)
            assert.deepEqual(languageHost(fullCli, language, env), { dir: full, bundled: true }, language);
        const bare = installWith(path.join(env.HOME!, "bare"), "v9.0.0", { hosts: ["nodejs"] });
        const bareCli = { ...fullCli, file: path.join(bare, "pulumi"), bin: bare };
        assert.equal(languageHost(bareCli, "python", env), undefined, "no stand-ins built in this cache");
        assert.equal(languageHost(bareCli, "yaml", process.env), undefined, "yaml has no stand-in");
        const standIns = locateLanguageHosts();
        for (const language of ["python", "go", "dotnet"] as const)
            assert.deepEqual(languageHost(bareCli, language, process.env), standIns ? { dir: standIns, bundled: false } : undefined, language);
    });
});

describe("the engine toolchain", () => {
    it("pins one Pulumi version for the CLI's pkg and sdk modules", () => {
        const goMod = readFileSync(WRAPPER_GO_MOD, "utf8");
        assert.match(goMod, new RegExp(`github\\.com/pulumi/pulumi/sdk/v3 ${PINNED_VERSION.replace(/\./g, "\\.")}\\b`));
    });

    it("is at least the @pulumi/pulumi version the lockfile pins: an engine no older than the SDK the programs use", () => {
        const parts = (v: string) => v.replace(/^v/, "").split(".").map(Number);
        const [cli, sdk] = [parts(PINNED_VERSION), parts(locked("@pulumi/pulumi"))];
        const order = cli.map((n, i) => n - sdk[i]).find((d) => d !== 0) ?? 0;
        assert.ok(order >= 0, `CLI ${PINNED_VERSION} is older than @pulumi/pulumi ${locked("@pulumi/pulumi")}`);
    });

    it("is located in the cache by version, and only when the CLI reports that version and the launcher and the current language hosts are there", () => {
        assert.equal(locateIn(mkdtempSync(path.join(tmpdir(), "toolchain-empty-"))), undefined, "an empty cache");
        const complete = cacheWith(PINNED_VERSION, true);
        assert.equal(locateIn(complete.root), complete.bin);
        assert.equal(locateIn(cacheWith("v3.1.0", true).root), undefined, "a CLI of another version");
        assert.equal(locateIn(cacheWith(PINNED_VERSION, false).root), undefined, "no dynamic-provider launcher");
        assert.equal(locateIn(cacheWith(PINNED_VERSION, true, false).root), undefined, "no language hosts");
        assert.equal(locateIn(cacheWith(PINNED_VERSION, true, "stale").root), undefined, "a nodejs host built from other source");
    });

    it("without any CLI, engine suites are skipped naming the build command, and fail under CI=true; an unusable CLI always fails", () => {
        const cli = { file: "/cache/bin/pulumi", bin: "/cache/bin", version: PINNED_VERSION, source: "built toolchain" as const };
        assert.deepEqual(planEngineSuite({ cli }, true), { run: cli });
        assert.deepEqual(planEngineSuite({ cli }, false), { run: cli });
        const missing = { missing: `no pulumi CLI: run \`${BUILD_COMMAND}\`` };
        const skipped = planEngineSuite(missing, false);
        assert.ok("skip" in skipped && skipped.skip.includes(BUILD_COMMAND), JSON.stringify(skipped));
        const failed = planEngineSuite(missing, true);
        assert.ok("fail" in failed && failed.fail.includes(BUILD_COMMAND), JSON.stringify(failed));
        for (const ci of [false, true]) {
            const refused = planEngineSuite({ refused: "pulumi v3.1.0 at /x/pulumi (PATH) is older than v3.248.0" }, ci);
            assert.ok("fail" in refused && refused.fail.includes("older than"), JSON.stringify(refused));
        }
    });
});
