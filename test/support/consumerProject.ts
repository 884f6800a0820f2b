// A fresh TypeScript Pulumi project that installs the packed tarball, as a user gets the package.
// Built once per test run and shared by the suites under test/shipped.
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

export const root = path.resolve(__dirname, "../..");
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
/** The version the lockfile pins for a package the root project depends on. */
export const locked = (name: string) => lock.packages[`node_modules/${name}`].version;

export const run = (cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv) =>
    execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env });

/** The examples as their own Pulumi projects in the consumer: `examples/<name>/` with Pulumi.yaml and the dev stack. */
export const EXAMPLES = [
    { name: "complete", project: "signalr-serverless-complete", stackFile: "Pulumi.dev.yaml" },
    { name: "existing-function-app", project: "signalr-serverless-existing-function-app", stackFile: "examples/existing-function-app/Pulumi.dev.yaml" },
    { name: "private-key-vault", project: "signalr-serverless-private-key-vault", stackFile: "examples/private-key-vault/Pulumi.dev.yaml" },
];

let consumer: string | undefined;

/**
 * The consumer project's folder: `npm pack` of this checkout installed with the locked versions of
 * its peers, Pulumi's default tsconfig (no skipLibCheck), the README example at the top and each
 * example as a project of its own under `examples/`.
 */
export function consumerProject(): string {
    if (consumer) return consumer;
    const work = mkdtempSync(path.join(tmpdir(), "signalr-serverless-consumer-"));
    const tarball = run("npm", ["pack", "--silent", "--pack-destination", work], root).trim().split("\n").pop()!;
    const dir = path.join(work, "consumer");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({
            name: "consumer",
            private: true,
            main: "bin/readme-example.js",
            dependencies: {
                "signalr-serverless": `file:${path.join(work, tarball)}`,
                "@pulumi/pulumi": locked("@pulumi/pulumi"),
                "@pulumi/azure-native": locked("@pulumi/azure-native"),
                "@pulumi/random": locked("@pulumi/random"),
            },
            devDependencies: { typescript: locked("typescript"), "@types/node": locked("@types/node") },
        }),
    );
    for (const f of ["evaluate.js", "readme-example.ts"]) copyFileSync(path.join(__dirname, "../shipped/consumer", f), path.join(dir, f));
    const tsconfig = JSON.parse(readFileSync(path.join(__dirname, "../shipped/consumer/tsconfig.json"), "utf8"));
    tsconfig.files = ["readme-example.ts", ...EXAMPLES.map((e) => `examples/${e.name}/index.ts`)];
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    for (const e of EXAMPLES) {
        const to = path.join(dir, "examples", e.name);
        mkdirSync(to, { recursive: true });
        copyFileSync(path.join(root, "examples", e.name, "index.ts"), path.join(to, "index.ts"));
        copyFileSync(path.join(root, e.stackFile), path.join(to, "Pulumi.dev.yaml"));
        writeFileSync(path.join(to, "Pulumi.yaml"), `name: ${e.project}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
    }
    cpSync(path.join(root, "examples", "yaml"), path.join(dir, "examples", "yaml"), { recursive: true });
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], dir);
    consumer = dir;
    return dir;
}
