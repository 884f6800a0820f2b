import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { PlanError } from "./planError";
import type { Project } from "./project";

const resolveFrom = (dir: string, id: string): string | undefined => {
    try {
        return createRequire(path.join(dir, "noop.js")).resolve(id);
    } catch {
        return undefined;
    }
};

/** The nearest package.json above a file, parsed. */
function nearestPackage(file: string): { type?: string } | undefined {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (existsSync(pkg)) return JSON.parse(readFileSync(pkg, "utf8")) as { type?: string };
        if (path.dirname(dir) === dir) return undefined;
    }
}

/** The compiler options of the project's tsconfig.json, read with the TypeScript it uses. */
function tsconfigOptions(ts: { parseConfigFileTextToJson(file: string, text: string): { config?: { compilerOptions?: object } } }, file: string): object {
    return ts.parseConfigFileTextToJson(file, readFileSync(file, "utf8")).config?.compilerOptions ?? {};
}

/**
 * Makes the project's program loadable by `require`, as Pulumi's Node.js language host does:
 * TypeScript through the project's own `typescript` and `ts-node`, or the copies Pulumi vendors
 * when the project has none, with Pulumi's default compiler options under the project's own.
 * Types are not checked (that is the compiler's job); the plan only evaluates.
 *
 * Also refuses a program that would load a different `@pulumi/pulumi` than the plan: its
 * resources would bypass the plan's mocks and try to reach a Pulumi engine.
 */
export function prepareProgramLoading(project: Project): void {
    if (nearestPackage(project.entry)?.type === "module") {
        throw new PlanError(
            "unsupported-runtime",
            `${path.relative(process.cwd(), project.entry)} is an ES module program (package.json "type": "module"): the plan evaluates CommonJS programs, Pulumi's default for TypeScript.`,
        );
    }
    const ours = require.resolve("@pulumi/pulumi");
    const theirs = resolveFrom(project.dir, "@pulumi/pulumi");
    if (theirs && theirs !== ours) {
        throw new PlanError(
            "pulumi-sdk-mismatch",
            `The program loads @pulumi/pulumi from ${theirs}, but signalr-serverless uses ${ours}: ` +
                `install a @pulumi/pulumi version within signalr-serverless's range so npm installs one copy (npm ls @pulumi/pulumi shows both).`,
        );
    }
    if (!project.entry.endsWith(".ts") || ".ts" in require.extensions) return;

    const vendored = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "vendor");
    const typescript = resolveFrom(project.dir, "typescript") ?? path.join(vendored, "typescript@3.8.3", "typescript.js");
    const tsNode = resolveFrom(project.dir, "ts-node") ?? path.join(vendored, "ts-node@7.0.1");
    if (!existsSync(typescript) || !existsSync(tsNode)) {
        throw new PlanError("typescript-unavailable", `Cannot load TypeScript for ${project.entry}: install typescript in the project (npm install --save-dev typescript).`);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the project's own compiler, found at run time
    const ts = require(typescript) as { version: string; parseConfigFileTextToJson(file: string, text: string): { config?: { compilerOptions?: object } } };
    const tsconfig = path.join(project.dir, "tsconfig.json");
    const [major, minor] = ts.version.split(".").map(Number);
    const nodeNext = major > 4 || (major === 4 && minor >= 7);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the project's own ts-node (or Pulumi's), found at run time
    (require(tsNode) as { register(options: object): void }).register({
        compiler: typescript,
        transpileOnly: true,
        project: tsconfig,
        skipProject: !existsSync(tsconfig),
        compilerOptions: {
            target: "ES2020",
            module: nodeNext ? "nodenext" : "commonjs",
            moduleResolution: nodeNext ? "nodenext" : "node",
            sourceMap: true,
            ...(existsSync(tsconfig) ? tsconfigOptions(ts, tsconfig) : {}),
        },
    });
}
