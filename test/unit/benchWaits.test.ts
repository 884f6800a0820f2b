// The deployment benchmark scales the library's waits only through documented inputs (issue 25,
// item 4): every wait it sets is a ServerlessSignalR argument (or one of a shared private endpoint
// entry), and its unscaled value is that argument's documented default, so at scale 1 the benchmark
// runs what a user gets.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { LIBRARY_WAITS, scaledWaits } from "../../bench/deployment";
import { SERVERLESS_SIGNALR_ARG_NAMES } from "../../src";
import { SHARED_PRIVATE_ENDPOINT_ENTRY_ARG_NAMES } from "../../src/components/sharedPrivateEndpointArgNames";

const ARGS_SOURCE = readFileSync(path.resolve(__dirname, "../../src/components/serverlessSignalRArgs.ts"), "utf8");

/** The `@default` of a property's doc comment in the args source: the value users read in their editor and in the schema. */
function documentedDefault(property: string): string | undefined {
    const comment = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*${property}\\?:`).exec(ARGS_SOURCE);
    return comment ? /@default (\S+)/.exec(comment[1])?.[1] : undefined;
}

describe("the deployment benchmark's waits", () => {
    for (const [name, value] of Object.entries(LIBRARY_WAITS)) {
        it(`${name} is a documented input whose default is the benchmark's unscaled ${value} s`, () => {
            assert.ok(
                (SERVERLESS_SIGNALR_ARG_NAMES as readonly string[]).includes(name) || SHARED_PRIVATE_ENDPOINT_ENTRY_ARG_NAMES.includes(name),
                `${name} is not an argument of ServerlessSignalR or of its shared private endpoint entries`,
            );
            assert.equal(documentedDefault(name), String(value));
        });
    }

    it("scales every wait, and refuses a scale that would make a whole-second wait a fraction", () => {
        const waits = scaledWaits(0.1);
        assert.deepEqual(Object.keys(waits).sort(), Object.keys(LIBRARY_WAITS).sort());
        assert.equal(waits.replicaRegionEndpointPollIntervalSeconds, "0.5");
        assert.throws(() => scaledWaits(0.001), /approvalPollIntervalSeconds 0\.02 s: it must stay a whole number of seconds/);
    });
});
