// The suite every other-language example runs (examples/<language>, the README's "ServerlessSignalR
// in ten lines"): `pulumi package add`, the TypeScript message for bad input before anything is
// created, `up` (the approval through the package provider's own resource, typed outputs), `up`
// with no change, `destroy` leaving nothing; the state holds one provider of the package.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { validateServerlessSignalRArgs } from "../../../src/components/serverlessSignalRRules";
import { TEST_SUBSCRIPTION } from "../../support/fakeResourceManager";
import { PINNED_VERSION, type Language, describeWithEngine, hostVersion, languageHost } from "../toolchain";
import { LanguageScenario, languageScenario } from "./languageScenario";
import { changedFiles, snapshotFiles } from "./userCheckout";

const SERVICE_NAME = "contoso-signalr";
const SECRET_URI = "https://contoso-kv.vault.azure.net/secrets/signalr-extension-key";
const PROVIDER = "pulumi:providers:signalr-serverless";
const APPROVAL = "signalr-serverless:index:PrivateEndpointConnectionApproval";
/** What the state holds after `up`: the stack, the three providers the program's resources need and the engine's own, the components and their children. */
const RESOURCE_TYPES = [
    "pulumi:pulumi:Stack",
    "pulumi:providers:pulumi",
    PROVIDER,
    "pulumi:providers:azure-native",
    "pulumi:providers:random",
    "signalr-serverless:index:ServerlessSignalR",
    "signalr-serverless:index:SharedPrivateEndpoint",
    "azure-native:managedidentity:UserAssignedIdentity",
    "azure-native:authorization:RoleAssignment",
    "azure-native:signalrservice:SignalR",
    "azure-native:signalrservice:SignalRSharedPrivateLinkResource",
    "random:index/randomString:RandomString",
    APPROVAL,
    "signalr-serverless:index:UpstreamSettingsRefresh",
].sort();

/** The message TypeScript gives for the same bad input (the component's own validation, in process). */
function typeScriptMessage(args: Record<string, unknown>): string {
    try {
        validateServerlessSignalRArgs(args as never);
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error(`TypeScript accepts ${JSON.stringify(args)}`);
}

/**
 * Declares the suite for examples/<language>. `checkInstall` asserts what `pulumi package add`
 * left in the project (the generated SDK, how it is linked, the dependency versions installed).
 */
export function describeLanguageExample(language: Language, checkInstall: (scenario: LanguageScenario) => void | Promise<void>, o: { packagesFirst?: string[] } = {}): void {
    describeWithEngine(
        `examples/${language} through the real Pulumi engine and its ${language} host (the CLI's own, else a stand-in), with stand-in azure-native and random providers`,
        (bin, hostsBin, cli) => {
            const scenario = languageScenario(bin, hostsBin, {
                language,
                config: ({ functionAppId, keyVaultId }) => ({ serviceName: SERVICE_NAME, secretUri: SECRET_URI, keyVaultId, functionAppId }),
            });
            const serviceId = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/chat-rg/providers/Microsoft.SignalRService/signalR/${SERVICE_NAME}`;
            const started = { at: 0 };
            before(() => (started.at = Date.now()));
            after(() => console.log(`      examples/${language}: ${((Date.now() - started.at) / 1000).toFixed(0)} s from package add to destroy`));

            it(`pulumi package add ../.. (the checkout, from examples/${language}) generates the ${language} SDK, links and installs it`, async function () {
                this.timeout(900_000);
                const packagesFirst = o.packagesFirst ?? [];
                for (const p of packagesFirst) {
                    const add = await scenario.pulumi(["package", "add", p]);
                    assert.match(add.stdout + add.stderr, new RegExp(`Added package ${p.split("@")[0]}`));
                }
                const before = snapshotFiles(scenario.checkout);
                const add = await scenario.pulumi(["package", "add", "../.."]);
                assert.match(add.stdout + add.stderr, /Added package signalr-serverless/);
                // The CLI records the path as given in the project's Pulumi.yaml, and writes only in the project's folder.
                const project = parseYaml(readFileSync(path.join(scenario.dir, "Pulumi.yaml"), "utf8")) as { packages?: Record<string, string> };
                assert.deepEqual(project.packages, { ...Object.fromEntries(packagesFirst.map((p) => [p.split("@")[0], p])), "signalr-serverless": "../.." });
                const written = changedFiles(scenario.checkout, before);
                const folder = `examples/${language}/`;
                assert.deepEqual(
                    written.filter((f) => !f.startsWith(folder)),
                    [],
                    "nothing in the checkout outside the example's folder",
                );
                assert.ok(written.includes(`${folder}Pulumi.yaml`) && written.some((f) => f.startsWith(`${folder}sdks/signalr-serverless/`)), written.slice(0, 20).join("\n"));
                // No plugin of the package is installed: the engine starts its provider from the checkout.
                const plugins = JSON.parse((await scenario.pulumi(["plugin", "ls", "--json"])).stdout) as { name: string; kind: string }[];
                assert.deepEqual(
                    plugins.filter((p) => p.name === "signalr-serverless"),
                    [],
                );
                // The CLI ran the host its install bundles, else the stand-in, which names itself one.
                const host = languageHost(cli, language)!;
                const about = JSON.parse((await scenario.pulumi(["about", "--json"])).stdout) as { plugins: { name: string; kind: string; version: string }[] };
                assert.deepEqual(
                    about.plugins.filter((p) => p.kind === "language"),
                    [{ name: language, kind: "language", version: host.bundled ? hostVersion(host, language) : `${PINNED_VERSION.slice(1)}-standin` }],
                );
                await checkInstall(scenario);
            });

            it("refuses bad input with the message TypeScript gives, naming the field, before anything is created", async function () {
                this.timeout(600_000);
                const expected = typeScriptMessage({ resourceGroupName: "chat-rg", serviceName: SERVICE_NAME, sku: "Free_F1" });
                assert.match(expected, /^`sku` must be a paid tier/);
                await scenario.pulumi(["config", "set", "--plaintext", "sku", "Free_F1"]);
                const up = await scenario.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
                await scenario.pulumi(["config", "rm", "sku"]);
                assert.notEqual(up.code, 0, up.stdout);
                assert.ok((up.stdout + up.stderr).includes(expected), `expected ${JSON.stringify(expected)} in:\n${up.stdout}\n${up.stderr}`);
                assert.equal(scenario.writes(), 0, "nothing was written to Resource Manager");
                const resources = (await scenario.exportStack()).deployment.resources ?? [];
                assert.deepEqual(
                    resources.filter((r) => r.type.startsWith("azure-native:") || r.type.startsWith("signalr-serverless:")),
                    [],
                );
            });

            it("up creates the service, approves the connection through the package provider's resource, and the outputs reach the program typed", async function () {
                this.timeout(900_000);
                await scenario.pulumi(["up", "--yes", "--skip-preview"]);
                const outputs = JSON.parse((await scenario.pulumi(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
                assert.deepEqual(outputs, {
                    hostName: `${SERVICE_NAME}.service.signalr.net`,
                    endpoint: `https://${SERVICE_NAME}.service.signalr.net`,
                    sharedPrivateEndpointStatuses: { "func-pe": "Approved" },
                    funcPeStatus: "Approved",
                });
                const [ours] = scenario.arm.connectionsOf(`${serviceId}/sharedPrivateLinkResources/func-pe`);
                assert.equal(ours.connection.status, "Approved");
                const service = scenario.arm.services.get(serviceId.toLowerCase());
                assert.deepEqual(service?.properties.upstream, {
                    templates: [{ urlTemplate: `https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code={@Microsoft.KeyVault(SecretUri=${SECRET_URI})}` }],
                });

                const resources = (await scenario.exportStack()).deployment.resources ?? [];
                assert.deepEqual(resources.map((r) => r.type).sort(), RESOURCE_TYPES);
                const providers = resources.filter((r) => r.type === PROVIDER);
                assert.equal(providers.length, 1, "exactly one provider of the package");
                const approvals = resources.filter((r) => r.type === APPROVAL);
                assert.equal(approvals.length, 1);
                const reference = approvals[0].provider ?? "";
                assert.equal(reference.slice(0, reference.lastIndexOf("::")), providers[0].urn, "the approval ran on the package's provider");
                assert.equal(approvals[0].outputs?.status, "Approved");
            });

            it("up again changes nothing and writes nothing", async function () {
                this.timeout(600_000);
                const writes = scenario.writes();
                await scenario.pulumi(["up", "--yes", "--skip-preview", "--expect-no-changes"]);
                assert.equal(scenario.writes(), writes);
            });

            it("destroy leaves nothing: no service, link, connection, identity or role assignment, and an empty state", async function () {
                this.timeout(600_000);
                await scenario.pulumi(["destroy", "--yes"]);
                assert.equal(scenario.arm.services.size, 0);
                assert.deepEqual(scenario.arm.sharedPrivateLinks(), []);
                assert.deepEqual([...scenario.arm.genericResources.keys()], []);
                assert.deepEqual(scenario.arm.connectionsOf(`${serviceId}/sharedPrivateLinkResources/func-pe`), []);
                assert.deepEqual((await scenario.exportStack()).deployment.resources ?? [], []);
            });
        },
        { languageHost: language },
    );
}
