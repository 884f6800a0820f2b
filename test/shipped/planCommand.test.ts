// `npx signalr-serverless plan` as a user runs it: the installed package's bin in a consumer
// project, a child process per case, exit codes, messages and the JSON document asserted.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { consumerProject } from "../support/consumerProject";

interface Outcome {
    code: number | null;
    out: string;
    err: string;
}

describe("the installed `signalr-serverless plan` command", function () {
    this.timeout(300_000);
    let consumer: string;
    const plan = (...args: string[]): Outcome => {
        const r = spawnSync(path.join(consumer, "node_modules/.bin/signalr-serverless"), args, { cwd: consumer, encoding: "utf8", timeout: 120_000 });
        return { code: r.status, out: r.stdout, err: r.stderr };
    };
    /** A Node.js Pulumi project in the consumer, one file per entry of `files`. */
    const project = (name: string, files: Record<string, string>) => {
        const dir = path.join(consumer, "cases", name);
        mkdirSync(dir, { recursive: true });
        for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
        return `cases/${name}`;
    };
    const noStackTrace = (o: Outcome) => assert.doesNotMatch(o.out + o.err, /^\s+at .+:\d+:\d+\)?$/m, "no Node stack trace");
    const jsonError = (o: Outcome, code: string): { message: string; file?: string; line?: number } => {
        assert.equal(o.code, 2, o.out + o.err);
        const doc = JSON.parse(o.out);
        assert.equal(doc.ok, false);
        assert.equal(doc.error.code, code);
        return doc.error;
    };
    const valid = `import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR } from "signalr-serverless";
const config = new pulumi.Config();
pulumi.log.info("program started");
const chat = new ServerlessSignalR("chat", {
    resourceGroupName: config.require("resourceGroupName"),
    upstreamTemplates: [{ urlTemplate: "https://contoso-func.azurewebsites.net/runtime/webhooks/signalr" }],
});
export const hostName = chat.hostName;
`;

    before(() => {
        consumer = consumerProject();
    });

    it("plans a TypeScript program of the user's own with its stack configuration, as text and as JSON", () => {
        const dir = project("valid", { "Pulumi.yaml": "name: valid\nruntime: nodejs\n", "Pulumi.qa.yaml": "config:\n  valid:resourceGroupName: chat-rg\n", "index.ts": valid });
        const text = plan("plan", dir, "--stack", "qa");
        assert.equal(text.code, 0, text.out + text.err);
        assert.match(text.out, /^valid \(qa\): cases\/valid\/index\.ts$/m);
        assert.match(text.out, /azure-native:signalrservice:SignalR chat-service {2}\[sku=Standard_S1; mode=Serverless/);
        assert.match(text.out, /Plan OK/);
        const json = JSON.parse(plan("plan", dir, "--stack", "qa", "--json").out);
        assert.equal(json.ok, true);
        assert.equal(json.configFile, "cases/valid/Pulumi.qa.yaml");
        assert.equal(json.resources.find((r: { type: string }) => r.type === "azure-native:signalrservice:SignalR").summary.mode, "Serverless");
        assert.equal(json.logs, undefined, "no logs unless --verbose");
    });

    it("--verbose shows the program's and the components' progress logs", () => {
        const dir = project("verbose", {
            "Pulumi.yaml": "name: verbose\nruntime: nodejs\n",
            "Pulumi.dev.yaml": "config:\n  verbose:resourceGroupName: chat-rg\n",
            "index.ts": valid,
        });
        const text = plan("plan", dir, "--verbose");
        assert.equal(text.code, 0, text.out + text.err);
        assert.match(text.err, /^\[info\] program started$/m);
        const json = JSON.parse(plan("plan", dir, "--verbose", "--json").out);
        assert.ok(
            json.logs.some((l: { message: string }) => l.message === "program started"),
            JSON.stringify(json.logs),
        );
        const withLink = plan("plan", "examples/existing-function-app", "--verbose");
        assert.match(withLink.err, /^\[info\] Shared private link .+ created; approving its connection on the target and waiting for SignalR to report it Approved/m);
        const quiet = plan("plan", dir);
        assert.doesNotMatch(quiet.out + quiet.err, /program started/);
    });

    it("a folder that does not exist is named as given, exit 2", () => {
        const text = plan("plan", "no/such/program");
        assert.equal(text.code, 2);
        assert.match(text.err, /No such folder or file: no\/such\/program \(looked for .*no\/such\/program\)/);
        assert.match(jsonError(plan("plan", "no/such/program", "--json"), "program-not-found").message, /no\/such\/program/);
    });

    it("a missing configuration for the stack asked for is an error listing the stacks there are", () => {
        const dir = project("stacks", {
            "Pulumi.yaml": "name: stacks\nruntime: nodejs\n",
            "Pulumi.dev.yaml": "config: {}\n",
            "Pulumi.prod.yaml": "config: {}\n",
            "index.ts": valid,
        });
        const text = plan("plan", dir, "--stack", "qa");
        assert.equal(text.code, 2);
        assert.match(text.err, /No configuration for stack "qa": cases\/stacks\/Pulumi\.qa\.yaml does not exist \(stacks with configuration here: dev, prod\)/);
        jsonError(plan("plan", dir, "--stack", "qa", "--json"), "stack-not-found");
    });

    it("without --stack and without Pulumi.dev.yaml the plan runs with no configuration and says so", () => {
        const dir = project("no-config", {
            "Pulumi.yaml": "name: no-config\nruntime: nodejs\n",
            "index.ts": valid.replace('config.require("resourceGroupName")', '"chat-rg"'),
        });
        const text = plan("plan", dir);
        assert.equal(text.code, 0, text.out + text.err);
        assert.match(text.out, /\(no Pulumi\.dev\.yaml: planned with no stack configuration\)/);
    });

    it("a Pulumi YAML program is refused with what to use instead", () => {
        const text = plan("plan", "examples/yaml");
        assert.equal(text.code, 2);
        assert.match(text.err, /examples\/yaml\/Pulumi\.yaml is a Pulumi YAML program: the plan evaluates Node\.js .*\(`pulumi package add`\)/);
        jsonError(plan("plan", "examples/yaml", "--json"), "unsupported-runtime");
    });

    it("an unknown flag is a usage error with the usage text, not a stack trace", () => {
        const text = plan("plan", "--colour");
        assert.equal(text.code, 2);
        assert.match(text.err, /Unknown option '--colour'/);
        assert.match(text.err, /usage: signalr-serverless plan \[program\]/);
        noStackTrace(text);
        assert.match(jsonError(plan("plan", "--colour", "--json"), "usage").message, /--colour/);
        assert.equal(plan("deploy").code, 2);
        assert.equal(plan("--help").code, 0);
    });

    it("a YAML syntax error names the file and the line", () => {
        const dir = project("bad-yaml", {
            "Pulumi.yaml": "name: bad-yaml\nruntime: nodejs\n",
            "Pulumi.dev.yaml": "config:\n  bad-yaml:location: [westeurope\n",
            "index.ts": valid,
        });
        const text = plan("plan", dir);
        assert.equal(text.code, 2);
        assert.match(text.err, /cases\/bad-yaml\/Pulumi\.dev\.yaml:\d+: not valid YAML/);
        const error = jsonError(plan("plan", dir, "--json"), "invalid-yaml");
        assert.equal(error.file, "cases/bad-yaml/Pulumi.dev.yaml");
        assert.equal(typeof error.line, "number");
    });

    it("a program that throws fails the plan with the message and the line of the TypeScript source", () => {
        const dir = project("throws", {
            "Pulumi.yaml": "name: throws\nruntime: nodejs\n",
            "index.ts":
                'import * as pulumi from "@pulumi/pulumi";\n\nconst region: string = "westeurope";\nif (region) throw new Error("no quota in " + region);\nexport const out = pulumi.output(1);\n',
        });
        const text = plan("plan", dir);
        assert.equal(text.code, 1, text.out + text.err);
        assert.match(text.out, /✗ no quota in westeurope \(at cases\/throws\/index\.ts:4:\d+\)/);
        assert.match(text.out, /Plan FAILED\./);
        const json = JSON.parse(plan("plan", dir, "--json").out);
        assert.equal(json.ok, false);
        assert.match(json.errors[0], /index\.ts:4:/);
    });

    it("an invalid component argument fails the plan naming the field and the program line", () => {
        const dir = project("free-tier", {
            "Pulumi.yaml": "name: free-tier\nruntime: nodejs\n",
            "index.ts": valid.replace('config.require("resourceGroupName")', '"chat-rg", sku: "Free_F1"'),
        });
        const text = plan("plan", dir);
        assert.equal(text.code, 1, text.out + text.err);
        assert.match(text.out, /✗ `sku` must be a paid tier.*got `Free_F1`.* \(at cases\/free-tier\/index\.ts:5:\d+\)/);
    });

    it("prints [secret] for a secret export, a RandomPassword and a resource's additionalSecretOutputs, as text and as JSON", () => {
        const dir = project("secrets", {
            "Pulumi.yaml": "name: secrets\nruntime: nodejs\n",
            "index.ts": `import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as resources from "@pulumi/azure-native/resources";
export const token = pulumi.secret("CONSUMER-SECRET-EXPORT");
export const password = new random.RandomPassword("pw", { length: 24 }).result;
export const location = new resources.ResourceGroup("rg", { location: "northeurope" }, { additionalSecretOutputs: ["location"] }).location;
export const shown = "visible";
`,
        });
        const text = plan("plan", dir);
        assert.equal(text.code, 0, text.out + text.err);
        for (const name of ["token", "password", "location"]) assert.match(text.out, new RegExp(`^ {2}${name}: \\[secret\\]$`, "m"), text.out);
        assert.match(text.out, /^ {2}shown: visible$/m);
        assert.ok(!text.out.includes("CONSUMER-SECRET-EXPORT"));
        const json = JSON.parse(plan("plan", dir, "--json").out);
        assert.deepEqual(json.outputs, { token: "[secret]", password: "[secret]", location: "[secret]", shown: "visible" });
    });
});
