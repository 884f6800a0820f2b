// Installs the stand-in providers (random.ts, azureNative.ts beside this file) into one run's
// PULUMI_HOME as the plugins the locked SDKs ask for: `pulumi plugin install resource <name>
// <version> --file <folder>`, the folder holding a `pulumi-resource-<name>` launcher that runs node
// on the provider compiled in the consumer project (against the consumer's own @pulumi/pulumi).
// Each SDK registers its resources with its package.json version (`getVersion()` in its
// utilities.js), so the versions are read from the lockfile.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { locked, run } from "../../support/consumerProject";
import { runAsync } from "../toolchain";

/** The stand-ins: plugin name, its source file here, and the SDK whose version it must carry. */
export const STAND_INS = [
    { name: "azure-native", source: "azureNative.ts", sdk: "@pulumi/azure-native" },
    { name: "random", source: "random.ts", sdk: "@pulumi/random" },
] as const;

let compiledIn: string | undefined;

/** Compiles the stand-ins in the consumer once; returns the folder of the compiled files. */
function compile(consumer: string): string {
    const out = path.join(consumer, "engine", "standins");
    if (compiledIn === consumer) return out;
    mkdirSync(out, { recursive: true });
    for (const s of STAND_INS) copyFileSync(path.join(__dirname, s.source), path.join(out, s.source));
    run(
        path.join(consumer, "node_modules/.bin/tsc"),
        ["--strict", "--target", "es2020", "--module", "commonjs", "--types", "node", "--outDir", out, ...STAND_INS.map((s) => path.join(out, s.source))],
        consumer,
    );
    compiledIn = consumer;
    return out;
}

/** Installs every stand-in into the PULUMI_HOME of `env` with the toolchain's `pulumi` in `bin`. */
export async function installStandIns(consumer: string, bin: string, env: NodeJS.ProcessEnv): Promise<void> {
    const compiled = compile(consumer);
    for (const s of STAND_INS) {
        const version = locked(s.sdk);
        const folder = mkdtempSync(path.join(tmpdir(), `standin-${s.name}-`));
        const launcher = path.join(folder, `pulumi-resource-${s.name}`);
        const js = path.join(compiled, s.source.replace(/\.ts$/, ".js"));
        writeFileSync(launcher, `#!/bin/sh\nSTANDIN_VERSION=${version} exec "${process.execPath}" "${js}" "$@"\n`);
        chmodSync(launcher, 0o755);
        await runAsync(path.join(bin, "pulumi"), ["plugin", "install", "resource", s.name, version, "--file", folder, "--non-interactive"], { cwd: folder, env });
    }
}
