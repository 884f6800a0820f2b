// The two programs the policy pack is judged on through the real CLI (policyPack.test.ts with the
// checkout's pack, ciRecipe.test.ts with the pack the tarball ships), and how to read its verdict.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { chatServiceConfig } from "./chatWorld";

/** A SignalR as the pack must refuse it: free tier, default mode, a plain-http upstream with a key in its query. */
export const INSECURE_PROGRAM = `import * as signalrservice from "@pulumi/azure-native/signalrservice";
new signalrservice.SignalR("insecure", {
    resourceGroupName: "app-rg",
    resourceName: "insecure-signalr",
    location: "westeurope",
    sku: { name: "Free_F1", tier: "Free", capacity: 1 },
    upstream: { templates: [{ urlTemplate: "http://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=plaintext-key" }] },
});
`;

/** The mandatory policies the insecure program breaks (src/policy/). */
export const BROKEN = ["signalr-paid-tier", "signalr-upstream-https", "signalr-upstream-no-plaintext-secrets", "signalr-serverless-mode-with-upstreams"].sort();

/** The secure program: the engine scenario's ServerlessSignalR (consumer/serverlessSignalR.ts), as `program.ts` beside an index.ts that runs it. */
export const SECURE_PROGRAM = {
    "program.ts": readFileSync(path.join(__dirname, "consumer/serverlessSignalR.ts"), "utf8"),
    "index.ts": 'import program from "./program";\nexport = program;\n',
};

/** The engine world both programs are previewed in: the stand-in providers, a Function app and a vault on the fake, the secure program's config. */
export const POLICY_WORLD = {
    standIns: true,
    setUp: chatServiceConfig,
};

/** The names of the mandatory violations a preview's output reports on the insecure SignalR, sorted. */
export const mandatoryViolations = (output: string) =>
    [...output.matchAll(/\[mandatory\] \[severity: \w+\]\s+(\S+)\s+\(azure-native:signalrservice:SignalR: insecure\)/g)].map((m) => m[1]).sort();

/** The line the CLI prints when the pack ran (`<name>@v<version> (local: <path>)`). */
export const PACK_RAN = /signalr-serverless@v0\.1\.0 \(local: /;
