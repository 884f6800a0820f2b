#!/usr/bin/env node
// `signalr-serverless plan [program] [--stack <name>] [--json] [--verbose]`: a Pulumi program that
// uses the components, evaluated offline under mocks that answer like Azure, with the policy pack.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { PlanError, PlanErrorCode } from "../plan/planError";
import type { CliIo } from "./cliIo";

export type { CliIo } from "./cliIo";

export const USAGE = `usage: signalr-serverless plan [program] [--stack <name>] [--json] [--verbose]

Evaluates a Node.js Pulumi program (TypeScript or JavaScript) that uses signalr-serverless, with no
cloud, no credentials and no Pulumi CLI: prints what \`pulumi up\` would create, the stack outputs,
the components' warnings and errors, and the policy pack's results.

  program          a folder with Pulumi.yaml (its main is honoured) or a program file (default: .)
  --stack <name>   use Pulumi.<name>.yaml; it must exist (default: dev, optional)
  --json           print one JSON document for every outcome, errors included
  --verbose        also print the program's and the components' progress logs (stderr)
  -h, --help       this text
  --version        the package version

exit codes: 0 plan OK, 1 the plan found errors or mandatory policy violations, 2 could not plan`;

const stdio: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

function version(): string {
    return (JSON.parse(readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { version: string }).version;
}

function fail(io: CliIo, json: boolean, code: PlanErrorCode | "internal", message: string, extra: { file?: string; line?: number } = {}): number {
    if (json) io.out(JSON.stringify({ ok: false, error: { code, message, ...extra } }, null, 2));
    else io.err(`signalr-serverless: ${message}${code === "usage" ? `\n\n${USAGE}` : ""}`);
    return 2;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
    const json = argv.includes("--json");
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            strict: true,
            options: {
                stack: { type: "string" },
                json: { type: "boolean", default: false },
                verbose: { type: "boolean", default: false },
                help: { type: "boolean", short: "h", default: false },
                version: { type: "boolean", default: false },
            },
        });
    } catch (e) {
        return fail(io, json, "usage", (e as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
        io.out(USAGE);
        return 0;
    }
    if (values.version) {
        io.out(version());
        return 0;
    }
    const [command, program, ...extra] = positionals;
    if (command !== "plan") return fail(io, json, "usage", command === undefined ? "no command given" : `unknown command "${command}"`);
    if (extra.length) return fail(io, json, "usage", `one program at a time; also got ${extra.map((e) => `"${e}"`).join(", ")}`);
    // Loaded only for a plan: --help and usage errors answer without loading the Pulumi SDK.
    const { planCommand } = await import("./planCommand");
    try {
        return await planCommand({ program: program ?? ".", stack: values.stack, json: values.json, verbose: values.verbose }, io);
    } catch (e) {
        if (e instanceof PlanError) return fail(io, json, e.code, e.message, { file: e.file && path.relative(process.cwd(), e.file), line: e.line });
        return fail(io, json, "internal", `the plan itself failed (please report this): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e: unknown) => {
            console.error(e);
            process.exit(2);
        },
    );
}
