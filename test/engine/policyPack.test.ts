// The policy pack through the real CLI: `pulumi preview --policy-pack policypack` in a TypeScript
// project (runtime nodejs) of the consumer project. The CLI starts the pack (PulumiPolicy.yaml,
// runtime nodejs) through the nodejs language host's RunPlugin as an analyzer (NewPolicyAnalyzer,
// sdk/v3 go/common/resource/plugin/analyzer_plugin.go) — the stand-in host
// (scripts/engine/hosts/nodejs), which runs @pulumi/pulumi/cmd/run-policy-pack behind the SDK's
// PolicyProxy. The pack is this checkout's policypack/ (index.ts, package.json, PulumiPolicy.yaml)
// beside the project, resolving signalr-serverless/policy from the installed tarball. An insecure
// program is refused with its mandatory violations; the secure ServerlessSignalR program passes.
import { strict as assert } from "node:assert";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { root } from "../support/consumerProject";
import { CliStack, cliStack } from "./cliProject";
import { engineWorld } from "./engineStack";
import { describeWithEngine } from "./toolchain";

const PROJECT = "engine-policy-pack";
const SECRET_URI = "https://contoso-kv.vault.azure.net/secrets/upstream-url";

/** A SignalR as the pack must refuse it: free tier, default mode, a plain-http upstream with a key in its query. */
const INSECURE_PROGRAM = `import * as signalrservice from "@pulumi/azure-native/signalrservice";
new signalrservice.SignalR("insecure", {
    resourceGroupName: "app-rg",
    resourceName: "insecure-signalr",
    location: "westeurope",
    sku: { name: "Free_F1", tier: "Free", capacity: 1 },
    upstream: { templates: [{ urlTemplate: "http://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=plaintext-key" }] },
});
`;

/** The mandatory policies the insecure program breaks (src/policy/). */
const BROKEN = ["signalr-paid-tier", "signalr-upstream-https", "signalr-upstream-no-plaintext-secrets", "signalr-serverless-mode-with-upstreams"];

describeWithEngine("the real Pulumi CLI: pulumi preview --policy-pack policypack (the pack started through the stand-in nodejs host)", (bin) => {
    const scenario = engineWorld(
        bin,
        {
            standIns: true,
            setUp: (fake, functionAppId) => {
                const keyVaultId = fake.addTarget("Microsoft.KeyVault/vaults", "contoso-kv");
                return { serviceName: "contoso-signalr", secretUri: SECRET_URI, keyVaultId, functionAppId };
            },
        },
        ({ consumer, config, baseEnv }) =>
            cliStack({
                consumer,
                bin,
                project: PROJECT,
                files: {
                    "Pulumi.yaml": `name: ${PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
                    "package.json": JSON.stringify({ name: PROJECT, main: "index.ts" }),
                    "program.ts": readFileSync(path.join(__dirname, "consumer/serverlessSignalR.ts"), "utf8"),
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
        for (const f of ["PulumiPolicy.yaml", "index.ts", "package.json"]) copyFileSync(path.join(root, "policypack", f), path.join(pack, f));
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
        assert.match(refused, /❌ signalr-serverless@v0\.1\.0 \(local: /, refused);
        const mandatory = [...refused.matchAll(/\[mandatory\] \[severity: \w+\]\s+(\S+)\s+\(azure-native:signalrservice:SignalR: insecure\)/g)].map((m) => m[1]);
        assert.deepEqual(mandatory.sort(), [...BROKEN].sort(), refused);
        assert.equal(scenario.writes(), 0);
    });

    it("passes the secure ServerlessSignalR program", async function () {
        this.timeout(300_000);
        const { stdout } = await preview('import program from "./program";\nexport = program;\n');
        assert.doesNotMatch(stdout, /\[mandatory\]/, stdout);
        assert.match(stdout, /signalr-serverless@v0\.1\.0 \(local: /, "the pack ran");
        assert.equal(scenario.writes(), 0);
    });
});
