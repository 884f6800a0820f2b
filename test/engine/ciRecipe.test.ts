// The README's CI recipe for application teams, run as written: the block between the
// `ci-recipe:begin` and `ci-recipe:end` markers of README.md, taken from the file and run with bash
// in a fresh application project that depends on the packed tarball (the consumer project's
// package.json and package-lock.json, beside it so the lockfile's `file:` path still resolves, with
// no node_modules until the recipe's `npm ci`). The stack's backend, passphrase and the stand-in
// providers are the engine tests' own (engineStack.ts); npm works from its cache, offline.
import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { root } from "../support/consumerProject";
import { engineWorld, isolatedEngineEnv } from "./engineStack";
import { BROKEN, INSECURE_PROGRAM, PACK_RAN, POLICY_WORLD, SECURE_PROGRAM, mandatoryViolations } from "./policyPrograms";
import { describeWithEngine, runAsync } from "./toolchain";

const PROJECT = "engine-ci-recipe";
const STACK = "dev";

/** The code of the fenced block between README.md's ci-recipe markers. */
export function ciRecipe(readme: string): string {
    const block = /<!-- ci-recipe:begin[^>]*-->\s*```bash\n([\s\S]*?)```\s*<!-- ci-recipe:end -->/.exec(readme);
    if (!block) throw new Error("README.md has no ```bash block between <!-- ci-recipe:begin --> and <!-- ci-recipe:end -->");
    return block[1];
}

interface RecipeProject {
    readonly dir: string;
    readonly env: NodeJS.ProcessEnv;
    /** Runs the recipe in the project with `index.ts` as the program: its exit code and output. */
    runRecipe(index: string): Promise<{ code: number; output: string }>;
    remove(): void;
}

/** A fresh application project beside the consumer, its stack `dev` made with `config`. */
async function recipeProject(o: { consumer: string; bin: string; config: Record<string, string>; baseEnv: NodeJS.ProcessEnv }): Promise<RecipeProject> {
    const scratch = mkdtempSync(path.join(tmpdir(), `signalr-serverless-${PROJECT}-`));
    const dir = path.join(path.dirname(o.consumer), path.basename(scratch));
    mkdirSync(dir);
    const manifest = JSON.parse(readFileSync(path.join(o.consumer, "package.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...manifest, name: PROJECT, main: "index.ts" }, null, 2));
    copyFileSync(path.join(o.consumer, "package-lock.json"), path.join(dir, "package-lock.json"));
    writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
    writeFileSync(path.join(dir, "program.ts"), SECURE_PROGRAM["program.ts"]);
    const env = { ...isolatedEngineEnv(o.bin, o.baseEnv, scratch), STACK, npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false" };
    const pulumi = (args: string[]) => runAsync(path.join(o.bin, "pulumi"), [...args, "--non-interactive"], { cwd: dir, env });
    await pulumi(["stack", "init", STACK]);
    await pulumi(["config", "set-all", ...Object.entries(o.config).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`])]);
    const recipe = ciRecipe(readFileSync(path.join(root, "README.md"), "utf8"));
    return {
        dir,
        env,
        async runRecipe(index) {
            writeFileSync(path.join(dir, "index.ts"), index);
            try {
                const { stdout, stderr } = await runAsync("bash", ["-c", recipe], { cwd: dir, env });
                return { code: 0, output: stdout + stderr };
            } catch (error) {
                const result = (error as { result?: { code: number; stdout: string; stderr: string } }).result;
                if (!result) throw error;
                return { code: result.code, output: result.stdout + result.stderr };
            }
        },
        remove() {
            for (const d of [scratch, dir]) rmSync(d, { recursive: true, force: true });
        },
    };
}

describe("README's CI recipe for application teams", () => {
    it("is one bash block between the ci-recipe markers that installs with npm ci and previews with the pack the package ships", () => {
        const recipe = ciRecipe(readFileSync(path.join(root, "README.md"), "utf8"));
        assert.match(recipe, /^npm ci$/m);
        assert.match(recipe, /pulumi preview [^\n]*--non-interactive[^\n]*\\\n\s*--policy-pack node_modules\/signalr-serverless\/policypack$/m);
        const shipped = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { files: string[] }).files;
        for (const f of ["PulumiPolicy.yaml", "index.js", "package.json"]) assert.ok(shipped.includes(`policypack/${f}`), `package.json files ship policypack/${f}`);
    });
});

describeWithEngine("README's CI recipe, run by bash in a fresh project from the packed tarball through the real CLI", (bin) => {
    const scenario = engineWorld(bin, POLICY_WORLD, ({ consumer, config, baseEnv }) => recipeProject({ consumer, bin, config, baseEnv }));

    it("fails the job on a program with mandatory violations, naming them, and writes nothing", async function () {
        this.timeout(600_000);
        const { stack } = scenario;
        assert.equal(existsSync(path.join(stack.dir, "node_modules")), false, "nothing installed before the recipe");
        const job = await stack.runRecipe(INSECURE_PROGRAM);
        assert.notEqual(job.code, 0, job.output);
        assert.ok(existsSync(path.join(stack.dir, "node_modules/signalr-serverless/policypack/PulumiPolicy.yaml")), "npm ci installed the shipped pack");
        assert.match(job.output, new RegExp(`❌ ${PACK_RAN.source}`), job.output);
        assert.deepEqual(mandatoryViolations(job.output), BROKEN, job.output);
        assert.equal(scenario.writes(), 0);
    });

    it("passes the job on a ServerlessSignalR program", async function () {
        this.timeout(600_000);
        const job = await scenario.stack.runRecipe(SECURE_PROGRAM["index.ts"]);
        assert.equal(job.code, 0, job.output);
        assert.match(job.output, PACK_RAN, "the pack ran");
        assert.doesNotMatch(job.output, /\[mandatory\]/, job.output);
        assert.equal(scenario.writes(), 0);
    });
});
