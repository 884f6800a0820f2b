// `npm run plan` as a newcomer runs it: a child process, no network, no credentials.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { fakeResource } from "../../src/plan/fakeAzure";

const root = path.resolve(__dirname, "../..");
function plan(...args: string[]) {
    const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/plan.ts", ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
    return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("npm run plan", function () {
    this.timeout(240_000);

    it("prints the reference deployment's tree, counts, outputs and policy results, and succeeds", () => {
        const { code, out } = plan();
        assert.equal(code, 0, out);
        assert.match(out, /^signalr-serverless-complete \(dev\): examples\/complete\/index\.ts$/m);
        assert.match(out, /├─┬ signalr-serverless:index:ServerlessSignalR chat/);
        assert.match(
            out,
            /│ ├── azure-native:signalrservice:SignalR chat-service {2}\[sku=Standard_S1; mode=Serverless; identity=UserAssigned; upstreams=1;.* after chat-kv0-secret0-reader\]/,
        );
        assert.match(out, /pulumi-nodejs:dynamic\/signalr-serverless:PrivateEndpointConnectionApproval chat-func-pe-approval/);
        assert.match(out, /^28 resources to create:$/m);
        assert.match(out, /functionPrivateEndpointStatus: Approved/);
        assert.match(out, /Policies \(signalr-serverless\): \d+ checks, 0 mandatory and 4 advisory violations/);
        assert.match(out, /Plan OK/);
        assert.ok(!out.includes("fake-storage-key"), "no secret is printed");
    });

    it("plans an example given by directory, as JSON", () => {
        const { code, out } = plan("examples/private-key-vault", "--json");
        assert.equal(code, 0, out);
        const json = JSON.parse(out);
        assert.equal(json.project, "signalr-serverless-private-key-vault");
        assert.equal(json.counts["azure-native:signalrservice:SignalRSharedPrivateLinkResource"], 2);
        assert.equal(json.policies.mandatoryViolations, 0);
        assert.deepEqual(json.errors, []);
        assert.ok(json.resources.every((r: { summary: object }) => typeof r.summary === "object"));
    });

    it("fails with the field named for a broken program", () => {
        const { code, out } = plan("test/fixtures/broken-program");
        assert.equal(code, 1, out);
        assert.match(out, /Errors \(pulumi up would fail\):\n {2}✗ `sku` must be a paid tier .*got `Free_F1`/);
        assert.match(out, /Plan FAILED\./);
    });

    it("fails on mandatory policy violations", () => {
        const { code, out } = plan("test/fixtures/insecure-program");
        assert.equal(code, 1, out);
        assert.match(out, /✗ \[mandatory\] signalr-paid-tier on free/);
    });
});

describe("npm run plan keeps secret what `pulumi up` keeps secret (issue #27)", function () {
    this.timeout(240_000);
    // The fake random provider's password for "pw": what the plan would print if it leaked it.
    const fakePassword = String(fakeResource({ type: "random:index/randomPassword:RandomPassword", name: "pw", inputs: { length: 20, special: false } } as never).state?.result);
    const secrets = [
        "EXPLICIT-SECRET-EXPORT",
        "NESTED-SECRET-EXPORT",
        "SECRET-INPUT-VALUE",
        "PLAINTEXT-FUNCTION-KEY",
        "LOGGED-USERINFO",
        "LOGGED-SECRET",
        "WARNED-SECRET",
        fakePassword,
    ];
    const program = "test/fixtures/secret-outputs-program";

    it("shows [secret] for pulumi.secret exports, RandomPassword.result, additionalSecretOutputs, secret inputs and plaintext upstream templates, as text", () => {
        const { code, out, err } = plan(program, "--verbose");
        assert.equal(code, 1, out + err); // the policy pack still refuses the plaintext upstream secret
        assert.match(out, /✗ \[mandatory\] signalr-upstream-no-plaintext-secrets on chat-service: .*\?code=\*\*\*/);
        for (const name of ["explicitSecret", "password", "secretLocation", "secretProperties", "upstreamTemplates"]) {
            assert.match(out, new RegExp(`^ {2}${name}: \\[secret\\]$`, "m"), out);
        }
        assert.match(out, /^ {2}nested: \{"visible":"shown-in-plan","hidden":"\[secret\]"\}$/m);
        assert.match(out, /^ {2}hostName: chat-service.*\.service\.signalr\.net$/m);
        assert.match(err, /^\[info\] calling https:\/\/\*\*\*@contoso-func\.azurewebsites\.net\/api\?code=\*\*\* now$/m);
        assert.match(out, /! upstream https:\/\/contoso-func\.azurewebsites\.net\/api\?x-api-key=\*\*\* is slow/);
        for (const s of secrets) assert.ok(!(out + err).includes(s), `${s} printed`);
    });

    it("and as JSON, logs included", () => {
        const { code, out, err } = plan(program, "--json", "--verbose");
        assert.equal(code, 1, out + err);
        const json = JSON.parse(out);
        assert.equal(json.outputs.explicitSecret, "[secret]");
        assert.equal(json.outputs.password, "[secret]");
        assert.equal(json.outputs.secretLocation, "[secret]");
        assert.equal(json.outputs.secretProperties, "[secret]");
        assert.equal(json.outputs.upstreamTemplates, "[secret]");
        assert.deepEqual(json.outputs.nested, { visible: "shown-in-plan", hidden: "[secret]" });
        for (const s of secrets) assert.ok(!(out + err).includes(s), `${s} printed`);
    });
});
