import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { KEY_VAULT_SECRETS_USER_ROLE_ID, ServerlessSignalR, ServerlessSignalRArgs, ValidationError, deterministicGuid, keyVaultSecretReference } from "../../src";
import { FAKE_CREATED_ON, FAKE_SUBSCRIPTION_ID, FAKE_TENANT_ID, fakeGuid } from "../../src/plan/fakeAzure";
import { unhandledRejectionsDuring, warningsDuring } from "../helpers/failures";
import { MockRecorder, valueOf } from "../helpers/mocks";

const SUB = FAKE_SUBSCRIPTION_ID;
const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/sec-rg/providers/Microsoft.KeyVault/vaults/contoso-kv`;
const SECRET_URI = "https://contoso-kv.vault.azure.net/secrets/signalr-key";
const FUNCTION_UPSTREAM = `https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=${keyVaultSecretReference(SECRET_URI)}`;
const SIGNALR = "azure-native:signalrservice:SignalR";
const UAI = "azure-native:managedidentity:UserAssignedIdentity";
const ROLE = "azure-native:authorization:RoleAssignment";
const POLICY = "azure-native:keyvault:AccessPolicy";
const VNET_ID = `/subscriptions/${SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients`;
const SUBNET_ID = `${VNET_ID}/subnets/endpoints`;
const ZONE_ID = `/subscriptions/${SUB}/resourceGroups/dns-rg/providers/Microsoft.Network/privateDnsZones/privatelink.service.signalr.net`;
const WORKSPACE_ID = `/subscriptions/${SUB}/resourceGroups/ops-rg/providers/Microsoft.OperationalInsights/workspaces/ops-logs`;

async function deploy(args: ServerlessSignalRArgs, name = "chat"): Promise<{ rec: MockRecorder; component: ServerlessSignalR }> {
    const rec = new MockRecorder();
    const component = new ServerlessSignalR(name, args, { transformations: [rec.transformation] });
    await rec.settle();
    return { rec, component };
}

/** Lower-cases object keys recursively: ARM treats property names case-insensitively. */
function normalizeKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(normalizeKeys);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), normalizeKeys(v)]));
    return value;
}

describe("ServerlessSignalR", () => {
    it("creates a paid serverless service with secure defaults and nothing else when no upstream needs an identity", async () => {
        const { rec, component } = await deploy({ resourceGroupName: "app-rg", upstreamTemplates: [{ urlTemplate: "https://contoso-func.azurewebsites.net/api/{event}" }] });
        assert.deepEqual(
            rec.resources.map((r) => r.type),
            ["signalr-serverless:index:ServerlessSignalR", SIGNALR],
        );
        const service = rec.one(SIGNALR, "chat-service");
        assert.equal(service.parent, "chat");
        assert.deepEqual(service.inputs.sku, { name: "Standard_S1", tier: "Standard" });
        assert.equal(service.inputs.kind, "SignalR");
        assert.deepEqual(service.inputs.features, [{ flag: "ServiceMode", value: "Serverless" }]);
        assert.equal(service.inputs.identity, undefined);
        assert.equal(service.inputs.publicNetworkAccess, "Enabled");
        assert.deepEqual(service.inputs.networkACLs, { defaultAction: "Deny", publicNetwork: { allow: ["ClientConnection", "RESTAPI"] } });
        assert.deepEqual(service.inputs.cors, { allowedOrigins: [] });
        assert.equal(service.inputs.disableLocalAuth, true);
        assert.equal(service.inputs.disableAadAuth, false);
        assert.deepEqual(service.inputs.tls, { clientCertEnabled: false });
        assert.deepEqual(service.inputs.serverless, { connectionTimeoutInSeconds: 30 });
        assert.deepEqual(service.inputs.liveTraceConfiguration, {
            enabled: "false",
            categories: [
                { name: "ConnectivityLogs", enabled: "false" },
                { name: "MessagingLogs", enabled: "false" },
                { name: "HttpRequestLogs", enabled: "false" },
            ],
        });
        assert.deepEqual(service.inputs.resourceLogConfiguration.categories[0], { name: "ConnectivityLogs", enabled: "true" });
        assert.deepEqual(service.inputs.upstream, { templates: [{ urlTemplate: "https://contoso-func.azurewebsites.net/api/{event}" }] });
        assert.equal(await valueOf(component.identityPrincipalId), "");
        assert.match(await valueOf(component.hostName), /^chat-service[0-9a-f]{7}\.service\.signalr\.net$/);
    });

    it("passes every overridden setting through", async () => {
        const { rec } = await deploy({
            resourceGroupName: "app-rg",
            location: "northeurope",
            serviceName: "contoso-signalr",
            tags: { team: "chat" },
            sku: "Premium_P2",
            capacity: 200,
            publicNetworkAccess: "Disabled",
            networkAcls: { defaultAction: "Allow", publicNetworkAllow: ["ClientConnection"], ipRules: [{ value: "10.0.0.0/24" }, { value: "1.2.3.4", action: "Deny" }] },
            corsAllowedOrigins: ["https://app.contoso.com"],
            disableLocalAuth: false,
            disableAadAuth: true,
            clientCertEnabled: true,
            serverlessConnectionTimeoutSeconds: 120,
            liveTrace: { messagingLogs: true },
            resourceLogs: { connectivityLogs: false, httpRequestLogs: true },
        });
        const s = rec.one(SIGNALR).inputs;
        assert.equal(s.resourceName, "contoso-signalr");
        assert.equal(s.location, "northeurope");
        assert.deepEqual(s.tags, { team: "chat" });
        assert.deepEqual(s.sku, { name: "Premium_P2", tier: "Premium", capacity: 200 });
        assert.equal(s.publicNetworkAccess, "Disabled");
        assert.deepEqual(s.networkACLs, {
            defaultAction: "Allow",
            publicNetwork: { allow: ["ClientConnection"] },
            ipRules: [
                { value: "10.0.0.0/24", action: "Allow" },
                { value: "1.2.3.4", action: "Deny" },
            ],
        });
        assert.deepEqual(s.cors, { allowedOrigins: ["https://app.contoso.com"] });
        assert.equal(s.disableLocalAuth, false);
        assert.equal(s.disableAadAuth, true);
        assert.deepEqual(s.tls, { clientCertEnabled: true });
        assert.deepEqual(s.serverless, { connectionTimeoutInSeconds: 120 });
        assert.equal(s.liveTraceConfiguration.enabled, "true");
        assert.deepEqual(s.liveTraceConfiguration.categories[1], { name: "MessagingLogs", enabled: "true" });
        assert.deepEqual(s.resourceLogConfiguration.categories, [
            { name: "ConnectivityLogs", enabled: "false" },
            { name: "MessagingLogs", enabled: "false" },
            { name: "HttpRequestLogs", enabled: "true" },
        ]);
    });

    it("produces exactly the documented ARM upstream block for Microsoft's ManagedIdentity example", async () => {
        const { rec } = await deploy({
            resourceGroupName: "app-rg",
            upstreamTemplates: [
                {
                    urlTemplate: "https://contoso.example/{hub}/api/{category}/{event}",
                    eventPattern: "*",
                    hubPattern: "*",
                    categoryPattern: "*",
                    auth: "ManagedIdentity",
                    managedIdentityResource: "<resource>",
                },
            ],
        });
        // The block from Microsoft's "Configure upstream endpoint settings via Resource Manager template".
        const documented = {
            templates: [
                {
                    UrlTemplate: "https://contoso.example/{hub}/api/{category}/{event}",
                    EventPattern: "*",
                    HubPattern: "*",
                    CategoryPattern: "*",
                    Auth: { Type: "ManagedIdentity", ManagedIdentity: { Resource: "<resource>" } },
                },
            ],
        };
        assert.deepEqual(normalizeKeys(rec.one(SIGNALR).inputs.upstream), normalizeKeys(documented));
        // ManagedIdentity auth needs an identity: the component created and attached one.
        const identity = rec.one(UAI, "chat-identity");
        assert.deepEqual(rec.one(SIGNALR).inputs.identity, { type: "UserAssigned", userAssignedIdentities: [identity.id] });
    });

    it("keeps upstream URLs secret in state when plaintext secrets are allowed, and only then", async () => {
        const allowed = await deploy({ resourceGroupName: "app-rg", allowPlaintextUpstreamSecrets: true, upstreamTemplates: [{ urlTemplate: "https://f.example/api?code=abc" }] });
        const service = allowed.rec.one(SIGNALR);
        assert.ok(service.secretInputs.includes("upstream"));
        assert.equal(service.inputs.upstream.templates[0].urlTemplate, "https://f.example/api?code=abc");
        const plain = await deploy({ resourceGroupName: "app-rg", upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }] });
        assert.ok(!plain.rec.one(SIGNALR).secretInputs.includes("upstream"));
    });

    it("keeps templates in order and maps auth", async () => {
        const { rec, component } = await deploy({
            resourceGroupName: "app-rg",
            upstreamTemplates: [
                { urlTemplate: "https://a.example/connections", categoryPattern: "connections", eventPattern: "connected, disconnected" },
                { urlTemplate: "https://b.example/{hub}/{event}", hubPattern: "chat,news", auth: "ManagedIdentity" },
                { urlTemplate: "https://c.example/fallback", auth: "None" },
            ],
        });
        assert.deepEqual(rec.one(SIGNALR).inputs.upstream.templates, [
            { urlTemplate: "https://a.example/connections", categoryPattern: "connections", eventPattern: "connected, disconnected" },
            { urlTemplate: "https://b.example/{hub}/{event}", hubPattern: "chat,news", auth: { type: "ManagedIdentity" } },
            { urlTemplate: "https://c.example/fallback" },
        ]);
        const out = await valueOf(component.upstreamTemplates);
        assert.deepEqual(
            out.map((t) => t.auth),
            ["None", "ManagedIdentity", "None"],
        );
    });

    it("creates identity → vault-scope grant → service, with a deterministic role assignment", async () => {
        const { rec, component } = await deploy({
            resourceGroupName: "app-rg",
            upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID }],
        });
        const identity = rec.one(UAI, "chat-identity");
        assert.equal(identity.inputs.resourceGroupName, "app-rg");
        const principalId = fakeGuid("principal", identity.id);
        const grant = rec.one(ROLE, "chat-kv0-reader");
        assert.deepEqual(
            { ...grant.inputs, description: undefined },
            {
                scope: VAULT_ID,
                principalId,
                principalType: "ServicePrincipal",
                roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER_ROLE_ID}`,
                roleAssignmentName: deterministicGuid(VAULT_ID, principalId, KEY_VAULT_SECRETS_USER_ROLE_ID),
                description: undefined,
            },
        );
        assert.equal(grant.parent, "chat");
        // Creation order: the service waits for the grant, the grant uses the identity's principal.
        const service = rec.one(SIGNALR);
        assert.deepEqual(service.dependsOn, ["chat-kv0-reader"]);
        const order = rec.resources.map((r) => r.name);
        assert.ok(order.indexOf("chat-identity") < order.indexOf("chat-kv0-reader") && order.indexOf("chat-kv0-reader") < order.indexOf("chat-service"), order.join(" → "));
        assert.equal(await valueOf(component.identityPrincipalId), principalId);
        assert.equal(await valueOf(component.identityId), identity.id);

        // A second run of the same program asks for the same assignment name.
        const again = await deploy({ resourceGroupName: "app-rg", upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }], keyVaultAccess: [{ keyVaultId: VAULT_ID }] });
        assert.equal(again.rec.one(ROLE).inputs.roleAssignmentName, grant.inputs.roleAssignmentName);
    });

    it("grants per secret when secretNames is given", async () => {
        const { rec } = await deploy({
            resourceGroupName: "app-rg",
            upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID, secretNames: ["signalr-key", pulumi.output("other-key")] }],
        });
        const grants = rec.byType(ROLE);
        assert.deepEqual(
            grants.map((g) => [g.name, g.inputs.scope]),
            [
                ["chat-kv0-secret0-reader", `${VAULT_ID}/secrets/signalr-key`],
                ["chat-kv0-secret1-reader", `${VAULT_ID}/secrets/other-key`],
            ],
        );
        assert.notEqual(grants[0].inputs.roleAssignmentName, grants[1].inputs.roleAssignmentName);
        assert.deepEqual(rec.one(SIGNALR).dependsOn, ["chat-kv0-secret0-reader", "chat-kv0-secret1-reader"]);
    });

    it("grants through an access policy when asked", async () => {
        const { rec } = await deploy({
            resourceGroupName: "app-rg",
            upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID, useAccessPolicy: true }],
        });
        const identity = rec.one(UAI);
        const policy = rec.one(POLICY, "chat-kv0-policy");
        assert.deepEqual(policy.inputs, {
            resourceGroupName: "sec-rg",
            vaultName: "contoso-kv",
            policy: { tenantId: FAKE_TENANT_ID, objectId: fakeGuid("principal", identity.id), permissions: { secrets: ["get"] } },
        });
        assert.equal(rec.byType(ROLE).length, 0);
        assert.deepEqual(rec.one(SIGNALR).dependsOn, ["chat-kv0-policy"]);
    });

    it("with a system-assigned identity, grants follow the service", async () => {
        const { rec, component } = await deploy({
            resourceGroupName: "app-rg",
            identity: { systemAssigned: true },
            upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID }],
        });
        assert.equal(rec.byType(UAI).length, 0);
        const service = rec.one(SIGNALR);
        assert.deepEqual(service.inputs.identity, { type: "SystemAssigned" });
        assert.deepEqual(service.dependsOn, []);
        const grant = rec.one(ROLE);
        assert.deepEqual(grant.dependsOn, ["chat-service"]);
        assert.equal(grant.inputs.principalId, fakeGuid("principal", service.id));
        assert.equal(await valueOf(component.identityPrincipalId), fakeGuid("principal", service.id));
        // Then the upstream settings are re-submitted so the service re-reads Key Vault now.
        const refresh = rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh", "chat-upstream-refresh");
        assert.deepEqual(refresh.dependsOn, ["chat-kv0-reader"]);
        assert.equal(refresh.inputs.serviceId, service.id);
        assert.deepEqual(refresh.inputs.templates, service.inputs.upstream.templates);
        assert.deepEqual(refresh.inputs.triggers, [grant.id]);
        assert.deepEqual(refresh.inputs.grantsCreatedOn, [FAKE_CREATED_ON], "waits from the role assignment's createdOn");
    });

    it("re-reads Key Vault with a user-assigned identity too, after the grants and every shared private link, and after the approval of a link to a Key Vault only", async () => {
        const { rec } = await deploy({
            resourceGroupName: "app-rg",
            upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID }],
            sharedPrivateEndpoints: [
                { name: "func-pe", targetResourceId: `/subscriptions/${SUB}/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-func` },
                { name: "kv-pe", targetResourceId: VAULT_ID },
            ],
        });
        const refresh = rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh", "chat-upstream-refresh");
        // After both links, so no two operations on the service overlap; the Function app's approval
        // writes to the target, not to the service, so the re-read does not wait for it (bench/RESULTS.md
        // §7); SignalR reads a private vault through the vault's link, so that one's approval comes first.
        assert.deepEqual(refresh.dependsOn, ["chat-kv0-reader", "chat-func-pe-link", "chat-kv-pe"]);
        assert.equal(refresh.inputs.serviceId, rec.one(SIGNALR).id);
        assert.deepEqual(refresh.inputs.triggers, [rec.one(ROLE).id]);
    });

    it("re-reads Key Vault after the approval of a link whose target is not known at construction (it may be a vault)", async () => {
        const { rec } = await deploy({
            resourceGroupName: "app-rg",
            upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID }],
            sharedPrivateEndpoints: [
                { name: "func-pe", targetResourceId: pulumi.output(`/subscriptions/${SUB}/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-func`) },
            ],
        });
        const refresh = rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh", "chat-upstream-refresh");
        assert.deepEqual(refresh.dependsOn, ["chat-kv0-reader", "chat-func-pe"]);
    });

    it("passes each shared private endpoint's approvalConfirmationSeconds to its approval, only when set", async () => {
        const { rec } = await deploy({
            resourceGroupName: "app-rg",
            sharedPrivateEndpoints: [
                { name: "func-pe", targetResourceId: `/subscriptions/${SUB}/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-func`, approvalConfirmationSeconds: 1200 },
                { name: "kv-pe", targetResourceId: VAULT_ID },
            ],
        });
        const approval = (name: string) => rec.one("pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval", name);
        assert.equal(approval("chat-func-pe-approval").inputs.confirmationSeconds, 1200);
        assert.equal(approval("chat-kv-pe-approval").inputs.confirmationSeconds, undefined, "an existing approval's inputs do not change");
    });

    it("passes keyVaultGrantSettleSeconds to the refresh and the approval poll intervals to each approval, only when set", async () => {
        const args = {
            resourceGroupName: "app-rg",
            upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID }],
        };
        const plain = await deploy({ ...args, sharedPrivateEndpoints: [{ name: "kv-pe", targetResourceId: VAULT_ID }] });
        const plainRefresh = plain.rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh", "chat-upstream-refresh");
        assert.ok(!("settleSeconds" in plainRefresh.inputs) && !("operationPollIntervalSeconds" in plainRefresh.inputs), "no new input on existing stacks: no diff");
        const plainApproval = plain.rec.one("pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval", "chat-kv-pe-approval");
        assert.ok(!("pollIntervalSeconds" in plainApproval.inputs) && !("maxPollIntervalSeconds" in plainApproval.inputs));
        const set = await deploy({
            ...args,
            keyVaultGrantSettleSeconds: 60,
            upstreamRefreshPollIntervalSeconds: 0.5,
            sharedPrivateEndpoints: [{ name: "kv-pe", targetResourceId: VAULT_ID, approvalPollIntervalSeconds: 1, approvalMaxPollIntervalSeconds: 3 }],
        });
        const refresh = set.rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh", "chat-upstream-refresh");
        assert.equal(refresh.inputs.settleSeconds, 60);
        assert.equal(refresh.inputs.operationPollIntervalSeconds, 0.5);
        const approval = set.rec.one("pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval", "chat-kv-pe-approval");
        assert.equal(approval.inputs.pollIntervalSeconds, 1);
        assert.equal(approval.inputs.maxPollIntervalSeconds, 3);
    });

    it("passes allowPlaintextUpstreamSecrets to the refresh (whose check refuses plaintext secrets otherwise), and only when set", async () => {
        const templates = [{ urlTemplate: "https://f.example/api?code=abc" }];
        const allowed = await deploy({
            resourceGroupName: "app-rg",
            allowPlaintextUpstreamSecrets: true,
            upstreamTemplates: templates,
            keyVaultAccess: [{ keyVaultId: VAULT_ID }],
        });
        const refresh = allowed.rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh", "chat-upstream-refresh");
        assert.equal(refresh.inputs.allowPlaintextUpstreamSecrets, true);
        assert.ok(refresh.secretInputs.includes("templates"));
        const plain = await deploy({ resourceGroupName: "app-rg", upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }], keyVaultAccess: [{ keyVaultId: VAULT_ID }] });
        const plainRefresh = plain.rec.one("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh", "chat-upstream-refresh");
        assert.ok(!("allowPlaintextUpstreamSecrets" in plainRefresh.inputs), "no new input on existing stacks: no diff");
    });

    it("does not re-submit upstream settings when refreshUpstreamAfterGrants is false, or with no grants to wait for", async () => {
        const off = await deploy({
            resourceGroupName: "app-rg",
            identity: { systemAssigned: true },
            refreshUpstreamAfterGrants: false,
            upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID }],
        });
        assert.equal(off.rec.byType("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh").length, 0);
        const noGrants = await deploy({ resourceGroupName: "app-rg", upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }], identity: { systemAssigned: true } });
        assert.equal(noGrants.rec.byType("pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh").length, 0);
    });

    it("attaches a given user-assigned identity and grants its looked-up principal", async () => {
        const uai = `/subscriptions/${SUB}/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/shared-id`;
        const { rec } = await deploy({
            resourceGroupName: "app-rg",
            identity: { userAssignedIdentityId: uai },
            upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }],
            keyVaultAccess: [{ keyVaultId: VAULT_ID }],
        });
        assert.equal(rec.byType(UAI).length, 0);
        assert.deepEqual(rec.one(SIGNALR).inputs.identity, { type: "UserAssigned", userAssignedIdentities: [uai] });
        const lookup = rec.calls.find((c) => c.token === "azure-native:managedidentity:getUserAssignedIdentity");
        assert.deepEqual(lookup?.inputs, { resourceGroupName: "id-rg", resourceName: "shared-id" });
        assert.equal(rec.one(ROLE).inputs.principalId, fakeGuid("principal", uai));
    });

    it("warns about a Key Vault reference that keyVaultAccess does not cover", async () => {
        const other = `https://contoso-func.azurewebsites.net/api?code=${keyVaultSecretReference("https://other-kv.vault.azure.net/secrets/k")}`;
        const warnings = await warningsDuring(pulumi.log, async () => {
            await deploy({
                resourceGroupName: "app-rg",
                upstreamTemplates: [{ urlTemplate: FUNCTION_UPSTREAM }, { urlTemplate: pulumi.output(other) }],
                keyVaultAccess: [{ keyVaultId: VAULT_ID, secretNames: ["another-secret"] }],
            });
        });
        assert.deepEqual(warnings, [
            "`upstreamTemplates[0].urlTemplate` reads secret `signalr-key` of Key Vault `contoso-kv`, which keyVaultAccess does not list in secretNames",
            "`upstreamTemplates[1].urlTemplate` reads Key Vault `other-kv`, which no keyVaultAccess entry grants: the service cannot resolve the reference unless access is granted elsewhere",
        ]);
    });
});

describe("ServerlessSignalR argument errors", () => {
    const base: ServerlessSignalRArgs = { resourceGroupName: "app-rg" };
    const cases: Array<[string, Partial<ServerlessSignalRArgs> | Record<string, unknown>, string, RegExp]> = [
        ["Free tier", { sku: "Free_F1" }, "sku", /paid tier .*Free tier cannot have shared private endpoints, got `Free_F1`/],
        ["unknown SKU", { sku: "Basic_B1" }, "sku", /must be one of Standard_S1, Premium_P1, Premium_P2/],
        ["capacity for S1", { capacity: 11 }, "capacity", /must be one of 1, 2, .* for Standard_S1, got `11`/],
        ["capacity for P2", { sku: "Premium_P2", capacity: 150 }, "capacity", /for Premium_P2/],
        [
            "both identities",
            { identity: { systemAssigned: true, userAssignedIdentityId: "/subscriptions/x" } },
            "identity",
            /only one of systemAssigned and userAssignedIdentityId/,
        ],
        ["identity of the wrong type", { identity: { userAssignedIdentityId: VAULT_ID } }, "identity.userAssignedIdentityId", /user-assigned identity/],
        ["bad service name", { serviceName: "1chat" }, "serviceName", /3-63 letters/],
        ["timeout 0", { serverlessConnectionTimeoutSeconds: 0 }, "serverlessConnectionTimeoutSeconds", /whole number from 1 to 120, got `0`/],
        ["timeout 121", { serverlessConnectionTimeoutSeconds: 121 }, "serverlessConnectionTimeoutSeconds", /from 1 to 120/],
        ["CORS with a path", { corsAllowedOrigins: ["https://app.contoso.com/x"] }, "corsAllowedOrigins[0]", /must be an origin/],
        [
            "secretNames with access policy",
            { keyVaultAccess: [{ keyVaultId: VAULT_ID, secretNames: ["a"], useAccessPolicy: true }] },
            "keyVaultAccess[0].secretNames",
            /cannot be combined with useAccessPolicy/,
        ],
        ["empty secretNames", { keyVaultAccess: [{ keyVaultId: VAULT_ID, secretNames: [] }] }, "keyVaultAccess[0].secretNames", /at least one secret/],
        [
            "vault id of another type",
            { keyVaultAccess: [{ keyVaultId: VAULT_ID.replace("Microsoft.KeyVault/vaults", "Microsoft.Web/sites") }] },
            "keyVaultAccess[0].keyVaultId",
            /resource id of a Key Vault/,
        ],
        ["malformed vault id", { keyVaultAccess: [{ keyVaultId: "contoso-kv" }] }, "keyVaultAccess[0].keyVaultId", /must be an Azure resource id/],
        [
            "bad upstream pattern",
            { upstreamTemplates: [{ urlTemplate: "https://a.example" }, { urlTemplate: "https://b.example", eventPattern: "a,,b" }] },
            "upstreamTemplates[1].eventPattern",
            /empty items/,
        ],
        ["plaintext upstream secret", { upstreamTemplates: [{ urlTemplate: "https://f.example/api?code=abc" }] }, "upstreamTemplates[0].urlTemplate", /plaintext secret/],
        ["string flag", { disableLocalAuth: "false" as never }, "disableLocalAuth", /true or false/],
        ["no authentication left", { disableAadAuth: true }, "disableAadAuth", /nothing could authenticate/],
        ["unknown argument", { upstreamTemplate: [] }, "upstreamTemplate", /not a known argument/],
        [
            "unknown network request type",
            { networkAcls: { publicNetworkAllow: ["Clients"] } },
            "networkAcls.publicNetworkAllow[0]",
            /ClientConnection, ServerConnection, RESTAPI, Trace/,
        ],
        ["missing resource group", { resourceGroupName: undefined }, "resourceGroupName", /is required/],
        // Azure's documented limits (tags: ARM; network ACLs and names: the SignalR 2024-03-01 spec).
        ["51 tags", { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"])) }, "tags", /at most 50 tags .*got 51/],
        ["a 513-character tag name", { tags: { ["n".repeat(513)]: "v" } }, `tags[${JSON.stringify("n".repeat(513))}]`, /name of 1-512 characters .*got 513/],
        ["a 257-character tag value", { tags: { env: "v".repeat(257) } }, 'tags["env"]', /value of at most 256 characters .*got 257/],
        ["a `/` in a tag name", { tags: { "team/owner": "chat" } }, 'tags["team/owner"]', /must not have `\/` in its name/],
        ["a `%` in a tag name", { tags: { "100%": "x" } }, 'tags["100%"]', /must not have `%`/],
        [
            "ServerConnection from the public network",
            { networkAcls: { publicNetworkAllow: ["ClientConnection", "ServerConnection"] } },
            "networkAcls.publicNetworkAllow[1]",
            /must not be ServerConnection in serverless mode.*allow ClientConnection, RESTAPI, Trace/,
        ],
        ["IP rule 300.1.1.1/33", { networkAcls: { ipRules: [{ value: "300.1.1.1/33" }] } }, "networkAcls.ipRules[0].value", /IP address, a CIDR range/],
        ["IPv4 prefix /33", { networkAcls: { ipRules: [{ value: "10.0.0.0/33" }] } }, "networkAcls.ipRules[0].value", /prefix length of an IPv4 range is 0-32/],
        ["IPv6 prefix /129", { networkAcls: { ipRules: [{ value: "2001:db8::/129" }] } }, "networkAcls.ipRules[0].value", /IPv6 range is 0-128/],
        ["31 IP rules", { networkAcls: { ipRules: Array.from({ length: 31 }, (_, i) => ({ value: `10.0.${i}.0/24` })) } }, "networkAcls.ipRules", /at most 30 rules/],
        [
            "shared private endpoints named func and FUNC",
            {
                sharedPrivateEndpoints: [
                    { name: "func", targetResourceId: VAULT_ID },
                    { name: "FUNC", targetResourceId: VAULT_ID },
                ],
            },
            "sharedPrivateEndpoints[1].name",
            /unique among the shared private endpoints, ignoring case .*`func` is taken/,
        ],
        [
            "a confirmation wait of 5 s inside an entry",
            { sharedPrivateEndpoints: [{ name: "kv-pe", targetResourceId: VAULT_ID, approvalConfirmationSeconds: 5 }] },
            "sharedPrivateEndpoints[0].approvalConfirmationSeconds",
            /whole number from 10 to 86400/,
        ],
        [
            "a poll cap below the first poll interval inside an entry",
            { sharedPrivateEndpoints: [{ name: "kv-pe", targetResourceId: VAULT_ID, approvalPollIntervalSeconds: 20, approvalMaxPollIntervalSeconds: 10 }] },
            "sharedPrivateEndpoints[0].approvalMaxPollIntervalSeconds",
            /must be at least approvalPollIntervalSeconds \(20/,
        ],
        ["a negative grant settle time", { keyVaultGrantSettleSeconds: -1 }, "keyVaultGrantSettleSeconds", /whole number from 0 to 3600/],
        ["a re-read poll of 0 s", { upstreamRefreshPollIntervalSeconds: 0 }, "upstreamRefreshPollIntervalSeconds", /above 0 and at most 60/],
        ["a region endpoint poll over a minute", { replicaRegionEndpointPollIntervalSeconds: 61 }, "replicaRegionEndpointPollIntervalSeconds", /above 0 and at most 60/],
        ["a region endpoint poll as text", { replicaRegionEndpointPollIntervalSeconds: "5" }, "replicaRegionEndpointPollIntervalSeconds", /above 0 and at most 60/],
        [
            "a wrong group id inside an entry",
            { sharedPrivateEndpoints: [{ name: "kv-pe", targetResourceId: VAULT_ID, groupId: "sites" }] },
            "sharedPrivateEndpoints[0].groupId",
            /must be `vault`/,
        ],
        ["a diagnostic setting without a destination", { diagnosticSettings: [{ name: "d" }] }, "diagnosticSettings[0]", /needs a destination/],
        [
            "a diagnostic setting to a vault",
            { diagnosticSettings: [{ workspaceResourceId: VAULT_ID }] },
            "diagnosticSettings[0].workspaceResourceId",
            /Microsoft.OperationalInsights\/workspaces/,
        ],
        [
            "an unknown log category",
            { diagnosticSettings: [{ workspaceResourceId: WORKSPACE_ID, logCategoriesAndGroups: [{ category: "ConnectivityLogs" }] }] },
            "diagnosticSettings[0].logCategoriesAndGroups[0].category",
            /must be one of AllLogs/,
        ],
        [
            "an event hub name without its rule",
            { diagnosticSettings: [{ workspaceResourceId: WORKSPACE_ID, eventHubName: "signalr" }] },
            "diagnosticSettings[0].eventHubName",
            /needs eventHubAuthorizationRuleResourceId/,
        ],
        [
            "two diagnostic settings with one name",
            {
                diagnosticSettings: [
                    { name: "logs", workspaceResourceId: WORKSPACE_ID },
                    { name: "LOGS", workspaceResourceId: WORKSPACE_ID },
                ],
            },
            "diagnosticSettings[1].name",
            /unique among the diagnostic settings/,
        ],
        [
            "an unknown role",
            { roleAssignments: [{ roleDefinitionIdOrName: "SignalR Writer", principalId: "p" }] },
            "roleAssignments[0].roleDefinitionIdOrName",
            /built-in role name/,
        ],
        [
            "a bad principal type",
            { roleAssignments: [{ roleDefinitionIdOrName: "SignalR App Server", principalId: "p", principalType: "App" }] },
            "roleAssignments[0].principalType",
            /ServicePrincipal, Group, User/,
        ],
        [
            "the same role twice for one principal",
            {
                roleAssignments: [
                    { roleDefinitionIdOrName: "SignalR App Server", principalId: "p" },
                    { roleDefinitionIdOrName: "420fcaa2-552c-430f-98ca-3264be4806c7", principalId: "P" },
                ],
            },
            "roleAssignments[1]",
            /same role to the same principal/,
        ],
        ["a lock of an unknown kind", { lock: { kind: "DoNotDelete" } }, "lock.kind", /CanNotDelete, ReadOnly, None/],
        // Inbound private endpoints: ids of the right type, request types, names, zone groups.
        [
            "a private endpoint in a virtual network, not a subnet",
            { privateEndpoints: [{ subnetResourceId: VNET_ID }] },
            "privateEndpoints[0].subnetResourceId",
            /Microsoft.Network\/virtualNetworks\/subnets/,
        ],
        ["a private endpoint without a subnet", { privateEndpoints: [{} as never] }, "privateEndpoints[0].subnetResourceId", /is required/],
        [
            "ServerConnection through a private endpoint",
            { privateEndpoints: [{ subnetResourceId: SUBNET_ID, allowedRequestTypes: ["ServerConnection"] }] },
            "privateEndpoints[0].allowedRequestTypes[0]",
            /must not be ServerConnection in serverless mode/,
        ],
        [
            "a private endpoint that carries nothing",
            { privateEndpoints: [{ subnetResourceId: SUBNET_ID, allowedRequestTypes: [] }] },
            "privateEndpoints[0].allowedRequestTypes",
            /at least one request type/,
        ],
        [
            "a request type twice",
            { privateEndpoints: [{ subnetResourceId: SUBNET_ID, allowedRequestTypes: ["RESTAPI", "RESTAPI"] }] },
            "privateEndpoints[0].allowedRequestTypes[1]",
            /repeats an earlier request type/,
        ],
        [
            "private endpoints named pe and PE",
            {
                privateEndpoints: [
                    { name: "pe", subnetResourceId: SUBNET_ID },
                    { name: "PE", subnetResourceId: SUBNET_ID },
                ],
            },
            "privateEndpoints[1].name",
            /same private endpoint as privateEndpoints\[0\]/,
        ],
        ["a private endpoint name ending in `-`", { privateEndpoints: [{ name: "pe-", subnetResourceId: SUBNET_ID }] }, "privateEndpoints[0].name", /2-64 letters/],
        [
            "a DNS zone group with a vault for a zone",
            { privateEndpoints: [{ subnetResourceId: SUBNET_ID, privateDnsZoneGroup: { privateDnsZoneGroupConfigs: [{ privateDnsZoneResourceId: VAULT_ID }] } }] },
            "privateEndpoints[0].privateDnsZoneGroup.privateDnsZoneGroupConfigs[0].privateDnsZoneResourceId",
            /Microsoft.Network\/privateDnsZones/,
        ],
        [
            "six zones in one zone group",
            {
                privateEndpoints: [
                    { subnetResourceId: SUBNET_ID, privateDnsZoneGroup: { privateDnsZoneGroupConfigs: Array.from({ length: 6 }, () => ({ privateDnsZoneResourceId: ZONE_ID })) } },
                ],
            },
            "privateEndpoints[0].privateDnsZoneGroup.privateDnsZoneGroupConfigs",
            /1 to 5 zones/,
        ],
        ["a private DNS zone without private endpoints", { privateDnsZone: { virtualNetworkResourceIds: [VNET_ID] } }, "privateDnsZone", /used only with privateEndpoints/],
        [
            "a private DNS zone linked to a subnet",
            { privateEndpoints: [{ subnetResourceId: SUBNET_ID }], privateDnsZone: { virtualNetworkResourceIds: [SUBNET_ID] } },
            "privateDnsZone.virtualNetworkResourceIds[0]",
            /Microsoft.Network\/virtualNetworks\)/,
        ],
        [
            "a private DNS zone linked to nothing",
            { privateEndpoints: [{ subnetResourceId: SUBNET_ID }], privateDnsZone: { virtualNetworkResourceIds: [] } },
            "privateDnsZone.virtualNetworkResourceIds",
            /at least one virtual network/,
        ],
    ];
    for (const [what, extra, field, message] of cases) {
        it(`refuses ${what} before registering anything`, () => {
            const rec = new MockRecorder();
            assert.throws(
                () => new ServerlessSignalR("chat", { ...base, ...extra } as ServerlessSignalRArgs, { transformations: [rec.transformation] }),
                (e: unknown) => e instanceof ValidationError && e.field === field && message.test(e.message) && e.message.startsWith(`\`${field}\``),
            );
            assert.equal(rec.resources.length, 0);
        });
    }

    it("fails the deployment with the same message when an Output-typed URL turns out invalid", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            const rec = new MockRecorder();
            new ServerlessSignalR(
                "chat",
                { ...base, upstreamTemplates: [{ urlTemplate: pulumi.output("https://f.example/api?code=abc") }] },
                { transformations: [rec.transformation] },
            );
            await rec.settle();
            assert.equal(rec.byType(SIGNALR).length, 0, "the service must not be registered with an invalid upstream");
        });
        assert.ok(
            messages.some((m) => m.includes("`upstreamTemplates[0].urlTemplate` must not hold a plaintext secret")),
            messages.join("\n"),
        );
    });

    it("fails the deployment when an Output-typed URL holds a Key Vault reference but the service has no identity", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            const rec = new MockRecorder();
            new ServerlessSignalR("chat", { ...base, upstreamTemplates: [{ urlTemplate: pulumi.output(FUNCTION_UPSTREAM) }] }, { transformations: [rec.transformation] });
            await rec.settle();
        });
        assert.ok(
            messages.some((m) => m.includes("`upstreamTemplates[0].urlTemplate` holds a Key Vault reference, so the service needs an identity")),
            messages.join("\n"),
        );
    });

    it("fails the deployment with the construction-time message when an Output-typed secret name turns out invalid", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            const rec = new MockRecorder();
            new ServerlessSignalR(
                "chat",
                { ...base, keyVaultAccess: [{ keyVaultId: VAULT_ID, secretNames: ["ok", pulumi.output("not_valid")] }] },
                { transformations: [rec.transformation] },
            );
            await rec.settle();
        });
        assert.ok(
            messages.some((m) => m.includes("`keyVaultAccess[0].secretNames[1]` must be 1-127 letters, digits and hyphens") && m.includes("not_valid")),
            messages.join("\n"),
        );
    });

    it("fails the deployment when an Output-typed vault id is not a Key Vault", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            const rec = new MockRecorder();
            new ServerlessSignalR("chat", { ...base, keyVaultAccess: [{ keyVaultId: pulumi.output("/subscriptions/x/nope") }] }, { transformations: [rec.transformation] });
            await rec.settle();
        });
        assert.ok(
            messages.some((m) => m.includes("`keyVaultAccess[0].keyVaultId` must be an Azure resource id")),
            messages.join("\n"),
        );
    });
});
