// policypack/index.js builds the CrossGuard pack from exactly the library's rules.
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
            const entry = path.resolve(__dirname, "../../policypack/index.js");
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

describe("README's policy table", () => {
    const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Policy pack"), readme.indexOf("Run it in CI on every stack"));
    it("states the number of rules the pack has", () => {
        assert.match(section, new RegExp(`\\b${policies.length} rules, each with`));
        assert.ok(readme.includes(`| Policy pack (${policies.length} rules) |`));
    });
    it("lists every rule once, at its enforcement level", () => {
        const rows = section.split("\n").filter((l) => l.startsWith("| `"));
        for (const policy of policies) {
            const row = rows.filter((r) => r.split("|")[1].includes(`\`${policy.name}\``));
            assert.equal(row.length, 1, policy.name);
            assert.equal(row[0].split("|")[2].trim(), policy.enforcementLevel, policy.name);
        }
    });
    it("each anchor in the mirrored column is named in the description of a rule of its row", () => {
        for (const row of section.split("\n").filter((l) => l.startsWith("| `"))) {
            const [, rules, , anchors] = row.split("|");
            const descriptions = policies.filter((p) => rules.includes(`\`${p.name}\``)).map((p) => p.description);
            for (const id of anchors.match(/[0-9a-f]{8}-[0-9a-f-]{27}|CKV_AZURE_\d+|Azure\.[A-Za-z]+\.[A-Za-z]+/g) ?? [])
                assert.ok(
                    descriptions.some((d) => d.includes(id)),
                    `${id} in ${rules}`,
                );
        }
    });
});
