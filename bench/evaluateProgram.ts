// One measurement, in its own process (Pulumi's runtime state is global): evaluate N instances
// of the scenario under mocks, either with the components or as hand-written azure-native, and
// print {wallMs, peakRssMb, resources} as JSON.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as signalrservice from "@pulumi/azure-native/signalrservice";
import { PrivateEndpointConnectionApproval, ServerlessSignalR, deterministicGuid, keyVaultSecretReference } from "../src";
import { ResourceRecorder } from "../src/plan/recorder";

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
}

async function main(): Promise<void> {
    const recorder = new ResourceRecorder("bench", "bench");
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) (variant === "component" ? withComponents : raw)(i);
    await recorder.settle();
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ variant, count, wallMs, peakRssMb, resources: recorder.resources.length }));
    process.exit(0);
}

void main();
