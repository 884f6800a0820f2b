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
// Prints the operation's summary and its steps as one JSON line on stdout; the engine's output goes to stderr.
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");

async function main() {
    const [operation, scenarioFile] = process.argv.slice(2);
    if (!["preview", "up", "refresh", "destroy"].includes(operation)) throw new Error(`operation must be preview, up, refresh or destroy, got ${operation}`);
    const scenario = JSON.parse(readFileSync(scenarioFile, "utf8"));
    const pulumiCommand = await PulumiCommand.get({ root: scenario.cliRoot });
    // Loaded inside the inline program: a program written as a Pulumi project's main module (an
    // example) registers its resources when it loads, and its exports are the stack's outputs.
    const program = () => {
        const loaded = require(path.resolve(scenario.program));
        return typeof loaded.default === "function" ? loaded.default() : { ...loaded };
    };
    const stack = await LocalWorkspace.createOrSelectStack(
        { projectName: scenario.project, stackName: scenario.stack, program },
        { workDir: scenario.workDir, pulumiCommand, projectSettings: { name: scenario.project, runtime: "nodejs" } },
    );
    await stack.setAllConfig(Object.fromEntries(Object.entries(scenario.config).map(([k, value]) => [k, { value }])));
    let output = "";
    const onOutput = (text) => {
        output += text;
        process.stderr.write(text);
    };
    // Each step that changes a resource, as `<op> <name>` in the engine's order (its resource pre-events),
    // and the same steps with their URN, the keys the engine reported changed and the inputs that differ
    // between the step's old and new state (stepDetails).
    const steps = [];
    const stepDetails = [];
    const onEvent = (event) => {
        const meta = event.resourcePreEvent && event.resourcePreEvent.metadata;
        if (!meta || !["create", "update", "delete", "replace"].includes(meta.op)) return;
        steps.push(`${meta.op} ${meta.urn.split("::").pop()}`);
        const olds = (meta.old && meta.old.inputs) || {};
        const news = (meta.new && meta.new.inputs) || {};
        const changedInputs = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k])).sort();
        stepDetails.push({ op: meta.op, urn: meta.urn, diffs: meta.diffs ?? [], detailedDiff: meta.detailedDiff ?? {}, changedInputs });
    };
    const started = Date.now();
    const result = await stack[operation]({ onOutput, onEvent, color: "never", ...scenario.options });
    // elapsedMs: the operation's wall time as its caller sees it (the CLI's run, the program included).
    const elapsedMs = Date.now() - started;
    process.stdout.write(
        JSON.stringify({ changeSummary: result.changeSummary, summary: result.summary, outputs: result.outputs, steps, stepDetails, output, startedAt: started, elapsedMs }) + "\n",
    );
}

main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
});
