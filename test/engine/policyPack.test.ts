// The policy pack through the real CLI: `pulumi preview --policy-pack policypack` in a TypeScript
// project (runtime nodejs) of the consumer project. The CLI starts the pack (PulumiPolicy.yaml,
// runtime nodejs) through the nodejs language host's RunPlugin as an analyzer (NewPolicyAnalyzer,
// sdk/v3 go/common/resource/plugin/analyzer_plugin.go) — the stand-in host
// (scripts/engine/hosts/nodejs), which runs @pulumi/pulumi/cmd/run-policy-pack behind the SDK's
// PolicyProxy. The pack is this checkout's policypack/ (index.js, package.json, PulumiPolicy.yaml)
// beside the project, resolving signalr-serverless/policy from the installed tarball. An insecure
// program is refused with its mandatory violations; the secure ServerlessSignalR program passes.
import { strict as assert } from "node:assert";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { root } from "../support/consumerProject";
import { CliStack, cliStack } from "./cliProject";
import { engineWorld } from "./engineStack";
import { BROKEN, INSECURE_PROGRAM, PACK_RAN, POLICY_WORLD, SECURE_PROGRAM, mandatoryViolations } from "./policyPrograms";
import { describeWithEngine } from "./toolchain";

const PROJECT = "engine-policy-pack";

describeWithEngine("the real Pulumi CLI: pulumi preview --policy-pack policypack (the pack started through the stand-in nodejs host)", (bin) => {
    const scenario = engineWorld(bin, POLICY_WORLD, ({ consumer, config, baseEnv }) =>
        cliStack({
            consumer,
            bin,
            project: PROJECT,
            files: {
                "Pulumi.yaml": `name: ${PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
                "package.json": JSON.stringify({ name: PROJECT, main: "index.ts" }),
                "program.ts": SECURE_PROGRAM["program.ts"],
            },
            config,
            baseEnv,
            linkNodeModules: true,
        }),
    );
    let stack: CliStack;
    let pack: string;
    before(() => {
        stack = scenario.stack;
        pack = path.join(stack.dir, "policypack");
        mkdirSync(pack);
        for (const f of ["PulumiPolicy.yaml", "index.js", "package.json"]) copyFileSync(path.join(root, "policypack", f), path.join(pack, f));
    });
    const preview = (program: string) => {
        writeFileSync(path.join(stack.dir, "index.ts"), program);
        return stack.pulumi(["preview", "--policy-pack", pack]);
    };

    it("refuses the insecure program, naming its mandatory violations, and writes nothing", async function () {
        this.timeout(300_000);
        const refused = await preview(INSECURE_PROGRAM).then(
            () => assert.fail("the preview passed"),
            (e: Error) => e.message,
        );
        assert.match(refused, new RegExp(`❌ ${PACK_RAN.source}`), refused);
        assert.deepEqual(mandatoryViolations(refused), BROKEN, refused);
        assert.equal(scenario.writes(), 0);
    });

    it("passes the secure ServerlessSignalR program", async function () {
        this.timeout(300_000);
        const { stdout } = await preview(SECURE_PROGRAM["index.ts"]);
        assert.doesNotMatch(stdout, /\[mandatory\]/, stdout);
        assert.match(stdout, PACK_RAN, "the pack ran");
        assert.equal(scenario.writes(), 0);
    });
});
