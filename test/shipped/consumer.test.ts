// What ships, as a user gets it: the packed tarball installed into a fresh TypeScript Pulumi
// project (Pulumi's default compiler settings, no skipLibCheck), its programs compiled and
// evaluated there under mocks, and the ARM-backed resources run by the consumer's own
// dynamic-provider host process over gRPC against the fake Resource Manager.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DIFF_NONE, DIFF_SOME, ProviderProcess, urnOf } from "../support/grpcProvider";
import { FAKE_CLI_TOKEN, FakeResourceManager } from "../support/fakeResourceManager";
import { signedInThroughAzureCli } from "../support/fakeAzureCli";
import { EXAMPLES, consumerProject, root, run } from "../support/consumerProject";

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

/** Evaluates a compiled program of the consumer under mocks, in its own process, like `pulumi up` runs it. */
function evaluate(consumer: string, program: string, project: string): { registered: Registered[]; errors: string[] } {
    const out = path.join(consumer, `${path.basename(program)}.json`);
    run(process.execPath, ["evaluate.js", program, out, project], consumer);
    return JSON.parse(readFileSync(out, "utf8"));
}

describe("the packed npm package in a fresh consumer project", function () {
    this.timeout(900_000);
    let consumer: string;
    let readme: { registered: Registered[]; errors: string[] };

    before(() => {
        consumer = consumerProject();
    });

    it("type-checks and compiles the README example, the examples and the pure entry points with Pulumi's default settings", () => {
        assert.equal(JSON.parse(readFileSync(path.join(consumer, "tsconfig.json"), "utf8")).compilerOptions.skipLibCheck, undefined);
        run(path.join(consumer, "node_modules/.bin/tsc"), ["-p", "."], consumer); // throws with the compiler's messages
    });

    it("loads the pure entry points without any Pulumi or Azure SDK module (the Function app's cold path)", () => {
        for (const entry of ["signalr-serverless/upstream", "signalr-serverless/protocol"]) {
            const loaded = JSON.parse(
                run(process.execPath, ["-e", `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`], consumer),
            ) as string[];
            const sdk = loaded.filter((m) => /node_modules[\\/](@pulumi|@azure|@grpc)[\\/]/.test(m));
            assert.deepEqual(sdk, [], `${entry} loads no SDK module`);
            assert.ok(
                loaded.some((m) => m.includes(path.join("signalr-serverless", "dist"))),
                `${entry} resolved to the installed package`,
            );
        }
    });

    it("evaluates the README example: every ARM-backed resource's provider is a reference to the installed package", () => {
        readme = evaluate(consumer, "bin/readme-example.js", "consumer");
        assert.deepEqual(readme.errors.slice(0, 3), []);
        const dynamic = readme.registered.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/signalr-serverless:"));
        assert.deepEqual([...new Set(dynamic.map((r) => r.type.split(":").pop()))].sort(), [
            "FunctionAppSystemKey",
            "PrivateEndpointConnectionApproval",
            "PrivateEndpointNetworkAcl",
            "UpstreamSettingsRefresh",
        ]);
        for (const r of dynamic) {
            const serialized = String(r.inputs.__provider);
            const entry = {
                PrivateEndpointConnectionApproval: "approval",
                FunctionAppSystemKey: "functionAppSystemKey",
                UpstreamSettingsRefresh: "upstreamSettingsRefresh",
                PrivateEndpointNetworkAcl: "privateEndpointNetworkAcl",
                ReplicaRegionEndpoint: "replicaRegionEndpoint",
            }[r.type.split(":").pop()!];
            assert.match(serialized, new RegExp(`require\\("signalr-serverless/dynamic/${entry}"\\)`), `${r.name} references its entry point`);
            assert.ok(serialized.length < 400, `${r.name}: the serialized provider is ${serialized.length} bytes`);
        }
        for (const approval of dynamic.filter((r) => r.type.endsWith("PrivateEndpointConnectionApproval"))) {
            const bytes = JSON.stringify(approval.inputs).length + JSON.stringify(approval.outputs).length;
            assert.ok(bytes <= 2048, `${approval.name}: ${bytes} bytes of state (inputs + outputs)`);
        }
        const key = dynamic.find((r) => r.type.endsWith("FunctionAppSystemKey"))!;
        assert.ok(
            !JSON.stringify(key.inputs).includes("k3y-value-from-random") || JSON.stringify(key.inputs).includes("1b47061264138c4ac30d75fd1eb44270"),
            "the key value is a secret",
        );
    });

    for (const example of EXAMPLES) {
        it(`plans examples/${example.name} with the installed \`signalr-serverless plan\`, exactly as the checkout plans it`, () => {
            const shipped = spawnSync(path.join(consumer, "node_modules/.bin/signalr-serverless"), ["plan", `examples/${example.name}`, "--json"], {
                cwd: consumer,
                encoding: "utf8",
            });
            assert.equal(shipped.status, 0, shipped.stdout + shipped.stderr);
            const plan = JSON.parse(shipped.stdout);
            assert.equal(plan.ok, true);
            assert.equal(plan.project, example.project);
            assert.deepEqual(plan.errors, []);
            assert.equal(plan.policies.mandatoryViolations, 0);
            assert.ok(plan.counts["pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval"] >= 1, "the approval is planned");
            const source = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/plan.ts", example.name === "complete" ? "." : `examples/${example.name}`, "--json"], {
                cwd: root,
                encoding: "utf8",
            });
            assert.equal(source.status, 0, source.stdout + source.stderr);
            const expected = JSON.parse(source.stdout);
            // Registration order follows promise timing; the set of resources is what must agree.
            const sorted = (resources: { type: string; name: string }[]) => [...resources].sort((a, b) => `${a.type}::${a.name}`.localeCompare(`${b.type}::${b.name}`));
            assert.deepEqual(sorted(plan.resources), sorted(expected.resources), "same resources, parents, dependencies and summaries");
            assert.deepEqual(plan.outputs, expected.outputs);
            const unordered = (report: { results: unknown[]; violations: unknown[] }) => ({
                ...report,
                results: report.results.map((r) => JSON.stringify(r)).sort(),
                violations: report.violations.map((v) => JSON.stringify(v)).sort(),
            });
            assert.deepEqual(unordered(plan.policies), unordered(expected.policies));
        });
    }

    describe("the consumer's dynamic-provider host, over gRPC, against the fake Resource Manager", () => {
        let arm: FakeResourceManager;
        let host: ProviderProcess;
        const provider = (type: string) => String(readme.registered.find((r) => r.type === `pulumi-nodejs:dynamic/signalr-serverless:${type}`)!.inputs.__provider);

        before(async () => {
            arm = new FakeResourceManager();
            await arm.start();
            const env = signedInThroughAzureCli(arm);
            // As the engine starts it: in the program's directory, with the engine's address.
            host = await ProviderProcess.start(process.execPath, [path.join(consumer, "node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"), "127.0.0.1:1"], {
                cwd: consumer,
                env,
            });
            await host.configure({});
        });
        after(async () => {
            host?.stop();
            await arm?.stop();
        });

        it("approves: check, create, read, diff, update, delete, signed in through the Azure CLI", async () => {
            const site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
            const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe");
            arm.addConnection(site, { name: "conn-1", status: "Pending", description: "signalr-serverless func-pe n0nce", appearAfterLists: 1, sharedPrivateLinkResourceId: spl });
            const urn = urnOf("pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval", "func-pe-approval");
            const inputs = {
                __provider: provider("PrivateEndpointConnectionApproval"),
                targetResourceId: site,
                requestMessage: "signalr-serverless func-pe n0nce",
                sharedPrivateLinkResourceId: spl,
                resourceManagerEndpoint: arm.endpoint,
                timeoutSeconds: 30,
                pollIntervalSeconds: 0.05,
                onDelete: "Reject",
            };
            const checked = await host.check(urn, {}, inputs);
            assert.deepEqual(checked.failures, []);
            const created = await host.create(urn, checked.inputs);
            assert.equal(created.id, `${site}/privateEndpointConnections/conn-1`);
            assert.equal(created.properties.status, "Approved");
            assert.equal(arm.connection(site, "conn-1").status, "Approved");
            assert.ok(arm.requests.length > 0 && arm.requests.every((r) => r.authorization === `Bearer ${FAKE_CLI_TOKEN}`), "every request carries the CLI's token");
            const put = arm.requests.find((r) => r.method === "PUT")!;
            assert.equal(put.path, created.id);
            // onDelete: Reject marks the description with the approval's own mark, kept in state.
            const written = `${inputs.requestMessage} (approval ${created.properties.approvalMark})`;
            assert.match(String(created.properties.approvalMark), /^[0-9a-f]{8}$/);
            assert.deepEqual(put.body, { properties: { privateLinkServiceConnectionState: { status: "Approved", description: written, actionsRequired: "None" } } });

            const read = await host.read(urn, created.id, created.properties);
            assert.equal(read.properties.status, "Approved");
            assert.equal((await host.diff(urn, created.id, created.properties, inputs)).changes, DIFF_NONE);
            // A library upgrade changes the serialized provider (here: an old, inlined one): no diff.
            const upgraded = { ...inputs, __provider: `${inputs.__provider}\n// another library version` };
            assert.equal((await host.diff(urn, created.id, created.properties, upgraded)).changes, DIFF_NONE);
            assert.equal((await host.diff(urn, created.id, created.properties, { ...inputs, timeoutSeconds: 60 })).changes, DIFF_SOME);
            const updated = await host.update(urn, created.id, created.properties, { ...inputs, timeoutSeconds: 60 });
            assert.equal(updated.timeoutSeconds, 60);
            await host.delete(urn, created.id, updated);
            assert.equal(arm.connection(site, "conn-1").status, "Rejected", "onDelete: Reject rejects our connection");
        });

        it("sets and deletes a Function app system key, and refreshes the upstream settings", async () => {
            const site = arm.addTarget("Microsoft.Web/sites", "key-func");
            const keyUrn = urnOf("pulumi-nodejs:dynamic/signalr-serverless:FunctionAppSystemKey", "ext-key");
            const key = { __provider: provider("FunctionAppSystemKey"), functionAppId: site, keyName: "signalr_extension", value: "v4lue", resourceManagerEndpoint: arm.endpoint };
            const created = await host.create(keyUrn, key);
            assert.equal(arm.systemKeys.get(`${site}/host/default/systemkeys/signalr_extension`.toLowerCase()), "v4lue");
            await host.delete(keyUrn, created.id, created.properties);
            assert.equal(arm.systemKeys.size, 0);

            const serviceId = arm.addSignalR("sys-signalr");
            const refreshUrn = urnOf("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh", "sys-upstream-refresh");
            const templates = [{ urlTemplate: "https://f.example/api?code={@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/k)}" }];
            const before = arm.count("PATCH");
            await host.create(refreshUrn, { __provider: provider("UpstreamSettingsRefresh"), serviceId, templates, triggers: ["g1"], resourceManagerEndpoint: arm.endpoint });
            assert.equal(arm.count("PATCH") - before, 2);
            assert.deepEqual(arm.services.get(serviceId.toLowerCase())?.properties.upstream, { templates });
        });

        it("writes and removes an inbound private endpoint's network ACL entry", async () => {
            const serviceId = arm.addSignalR("pe-signalr", "app-rg", { networkACLs: { defaultAction: "Deny", publicNetwork: { allow: ["ClientConnection"] } } });
            const pe = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net-rg/providers/Microsoft.Network/privateEndpoints/pe-consumer";
            const connection = arm.addInboundConnection(serviceId, pe);
            const urn = urnOf("pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointNetworkAcl", "sys-pe0-acl");
            const inputs = {
                __provider: provider("PrivateEndpointNetworkAcl"),
                serviceId,
                privateEndpointId: pe,
                allow: ["ClientConnection", "RESTAPI"],
                resourceManagerEndpoint: arm.endpoint,
            };
            const created = await host.create(urn, (await host.check(urn, {}, inputs)).inputs);
            assert.equal(created.properties.connectionName, connection);
            const acls = () => arm.services.get(serviceId.toLowerCase())!.properties.networkACLs as { privateEndpoints: { name: string; allow: string[] }[] };
            assert.deepEqual(acls().privateEndpoints, [{ name: connection, allow: ["ClientConnection", "RESTAPI"], deny: ["ServerConnection", "Trace"] }]);
            assert.equal((await host.diff(urn, created.id, created.properties, inputs)).changes, DIFF_NONE);
            await host.delete(urn, created.id, created.properties);
            assert.deepEqual(acls().privateEndpoints, []);
        });
    });
});
