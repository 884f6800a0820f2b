// policypack/index.ts builds the CrossGuard pack from exactly the library's rules.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { POLICY_PACK_NAME, policies } from "../../src/policy";

describe("policypack/", () => {
    it("builds one PolicyPack named like PulumiPolicy.yaml from every rule", () => {
        const built: { name: string; args: { policies: unknown[] } }[] = [];
        const policyModule = require.resolve("@pulumi/policy");
        const saved = require.cache[policyModule];
        // Stand in for @pulumi/policy's PolicyPack, which would start a policy server.
        require.cache[policyModule] = {
            id: policyModule,
            filename: policyModule,
            loaded: true,
            exports: {
                PolicyPack: class {
                    constructor(name: string, args: { policies: unknown[] }) {
                        built.push({ name, args });
                    }
                },
            },
        } as NodeJS.Module;
        try {
            const entry = path.resolve(__dirname, "../../policypack/index.ts");
            delete require.cache[entry];
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- load the pack as the policy host does
            require(entry);
        } finally {
            if (saved) require.cache[policyModule] = saved;
            else delete require.cache[policyModule];
        }
        assert.equal(built.length, 1);
        assert.equal(built[0].name, POLICY_PACK_NAME);
        assert.equal(built[0].args.policies, policies);
        const manifest = parseYaml(readFileSync(path.resolve(__dirname, "../../policypack/PulumiPolicy.yaml"), "utf8")) as { name: string; runtime: string };
        assert.deepEqual([manifest.runtime, manifest.name], ["nodejs", POLICY_PACK_NAME]);
        assert.equal(new Set(policies.map((p) => p.name)).size, policies.length, "policy names are unique");
    });
});
