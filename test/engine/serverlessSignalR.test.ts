// The main component through the real engine: a ServerlessSignalR in its smallest useful form (an
// upstream template holding a Key Vault reference, keyVaultAccess for that vault, one shared
// private endpoint to a Function app; both targets existing resources given by id) from the packed
// tarball in a fresh consumer project, run by the real Pulumi CLI: preview, up, up with
// --expect-no-changes, refresh then up with --expect-no-changes, destroy. Its azure-native
// SignalR, UserAssignedIdentity, RoleAssignment and shared private link and its random nonce are
// served by the stand-in providers (test/engine/standins/); the approval and the upstream re-read
// run in the engine's dynamic-provider host, all against the fake Resource Manager over https.
import { strict as assert } from "node:assert";
import { type FakeResourceManager, TEST_SUBSCRIPTION, TEST_TENANT } from "../support/fakeResourceManager";
import { SECRET_URI, chatServiceConfig } from "./chatWorld";
import { EngineStack, StateResource, engineScenario } from "./engineStack";
import { describeWithEngine } from "./toolchain";

const SERVICE = "azure-native:signalrservice:SignalR";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
const LINK = "azure-native:signalrservice:SignalRSharedPrivateLinkResource";
const REFRESH = "pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh";
const APPROVAL = "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval";
const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
/** The stack, the component, its identity, role assignment, service, upstream re-read, shared private endpoint, link, nonce and approval. */
const RESOURCES = 10;

describeWithEngine("the real Pulumi engine: a ServerlessSignalR with stand-in azure-native and random providers", (bin) => {
    const scenario = engineScenario(bin, {
        program: "serverlessSignalR",
        project: "engine-serverless-signalr",
        standIns: true,
        setUp: chatServiceConfig,
    });
    const of = (resources: StateResource[] | undefined, type: string) => (resources ?? []).filter((r) => r.type === type);
    let arm: FakeResourceManager;
    let stack: EngineStack;
    let site: string;
    let serviceId: string;
    before(() => {
        ({ arm, stack, site } = scenario);
        serviceId = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr`;
    });

    it("preview plans the component and its children, and writes nothing", async function () {
        this.timeout(300_000);
        const preview = await stack.operation("preview");
        assert.deepEqual(preview.changeSummary, { create: RESOURCES }, preview.output);
        assert.equal(scenario.writes(), 0, "a preview never writes to Resource Manager");
    });

    it("up creates the identity, its grant, the service in serverless mode with the template, approves the link and re-reads the Key Vault reference", async function () {
        this.timeout(300_000);
        const up = await stack.operation("up");
        assert.equal(up.summary?.result, "succeeded", up.output);
        assert.deepEqual(up.summary?.resourceChanges, { create: RESOURCES });
        assert.equal(up.outputs?.serviceId.value, serviceId);
        assert.equal(up.outputs?.hostName.value, "contoso-signalr.service.signalr.net");
        assert.deepEqual(up.outputs?.sharedPrivateEndpointStatuses.value, { "func-pe": "Approved" });
        assert.deepEqual(up.outputs?.upstreamTemplates.value, [{ urlTemplate: `{@Microsoft.KeyVault(SecretUri=${SECRET_URI})}`, hubPattern: "chat", auth: "None" }]);

        const resources = (await stack.exportStack()).deployment.resources;
        const [identity] = of(resources, IDENTITY);
        const principalId = String(identity.outputs?.principalId);
        assert.equal(up.outputs?.identityPrincipalId.value, principalId);

        // The identity, then its grant on the vault, then the service that uses it (writes in that order).
        const writes = arm.requests.filter((r) => r.method !== "GET");
        const at = (method: string, includes: string) => writes.findIndex((r) => r.method === method && r.path.includes(includes));
        const putIdentity = at("PUT", "/userAssignedIdentities/");
        const putGrant = at("PUT", "/roleAssignments/");
        const putService = writes.findIndex((r) => r.method === "PUT" && r.path === serviceId);
        assert.ok(putIdentity >= 0 && putGrant > putIdentity && putService > putGrant, writes.map((r) => `${r.method} ${r.path}`).join("\n"));

        const grant = writes[putGrant];
        assert.equal(grant.query["api-version"], "2022-04-01");
        assert.ok(
            grant.path.startsWith(`${site.replace("Microsoft.Web/sites/contoso-func", "Microsoft.KeyVault/vaults/contoso-kv")}/providers/Microsoft.Authorization/roleAssignments/`),
            grant.path,
        );
        assert.deepEqual(grant.body, {
            properties: {
                principalId,
                principalType: "ServicePrincipal",
                description: "signalr-serverless: SignalR reads upstream secrets",
                roleDefinitionId: `/subscriptions/${TEST_SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
            },
        });
        assert.equal(of(resources, ROLE_ASSIGNMENT).length, 1);

        const service = writes[putService];
        assert.equal(service.query["api-version"], "2024-03-01");
        const body = service.body as { identity: unknown; properties: { features: unknown; upstream: unknown } };
        assert.deepEqual(body.identity, { type: "UserAssigned", userAssignedIdentities: { [String(identity.id)]: {} } }, "the SDK's list of identities goes on the wire as a map");
        assert.deepEqual(body.properties.features, [{ flag: "ServiceMode", value: "Serverless" }]);
        assert.deepEqual(body.properties.upstream, { templates: [{ urlTemplate: `{@Microsoft.KeyVault(SecretUri=${SECRET_URI})}`, hubPattern: "chat" }] });
        const [svc] = of(resources, SERVICE);
        assert.equal(svc.id, serviceId);
        assert.equal(
            (svc.outputs?.identity as { userAssignedIdentities: Record<string, { principalId: string }> }).userAssignedIdentities[String(identity.id)].principalId,
            principalId,
        );
        assert.equal(identity.outputs?.tenantId, TEST_TENANT);

        // The link approved on the target, and the re-read: two PATCHes of the upstream settings.
        const [ours] = arm.connectionsOf(`${serviceId}/sharedPrivateLinkResources/func-pe`);
        assert.equal(ours.connection.status, "Approved");
        const patches = writes.filter((r) => r.method === "PATCH" && r.path === serviceId);
        assert.equal(patches.length, 2, writes.map((r) => `${r.method} ${r.path}`).join("\n"));
        // After the link (SignalR runs one operation at a time), beside the approval, which writes to the target only.
        assert.ok(writes.indexOf(patches[0]) > at("PUT", "/sharedPrivateLinkResources/"), "the re-read follows the link");
        assert.ok(at("PUT", "/privateEndpointConnections/") >= 0, "the connection was approved");
        assert.deepEqual(arm.services.get(serviceId.toLowerCase())?.properties.upstream, body.properties.upstream, "the re-read leaves the templates as configured");
        assert.equal(of(resources, REFRESH).length, 1);
        assert.equal(of(resources, APPROVAL).length, 1);
        assert.equal(of(resources, LINK).length, 1);
    });

    it("up again changes nothing (--expect-no-changes) and writes nothing", async function () {
        this.timeout(300_000);
        const writes = scenario.writes();
        const again = await stack.operation("up", { expectNoChanges: true });
        assert.equal(again.summary?.result, "succeeded", again.output);
        assert.deepEqual(again.summary?.resourceChanges, { same: RESOURCES });
        assert.equal(scenario.writes(), writes);
    });

    it("refresh then up changes nothing (--expect-no-changes) and only reads", async function () {
        this.timeout(300_000);
        const writes = scenario.writes();
        const refresh = await stack.operation("refresh");
        assert.equal(refresh.summary?.result, "succeeded", refresh.output);
        const [link] = of((await stack.exportStack()).deployment.resources, LINK);
        assert.equal(link.outputs?.status, "Approved", "Read took the link's live status");
        const up = await stack.operation("up", { expectNoChanges: true });
        assert.equal(up.summary?.result, "succeeded", up.output);
        assert.deepEqual(up.summary?.resourceChanges, { same: RESOURCES });
        assert.equal(scenario.writes(), writes, "refresh and the up after it only read");
    });

    it("destroy removes what it created, leaves the targets and empties the state", async function () {
        this.timeout(300_000);
        const destroy = await stack.operation("destroy");
        assert.equal(destroy.summary?.result, "succeeded", destroy.output);
        assert.deepEqual(destroy.summary?.resourceChanges, { delete: RESOURCES });
        assert.equal(arm.services.size, 0);
        assert.deepEqual(arm.sharedPrivateLinks(), []);
        assert.deepEqual([...arm.genericResources.keys()], [], "no identity or role assignment is left");
        assert.deepEqual(arm.connectionsOf(`${serviceId}/sharedPrivateLinkResources/func-pe`), []);
        assert.deepEqual((await stack.exportStack()).deployment.resources ?? [], []);
    });
});
