// Each policy: a fixture that passes, and one mutation per way to fail, called without the engine.
import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as p from "../../src/policy";
import { EvaluatedResource, evaluatePolicies } from "../../src/policy/evaluate";
import { runPlan } from "../../src/plan/runPlan";

const SITE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/contoso-func";
const VAULT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso-kv";
const PLAN = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverfarms/func-plan";
const SIGNALR = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.SignalRService/signalR/chat-service";
const VNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/clients";
const INBOUND_PE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pep-chat-service-signalr-0";
const KV_REF = "{@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/signalr-key)}";

/** A secure stack: the resources ServerlessSignalR and the reference deployment create. */
function secureStack(): EvaluatedResource[] {
    return [
        {
            type: "azure-native:signalrservice:SignalR",
            name: "chat-service",
            id: SIGNALR,
            inputs: {
                name: "chat-service",
                networkACLs: { defaultAction: "Deny", publicNetwork: { allow: ["ClientConnection", "RESTAPI"] } },
                sku: { name: "Standard_S1", tier: "Standard" },
                features: [{ flag: "ServiceMode", value: "Serverless" }],
                identity: { type: "UserAssigned", userAssignedIdentities: ["/id"] },
                cors: { allowedOrigins: ["https://chat.contoso.com"] },
                disableLocalAuth: true,
                upstream: {
                    templates: [
                        {
                            urlTemplate: `https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=${KV_REF}`,
                            auth: { type: "ManagedIdentity", managedIdentity: { resource: "api://x" } },
                        },
                    ],
                },
            },
        },
        {
            type: "azure-native:signalrservice:SignalRSharedPrivateLinkResource",
            name: "func-pe-link",
            inputs: { privateLinkResourceId: SITE, groupId: "sites", requestMessage: "signalr-serverless func-pe abc" },
        },
        {
            type: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval",
            name: "func-pe-approval",
            inputs: { targetResourceId: SITE, requestMessage: "signalr-serverless func-pe abc" },
        },
        { type: "azure-native:keyvault:Vault", name: "kv", inputs: { properties: { enableRbacAuthorization: true, enablePurgeProtection: true } } },
        {
            type: "azure-native:web:WebApp",
            name: "func",
            id: SITE,
            inputs: {
                name: "contoso-func",
                serverFarmId: PLAN,
                publicNetworkAccess: "Disabled",
                siteConfig: { appSettings: [{ name: "AzureSignalRConnectionString__credential", value: "managedidentity" }] },
            },
        },
        { type: "azure-native:web:AppServicePlan", name: "func-plan", id: PLAN, inputs: { kind: "elastic", sku: { name: "EP1", tier: "ElasticPremium" } } },
        {
            type: "azure-native:network:PrivateEndpoint",
            name: "chat-pe0",
            id: INBOUND_PE,
            inputs: { subnet: { id: `${VNET}/subnets/endpoints` }, privateLinkServiceConnections: [{ name: "pe", privateLinkServiceId: SIGNALR, groupIds: ["signalr"] }] },
        },
        {
            type: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointNetworkAcl",
            name: "chat-pe0-acl",
            inputs: { serviceId: SIGNALR, privateEndpointId: INBOUND_PE, allow: ["ClientConnection", "RESTAPI"] },
        },
    ];
}

type Mutation = [string, (stack: EvaluatedResource[]) => void, RegExp];
const signalR = (s: EvaluatedResource[]) => s[0].inputs;
const template = (s: EvaluatedResource[]) => s[0].inputs.upstream.templates[0];

const cases: Array<[ResourceValidationPolicy | StackValidationPolicy, Mutation[]]> = [
    [
        p.signalrPaidTier,
        [
            ["Free tier", (s) => (signalR(s).sku = { name: "Free_F1" }), /uses Free_F1/],
            ["no SKU", (s) => delete signalR(s).sku, /no SKU/],
        ],
    ],
    [
        p.serverlessModeWithUpstreams,
        [
            ["Default mode", (s) => (signalR(s).features = [{ flag: "ServiceMode", value: "Default" }]), /ServiceMode is Default/],
            ["no mode", (s) => delete signalR(s).features, /ServiceMode is unset/],
        ],
    ],
    [p.upstreamHttps, [["http", (s) => (template(s).urlTemplate = "http://contoso-func.azurewebsites.net/api"), /upstream.templates\[0\] uses http: http:\/\/contoso-func/]]],
    [
        p.upstreamNoPlaintextSecrets,
        [
            [
                "literal code",
                (s) => (template(s).urlTemplate = "https://f.example.com/api?code=s3cr3t"),
                /plaintext secret in its query parameter `code`: https:\/\/f\.example\.com\/api\?code=\*\*\*/,
            ],
            ["password", (s) => (template(s).urlTemplate = "https://u:pw@f.example.com/api"), /user information/],
        ],
    ],
    [
        p.keyVaultReferencesWellFormed,
        [
            ["App Service form", (s) => (template(s).urlTemplate = "https://f.example.com/api?code={@Microsoft.KeyVault(VaultName=kv;SecretName=s)}"), /App Service syntax/],
            [
                "unknown vault host",
                (s) => (template(s).urlTemplate = "https://f.example.com/api?code={@Microsoft.KeyVault(SecretUri=https://kv1.example.com/secrets/s)}"),
                /host must end in vault\.azure\.net/,
            ],
            ["unknown placeholder", (s) => (template(s).urlTemplate = "https://f.example.com/{method}"), /`\{method\}` at position \d+ is neither/],
        ],
    ],
    [
        p.managedIdentityAuthNeedsIdentity,
        [
            [
                "ManagedIdentity auth without identity",
                (s) => {
                    delete signalR(s).identity;
                    template(s).urlTemplate = "https://f.example.com/api";
                },
                /uses ManagedIdentity auth but the service has no identity/,
            ],
            [
                "Key Vault reference without identity",
                (s) => {
                    signalR(s).identity = { type: "None" };
                    delete template(s).auth;
                },
                /uses a Key Vault reference but the service has no identity/,
            ],
        ],
    ],
    [
        p.sharedPrivateLinkGroupId,
        [
            ["wrong group for a site", (s) => (s[1].inputs.groupId = "blob"), /groupId is blob but a Microsoft.Web\/sites target needs sites/],
            [
                "wrong group for a vault",
                (s) => {
                    s[1].inputs.privateLinkResourceId = VAULT;
                    s[1].inputs.groupId = "sites";
                },
                /needs vault/,
            ],
        ],
    ],
    [p.upstreamAuthManagedIdentity, [["auth None", (s) => delete template(s).auth, /sends no token \(auth None\)/]]],
    [
        p.corsNotWildcard,
        [
            ["wildcard", (s) => (signalR(s).cors = { allowedOrigins: ["https://a.example", "*"] }), /allows every origin/],
            ["unset", (s) => delete signalR(s).cors, /CORS is unset/],
        ],
    ],
    [p.localAuthDisabled, [["keys accepted", (s) => (signalR(s).disableLocalAuth = false), /SignalR chat-service still accepts access keys/]]],
    [
        p.keyVaultHardened,
        [
            ["access policies", (s) => (s[3].inputs.properties.enableRbacAuthorization = false), /access policies instead of Azure RBAC/],
            ["no purge protection", (s) => delete s[3].inputs.properties.enablePurgeProtection, /no purge protection/],
        ],
    ],
    [
        p.functionAppPrivate,
        [["public app", (s) => (s[4].inputs.publicNetworkAccess = "Enabled"), /Function app func is targeted by a shared private endpoint but still allows public network access/]],
    ],
    [
        p.functionPlanSupportsPrivateEndpoints,
        [
            [
                "a Consumption plan (Y1)",
                (s) => (s[5].inputs.sku = { name: "Y1", tier: "Dynamic" }),
                /Function app func is the target of shared private link func-pe-link but runs on plan func-plan \(SKU Y1, tier Dynamic\), which cannot have private endpoints/,
            ],
            ["a Basic plan given by name only", (s) => (s[5].inputs.sku = { name: "B1" }), /runs on plan func-plan \(SKU B1, tier \?\)/],
        ],
    ],
    [
        p.sharedPrivateEndpointApproved,
        [
            ["no approval", (s) => s.splice(2, 1), /Shared private link func-pe-link has no approval in this stack/],
            ["approval of another message", (s) => (s[2].inputs.requestMessage = "other"), /has no approval/],
        ],
    ],
    [
        p.privateEndpointHasAclEntry,
        [
            [
                "no entry",
                (s) => s.splice(s.length - 1, 1),
                /Private endpoint chat-pe0 connects to SignalR service chat-service, whose network ACLs deny by default, but no network ACL entry in this stack allows anything/,
            ],
            ["an entry for another endpoint", (s) => (s[s.length - 1].inputs.privateEndpointId = `${INBOUND_PE}-other`), /no network ACL entry/],
            [
                "a manual connection without an entry",
                (s) => {
                    const pe = s[s.length - 2].inputs;
                    pe.manualPrivateLinkServiceConnections = pe.privateLinkServiceConnections;
                    delete pe.privateLinkServiceConnections;
                    s.splice(s.length - 1, 1);
                },
                /no network ACL entry/,
            ],
        ],
    ],
];

describe("policy pack rules", () => {
    it("covers every policy of the pack", () => {
        assert.deepEqual(cases.map(([policy]) => policy.name).sort(), p.policies.map((x) => x.name).sort());
    });

    for (const [policy, mutations] of cases) {
        describe(policy.name, () => {
            it("has a description, severity, enforcement level and remediation", () => {
                assert.ok(policy.description.length > 20);
                assert.ok(policy.severity);
                assert.ok(["mandatory", "advisory"].includes(policy.enforcementLevel ?? ""));
                assert.ok((policy.remediationSteps ?? "").length > 10);
            });
            it("passes the secure fixture", () => {
                assert.deepEqual(evaluatePolicies(secureStack(), [policy]).violations, []);
            });
            for (const [what, mutate, message] of mutations) {
                it(`fails on ${what}`, () => {
                    const stack = secureStack();
                    mutate(stack);
                    const { violations } = evaluatePolicies(stack, [policy]);
                    assert.equal(violations.length, 1, JSON.stringify(violations));
                    assert.match(violations[0].message, message);
                    assert.equal(violations[0].enforcementLevel, policy.enforcementLevel);
                });
            }
        });
    }

    it("accepts every plan that supports private endpoints, by tier or by SKU name", () => {
        for (const sku of [
            { name: "EP3", tier: "ElasticPremium" },
            { name: "P1v2", tier: "PremiumV2" },
            { name: "P1mv3", tier: "PremiumV3" },
            { name: "I1v2", tier: "IsolatedV2" },
            { name: "P2v3" },
            { name: "I2" },
        ]) {
            const stack = secureStack();
            stack[5].inputs.sku = sku;
            assert.deepEqual(evaluatePolicies(stack, [p.functionPlanSupportsPrivateEndpoints]).violations, [], JSON.stringify(sku));
        }
    });

    it("skips values that are unknown (not strings) instead of failing", () => {
        const stack = secureStack();
        template(stack).urlTemplate = undefined;
        stack[1].inputs.privateLinkResourceId = undefined;
        const report = evaluatePolicies(stack);
        assert.equal(report.mandatoryViolations, 0, JSON.stringify(report.violations));
    });
});

describe("the whole pack over a deliberately insecure program", function () {
    this.timeout(60_000);
    it("reports exactly the violations the program was written to have", async () => {
        const plan = await runPlan({ program: "test/fixtures/insecure-program" });
        const report = evaluatePolicies(plan.recorded);
        const found = report.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.resource}`).sort();
        assert.deepEqual(found, [
            "advisory function-app-public-access-disabled public-func",
            "advisory key-vault-rbac-and-purge-protection soft",
            "advisory key-vault-rbac-and-purge-protection soft",
            "advisory shared-private-endpoint-approved-by-stack wrong-group",
            "advisory signalr-cors-not-wildcard free",
            "advisory signalr-local-auth-disabled free",
            "advisory signalr-private-endpoint-has-acl-entry clients-pe",
            "advisory signalr-upstream-auth-managed-identity free",
            "advisory signalr-upstream-auth-managed-identity free",
            "advisory signalr-upstream-auth-managed-identity free",
            "mandatory signalr-paid-tier free",
            "mandatory signalr-serverless-mode-with-upstreams free",
            "mandatory signalr-shared-private-link-group-id wrong-group",
            "mandatory signalr-upstream-https free",
            "mandatory signalr-upstream-identity-present free",
            "mandatory signalr-upstream-identity-present free",
            "mandatory signalr-upstream-no-plaintext-secrets free",
            "mandatory signalr-upstream-templates-well-formed free",
        ]);
    });
});

describe("signalr-private-endpoint-has-acl-entry, where it does not apply", () => {
    const violations = (mutate: (s: EvaluatedResource[]) => void) => {
        const stack = secureStack();
        stack.splice(stack.length - 1, 1); // no entry anywhere
        mutate(stack);
        return evaluatePolicies(stack, [p.privateEndpointHasAclEntry]).violations;
    };
    it("the service allows by default: the endpoint carries everything without an entry", () => {
        assert.deepEqual(
            violations((s) => (s[0].inputs.networkACLs.defaultAction = "Allow")),
            [],
        );
    });
    it("an endpoint to something that is not a SignalR service of this stack is not judged", () => {
        assert.deepEqual(
            violations((s) => (s[s.length - 1].inputs.privateLinkServiceConnections[0].privateLinkServiceId = VAULT)),
            [],
        );
    });
    it("while the endpoint's id is unknown (a first preview), an entry with an unknown endpoint counts", () => {
        const stack = secureStack();
        delete stack[stack.length - 2].id;
        stack[stack.length - 1].inputs.privateEndpointId = undefined;
        assert.deepEqual(evaluatePolicies(stack, [p.privateEndpointHasAclEntry]).violations, []);
    });
});
