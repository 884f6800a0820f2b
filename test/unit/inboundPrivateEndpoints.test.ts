// ServerlessSignalR's inbound private endpoints (AVM's privateEndpoints[]): each endpoint, its DNS
// zone group and its network ACL entry under mocks, the write order, the zone per cloud, and the
// revision that makes an entry be written again after the service is.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR, ServerlessSignalRArgs } from "../../src";
import { FAKE_SUBSCRIPTION_ID as SUB } from "../../src/plan/fakeAzure";
import { unhandledRejectionsDuring } from "../helpers/failures";
import { MockRecorder, valueOf } from "../helpers/mocks";

const VNET_ID = `/subscriptions/${SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients`;
const SUBNET_ID = `${VNET_ID}/subnets/endpoints`;
const ZONE_ID = `/subscriptions/${SUB}/resourceGroups/dns-rg/providers/Microsoft.Network/privateDnsZones/privatelink.service.signalr.net`;
const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/sec-rg/providers/Microsoft.KeyVault/vaults/kv1`;
const PE = "azure-native:network:PrivateEndpoint";
const GROUP = "azure-native:network:PrivateDnsZoneGroup";
const ACL = "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointNetworkAcl";
const ZONE = "azure-native:privatedns:PrivateZone";
const LINK = "azure-native:privatedns:VirtualNetworkLink";

async function deploy(args: Partial<ServerlessSignalRArgs>): Promise<{ rec: MockRecorder; component: ServerlessSignalR }> {
    const rec = new MockRecorder();
    const component = new ServerlessSignalR(
        "chat",
        { resourceGroupName: "app-rg", serviceName: "contoso-signalr", tags: { env: "test" }, ...args },
        { transformations: [rec.transformation] },
    );
    await rec.settle();
    return { rec, component };
}

describe("ServerlessSignalR: inbound private endpoints", () => {
    it("creates the endpoint to the service (group signalr), its zone group and its network ACL entry", async () => {
        const { rec, component } = await deploy({
            privateEndpoints: [{ subnetResourceId: SUBNET_ID, privateDnsZoneGroup: { privateDnsZoneGroupConfigs: [{ privateDnsZoneResourceId: ZONE_ID }] } }],
        });
        const service = rec.one("azure-native:signalrservice:SignalR");
        const pe = rec.one(PE);
        assert.deepEqual([pe.name, pe.parent], ["chat-pe0", "chat"]);
        assert.equal(pe.inputs.privateEndpointName, "pep-contoso-signalr-signalr-0", "AVM's default name");
        assert.equal(pe.inputs.resourceGroupName, "app-rg");
        assert.equal(pe.inputs.location, "westeurope", "the service's region");
        assert.equal((pe.inputs.subnet as { id: string }).id, SUBNET_ID);
        assert.deepEqual(pe.inputs.privateLinkServiceConnections, [{ name: "pep-contoso-signalr-signalr-0", privateLinkServiceId: service.id, groupIds: ["signalr"] }]);
        assert.deepEqual(pe.inputs.tags, { env: "test" });

        const group = rec.one(GROUP);
        assert.deepEqual([group.name, group.parent], ["chat-pe0-dns", "chat"]);
        assert.deepEqual(group.inputs, {
            resourceGroupName: "app-rg",
            privateEndpointName: "pep-contoso-signalr-signalr-0",
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: [{ name: "privatelink.service.signalr.net", privateDnsZoneId: ZONE_ID }],
        });

        const acl = rec.one(ACL);
        assert.deepEqual([acl.name, acl.parent, acl.dependsOn], ["chat-pe0-acl", "chat", ["chat-pe0"]]);
        assert.equal(acl.inputs.serviceId, service.id);
        assert.equal(acl.inputs.privateEndpointId, pe.id);
        assert.deepEqual(acl.inputs.allow, ["ClientConnection", "RESTAPI"], "clients and REST API calls by default");
        assert.match(String(acl.inputs.serviceRevision), /^[0-9a-f]{16}$/);
        assert.deepEqual(await valueOf(component.privateEndpointIds), [pe.id]);
        assert.equal(rec.byType(ZONE).length, 0, "no zone unless asked");
    });

    it("writes to the service one thing at a time: shared links, then each endpoint and its entry, then the refresh and the lock", async () => {
        const { rec } = await deploy({
            upstreamTemplates: [{ urlTemplate: "https://f.example/api" }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID }],
            sharedPrivateEndpoints: [{ name: "kv-pe", targetResourceId: VAULT_ID }],
            privateEndpoints: [
                { name: "pe-clients", subnetResourceId: SUBNET_ID, allowedRequestTypes: ["ClientConnection"] },
                {
                    name: "pe-ops",
                    subnetResourceId: SUBNET_ID,
                    allowedRequestTypes: ["RESTAPI", "Trace"],
                    location: "northeurope",
                    resourceGroupName: "net-rg",
                    tags: { team: "ops" },
                },
            ],
            lock: { kind: "CanNotDelete" },
        });
        const [pe0, pe1] = ["chat-pe0", "chat-pe1"].map((n) => rec.byType(PE).find((r) => r.name === n)!);
        const [acl0, acl1] = ["chat-pe0-acl", "chat-pe1-acl"].map((n) => rec.byType(ACL).find((r) => r.name === n)!);
        assert.deepEqual(pe0.dependsOn, ["chat-kv-pe-link"], "after the last shared private link");
        assert.deepEqual(pe1.dependsOn, ["chat-pe0-acl"], "after the previous endpoint's entry");
        assert.deepEqual([acl0.inputs.allow, acl1.inputs.allow], [["ClientConnection"], ["RESTAPI", "Trace"]]);
        assert.deepEqual(
            [pe1.inputs.privateEndpointName, pe1.inputs.location, pe1.inputs.resourceGroupName, pe1.inputs.tags],
            ["pe-ops", "northeurope", "net-rg", { team: "ops" }],
        );
        assert.equal(rec.byType(GROUP).length, 0, "no zone group without zones");
        const refresh = rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh");
        assert.ok(refresh.dependsOn.includes("chat-pe1-acl") && refresh.dependsOn.includes("chat-pe0-acl"));
        const lock = rec.one("azure-native:authorization:ManagementLockByScope");
        for (const n of ["chat-pe0", "chat-pe0-acl", "chat-pe1", "chat-pe1-acl"]) assert.ok(lock.dependsOn.includes(n), `lock after ${n}`);
    });

    it("creates the cloud's private DNS zone linked to each virtual network, and registers every endpoint without its own zone group in it", async () => {
        const other = `/subscriptions/${SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub`;
        const { rec } = await deploy({
            privateEndpoints: [
                { subnetResourceId: SUBNET_ID },
                { subnetResourceId: SUBNET_ID, privateDnsZoneGroup: { name: "own", privateDnsZoneGroupConfigs: [{ name: "z", privateDnsZoneResourceId: ZONE_ID }] } },
            ],
            privateDnsZone: { virtualNetworkResourceIds: [VNET_ID, pulumi.output(other)] },
        });
        const zone = rec.one(ZONE);
        assert.deepEqual(
            [zone.name, zone.inputs.privateZoneName, zone.inputs.location, zone.inputs.resourceGroupName],
            ["chat-dns-zone", "privatelink.service.signalr.net", "global", "app-rg"],
        );
        const links = rec.byType(LINK).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(
            links.map((l) => [l.name, l.inputs.virtualNetworkLinkName, l.inputs.virtualNetwork, l.inputs.registrationEnabled, l.inputs.privateZoneName]),
            [
                ["chat-dns-link0", "clients-link", { id: VNET_ID }, false, "privatelink.service.signalr.net"],
                ["chat-dns-link1", "hub-link", { id: other }, false, "privatelink.service.signalr.net"],
            ],
        );
        const groups = rec.byType(GROUP).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(groups[0].inputs.privateDnsZoneConfigs, [{ name: "privatelink.service.signalr.net", privateDnsZoneId: zone.id }]);
        assert.deepEqual(groups[1].inputs.privateDnsZoneConfigs, [{ name: "z", privateDnsZoneId: ZONE_ID }], "its own zone group wins");
        assert.equal(groups[1].inputs.privateDnsZoneGroupName, "own");
    });

    for (const [environment, zoneName] of [
        ["china", "privatelink.signalr.azure.cn"],
        ["usgovernment", "privatelink.signalr.azure.us"],
    ]) {
        it(`names the zone ${zoneName} in the ${environment} cloud, and tells the entry where Resource Manager is`, async () => {
            pulumi.runtime.setAllConfig({ "azure-native:environment": environment });
            try {
                const { rec } = await deploy({ privateEndpoints: [{ subnetResourceId: SUBNET_ID }], privateDnsZone: { virtualNetworkResourceIds: [VNET_ID] } });
                assert.equal(rec.one(ZONE).inputs.privateZoneName, zoneName);
                assert.match(String(rec.one(ACL).inputs.resourceManagerEndpoint), environment === "china" ? /chinacloudapi\.cn$/ : /usgovcloudapi\.net$/);
            } finally {
                pulumi.runtime.setAllConfig({});
            }
        });
    }

    it("gives each entry a revision that changes exactly when what the component sends to the service does", async () => {
        const revision = async (args: Partial<ServerlessSignalRArgs>) =>
            String((await deploy({ privateEndpoints: [{ subnetResourceId: SUBNET_ID }], ...args })).rec.one(ACL).inputs.serviceRevision);
        const base = await revision({});
        assert.equal(await revision({}), base, "the same service: the same revision (no update)");
        assert.notEqual(await revision({ tags: { env: "prod" } }), base, "a new tag rewrites the service: the entry follows");
        assert.notEqual(await revision({ networkAcls: { publicNetworkAllow: ["ClientConnection"] } }), base);
        assert.equal(
            await revision({ privateEndpoints: [{ subnetResourceId: SUBNET_ID, allowedRequestTypes: ["Trace"] }] }),
            base,
            "the endpoint's own settings are not the service's",
        );
    });

    it("checks an Output-typed subnet once known, naming the entry's full path", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            const { rec } = await deploy({ privateEndpoints: [{ subnetResourceId: pulumi.output(VNET_ID) }] });
            assert.deepEqual([rec.byType(PE).length, rec.byType(ACL).length], [0, 0], "neither the endpoint nor its entry is registered");
        });
        assert.ok(
            messages.some((m) => m.includes("`privateEndpoints[0].subnetResourceId` must be the resource id of a subnet (Microsoft.Network/virtualNetworks/subnets)")),
            messages.join("\n"),
        );
    });
});
