// Finds the engine toolchain (the real Pulumi CLI built by scripts/engine/toolchain.sh) and
// decides what an engine suite does without it: skipped, naming the command that builds it, on a
// developer's machine; a failure under CI=true, where .ci/run always builds it first.
import { execFile, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { root } from "../support/consumerProject";

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

export type EngineSuitePlan = { run: string } | { skip: string } | { fail: string };

/** What an engine suite does, given the located toolchain and whether this is CI. */
export function planEngineSuite(bin: string | undefined, ci: boolean): EngineSuitePlan {
    if (bin) return { run: bin };
    const missing = `the engine toolchain is not built: run \`${BUILD_COMMAND}\``;
    return ci ? { fail: `${missing} (under CI=true engine tests must run; .ci/run builds it)` } : { skip: `skipped: ${missing}` };
}

/**
 * Declares an engine suite: run with the toolchain's bin directory, skipped or failing without it.
 * With `languageHosts`, the stand-in language hosts are part of the toolchain the suite needs, and
 * their bin directory is the body's second argument.
 */
export function describeWithEngine(title: string, body: (bin: string, hostsBin: string) => void, o: { languageHosts?: boolean } = {}): void {
    const hostsBin = o.languageHosts ? locateLanguageHosts() : "";
    const plan = planEngineSuite(hostsBin === undefined ? undefined : locateToolchain(), process.env.CI === "true");
    if ("run" in plan) describe(title, () => body(plan.run, hostsBin!));
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
