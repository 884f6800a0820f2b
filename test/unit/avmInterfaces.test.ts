// The Azure Verified Module's standard interfaces on ServerlessSignalR (roleAssignments, lock,
// diagnosticSettings): each child's type, name, parent and inputs under mocks, and Microsoft's
// documented valid forms accepted.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR, ServerlessSignalRArgs, deterministicGuid } from "../../src";
import { BUILT_IN_ROLES, roleDefinitionGuid } from "../../src/arm/builtInRoles";
import { checkIpRuleValue } from "../../src/arm/ipRule";
import { checkTags } from "../../src/arm/tags";
import { FAKE_SUBSCRIPTION_ID } from "../../src/plan/fakeAzure";
import { unhandledRejectionsDuring } from "../helpers/failures";
import { MockRecorder } from "../helpers/mocks";

const SUB = FAKE_SUBSCRIPTION_ID;
const WORKSPACE_ID = `/subscriptions/${SUB}/resourceGroups/ops-rg/providers/Microsoft.OperationalInsights/workspaces/ops-logs`;
const STORAGE_ID = `/subscriptions/${SUB}/resourceGroups/ops-rg/providers/Microsoft.Storage/storageAccounts/opslogs`;
const EVENT_HUB_RULE_ID = `/subscriptions/${SUB}/resourceGroups/ops-rg/providers/Microsoft.EventHub/namespaces/ops-hub/authorizationRules/RootManageSharedAccessKey`;
const SIGNALR = "azure-native:signalrservice:SignalR";

async function deploy(args: Partial<ServerlessSignalRArgs>): Promise<MockRecorder> {
    const rec = new MockRecorder();
    new ServerlessSignalR("chat", { resourceGroupName: "app-rg", ...args }, { transformations: [rec.transformation] });
    await rec.settle();
    return rec;
}

describe("ServerlessSignalR: roleAssignments, lock, diagnosticSettings", () => {
    it("assigns roles on the service with deterministic names, by built-in name, GUID or id", async () => {
        const principal = "9f2b6c1e-0000-4000-8000-00000000abcd";
        const rec = await deploy({
            roleAssignments: [
                { roleDefinitionIdOrName: "SignalR App Server", principalId: principal, principalType: "ServicePrincipal" },
                { roleDefinitionIdOrName: "ddde6b66-c0df-4114-a159-3618637b3035", principalId: pulumi.output(principal), description: "dashboards" },
                { roleDefinitionIdOrName: "/providers/Microsoft.Authorization/roleDefinitions/fd53cd77-2268-407a-8f46-7e7863d0f521", principalId: principal },
            ],
        });
        const service = rec.one(SIGNALR);
        const roles = rec.byType("azure-native:authorization:RoleAssignment").sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(
            roles.map((r) => [r.name, r.parent]),
            [
                ["chat-role0", "chat"],
                ["chat-role1", "chat"],
                ["chat-role2", "chat"],
            ],
        );
        const guids = ["420fcaa2-552c-430f-98ca-3264be4806c7", "ddde6b66-c0df-4114-a159-3618637b3035", "fd53cd77-2268-407a-8f46-7e7863d0f521"];
        roles.forEach((r, i) => {
            assert.equal(r.inputs.scope, service.id);
            assert.equal(r.inputs.principalId, principal);
            assert.equal(r.inputs.roleDefinitionId, `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guids[i]}`);
            assert.equal(r.inputs.roleAssignmentName, deterministicGuid(service.id, principal, guids[i]), "the same name on every run");
        });
        assert.equal(roles[0].inputs.principalType, "ServicePrincipal");
        assert.equal(roles[1].inputs.description, "dashboards");
        // The same role by name and by GUID is the same assignment name: no duplicate on a rewrite.
        assert.equal(roleDefinitionGuid("r", "SignalR App Server"), roleDefinitionGuid("r", "420FCAA2-552C-430F-98CA-3264BE4806C7"));
    });

    it("locks the service last, after every other write to it", async () => {
        const rec = await deploy({
            upstreamTemplates: [{ urlTemplate: "https://f.example/api" }],
            roleAssignments: [{ roleDefinitionIdOrName: "SignalR App Server", principalId: "p" }],
            diagnosticSettings: [{ workspaceResourceId: WORKSPACE_ID }],
            sharedPrivateEndpoints: [{ name: "kv-pe", targetResourceId: `/subscriptions/${SUB}/resourceGroups/sec-rg/providers/Microsoft.KeyVault/vaults/kv1` }],
            lock: { kind: "CanNotDelete" },
        });
        const lock = rec.one("azure-native:authorization:ManagementLockByScope");
        assert.equal(lock.name, "chat-lock");
        assert.equal(lock.parent, "chat");
        assert.equal(lock.inputs.scope, rec.one(SIGNALR).id);
        assert.equal(lock.inputs.level, "CanNotDelete");
        assert.equal(lock.inputs.lockName, `lock-${rec.one(SIGNALR).id.split("/").pop()}`, "AVM's default: lock-<service name>");
        assert.deepEqual(lock.dependsOn, ["chat-kv-pe", "chat-role0", "chat-diagnostics0"]);
        const none = await deploy({ lock: { kind: "None" } });
        assert.equal(none.byType("azure-native:authorization:ManagementLockByScope").length, 0, "kind None: no lock");
        const named = await deploy({ lock: { kind: "ReadOnly", name: "freeze" } });
        assert.equal(named.one("azure-native:authorization:ManagementLockByScope").inputs.lockName, "freeze");
    });

    it("sends all logs and metrics to each destination by default, with AVM's setting name", async () => {
        const rec = await deploy({
            serviceName: "contoso-chat",
            diagnosticSettings: [
                { workspaceResourceId: WORKSPACE_ID, logAnalyticsDestinationType: "Dedicated" },
                {
                    name: "archive",
                    storageAccountResourceId: STORAGE_ID,
                    eventHubAuthorizationRuleResourceId: EVENT_HUB_RULE_ID,
                    eventHubName: "signalr",
                    logCategoriesAndGroups: [{ category: "AllLogs" }, { categoryGroup: "audit", enabled: false }],
                    metricCategories: [{ category: "AllMetrics", enabled: false }],
                },
            ],
        });
        const [first, second] = rec.byType("azure-native:monitor:DiagnosticSetting").sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual([first.name, first.parent, second.name], ["chat-diagnostics0", "chat", "chat-diagnostics1"]);
        assert.equal(first.inputs.resourceUri, rec.one(SIGNALR).id);
        assert.deepEqual(first.inputs, {
            resourceUri: rec.one(SIGNALR).id,
            name: "contoso-chat-diagnosticSettings",
            workspaceId: WORKSPACE_ID,
            logAnalyticsDestinationType: "Dedicated",
            logs: [{ categoryGroup: "allLogs", enabled: true }],
            metrics: [{ category: "AllMetrics", enabled: true }],
        });
        assert.deepEqual(second.inputs, {
            resourceUri: rec.one(SIGNALR).id,
            name: "archive",
            storageAccountId: STORAGE_ID,
            eventHubAuthorizationRuleId: EVENT_HUB_RULE_ID,
            eventHubName: "signalr",
            logs: [
                { category: "AllLogs", enabled: true },
                { categoryGroup: "audit", enabled: false },
            ],
            metrics: [{ category: "AllMetrics", enabled: false }],
        });
    });

    it("checks an Output-typed destination once known, and an Output-typed target with the entry's full path", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            await deploy({
                diagnosticSettings: [{ workspaceResourceId: pulumi.output(STORAGE_ID) }],
                sharedPrivateEndpoints: [
                    { name: "kv-pe", targetResourceId: pulumi.output(`/subscriptions/${SUB}/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv1`), groupId: "sites" },
                ],
            });
        });
        assert.ok(
            messages.some((m) => m.includes("`diagnosticSettings[0].workspaceResourceId` must be the resource id of a Microsoft.OperationalInsights/workspaces")),
            messages.join("\n"),
        );
        assert.ok(
            messages.some((m) => m.includes("`sharedPrivateEndpoints[0].groupId` must be `vault`")),
            messages.join("\n"),
        );
    });

    it("checks an Output-typed tag value once known", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            await deploy({ tags: { owner: pulumi.output("x".repeat(257)) } });
        });
        assert.ok(
            messages.some((m) => m.includes('`tags["owner"]` must have a value of at most 256 characters')),
            messages.join("\n"),
        );
    });
});

describe("Microsoft's documented valid forms are accepted", () => {
    it("IP rules: addresses, CIDR ranges (IPv4 and IPv6) and service tags", () => {
        for (const value of [
            "123.0.0.0/24",
            "10.0.0.1",
            "0.0.0.0/0",
            "2001:db8::/32",
            "::1",
            "2001:db8::1/128",
            "AzureFrontDoor.Backend",
            "AzureCloud.WestEurope",
            "ApiManagement",
        ]) {
            assert.doesNotThrow(() => checkIpRuleValue("v", value), value);
        }
    });
    it("tags: 50 tags, 512-character names, 256-character values, names with spaces, dots, colons and hyphens", () => {
        assert.doesNotThrow(() => checkTags("tags", Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "v"]))));
        assert.doesNotThrow(() => checkTags("tags", { ["n".repeat(512)]: "v".repeat(256), "cost center": "a", "app.tier:web-1": "b", Environment: "" }));
    });
    it("every built-in role name resolves to its GUID", () => {
        for (const [name, guid] of Object.entries(BUILT_IN_ROLES)) assert.equal(roleDefinitionGuid("r", name), guid);
        assert.equal(
            roleDefinitionGuid("r", `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/420fcaa2-552c-430f-98ca-3264be4806c7`),
            "420fcaa2-552c-430f-98ca-3264be4806c7",
        );
    });
});
