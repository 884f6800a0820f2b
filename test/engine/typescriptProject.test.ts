// A TypeScript project using ServerlessSignalR from the packed tarball, run by the `pulumi` CLI the
// engine tests selected (test/engine/toolchain.ts): the suite is typescriptProjectSuite.ts.
import { describeWithEngine } from "./toolchain";
import { typeScriptProjectSuite } from "./typescriptProjectSuite";

describeWithEngine("the real Pulumi CLI: a TypeScript project (runtime nodejs, the host beside the CLI) using ServerlessSignalR from the packed tarball", (bin, _hostsBin, cli) =>
    typeScriptProjectSuite(bin, cli),
);
