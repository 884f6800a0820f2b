// One measurement, in its own process (Pulumi's runtime state is global): evaluate N instances
// of the scenario under mocks, either with the components or as hand-written azure-native, and
// print {wallMs, peakRssMb, resources, approvalStateBytes} as JSON. It imports the package by name:
// compiled in a consumer project it measures the installed package (what users run); run with tsx
// in this checkout, the name maps to src/ and Pulumi's serializer inlines the provider's code.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as signalrservice from "@pulumi/azure-native/signalrservice";
import { PrivateEndpointConnectionApproval, ServerlessSignalR, UpstreamSettingsRefresh, deterministicGuid, keyVaultSecretReference } from "signalr-serverless";

const [variant, countText] = process.argv.slice(2);
const count = Number(countText);
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench-rg/providers";
const VAULT = `${SUB}/Microsoft.KeyVault/vaults/bench-kv`;
const ROLE = "4633458b-17de-408a-b874-0445c86b69e6";

/** Two upstream templates, a Key Vault grant and one shared private endpoint with approval. */
function templates(i: number) {
    const code = keyVaultSecretReference("https://bench-kv.vault.azure.net/secrets/signalr-key");
    return [
        { urlTemplate: `https://func${i}.azurewebsites.net/runtime/webhooks/signalr?code=${code}`, categoryPattern: "connections" },
        { urlTemplate: `https://func${i}.azurewebsites.net/api/{hub}/{event}?code=${code}`, eventPattern: "broadcast, echo" },
    ];
}

function withComponents(i: number): void {
    new ServerlessSignalR(`chat${i}`, {
        resourceGroupName: "bench-rg",
        upstreamTemplates: templates(i),
        keyVaultAccess: [{ keyVaultId: VAULT, secretNames: ["signalr-key"] }],
        sharedPrivateEndpoints: [{ name: "func-pe", targetResourceId: `${SUB}/Microsoft.Web/sites/func${i}` }],
    });
}

/** What a careful user writes by hand with azure-native for the same resources. */
function raw(i: number): void {
    const identity = new managedidentity.UserAssignedIdentity(`chat${i}-identity`, { resourceGroupName: "bench-rg" });
    const scope = `${VAULT}/secrets/signalr-key`;
    const grant = new authorization.RoleAssignment(`chat${i}-kv0-secret0-reader`, {
        scope,
        principalId: identity.principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/${ROLE}`,
        roleAssignmentName: identity.principalId.apply((p) => deterministicGuid(scope, p, ROLE)),
    });
    const service = new signalrservice.SignalR(
        `chat${i}-service`,
        {
            resourceGroupName: "bench-rg",
            kind: "SignalR",
            sku: { name: "Standard_S1", tier: "Standard" },
            features: [{ flag: "ServiceMode", value: "Serverless" }],
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
            upstream: { templates: templates(i) },
        },
        { dependsOn: [grant] },
    );
    const nonce = new random.RandomString(`chat${i}-func-pe-nonce`, { length: 12, special: false, upper: false });
    const message = pulumi.interpolate`signalr-serverless func-pe ${nonce.result}`;
    const target = `${SUB}/Microsoft.Web/sites/func${i}`;
    const link = new signalrservice.SignalRSharedPrivateLinkResource(`chat${i}-func-pe-link`, {
        resourceGroupName: "bench-rg",
        resourceName: service.name,
        sharedPrivateLinkResourceName: "func-pe",
        privateLinkResourceId: target,
        groupId: "sites",
        requestMessage: message,
    });
    new PrivateEndpointConnectionApproval(`chat${i}-func-pe-approval`, {
        targetResourceId: target,
        requestMessage: message,
        sharedPrivateLinkResourceId: link.id,
        timeoutSeconds: 900,
    });
    // The Key Vault re-read once the grant has applied, which the component also registers.
    new UpstreamSettingsRefresh(
        `chat${i}-upstream-refresh`,
        { serviceId: service.id, templates: templates(i), triggers: [grant.id], grantsCreatedOn: [grant.createdOn.apply((c) => c ?? "")] },
        { dependsOn: [grant, link] },
    );
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- internal: wait for outstanding registrations
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
const APPROVAL = /PrivateEndpointConnectionApproval$/;

async function main(): Promise<void> {
    let resources = 0;
    const approvalStateBytes: number[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                if (args.type !== "pulumi:pulumi:Stack") resources++;
                // Answers with the inputs (the approval's outputs carry them too) plus what Azure adds that programs read.
                const identity = {
                    principalId: "11111111-1111-1111-1111-111111111111",
                    clientId: "22222222-2222-2222-2222-222222222222",
                    tenantId: "33333333-3333-3333-3333-333333333333",
                };
                const state = {
                    name: args.name,
                    ...args.inputs,
                    ...identity,
                    ...(APPROVAL.test(args.type)
                        ? { connectionId: `${args.inputs.targetResourceId}/privateEndpointConnections/c1`, connectionName: "c1", status: "Approved" }
                        : {}),
                };
                if (APPROVAL.test(args.type)) approvalStateBytes.push(JSON.stringify(args.inputs).length + JSON.stringify(state).length);
                return { id: `${args.name}-id`, state };
            },
            call: (args) => args.inputs,
        },
        "bench",
        "bench",
        false,
    );
    const start = process.hrtime.bigint();
    await pulumi.runtime.runInPulumiStack(async () => {
        for (let i = 0; i < count; i++) (variant === "component" ? withComponents : raw)(i);
    });
    for (let last = -1; last !== resources;) {
        last = resources;
        await settings.waitForRPCs();
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ variant, count, wallMs, peakRssMb, resources, approvalStateBytes: Math.max(...approvalStateBytes) }));
    process.exit(0);
}

void main();
