// ServerlessSignalR.replicas under Pulumi mocks: one SignalRReplica each, in the service's one-writer
// order, the approvals told the replica names, the outputs per replica; every bad argument refused
// with its path before anything is registered.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as fc from "fast-check";
import { MAX_REPLICAS, ServerlessSignalR, ServerlessSignalRArgs, ValidationError, normalizeLocation } from "../../src";
import { FAKE_SUBSCRIPTION_ID } from "../../src/plan/fakeAzure";
import { unhandledRejectionsDuring } from "../helpers/failures";
import { MockRecorder, valueOf } from "../helpers/mocks";

const SITE = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-func`;
const VAULT = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/app-rg/providers/Microsoft.KeyVault/vaults/contoso-kv`;
const REPLICA = "azure-native:signalrservice:SignalRReplica";
const LINK = "azure-native:signalrservice:SignalRSharedPrivateLinkResource";
const APPROVAL = "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval";
const REGION_ENDPOINT = "pulumi-nodejs:dynamic/signalr-serverless:ReplicaRegionEndpoint";
const BASE: ServerlessSignalRArgs = { resourceGroupName: "app-rg", serviceName: "contoso-chat", location: "westeurope", sku: "Premium_P1" };

async function deploy(args: ServerlessSignalRArgs, name = "chat") {
    const rec = new MockRecorder();
    const component = new ServerlessSignalR(name, args, { transformations: [rec.transformation] });
    await rec.settle();
    return { rec, component };
}

describe("ServerlessSignalR replicas", () => {
    it("one SignalRReplica per entry: explicit name, normalized region, Premium SKU, endpoint setting as Azure's strings", async () => {
        const { rec } = await deploy({
            ...BASE,
            tags: { team: "chat" },
            replicas: [
                { location: "East US" },
                { location: "northeurope", name: "chat-north", sku: "Premium_P2", capacity: 200, regionEndpointEnabled: false, tags: { dr: "yes" } },
            ],
        });
        const east = rec.one(REPLICA, "chat-replica-eastus");
        assert.equal(east.parent, "chat");
        assert.deepEqual(east.inputs, {
            resourceGroupName: "app-rg",
            resourceName: "contoso-chat",
            replicaName: "contoso-chat-eastus",
            location: "eastus",
            sku: { name: "Premium_P1", tier: "Premium", capacity: 1 },
            regionEndpointEnabled: "Enabled",
            resourceStopped: "false",
            tags: { team: "chat" },
        });
        const north = rec.one(REPLICA, "chat-replica-northeurope");
        assert.equal(north.inputs.replicaName, "chat-north");
        assert.deepEqual(north.inputs.sku, { name: "Premium_P2", tier: "Premium", capacity: 200 });
        assert.equal(north.inputs.regionEndpointEnabled, "Disabled");
        assert.deepEqual(north.inputs.tags, { dr: "yes" });
    });

    it("replica writes are writes to the service: after it, one at a time, before the shared private links; the approvals know the replicas", async () => {
        const { rec, component } = await deploy({
            ...BASE,
            upstreamTemplates: [
                {
                    urlTemplate:
                        "https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code={@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/k)}",
                },
            ],
            keyVaultAccess: [{ keyVaultId: VAULT, secretNames: ["k"] }],
            replicas: [{ location: "eastus" }, { location: "westus" }],
            sharedPrivateEndpoints: [
                { name: "func-pe", targetResourceId: SITE },
                { name: "vault-pe", targetResourceId: VAULT },
            ],
            lock: { kind: "CanNotDelete" },
        });
        assert.deepEqual(rec.one(REPLICA, "chat-replica-eastus").dependsOn, ["chat-service"]);
        assert.deepEqual(rec.one(REPLICA, "chat-replica-westus").dependsOn, ["chat-replica-eastus"]);
        assert.deepEqual(rec.one(LINK, "chat-func-pe-link").dependsOn, ["chat-replica-westus"], "the first link after the last replica: SignalR copies it to each");
        assert.deepEqual(rec.one(LINK, "chat-vault-pe-link").dependsOn, ["chat-func-pe-link"]);
        for (const a of rec.byType(APPROVAL)) assert.deepEqual(a.inputs.replicaNames, ["contoso-chat-eastus", "contoso-chat-westus"]);
        const refresh = rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh");
        assert.ok(refresh.dependsOn.includes("chat-replica-eastus") && refresh.dependsOn.includes("chat-replica-westus"));
        const lock = rec.one("azure-native:authorization:ManagementLockByScope");
        assert.ok(lock.dependsOn.includes("chat-replica-westus"), "the lock comes after every replica write");

        const replicas = await valueOf(component.replicas);
        assert.deepEqual(
            replicas.map((r) => ({ name: r.name, location: r.location, sharedPrivateEndpoints: r.sharedPrivateEndpoints })),
            [
                { name: "contoso-chat-eastus", location: "eastus", sharedPrivateEndpoints: { "func-pe": "Approved", "vault-pe": "Approved" } },
                { name: "contoso-chat-westus", location: "westus", sharedPrivateEndpoints: { "func-pe": "Approved", "vault-pe": "Approved" } },
            ],
        );
        assert.match(replicas[0].id, /\/providers\/Microsoft\.SignalRService\/signalR\/contoso-chat\/replicas\/contoso-chat-eastus$/);
    });

    it("with shared private endpoints each replica is created Disabled, and its ReplicaRegionEndpoint sets the value asked after the approvals and every other write", async () => {
        const { rec } = await deploy({
            ...BASE,
            upstreamTemplates: [
                {
                    urlTemplate:
                        "https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code={@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/k)}",
                },
            ],
            keyVaultAccess: [{ keyVaultId: VAULT, secretNames: ["k"] }],
            replicas: [{ location: "eastus" }, { location: "westus", regionEndpointEnabled: false }],
            sharedPrivateEndpoints: [{ name: "func-pe", targetResourceId: SITE }],
            privateEndpoints: [
                { name: "clients", subnetResourceId: `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe` },
            ],
            lock: { kind: "CanNotDelete" },
        });
        for (const name of ["chat-replica-eastus", "chat-replica-westus"]) {
            const replica = rec.one(REPLICA, name);
            assert.equal(replica.inputs.regionEndpointEnabled, "Disabled", `${name}: off until its copies are approved`);
            assert.deepEqual(replica.ignoreChanges, ["regionEndpointEnabled"], `${name}: the value is the ReplicaRegionEndpoint's`);
        }
        const east = rec.one(REGION_ENDPOINT, "chat-replica-eastus-endpoint");
        const west = rec.one(REGION_ENDPOINT, "chat-replica-westus-endpoint");
        assert.equal(east.parent, "chat");
        assert.equal(east.inputs.replicaId, rec.one(REPLICA, "chat-replica-eastus").id);
        assert.equal(east.inputs.regionEndpointEnabled, "Enabled");
        assert.equal(west.inputs.regionEndpointEnabled, "Disabled");
        // After the approval (inside the endpoint component), the re-read and the ACL entries: writes to the service, one at a time.
        for (const before of ["chat-func-pe", "chat-upstream-refresh", "chat-pe-clients-acl"])
            assert.ok(east.dependsOn.includes(before), `${before} in ${east.dependsOn.join(", ")}`);
        assert.deepEqual(west.dependsOn, ["chat-replica-eastus-endpoint"]);
        const lock = rec.one("azure-native:authorization:ManagementLockByScope");
        assert.ok(lock.dependsOn.includes("chat-replica-westus-endpoint"), "the lock comes after the last replica write");
        assert.ok(!("operationPollIntervalSeconds" in east.inputs), "no new input on existing stacks: no diff");
    });

    it("passes replicaRegionEndpointPollIntervalSeconds to every ReplicaRegionEndpoint as its operation poll", async () => {
        const { rec } = await deploy({
            ...BASE,
            replicas: [{ location: "eastus" }, { location: "westus" }],
            sharedPrivateEndpoints: [{ name: "func-pe", targetResourceId: SITE }],
            replicaRegionEndpointPollIntervalSeconds: 0.5,
        });
        for (const name of ["chat-replica-eastus-endpoint", "chat-replica-westus-endpoint"])
            assert.equal(rec.one(REGION_ENDPOINT, name).inputs.operationPollIntervalSeconds, 0.5, name);
    });

    it("without shared private endpoints nothing waits: the replica gets the value asked at once, and no ReplicaRegionEndpoint", async () => {
        const { rec } = await deploy({ ...BASE, replicas: [{ location: "eastus" }] });
        assert.equal(rec.one(REPLICA).inputs.regionEndpointEnabled, "Enabled");
        assert.deepEqual(rec.one(REPLICA).ignoreChanges, []);
        assert.deepEqual(rec.byType(REGION_ENDPOINT), []);
    });

    it("without replicas the approvals' inputs are as before (no replicaNames), and the output is empty", async () => {
        const { rec, component } = await deploy({ ...BASE, sharedPrivateEndpoints: [{ name: "func-pe", targetResourceId: SITE }] });
        assert.equal(rec.one(APPROVAL).inputs.replicaNames, undefined);
        assert.deepEqual(rec.one(LINK).dependsOn, []);
        assert.deepEqual(await valueOf(component.replicas), []);
    });

    it("an autonamed service: the default replica names follow the service's name once known", async () => {
        const { rec } = await deploy({ resourceGroupName: "app-rg", sku: "Premium_P1", replicas: [{ location: "eastus" }] });
        const service = rec.one("azure-native:signalrservice:SignalR");
        assert.equal(rec.one(REPLICA).inputs.replicaName, `${service.id.split("/").pop()}-eastus`);
    });

    it("an Output-typed primary location equal to a replica's fails once known, naming the replica", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            await deploy({ ...BASE, location: pulumi.output("West Europe"), replicas: [{ location: "westeurope" }] });
        });
        assert.ok(
            messages.some((m) => /`replicas\[0\]\.location` must differ from the primary's location \(West Europe\)/.test(m)),
            messages.join("\n"),
        );
    });

    const bad: [string, Partial<ServerlessSignalRArgs>, RegExp][] = [
        [
            "a Standard primary",
            { sku: "Standard_S1", replicas: [{ location: "eastus" }] },
            /^`replicas` need the primary on Premium \(sku Premium_P1 or Premium_P2\): geo-replication requires the Premium tier; sku is Standard_S1/,
        ],
        ["the default SKU", { sku: undefined, replicas: [{ location: "eastus" }] }, /^`replicas` need the primary on Premium.*sku is Standard_S1/],
        ["more than 8", { replicas: Array.from({ length: 9 }, (_, i) => ({ location: `region${i}` })) }, /^`replicas` must hold at most 8 replicas/],
        [
            "two spellings of one region",
            { replicas: [{ location: "eastus" }, { location: "East US" }] },
            /^`replicas\[1\]\.location` must be distinct: replicas\[0\] is in the same region \(eastus\)/,
        ],
        ["the primary's region", { replicas: [{ location: "West Europe" }] }, /^`replicas\[0\]\.location` must differ from the primary's location \(westeurope\)/],
        ["no location", { replicas: [{} as never] }, /^`replicas\[0\]\.location` is required/],
        ["a location with a slash", { replicas: [{ location: "east/us" }] }, /^`replicas\[0\]\.location` is required: an Azure region name/],
        ["a bad name", { replicas: [{ location: "eastus", name: "1bad" }] }, /^`replicas\[0\]\.name` must be 3-63 letters/],
        [
            "a default name too long",
            { serviceName: `a${"b".repeat(56)}`, replicas: [{ location: "southeastasia" }] },
            /^`replicas\[0\]\.name` must be 3-63 letters.*\(the default `<serviceName>-<location>` is too long or invalid here: set `name`\)/,
        ],
        ["the service's name", { replicas: [{ location: "eastus", name: "Contoso-Chat" }] }, /^`replicas\[0\]\.name` must differ from the service's name/],
        [
            "two equal names",
            {
                replicas: [
                    { location: "eastus", name: "chat-dr" },
                    { location: "westus", name: "CHAT-DR" },
                ],
            },
            /^`replicas\[1\]\.name` must be unique ignoring case: replicas\[0\] has it/,
        ],
        ["a Standard replica", { replicas: [{ location: "eastus", sku: "Standard_S1" }] }, /^`replicas\[0\]\.sku` must be one of Premium_P1, Premium_P2/],
        ["units P2 does not have", { replicas: [{ location: "eastus", sku: "Premium_P2", capacity: 150 }] }, /^`replicas\[0\]\.capacity` must be one of 100, 200/],
        [
            "a string endpoint flag",
            { replicas: [{ location: "eastus", regionEndpointEnabled: "Disabled" as never }] },
            /^`replicas\[0\]\.regionEndpointEnabled` must be true or false/,
        ],
        ["an unknown key", { replicas: [{ location: "eastus", resourceStopped: true } as never] }, /^`replicas\[0\]\.resourceStopped` is not a known argument/],
        ["not a list", { replicas: { location: "eastus" } as never }, /^`replicas` must be a list/],
    ];
    for (const [what, args, message] of bad) {
        it(`refuses ${what} before anything is registered`, async () => {
            const rec = new MockRecorder();
            assert.throws(
                () => new ServerlessSignalR("chat", { ...BASE, ...args } as ServerlessSignalRArgs, { transformations: [rec.transformation] }),
                (e: unknown) => e instanceof ValidationError && message.test(e.message),
            );
            await rec.settle();
            assert.deepEqual(rec.resources, []);
        });
    }

    it("at most MAX_REPLICAS (8, Azure's limit) are accepted", async () => {
        const { rec } = await deploy({ ...BASE, replicas: Array.from({ length: MAX_REPLICAS }, (_, i) => ({ location: `region${i}` })) });
        assert.equal(rec.byType(REPLICA).length, 8);
    });

    it("property: two spellings of one region (case, spaces) are always refused as the same region", () => {
        const word = fc.stringMatching(/^[a-z][a-z0-9]{1,8}$/);
        fc.assert(
            fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (words, upper) => {
                const plain = words.join("");
                const spelled = words.map((w, i) => (upper[i % upper.length] ? w[0].toUpperCase() + w.slice(1) : w.toUpperCase())).join(upper[0] ? " " : "  ");
                assert.equal(normalizeLocation(spelled), plain);
                assert.equal(normalizeLocation(normalizeLocation(spelled)), normalizeLocation(spelled), "idempotent");
                assert.throws(
                    () => new ServerlessSignalR("chat", { ...BASE, location: "primaryregion", replicas: [{ location: plain }, { location: spelled }] }),
                    /`replicas\[1\]\.location` must be distinct/,
                );
            }),
            { numRuns: 200 },
        );
    });
});
