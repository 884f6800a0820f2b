// The toolchain's cache lookup (scripts/engine/toolchain.sh --locate) and what an engine suite
// does without a toolchain.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { locked, root as ROOT } from "../support/consumerProject";
import { BUILD_COMMAND, PINNED_VERSION, WRAPPER_GO_MOD, locateToolchain, planEngineSuite } from "./toolchain";

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

    it("without a toolchain, engine suites are skipped naming the build command, and fail under CI=true", () => {
        assert.deepEqual(planEngineSuite("/cache/bin", true), { run: "/cache/bin" });
        assert.deepEqual(planEngineSuite("/cache/bin", false), { run: "/cache/bin" });
        const skipped = planEngineSuite(undefined, false);
        assert.ok("skip" in skipped && skipped.skip.includes(BUILD_COMMAND), JSON.stringify(skipped));
        const failed = planEngineSuite(undefined, true);
        assert.ok("fail" in failed && failed.fail.includes(BUILD_COMMAND), JSON.stringify(failed));
    });
});
