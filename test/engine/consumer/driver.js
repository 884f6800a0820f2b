// Runs one operation of an engine scenario in the consumer project: the real `pulumi` CLI (the
// toolchain of scripts/engine/toolchain.sh) through the Automation API of the consumer's own
// @pulumi/pulumi, with the program run in this process as an inline program. The Go nodejs
// language host cannot be had from the Go module proxy here; the Automation API's language server
// is the SDK's own, so the engine, the state and the dynamic-provider host are all the real ones.
//
//   node driver.js <preview|up|refresh|destroy> <scenario.json>
//
// scenario.json: { cliRoot, workDir, project, stack, program, config, options }. The environment
// (PULUMI_HOME, backend, passphrase, no plugin acquisition) comes from the caller.
// Prints the operation's summary as one JSON line on stdout; the engine's output goes to stderr.
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");

async function main() {
    const [operation, scenarioFile] = process.argv.slice(2);
    if (!["preview", "up", "refresh", "destroy"].includes(operation)) throw new Error(`operation must be preview, up, refresh or destroy, got ${operation}`);
    const scenario = JSON.parse(readFileSync(scenarioFile, "utf8"));
    const pulumiCommand = await PulumiCommand.get({ root: scenario.cliRoot });
    const program = require(path.resolve(scenario.program));
    const stack = await LocalWorkspace.createOrSelectStack(
        { projectName: scenario.project, stackName: scenario.stack, program: () => program.default() },
        { workDir: scenario.workDir, pulumiCommand, projectSettings: { name: scenario.project, runtime: "nodejs" } },
    );
    await stack.setAllConfig(Object.fromEntries(Object.entries(scenario.config).map(([k, value]) => [k, { value }])));
    let output = "";
    const onOutput = (text) => {
        output += text;
        process.stderr.write(text);
    };
    const started = Date.now();
    const result = await stack[operation]({ onOutput, color: "never", ...scenario.options });
    // elapsedMs: the operation's wall time as its caller sees it (the CLI's run, the program included).
    const elapsedMs = Date.now() - started;
    process.stdout.write(JSON.stringify({ changeSummary: result.changeSummary, summary: result.summary, outputs: result.outputs, output, startedAt: started, elapsedMs }) + "\n");
}

main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
});
