import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { YAMLParseError, parse as parseYaml } from "yaml";
import { PlanError } from "./planError";

/** A Node.js Pulumi project as `pulumi up` would run it. */
export interface Project {
    name: string;
    /** The folder holding Pulumi.yaml (or the program file's folder). */
    dir: string;
    /** The program file Node loads. */
    entry: string;
    /** `Pulumi.<stack>.yaml`, when it exists. */
    configFile?: string;
}

export interface LocateOptions {
    /** When true, a missing `Pulumi.<stack>.yaml` is an error (the user asked for that stack). */
    stackRequired?: boolean;
}

const relative = (p: string) => path.relative(process.cwd(), p) || ".";

/** Parses a YAML file; a syntax error names the file and line. */
export function readYamlFile(file: string): unknown {
    try {
        return parseYaml(readFileSync(file, "utf8"));
    } catch (e) {
        if (e instanceof YAMLParseError) {
            const line = e.linePos?.[0].line;
            const reason = e.message.split("\n")[0];
            throw new PlanError("invalid-yaml", `${relative(file)}${line ? `:${line}` : ""}: not valid YAML: ${reason}`, file, line);
        }
        throw e;
    }
}

/** The runtime name of a Pulumi.yaml (`runtime: nodejs` or `runtime: {name: nodejs}`). */
function runtimeName(project: { runtime?: unknown }): string | undefined {
    const runtime = project.runtime;
    if (typeof runtime === "string") return runtime;
    if (runtime && typeof runtime === "object" && typeof (runtime as { name?: unknown }).name === "string") return (runtime as { name: string }).name;
    return undefined;
}

/** The file Node would load for a program folder: package.json `main`, then index.ts, then index.js. */
function entryOfFolder(folder: string): string | undefined {
    const pkgFile = path.join(folder, "package.json");
    if (existsSync(pkgFile)) {
        const main = (JSON.parse(readFileSync(pkgFile, "utf8")) as { main?: string }).main;
        if (main) {
            const candidate = path.resolve(folder, main);
            for (const f of [candidate, `${candidate}.ts`, `${candidate}.js`, path.join(candidate, "index.ts"), path.join(candidate, "index.js")]) {
                if (existsSync(f) && statSync(f).isFile()) return f;
            }
        }
    }
    return ["index.ts", "index.js"].map((f) => path.join(folder, f)).find(existsSync);
}

/** The stack names a project folder has configuration for. */
function stacksIn(dir: string): string[] {
    return readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/**
 * Finds the project name, program entry and stack configuration of a program folder (with
 * Pulumi.yaml, whose `main` is honoured) or program file. Anything that stops `pulumi up` from
 * even starting is a {@link PlanError} that names the path the user gave.
 */
export function locateProject(program: string, stack: string, options: LocateOptions = {}): Project {
    const target = path.resolve(program);
    if (!existsSync(target)) throw new PlanError("program-not-found", `No such folder or file: ${program} (looked for ${target})`);
    const isFile = statSync(target).isFile();
    const dir = isFile ? path.dirname(target) : target;
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find(existsSync);
    const project = (projectFile ? (readYamlFile(projectFile) ?? {}) : {}) as { name?: string; main?: string; runtime?: unknown };
    const runtime = runtimeName(project);
    if (runtime !== undefined && runtime !== "nodejs") {
        throw new PlanError(
            "unsupported-runtime",
            `${relative(projectFile!)} is a ${runtime === "yaml" ? "Pulumi YAML" : runtime} program: the plan evaluates Node.js (TypeScript or JavaScript) programs. ` +
                `Programs in other languages use the components through the component package (\`pulumi package add\`) and are planned with \`pulumi preview\`.`,
            projectFile,
        );
    }
    let entry: string | undefined;
    if (isFile) entry = target;
    else {
        const main = path.resolve(dir, project.main ?? ".");
        if (!existsSync(main)) throw new PlanError("program-not-found", `${relative(projectFile!)} names main: ${project.main}, which does not exist (${main})`, projectFile);
        entry = statSync(main).isFile() ? main : entryOfFolder(main);
        if (!entry) {
            throw new PlanError(
                "program-not-found",
                `No Node.js program in ${relative(main)}: expected package.json "main", index.ts or index.js${projectFile ? "" : " (and there is no Pulumi.yaml)"}`,
            );
        }
    }
    const configFile = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((f) => path.join(dir, f)).find(existsSync);
    if (!configFile && options.stackRequired) {
        const known = stacksIn(dir);
        throw new PlanError(
            "stack-not-found",
            `No configuration for stack "${stack}": ${relative(path.join(dir, `Pulumi.${stack}.yaml`))} does not exist` +
                (known.length ? ` (stacks with configuration here: ${known.join(", ")})` : " (this folder has no Pulumi.<stack>.yaml)"),
        );
    }
    return { name: project.name ?? path.basename(dir), dir, entry, configFile };
}
