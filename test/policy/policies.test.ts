// Each policy: a fixture that passes, and one mutation per way to fail, called without the engine.
import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as p from "../../src/policy";
import { EvaluatedResource, evaluatePolicies } from "../../src/policy/evaluate";
import { runPlan } from "../../src/plan/runPlan";
import { INBOUND_PE, VAULT, named, secureStack } from "./secureStack";

type Mutation = [string, (stack: EvaluatedResource[]) => void, RegExp];
const remove = (s: EvaluatedResource[], name: string) => s.splice(s.indexOf(named(s, name)), 1);
const signalR = (s: EvaluatedResource[]) => named(s, "chat-service").inputs;
const template = (s: EvaluatedResource[]) => signalR(s).upstream.templates[0];
const app = (s: EvaluatedResource[]) => named(s, "func").inputs;
const vault = (s: EvaluatedResource[]) => named(s, "kv").inputs;
/** A geo-replica of the fixture's service, as ServerlessSignalR registers it. */
const replica = (): EvaluatedResource => ({
    type: "azure-native:signalrservice:SignalRReplica",
    name: "chat-replica-eastus",
    inputs: { resourceName: "chat-service", replicaName: "chat-service-eastus", location: "eastus", sku: { name: "Premium_P1", tier: "Premium", capacity: 1 } },
});

const cases: Array<[ResourceValidationPolicy | StackValidationPolicy, Mutation[]]> = [
    [
        p.signalrPaidTier,
        [
            ["Free tier", (s) => (signalR(s).sku = { name: "Free_F1", tier: "Free" }), /uses the Free tier \(SKU Free_F1, tier Free\)/],
            ["no SKU", (s) => delete signalR(s).sku, /no SKU/],
            ["the Free tier by tier only, in another case", (s) => (signalR(s).sku = { tier: "free" }), /uses the Free tier \(SKU \?, tier free\)/],
            ["the Free SKU by name only, in another case", (s) => (signalR(s).sku = { name: "free_f1" }), /uses the Free tier \(SKU free_f1, tier \?\)/],
        ],
    ],
    [
        p.signalrNameValid,
        [
            ["a name starting with a digit", (s) => (signalR(s).resourceName = "1chat"), /resourceName "1chat" is not a valid SignalR name/],
            ["a name ending with a hyphen", (s) => (signalR(s).resourceName = "chat-"), /"chat-" is not a valid/],
            ["a name too short", (s) => (signalR(s).resourceName = "ab"), /"ab" is not a valid/],
            ["a name too long", (s) => (signalR(s).resourceName = `a${"b".repeat(63)}`), /is not a valid SignalR name/],
            ["an underscore", (s) => (signalR(s).resourceName = "chat_service"), /"chat_service" is not a valid/],
        ],
    ],
    [
        p.signalrAuthEnabled,
        [["both kinds of auth disabled", (s) => (signalR(s).disableAadAuth = true), /disables both access keys .* and Microsoft Entra ID .*: nothing could connect/]],
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
            ["wrong group for a site", (s) => (named(s, "func-pe-link").inputs.groupId = "blob"), /groupId is blob but a Microsoft.Web\/sites target needs sites/],
            ["wrong group for a vault", (s) => (named(s, "kv-pe-link").inputs.groupId = "sites"), /needs vault/],
        ],
    ],
    [
        p.functionPlanSupportsPrivateEndpoints,
        [
            [
                "a Consumption plan (Y1)",
                (s) => (named(s, "func-plan").inputs.sku = { name: "Y1", tier: "Dynamic" }),
                /Function app func is the target of shared private link func-pe-link but runs on plan func-plan \(SKU Y1, tier Dynamic\), which cannot have private endpoints/,
            ],
            ["a Free plan given by name only", (s) => (named(s, "func-plan").inputs.sku = { name: "F1" }), /runs on plan func-plan \(SKU F1, tier \?\)/],
            ["a Shared plan given by tier only", (s) => (named(s, "func-plan").inputs.sku = { tier: "Shared" }), /runs on plan func-plan \(SKU \?, tier Shared\)/],
        ],
    ],
    [
        p.signalrPrivateAccessWhenPublicDisabled,
        [
            [
                "public access disabled and no inbound endpoint",
                (s) => {
                    remove(s, "chat-pe0");
                    remove(s, "chat-pe0-dns");
                },
                /SignalR service chat-service disables public network access but no private endpoint \(group signalr\) in this stack reaches it/,
            ],
            ["an endpoint of another group", (s) => (named(s, "chat-pe0").inputs.privateLinkServiceConnections[0].groupIds = ["sites"]), /no private endpoint \(group signalr\)/],
            ["an endpoint without a DNS zone group", (s) => remove(s, "chat-pe0-dns"), /its private endpoint chat-pe0 has no private DNS zone group/],
        ],
    ],
    [
        p.signalrKeyVaultReachable,
        [
            [
                "a private vault without a shared private endpoint",
                (s) => {
                    remove(s, "kv-pe-link");
                    remove(s, "kv-pe-approval");
                },
                /SignalR service chat-service's upstream.templates\[0\] references Key Vault contoso-kv, which refuses public network access, but the service has no shared private endpoint \(group vault\) to it/,
            ],
            [
                "a vault whose ACLs deny everything outside, without a link",
                (s) => {
                    delete vault(s).properties.publicNetworkAccess;
                    vault(s).properties.networkAcls = { defaultAction: "Deny", bypass: "None", ipRules: [] };
                    remove(s, "kv-pe-link");
                },
                /references Key Vault contoso-kv, which refuses public network access/,
            ],
            ["a link to the vault from another service", (s) => (named(s, "kv-pe-link").inputs.resourceName = "other-service"), /no shared private endpoint \(group vault\)/],
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
    [
        p.localAuthDisabled,
        [
            ["keys accepted", (s) => (signalR(s).disableLocalAuth = false), /SignalR still accepts access keys/],
            [
                "keys accepted, with no Function app binding by identity in the stack",
                (s) => {
                    delete signalR(s).disableLocalAuth;
                    app(s).siteConfig.appSettings = [];
                },
                /still accepts access keys/,
            ],
        ],
    ],
    [
        p.signalrPublicNetworkDisabled,
        [
            [
                "public access enabled",
                (s) => (signalR(s).publicNetworkAccess = "Enabled"),
                /publicNetworkAccess is Enabled: Azure Policy built-in 21a9766a-82a5-4747-abb5-650b6dbba6d0 \(Azure SignalR Service should disable public network access\) would deny/,
            ],
            ["public access unset", (s) => delete signalR(s).publicNetworkAccess, /publicNetworkAccess is unset \(Enabled\)/],
            ["ACLs that allow by default", (s) => (signalR(s).networkACLs.defaultAction = "Allow"), /networkACLs.defaultAction is Allow/],
            [
                "ServerConnection from the public network",
                (s) => signalR(s).networkACLs.publicNetwork.allow.push("ServerConnection"),
                /lets ServerConnection in from the public network/,
            ],
            ["Trace from the public network", (s) => (signalR(s).networkACLs.publicNetwork.allow = ["trace"]), /lets trace in from the public network/],
        ],
    ],
    [
        p.signalrDiagnosticLogs,
        [
            ["no diagnostic setting", (s) => remove(s, "chat-diagnostics0"), /SignalR service chat-service has no diagnostic setting that sends logs/],
            ["a setting for another resource", (s) => (named(s, "chat-diagnostics0").inputs.resourceUri = VAULT), /no diagnostic setting/],
            ["a setting with metrics only", (s) => (named(s, "chat-diagnostics0").inputs.logs = [{ categoryGroup: "allLogs", enabled: false }]), /no diagnostic setting/],
        ],
    ],
    [p.signalrProductionReplicas, []], // needs a stack tag: see its own tests below
    [
        p.signalrReplicasPremium,
        [
            [
                "a replica of a Standard service",
                (s) => s.push(replica()),
                /SignalR replica chat-replica-eastus replicates service chat-service, which uses SKU Standard_S1; geo-replication requires the Premium tier/,
            ],
            [
                "a Standard replica of a Premium service",
                (s) => {
                    signalR(s).sku = { name: "Premium_P1", tier: "Premium" };
                    s.push({ ...replica(), inputs: { ...replica().inputs, sku: { name: "Standard_S1", tier: "Standard" } } });
                },
                /SignalR replica chat-replica-eastus uses SKU Standard_S1; replicas must be Premium/,
            ],
        ],
    ],
    [
        p.signalrReplicaLinksApproved,
        [
            [
                "an approval that names other replicas",
                (s) => {
                    s.push(replica());
                    named(s, "func-pe-approval").inputs.replicaNames = ["chat-service-westus"];
                },
                /Replica chat-replica-eastus's copy of shared private link func-pe-link has no approval in this stack/,
            ],
            [
                "no approval of the link",
                (s) => {
                    s.push(replica());
                    remove(s, "func-pe-approval");
                },
                /Replica chat-replica-eastus's copy of shared private link func-pe-link has no approval/,
            ],
        ],
    ],
    [
        p.keyVaultHardened,
        [
            ["access policies", (s) => (vault(s).properties.enableRbacAuthorization = false), /access policies instead of Azure RBAC/],
            ["no purge protection", (s) => delete vault(s).properties.enablePurgeProtection, /no purge protection/],
        ],
    ],
    [
        p.functionAppPrivate,
        [["public app", (s) => (app(s).publicNetworkAccess = "Enabled"), /Function app func is targeted by a shared private endpoint but still allows public network access/]],
    ],
    [
        p.functionAppHttpsOnly,
        [
            ["httpsOnly false", (s) => (app(s).httpsOnly = false), /Function app func: httpsOnly is false, so plain HTTP is accepted/],
            ["httpsOnly unset", (s) => delete app(s).httpsOnly, /httpsOnly is unset/],
        ],
    ],
    [
        p.functionAppMinTls,
        [
            ["TLS 1.0", (s) => (app(s).siteConfig.minTlsVersion = "1.0"), /Function app func: siteConfig.minTlsVersion is 1.0; use 1.2 or later/],
            ["TLS 1.1", (s) => (app(s).siteConfig.minTlsVersion = "1.1"), /minTlsVersion is 1.1/],
        ],
    ],
    [
        p.functionAppManagedIdentity,
        [
            ["no identity", (s) => delete app(s).identity, /Function app func: identity is unset/],
            ["identity None", (s) => (app(s).identity = { type: "None" }), /identity is None/],
        ],
    ],
    [
        p.sharedPrivateEndpointApproved,
        [
            ["no approval", (s) => remove(s, "func-pe-approval"), /Shared private link func-pe-link has no approval in this stack/],
            ["approval of another message", (s) => (named(s, "func-pe-approval").inputs.requestMessage = "other"), /has no approval/],
        ],
    ],
    [
        p.privateEndpointHasAclEntry,
        [
            [
                "no entry",
                (s) => remove(s, "chat-pe0-acl"),
                /Private endpoint chat-pe0 connects to SignalR service chat-service, whose network ACLs deny by default, but no network ACL entry in this stack allows anything/,
            ],
            ["an entry for another endpoint", (s) => (named(s, "chat-pe0-acl").inputs.privateEndpointId = `${INBOUND_PE}-other`), /no network ACL entry/],
            [
                "a manual connection without an entry",
                (s) => {
                    const pe = named(s, "chat-pe0").inputs;
                    pe.manualPrivateLinkServiceConnections = pe.privateLinkServiceConnections;
                    delete pe.privateLinkServiceConnections;
                    remove(s, "chat-pe0-acl");
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

    it("the secure fixture passes the whole pack", () => {
        const report = evaluatePolicies(secureStack());
        assert.deepEqual(report.violations, []);
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
});

describe("replica rules on a Premium service with replicas", () => {
    const replicated = () => {
        const stack = secureStack();
        signalR(stack).sku = { name: "Premium_P1", tier: "Premium" };
        stack.push(replica());
        return stack;
    };
    it("pass when the approvals name the replica, or name none (then every listed replica is approved)", () => {
        const stack = replicated();
        named(stack, "func-pe-approval").inputs.replicaNames = ["chat-service-eastus"];
        assert.deepEqual(evaluatePolicies(stack).violations, []);
        delete named(stack, "func-pe-approval").inputs.replicaNames;
        assert.deepEqual(evaluatePolicies(stack, [p.signalrReplicaLinksApproved, p.signalrReplicasPremium]).violations, []);
    });
    it("skip what is not known yet in preview", () => {
        const stack = replicated();
        named(stack, "chat-replica-eastus").inputs.replicaName = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        named(stack, "func-pe-approval").inputs.replicaNames = ["other"];
        assert.deepEqual(evaluatePolicies(stack, [p.signalrReplicaLinksApproved]).violations, []);
    });
    it("a replica of another service is not judged against this service's links", () => {
        const stack = replicated();
        named(stack, "chat-replica-eastus").inputs.resourceName = "other-service";
        named(stack, "func-pe-approval").inputs.replicaNames = [];
        assert.deepEqual(evaluatePolicies(stack, [p.signalrReplicaLinksApproved]).violations, []);
    });
});

describe("the whole pack over a deliberately insecure program", function () {
    this.timeout(60_000);
    it("reports exactly the violations the program was written to have", async () => {
        const plan = await runPlan({ program: "test/fixtures/insecure-program" });
        const report = evaluatePolicies(plan.recorded);
        const found = report.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.resource}`).sort();
        assert.deepEqual(found, [
            "advisory function-app-https-only public-func",
            "advisory function-app-managed-identity public-func",
            "advisory function-app-public-access-disabled public-func",
            "advisory key-vault-rbac-and-purge-protection private-kv",
            "advisory key-vault-rbac-and-purge-protection soft",
            "advisory key-vault-rbac-and-purge-protection soft",
            "advisory shared-private-endpoint-approved-by-stack wrong-group",
            "advisory signalr-cors-not-wildcard free",
            "advisory signalr-cors-not-wildcard locked",
            "advisory signalr-diagnostic-logs free",
            "advisory signalr-diagnostic-logs locked",
            "advisory signalr-local-auth-disabled free",
            "advisory signalr-private-endpoint-has-acl-entry clients-pe",
            "advisory signalr-public-network-disabled free",
            "advisory signalr-upstream-auth-managed-identity free",
            "advisory signalr-upstream-auth-managed-identity free",
            "advisory signalr-upstream-auth-managed-identity free",
            "advisory signalr-upstream-auth-managed-identity locked",
            "mandatory signalr-key-vault-reachable locked",
            "mandatory signalr-name-valid locked",
            "mandatory signalr-paid-tier free",
            "mandatory signalr-private-access-when-public-disabled locked",
            "mandatory signalr-serverless-mode-with-upstreams free",
            "mandatory signalr-shared-private-link-group-id wrong-group",
            "mandatory signalr-some-auth-enabled locked",
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
        remove(stack, "chat-pe0-acl"); // no entry anywhere
        mutate(stack);
        return evaluatePolicies(stack, [p.privateEndpointHasAclEntry]).violations;
    };
    it("the service allows by default: the endpoint carries everything without an entry", () => {
        assert.deepEqual(
            violations((s) => (signalR(s).networkACLs.defaultAction = "Allow")),
            [],
        );
    });
    it("an endpoint to something that is not a SignalR service of this stack is not judged", () => {
        assert.deepEqual(
            violations((s) => (named(s, "chat-pe0").inputs.privateLinkServiceConnections[0].privateLinkServiceId = VAULT)),
            [],
        );
    });
    it("while the endpoint's id is unknown (a first preview), an entry with an unknown endpoint counts", () => {
        const stack = secureStack();
        delete named(stack, "chat-pe0").id;
        named(stack, "chat-pe0-acl").inputs.privateEndpointId = undefined;
        assert.deepEqual(evaluatePolicies(stack, [p.privateEndpointHasAclEntry]).violations, []);
    });
});

describe("rules where they do not apply", () => {
    const only = (policy: ResourceValidationPolicy | StackValidationPolicy, mutate: (s: EvaluatedResource[]) => void) => {
        const stack = secureStack();
        mutate(stack);
        return evaluatePolicies(stack, [policy]).violations;
    };
    it("a public vault needs no shared private endpoint", () => {
        assert.deepEqual(
            only(p.signalrKeyVaultReachable, (s) => {
                vault(s).properties.publicNetworkAccess = "Enabled";
                remove(s, "kv-pe-link");
            }),
            [],
        );
    });
    it("a vault that lets trusted services or listed addresses in is not judged", () => {
        for (const networkAcls of [
            { defaultAction: "Deny", bypass: "AzureServices", ipRules: [] },
            { defaultAction: "Deny", bypass: "None", ipRules: [{ value: "20.1.2.3" }] },
        ]) {
            const found = only(p.signalrKeyVaultReachable, (s) => {
                delete vault(s).properties.publicNetworkAccess;
                vault(s).properties.networkAcls = networkAcls;
                remove(s, "kv-pe-link");
            });
            assert.deepEqual(found, [], JSON.stringify(networkAcls));
        }
    });
    it("a vault outside the stack is not judged", () => {
        assert.deepEqual(
            only(p.signalrKeyVaultReachable, (s) => {
                remove(s, "kv");
                remove(s, "kv-pe-link");
            }),
            [],
        );
    });
    it("a public SignalR service needs no inbound endpoint", () => {
        assert.deepEqual(
            only(p.signalrPrivateAccessWhenPublicDisabled, (s) => {
                signalR(s).publicNetworkAccess = "Enabled";
                remove(s, "chat-pe0");
            }),
            [],
        );
    });
    it("an autonamed SignalR service is not judged by its name", () => {
        assert.deepEqual(
            only(p.signalrNameValid, (s) => delete signalR(s).resourceName),
            [],
        );
    });
    it("Function apps no shared private link targets are not judged by the pattern's app rules", () => {
        for (const policy of [p.functionAppHttpsOnly, p.functionAppMinTls, p.functionAppManagedIdentity, p.functionAppPrivate, p.functionPlanSupportsPrivateEndpoints]) {
            const found = only(policy, (s) => {
                remove(s, "func-pe-link");
                Object.assign(app(s), { httpsOnly: false, identity: undefined, publicNetworkAccess: "Enabled", siteConfig: { minTlsVersion: "1.0" } });
                named(s, "func-plan").inputs.sku = { name: "Y1", tier: "Dynamic" };
            });
            assert.deepEqual(found, [], policy.name);
        }
    });
    it("minimum TLS unset is the platform's 1.2, and 1.3 passes", () => {
        assert.deepEqual(
            only(p.functionAppMinTls, (s) => delete app(s).siteConfig.minTlsVersion),
            [],
        );
        assert.deepEqual(
            only(p.functionAppMinTls, (s) => (app(s).siteConfig.minTlsVersion = "1.3")),
            [],
        );
    });
    it("a Function app with both identity kinds passes", () => {
        assert.deepEqual(
            only(p.functionAppManagedIdentity, (s) => (app(s).identity = { type: "SystemAssigned, UserAssigned" })),
            [],
        );
    });
    it("a diagnostic setting sending one log category (not a group) passes", () => {
        assert.deepEqual(
            only(p.signalrDiagnosticLogs, (s) => (named(s, "chat-diagnostics0").inputs.logs = [{ category: "ConnectivityLogs", enabled: true }])),
            [],
        );
    });
    it("a diagnostic setting under azure-native's old insights token counts", () => {
        assert.deepEqual(
            only(p.signalrDiagnosticLogs, (s) => (named(s, "chat-diagnostics0").type = "azure-native:insights:DiagnosticSetting")),
            [],
        );
    });
});
