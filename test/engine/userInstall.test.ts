// A user's own Pulumi install runs the engine tests: a home folder with `~/.pulumi/bin` laid out as
// Pulumi's installer lays it out (the CLI, its language hosts and the dynamic-provider launcher side
// by side; here hard links of the CLI the tests selected), no built toolchain in the cache and no
// `pulumi` on PATH. The selection (test/engine/toolchain.ts) picks that install, and the TypeScript
// project's suite (typescriptProjectSuite.ts) runs through the CLI it picked.
import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CLI_ENV, LAUNCHER, type PulumiCli, describeWithEngine, languageHost, selectPulumiCli } from "./toolchain";
import { typeScriptProjectSuite } from "./typescriptProjectSuite";

/** What a Pulumi install holds beside `pulumi` that the suite needs. */
const INSTALLED = ["pulumi", LAUNCHER, "pulumi-language-nodejs", "pulumi-language-yaml"];

/** `home/.pulumi/bin` holding `from`'s CLI, launcher and hosts (hard links, copies where linking fails). */
function userInstall(from: PulumiCli, home: string): string {
    const bin = path.join(home, ".pulumi", "bin");
    mkdirSync(bin, { recursive: true });
    for (const name of INSTALLED) {
        try {
            linkSync(path.join(from.bin, name), path.join(bin, name));
        } catch {
            copyFileSync(path.join(from.bin, name), path.join(bin, name));
        }
    }
    return bin;
}

/** The environment of a user with that home: no CLI chosen, an empty toolchain cache, no `pulumi` on PATH. */
function userEnv(home: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, SIGNALR_SERVERLESS_TOOLCHAIN_CACHE: path.join(home, ".cache", "signalr-serverless") };
    delete env[CLI_ENV];
    env.PATH = (env.PATH ?? "")
        .split(path.delimiter)
        .filter((dir) => dir && !existsSync(path.join(dir, "pulumi")))
        .join(path.delimiter);
    return env;
}

describeWithEngine("a user's own Pulumi install in ~/.pulumi/bin (no built toolchain visible)", (_bin, _hostsBin, selectedCli) => {
    const home = mkdtempSync(path.join(tmpdir(), "signalr-serverless-user-home-"));
    const installed = userInstall(selectedCli, home);
    const env = userEnv(home);
    const selection = selectPulumiCli(env);
    const cli = "cli" in selection ? selection.cli : undefined;
    after(() => rmSync(home, { recursive: true, force: true }));

    it("is the CLI the selection picks, at the version it reports, with its own nodejs and yaml hosts", () => {
        assert.deepEqual(selection, { cli: { file: path.join(installed, "pulumi"), bin: installed, version: selectedCli.version, source: "~/.pulumi/bin" } });
        for (const language of ["nodejs", "yaml"] as const) assert.deepEqual(languageHost(cli!, language, env), { dir: installed, bundled: true }, language);
    });

    if (cli) describe(`the TypeScript project's suite through pulumi ${cli.version} at ${cli.file} (${cli.source})`, () => typeScriptProjectSuite(cli.bin, cli));
});
