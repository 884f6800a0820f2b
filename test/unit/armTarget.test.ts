// Which cloud the ARM-backed resources talk to: the one azure-native would use
// (pulumi-azure-native auth_azidentity.go getCloud and NewAzCoreIdentity; azure_cli.go).
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { knownCloudOfArmTarget, resolveArmTarget } from "../../src/arm/armTarget";
import { armSettings } from "../../src/arm/armSettings";
import { AzureCliCloud, AzureCliQueries, azureCli } from "../../src/arm/azureCli";
import { systemKeyLifecycle } from "../../src/resources/functionAppSystemKey";
import { approvalLifecycle } from "../../src/resources/approval";
import { FakeResourceManager } from "../support/fakeResourceManager";
import { fakeAzureCli } from "../support/fakeAzureCli";

/** An Azure CLI signed in to `environmentName`, recording what it was asked. */
function cliIn(environmentName: string, clouds: Record<string, AzureCliCloud> = {}): AzureCliQueries & { asked: string[] } {
    const asked: string[] = [];
    return {
        asked,
        async accountShow(subscriptionId) {
            asked.push(`account show${subscriptionId ? ` --subscription ${subscriptionId}` : ""}`);
            return { environmentName, id: "00000000-0000-0000-0000-000000000000" };
        },
        async cloudShow(name) {
            asked.push(`cloud show --name ${name}`);
            if (!clouds[name]) throw new Error(`az cloud show --name ${name} failed: ERROR: Unknown cloud '${name}'`);
            return clouds[name];
        },
    };
}

/** `az cloud show` of a registered Azure Stack Hub (the shape of the CLI's output; endpoints as an operator sets them). */
const AZURE_STACK: AzureCliCloud = {
    name: "ContosoStack",
    endpoints: {
        activeDirectory: "https://login.microsoftonline.com",
        activeDirectoryResourceId: "https://management.contoso.onmicrosoft.com/5c7a7b1e-2f4d-4a3b-9e8c-7d6f5e4d3c2b",
        resourceManager: "https://management.redmond.contoso.external/",
    },
};

const CUSTOM = {
    ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST: "https://login.sovereign.example/",
    ARM_RESOURCE_MANAGER_AUDIENCE: "https://management.core.sovereign.example/",
    ARM_RESOURCE_MANAGER_ENDPOINT: "https://management.sovereign.example",
};

const pick = (t: { endpoint: string; authorityHost: string; scope: string }) => ({ endpoint: t.endpoint, authorityHost: t.authorityHost, scope: t.scope });

describe("the cloud of the ARM-backed resources (azure-native's choice)", () => {
    it("signed in through the Azure CLI with no cloud configured: the CLI's active cloud", async () => {
        const cli = cliIn("AzureChinaCloud");
        const target = await resolveArmTarget({ env: {}, method: "cli", cli });
        assert.deepEqual(pick(target), {
            endpoint: "https://management.chinacloudapi.cn",
            authorityHost: "https://login.chinacloudapi.cn",
            scope: "https://management.chinacloudapi.cn/.default",
        });
        assert.deepEqual(cli.asked, ["account show"]);
        const withSubscription = cliIn("AzureUSGovernment");
        const gov = await resolveArmTarget({ env: { ARM_SUBSCRIPTION_ID: "11111111-1111-1111-1111-111111111111" }, method: "cli", cli: withSubscription });
        assert.equal(gov.endpoint, "https://management.usgovcloudapi.net");
        assert.deepEqual(withSubscription.asked, ["account show --subscription 11111111-1111-1111-1111-111111111111"], "ARM_SUBSCRIPTION_ID's account, as azure-native asks");
    });

    it("a cloud registered in the CLI (e.g. Azure Stack Hub) is read from `az cloud show`", async () => {
        const cli = cliIn("ContosoStack", { ContosoStack: AZURE_STACK });
        const target = await resolveArmTarget({ env: {}, method: "cli", cli });
        assert.deepEqual(pick(target), {
            endpoint: "https://management.redmond.contoso.external",
            authorityHost: "https://login.microsoftonline.com",
            scope: "https://management.contoso.onmicrosoft.com/5c7a7b1e-2f4d-4a3b-9e8c-7d6f5e4d3c2b/.default",
        });
        assert.deepEqual(cli.asked, ["account show", "cloud show --name ContosoStack"]);
        const broken = cliIn("Half", {
            Half: { name: "Half", endpoints: { activeDirectory: "https://login.half.example", activeDirectoryResourceId: "https://m.half.example/" } },
        });
        await assert.rejects(resolveArmTarget({ env: {}, method: "cli", cli: broken }), /The Azure CLI cloud Half has no resourceManager endpoint/);
    });

    it("a configured cloud that is not the CLI's is an error before any request (the token would be for another cloud)", async () => {
        await assert.rejects(
            resolveArmTarget({ env: { ARM_ENVIRONMENT: "usgovernment" }, method: "cli", cli: cliIn("AzureCloud") }),
            /The configured Azure cloud 'usgovernment' does not match the Azure CLI's active cloud 'AzureCloud'.*az cloud set --name <cloud>/,
        );
        await assert.rejects(
            resolveArmTarget({ resourceManagerEndpoint: "https://management.chinacloudapi.cn", env: {}, method: "cli", cli: cliIn("AzureCloud") }),
            /'china' does not match the Azure CLI's active cloud 'AzureCloud'/,
            "the component's azure-native:environment arrives as the endpoint and is checked the same way",
        );
        await assert.rejects(resolveArmTarget({ env: CUSTOM, method: "cli", cli: cliIn("AzureCloud") }), /'https:\/\/management.sovereign.example' does not match/);
        const same = await resolveArmTarget({ env: { AZURE_ENVIRONMENT: "AzureChinaCloud" }, method: "cli", cli: cliIn("AzureChinaCloud") });
        assert.equal(same.endpoint, "https://management.chinacloudapi.cn");
        const unknownEndpoint = await resolveArmTarget({ resourceManagerEndpoint: "https://arm.contoso.test/", env: {}, method: "cli", cli: cliIn("AzureChinaCloud") });
        assert.equal(unknownEndpoint.endpoint, "https://arm.contoso.test", "an endpoint of no known cloud is taken as given");
    });

    it("other sign-in methods: the configured cloud (custom triple, then ARM_ENVIRONMENT / AZURE_ENVIRONMENT), else public; the CLI is never asked", async () => {
        const cli = cliIn("AzureChinaCloud");
        assert.deepEqual(pick(await resolveArmTarget({ env: CUSTOM, method: "secret", cli })), {
            endpoint: "https://management.sovereign.example",
            authorityHost: "https://login.sovereign.example",
            scope: "https://management.core.sovereign.example/.default",
        });
        const partial = { ...CUSTOM, ARM_RESOURCE_MANAGER_AUDIENCE: "", ARM_ENVIRONMENT: "china" };
        assert.equal((await resolveArmTarget({ env: partial, method: "oidc", cli })).endpoint, "https://management.chinacloudapi.cn", "the custom cloud needs all three");
        assert.equal((await resolveArmTarget({ env: { AZURE_ENVIRONMENT: "usgovernment" }, method: "managedIdentity", cli })).endpoint, "https://management.usgovcloudapi.net");
        assert.deepEqual(pick(await resolveArmTarget({ env: {}, method: "certificate", cli })), {
            endpoint: "https://management.azure.com",
            authorityHost: "https://login.microsoftonline.com",
            scope: "https://management.azure.com/.default",
        });
        assert.equal(
            (await resolveArmTarget({ env: { ARM_ENVIRONMENT: "china" }, method: undefined, cli })).endpoint,
            "https://management.chinacloudapi.cn",
            "a credential given by the caller",
        );
        assert.deepEqual(cli.asked, []);
        await assert.rejects(
            resolveArmTarget({ env: { ARM_ENVIRONMENT: "german" }, method: "secret", cli }),
            /`ARM_ENVIRONMENT` must be one of public, china, usgovernment, got `german`/,
        );
    });

    it("azure-native:environment and azure-native:subscriptionId from the stack config, before ARM_ENVIRONMENT and ARM_SUBSCRIPTION_ID", async () => {
        const env = { ARM_ENVIRONMENT: "public", ARM_SUBSCRIPTION_ID: "22222222-2222-2222-2222-222222222222" };
        const settings = armSettings({ environment: "usgovernment", subscriptionId: "11111111-1111-1111-1111-111111111111" }, env);
        const secret = await resolveArmTarget({ env, settings, method: "secret", cli: cliIn("AzureCloud") });
        assert.equal(secret.endpoint, "https://management.usgovcloudapi.net");
        const cli = cliIn("AzureUSGovernment");
        assert.equal((await resolveArmTarget({ env, settings, method: "cli", cli })).endpoint, "https://management.usgovcloudapi.net");
        assert.deepEqual(cli.asked, ["account show --subscription 11111111-1111-1111-1111-111111111111"], "the config's subscription's account");
        await assert.rejects(
            resolveArmTarget({ env, settings: armSettings({ environment: "german" }, env), method: "secret", cli }),
            /`azure-native:environment` must be one of public, china, usgovernment, got `german`/,
            "the message names where the value came from",
        );
        await assert.rejects(
            resolveArmTarget({ env: {}, settings: armSettings({ environment: "china" }, {}), method: "cli", cli: cliIn("AzureCloud") }),
            /The configured Azure cloud 'china' does not match the Azure CLI's active cloud 'AzureCloud'/,
        );
    });

    it("the known cloud of the target, for names that depend on it: configured, else the CLI's, else public; none for a custom or registered cloud", async () => {
        const cloudOf = async (env: NodeJS.ProcessEnv, method: "cli" | "secret", cli = cliIn("AzureCloud"), config = {}) =>
            (await knownCloudOfArmTarget({ env, settings: armSettings(config, env), method, cli }))?.name;
        assert.equal(
            await cloudOf({ ARM_ENVIRONMENT: "china" }, "cli", cliIn("AzureUSGovernment")),
            "china",
            "the configured cloud, as the resources (which then refuse the mismatch)",
        );
        assert.equal(await cloudOf({}, "cli", cliIn("AzureUSGovernment")), "usgovernment");
        assert.equal(await cloudOf({}, "secret", cliIn("AzureUSGovernment")), "public", "the CLI is not the sign-in: not asked");
        assert.equal(await cloudOf({ ARM_ENVIRONMENT: "public" }, "secret", undefined, { environment: "usgovernment" }), "usgovernment");
        assert.equal(await cloudOf(CUSTOM, "secret"), undefined);
        assert.equal(await cloudOf({}, "cli", cliIn("ContosoStack", { ContosoStack: AZURE_STACK })), undefined);
    });

    describe("through the real `az` on PATH", () => {
        let savedPath: string | undefined;
        const saved: NodeJS.ProcessEnv = {};
        beforeEach(() => {
            savedPath = process.env.PATH;
            for (const k of Object.keys(process.env)) {
                if (!/^(ARM|AZURE)_/.test(k)) continue;
                saved[k] = process.env[k];
                delete process.env[k];
            }
        });
        afterEach(() => {
            process.env.PATH = savedPath;
            for (const k of Object.keys(process.env)) if (/^(ARM|AZURE)_/.test(k)) delete process.env[k];
            Object.assign(process.env, saved);
        });

        it("reads `az account show`, and says what failed when `az` fails or is missing", async () => {
            const az = fakeAzureCli({ environmentName: "AzureUSGovernment" });
            process.env.PATH = `${az}:${savedPath}`;
            assert.equal((await azureCli.accountShow()).environmentName, "AzureUSGovernment");
            assert.equal((await azureCli.accountShow()).environmentName, "AzureUSGovernment");
            const asked = readFileSync(path.join(az, "calls.log"), "utf8").trim().split("\n");
            assert.deepEqual(asked, ["account show -o json"], "asked once per process and profile, as azure-native asks once");
            for (let i = 0; i < 2; i++) {
                await assert.rejects(azureCli.cloudShow("ContosoStack"), /az cloud show --name ContosoStack failed: ERROR: Unknown cloud 'ContosoStack'/);
            }
            const again = readFileSync(path.join(az, "calls.log"), "utf8").trim().split("\n");
            assert.equal(again.filter((c) => c.startsWith("cloud show")).length, 2, "a failed answer is asked again");
            process.env.PATH = path.join(__dirname, "no-such-folder");
            await assert.rejects(azureCli.accountShow(), /az account show failed: the Azure CLI \(`az`\) is not on PATH/);
        });

        it("one credential per process and target: an approval's polls and every later lifecycle call ask `az` for a token once", async () => {
            const az = fakeAzureCli({ environmentName: "AzureCloud" });
            process.env.PATH = `${az}:${savedPath}`;
            const arm = new FakeResourceManager();
            await arm.start();
            try {
                const site = arm.addTarget("Microsoft.Web/sites", "poll-func");
                const link = arm.addSharedPrivateLink("chat-signalr", "poll-link", { gets: 3 });
                arm.addConnection(site, { name: "poll-conn", status: "Pending", description: "poll message", sharedPrivateLinkResourceId: link });
                const lifecycle = approvalLifecycle({ ca: arm.ca, retryDelayInMs: 20 });
                const inputs = {
                    targetResourceId: site,
                    requestMessage: "poll message",
                    sharedPrivateLinkResourceId: link,
                    resourceManagerEndpoint: arm.endpoint,
                    pollIntervalSeconds: 0.02,
                    timeoutSeconds: 10,
                };
                const { id, outs } = await lifecycle.create(inputs);
                for (let i = 0; i < 3; i++) await lifecycle.read(id, outs);
                await lifecycle.update(id, outs, { ...inputs, timeoutSeconds: 20 });
                const linkPolls = arm.count("GET", "sharedPrivateLinkResources/poll-link");
                assert.ok(linkPolls >= 4, `the approval polled SignalR (${linkPolls} GETs)`);
                const calls = readFileSync(path.join(az, "calls.log"), "utf8").trim().split("\n");
                assert.deepEqual(
                    calls.filter((c) => c.startsWith("account get-access-token")).length,
                    1,
                    `one token for ${arm.requests.length} requests over 5 lifecycle calls: ${calls.join(" | ")}`,
                );
                assert.equal(calls.filter((c) => c.startsWith("account show")).length, 1);
            } finally {
                await arm.stop();
            }
        });

        it("a cloud registered in the CLI (`az cloud register`, `az cloud set`, as an Azure Stack Hub user signs in): the approval approves there, no endpoint given", async () => {
            const arm = new FakeResourceManager();
            await arm.start();
            const cloud = {
                name: "ContosoStack",
                endpoints: {
                    activeDirectory: "https://login.microsoftonline.com",
                    activeDirectoryResourceId: "https://management.contoso.test/",
                    resourceManager: `${arm.endpoint}/`,
                },
            };
            const az = fakeAzureCli({ environmentName: "ContosoStack", clouds: { ContosoStack: cloud } });
            process.env.PATH = `${az}:${savedPath}`;
            try {
                const site = arm.addTarget("Microsoft.Web/sites", "stack-func");
                const link = arm.addSharedPrivateLink("chat-signalr", "stack-link");
                arm.addConnection(site, { name: "stack-conn", status: "Pending", description: "stack message", sharedPrivateLinkResourceId: link });
                const { outs } = await approvalLifecycle({ ca: arm.ca, retryDelayInMs: 20 }).create({
                    targetResourceId: site,
                    requestMessage: "stack message",
                    sharedPrivateLinkResourceId: link,
                    pollIntervalSeconds: 0.02,
                    timeoutSeconds: 10,
                });
                assert.equal(outs.status, "Approved");
                assert.equal(arm.connection(site, "stack-conn").status, "Approved");
                const calls = readFileSync(path.join(az, "calls.log"), "utf8").trim().split("\n");
                assert.ok(calls.includes("account show -o json") && calls.includes("cloud show --name ContosoStack -o json"), calls.join(" | "));
            } finally {
                await arm.stop();
            }
        });

        it("the resources check the CLI's cloud before sending anything", async () => {
            process.env.PATH = `${fakeAzureCli({ environmentName: "AzureChinaCloud" })}:${savedPath}`;
            process.env.ARM_ENVIRONMENT = "public";
            const functionAppId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-func";
            await assert.rejects(
                systemKeyLifecycle({}).create({ functionAppId, keyName: "signalr_extension", value: "v4lue" }),
                /The configured Azure cloud 'public' does not match the Azure CLI's active cloud 'AzureChinaCloud'/,
            );
        });
    });
});
