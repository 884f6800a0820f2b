// SignalR's private DNS zone follows the cloud the ARM-backed resources talk to (issue 21 item 8):
// azure-native:environment, ARM_ENVIRONMENT / AZURE_ENVIRONMENT, or the Azure CLI's active cloud
// (pulumi-azure-native auth_azidentity.go getCloud and NewAzCoreIdentity). Zone names: Azure's
// private endpoint DNS zone table (privatelink.service.signalr.net, .signalr.azure.cn, .signalr.azure.us).
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR } from "../../src";
import { FAKE_SUBSCRIPTION_ID as SUB } from "../../src/plan/fakeAzure";
import { MockRecorder } from "../helpers/mocks";
import { fakeAzureCli } from "../support/fakeAzureCli";

const VNET_ID = `/subscriptions/${SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients`;
const ZONE = "azure-native:privatedns:PrivateZone";
const LINK = "azure-native:privatedns:VirtualNetworkLink";

/** The zone name and its links' zone name for a ServerlessSignalR with an inbound endpoint and a zone. */
async function zoneNames(): Promise<string[]> {
    const rec = new MockRecorder();
    new ServerlessSignalR(
        "chat",
        {
            resourceGroupName: "app-rg",
            serviceName: "contoso-signalr",
            privateEndpoints: [{ subnetResourceId: `${VNET_ID}/subnets/endpoints` }],
            privateDnsZone: { virtualNetworkResourceIds: [VNET_ID] },
        },
        { transformations: [rec.transformation] },
    );
    await rec.settle();
    return [rec.one(ZONE).inputs.privateZoneName, rec.one(LINK).inputs.privateZoneName];
}

describe("the private DNS zone's cloud (the ARM-backed resources' choice)", () => {
    const saved: NodeJS.ProcessEnv = {};
    beforeEach(() => {
        saved.PATH = process.env.PATH;
        for (const k of Object.keys(process.env)) {
            if (!/^(ARM|AZURE)_/.test(k)) continue;
            saved[k] = process.env[k];
            delete process.env[k];
        }
    });
    afterEach(() => {
        for (const k of Object.keys(process.env)) if (/^(ARM|AZURE)_/.test(k)) delete process.env[k];
        Object.assign(process.env, saved);
        pulumi.runtime.setAllConfig({});
    });

    it("ARM_ENVIRONMENT or AZURE_ENVIRONMENT: that cloud's zone", async () => {
        process.env.PATH = fakeAzureCli({ environmentName: "AzureChinaCloud" }); // the CLI agrees; it is not what decides here
        process.env.ARM_ENVIRONMENT = "china";
        assert.deepEqual(await zoneNames(), ["privatelink.signalr.azure.cn", "privatelink.signalr.azure.cn"]);
        delete process.env.ARM_ENVIRONMENT;
        process.env.AZURE_ENVIRONMENT = "usgovernment";
        process.env.ARM_CLIENT_SECRET = "s"; // a service principal: the CLI is not asked
        assert.deepEqual(await zoneNames(), ["privatelink.signalr.azure.us", "privatelink.signalr.azure.us"]);
    });

    it("signed in through the Azure CLI with no cloud configured: the CLI's active cloud's zone", async () => {
        process.env.PATH = `${fakeAzureCli({ environmentName: "AzureUSGovernment" })}:${saved.PATH}`;
        assert.deepEqual(await zoneNames(), ["privatelink.signalr.azure.us", "privatelink.signalr.azure.us"]);
        process.env.PATH = `${fakeAzureCli({ environmentName: "AzureCloud" })}:${saved.PATH}`;
        assert.deepEqual(await zoneNames(), ["privatelink.service.signalr.net", "privatelink.service.signalr.net"]);
    });

    it("azure-native:environment before ARM_ENVIRONMENT", async () => {
        process.env.ARM_ENVIRONMENT = "public";
        process.env.ARM_USE_MSI = "true";
        pulumi.runtime.setAllConfig({ "azure-native:environment": "usgovernment" });
        assert.deepEqual(await zoneNames(), ["privatelink.signalr.azure.us", "privatelink.signalr.azure.us"]);
        pulumi.runtime.setAllConfig({ "azure-native:environment": "china", "azure-native:useMsi": "false" });
        process.env.PATH = `${fakeAzureCli({ environmentName: "AzureChinaCloud" })}:${saved.PATH}`;
        assert.deepEqual(await zoneNames(), ["privatelink.signalr.azure.cn", "privatelink.signalr.azure.cn"]);
    });

    it("a cloud that is none of the known ones (a custom cloud) or a CLI that cannot say: the public zone, a warning only for the former", async () => {
        const log = pulumi.log as unknown as { warn: (message: string) => Promise<void> };
        const original = log.warn;
        const warnings: string[] = [];
        log.warn = async (message) => void warnings.push(message);
        try {
            Object.assign(process.env, {
                ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST: "https://login.sovereign.example",
                ARM_RESOURCE_MANAGER_AUDIENCE: "https://management.core.sovereign.example/",
                ARM_RESOURCE_MANAGER_ENDPOINT: "https://management.sovereign.example",
                ARM_CLIENT_SECRET: "s",
            });
            assert.deepEqual(await zoneNames(), ["privatelink.service.signalr.net", "privatelink.service.signalr.net"]);
            assert.deepEqual(warnings, ["The Azure cloud is none of public, china, usgovernment: the private DNS zone is named privatelink.service.signalr.net."]);
            for (const k of Object.keys(process.env)) if (/^ARM_/.test(k)) delete process.env[k];
            process.env.PATH = "/nonexistent";
            assert.deepEqual(await zoneNames(), ["privatelink.service.signalr.net", "privatelink.service.signalr.net"]);
            assert.equal(warnings.length, 1, "no az: the ARM-backed resources name that error themselves");
        } finally {
            log.warn = original;
        }
    });
});
