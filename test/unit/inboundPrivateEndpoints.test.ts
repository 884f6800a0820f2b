// ServerlessSignalR's inbound private endpoints (AVM's privateEndpoints[]): each endpoint, its DNS
// zone group and its network ACL entry under mocks, the write order, the zone per cloud, and the
// revision that makes an entry be written again after the service is.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR, ServerlessSignalRArgs } from "../../src";
import { createInboundPrivateEndpoints } from "../../src/components/inboundPrivateEndpoints";
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
        const [pe0, pe1] = ["chat-pe-pe-clients", "chat-pe-pe-ops"].map((n) => rec.one(PE, n));
        const [acl0, acl1] = ["chat-pe-pe-clients-acl", "chat-pe-pe-ops-acl"].map((n) => rec.one(ACL, n));
        assert.deepEqual(pe0.dependsOn, ["chat-kv-pe-link"], "after the last shared private link");
        assert.deepEqual(pe1.dependsOn, ["chat-pe-pe-clients-acl"], "after the previous endpoint's entry");
        assert.deepEqual([acl0.inputs.allow, acl1.inputs.allow], [["ClientConnection"], ["RESTAPI", "Trace"]]);
        assert.deepEqual(
            [pe1.inputs.privateEndpointName, pe1.inputs.location, pe1.inputs.resourceGroupName, pe1.inputs.tags],
            ["pe-ops", "northeurope", "net-rg", { team: "ops" }],
        );
        assert.equal(rec.byType(GROUP).length, 0, "no zone group without zones");
        const refresh = rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh");
        assert.ok(refresh.dependsOn.includes("chat-pe-pe-ops-acl") && refresh.dependsOn.includes("chat-pe-pe-clients-acl"));
        const lock = rec.one("azure-native:authorization:ManagementLockByScope");
        // After each: so with `lock: None` in the update that removes one, the engine deletes the lock (which depends on it) first.
        for (const n of ["chat-kv-pe", "chat-pe-pe-clients", "chat-pe-pe-clients-acl", "chat-pe-pe-ops", "chat-pe-pe-ops-acl"])
            assert.ok(lock.dependsOn.includes(n), `lock after ${n}`);
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

    it("keys a named endpoint's children by its name: removing privateEndpoints[0] leaves the others' names as they were", async () => {
        const named = (n: string) => ({ name: n, subnetResourceId: SUBNET_ID, privateDnsZoneGroup: { privateDnsZoneGroupConfigs: [{ privateDnsZoneResourceId: ZONE_ID }] } });
        const names = (rec: MockRecorder) => [PE, GROUP, ACL].flatMap((t) => rec.byType(t).map((r) => r.name)).sort();
        const both = await deploy({ privateEndpoints: [named("pe-a"), named("pe-b")] });
        const onlyB = await deploy({ privateEndpoints: [named("pe-b")] });
        assert.deepEqual(names(onlyB.rec), ["chat-pe-pe-b", "chat-pe-pe-b-acl", "chat-pe-pe-b-dns"]);
        assert.ok(
            names(onlyB.rec).every((n) => names(both.rec).includes(n)),
            "the same names as before the removal",
        );
        // Unnamed, an endpoint's Azure name holds its position (AVM's default), and so does its key.
        const unnamed = await deploy({ privateEndpoints: [{ subnetResourceId: SUBNET_ID }] });
        assert.deepEqual(names(unnamed.rec), ["chat-pe0", "chat-pe0-acl"]);
    });

    it("maps the position-keyed children of an existing stack (chat-pe1, -dns, -acl) to the name-keyed ones through aliases", async () => {
        new MockRecorder();
        const parent = new pulumi.ComponentResource("signalr-serverless:index:ServerlessSignalR", "chat", {}, {});
        const service = {
            id: pulumi.output(`/subscriptions/${SUB}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/s`),
            name: pulumi.output("s"),
            location: pulumi.output("westeurope"),
        };
        const zoneGroup = { privateDnsZoneGroupConfigs: [{ privateDnsZoneResourceId: ZONE_ID }] };
        const out = createInboundPrivateEndpoints(
            { name: "chat", service, resourceGroupName: "app-rg", revision: "r", parent },
            [{ subnetResourceId: SUBNET_ID }, { name: "pe-ops", subnetResourceId: SUBNET_ID, privateDnsZoneGroup: zoneGroup }],
            undefined,
        );
        const urnOf = (type: string, name: string) => `urn:pulumi:stack::project::signalr-serverless:index:ServerlessSignalR$${type}::${name}`;
        const aliasesOf = (r: pulumi.Resource) => Promise.all(((r as unknown as { __aliases: pulumi.Output<string>[] }).__aliases ?? []).map(valueOf));
        const [pe0, dns1, acl0, pe1, acl1] = [out.all[0], out.all[3], out.all[1], out.all[2], out.all[4]];
        assert.deepEqual(await Promise.all([pe0, acl0, pe1, dns1, acl1].map((r) => valueOf(r.urn))), [
            urnOf(PE, "chat-pe0"),
            urnOf(ACL, "chat-pe0-acl"),
            urnOf(PE, "chat-pe-pe-ops"),
            urnOf(GROUP, "chat-pe-pe-ops-dns"),
            urnOf(ACL, "chat-pe-pe-ops-acl"),
        ]);
        // azure-native adds aliases of its own (its older types, same name): ours keep the type and change the name.
        const ours = async (r: pulumi.Resource, type: string) => (await aliasesOf(r)).filter((u) => u.includes(`$${type}::`));
        assert.deepEqual(await ours(pe1, PE), [urnOf(PE, "chat-pe1")], "the endpoint the old version named by its position");
        assert.deepEqual(await ours(dns1, GROUP), [urnOf(GROUP, "chat-pe1-dns")]);
        assert.deepEqual(await ours(acl1, ACL), [urnOf(ACL, "chat-pe1-acl")]);
        assert.deepEqual([await ours(pe0, PE), await ours(acl0, ACL)], [[], []], "an unnamed endpoint keeps its name: no alias");
    });

    it("leaves the service's private endpoint ACL entries to the entries' resources (ignoreChanges), so a refresh's fold is kept", async () => {
        const seen = new Map<string, pulumi.CustomResourceOptions>();
        const rec = new MockRecorder();
        new ServerlessSignalR(
            "chat",
            { resourceGroupName: "app-rg", serviceName: "contoso-signalr", privateEndpoints: [{ subnetResourceId: SUBNET_ID }] },
            {
                transformations: [
                    rec.transformation,
                    (a) => {
                        seen.set(a.type, a.opts);
                        return undefined;
                    },
                ],
            },
        );
        await rec.settle();
        assert.deepEqual(seen.get("azure-native:signalrservice:SignalR")?.ignoreChanges, ["networkACLs.privateEndpoints"]);
        assert.deepEqual(rec.one("azure-native:signalrservice:SignalR").inputs.networkACLs.privateEndpoints, undefined, "never set by the component");
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
