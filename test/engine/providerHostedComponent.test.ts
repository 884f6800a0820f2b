// Components built by the package's provider, the way every non-TypeScript program gets them, all
// through the real Pulumi CLI: a YAML project whose `packages:` names this checkout, run by the
// real YAML host; the engine calls Construct on the package's provider (started from source through
// the stand-in nodejs host's RunPlugin), the components register their resources with the engine's
// resource monitor and the engine creates our custom resources on the provider it selects. One
// stack, one lifecycle (preview, up, destroy) for all of it:
// - preview: the approval is checked with the link's id unknown, and nothing reaches Azure;
// - the stack's azure-native configuration, which the engine passes with Construct, signs the
//   approvals in; its secret stays secret in the state file;
// - an explicit `pulumi:providers:signalr-serverless` given to the components (`options:
//   provider:`) is the one their approvals are created on: no default provider is loaded (the
//   default provider's case is yamlPackage.test.ts);
// - the approval, the Key Vault re-read and the inbound private endpoint's ACL entry run against
//   the custom cloud the engine's environment names (ARM_* triple; the program names no endpoint;
//   a cloud registered in the Azure CLI is chosen the same way: test/unit/armTarget.test.ts);
// - with a geo-replica, the replica's copy of the link approved too and the replica's outputs
//   returned to the program.
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { type FakeResourceManager, TEST_SUBSCRIPTION, replicaLinkId } from "../support/fakeResourceManager";
import { CliStack, assertDestroyLeavesNothing, cliStack, readStateFile } from "./cliProject";
import { StateResource, engineWorld } from "./engineStack";
import { describeWithEngine } from "./toolchain";
import { keyVaultReferencedChatConfig } from "./chatWorld";
import { buildPluginEntry, keyVaultReferencedChat, yamlPackageProjectHead } from "./yamlPackageProject";

const PROJECT = "engine-provider-hosted";
const PACKAGE_PROVIDER = "pulumi:providers:signalr-serverless";
const APPROVAL = "signalr-serverless:index:PrivateEndpointConnectionApproval";
/** The custom resources the package's provider serves itself (src/components/armBackedResources.ts PACKAGE_TYPES). */
const OURS = /^signalr-serverless:index:(PrivateEndpointConnectionApproval|UpstreamSettingsRefresh|PrivateEndpointNetworkAcl)$/;
const CERTIFICATE_PASSWORD = "pfx-s3cret-7d1e";
const SUBNET_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients/subnets/endpoints`;
const SERVICES = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR`;
const CHAT = `${SERVICES}/contoso-signalr`;
const GEO = `${SERVICES}/geo-signalr`;
const REPLICA = "geo-signalr-northeurope";
/** The protocol's secret signature (sdk/nodejs/runtime/rpc.ts specialSigKey, specialSecretSig). */
const SECRET_SIG = { key: "4dabf18193072939515e22adb298388d", value: "1b47061264138c4ac30d75fd1eb44270" };
/** The wire value of an unknown in `pulumi preview --json` (sdk/go/common/resource/plugin UnknownStringValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Fast polls: the fake answers at once. */
const APPROVAL_TIMING = ["approvalTimeoutSeconds: 60", "approvalPollIntervalSeconds: 2", "approvalMaxPollIntervalSeconds: 2"];
const indented = (lines: string[], by: string) => lines.map((line) => `${by}${line}`).join("\n");

/**
 * Each component on the explicit provider `eu`. `chat`: yamlPackage.test.ts's, with an inbound
 * private endpoint. `geo`: Premium with one geo-replica and a shared private endpoint. `eu-pe`: a
 * SharedPrivateEndpoint of its own from `chat`'s service to another Function app.
 */
const PULUMI_YAML = `${yamlPackageProjectHead(PROJECT, ["secretUri", "keyVaultId", "functionAppId", "geoFunctionAppId", "euFunctionAppId", "subnetId"])}resources:
  eu:
    type: ${PACKAGE_PROVIDER}
${keyVaultReferencedChat({
    serviceName: "contoso-signalr",
    endpoint: APPROVAL_TIMING,
    properties: ["privateEndpoints:", "  - name: pe-clients", "    subnetResourceId: ${subnetId}"],
    options: ["provider: ${eu}"],
})}  geo:
    type: signalr-serverless:ServerlessSignalR
    properties:
      resourceGroupName: app-rg
      location: westeurope
      serviceName: geo-signalr
      sku: Premium_P1
      replicas:
        - location: North Europe
      sharedPrivateEndpoints:
        - name: geo-pe
          targetResourceId: \${geoFunctionAppId}
${indented(APPROVAL_TIMING, "          ")}
    options:
      provider: \${eu}
  eu-pe:
    type: signalr-serverless:SharedPrivateEndpoint
    properties:
      resourceGroupName: app-rg
      signalRName: \${chat.serviceName}
      targetResourceId: \${euFunctionAppId}
${indented(APPROVAL_TIMING, "      ")}
    options:
      provider: \${eu}
outputs:
  chatStatuses: \${chat.sharedPrivateEndpointStatuses}
  geoStatuses: \${geo.sharedPrivateEndpointStatuses}
  geoReplicas: \${geo.replicas}
  euStatus: \${eu-pe.status}
  euConnectionName: \${eu-pe.connectionName}
`;

/** A step of `pulumi preview --json`, with the state it plans. */
interface PlannedStep {
    op: string;
    urn: string;
    provider?: string;
    newState?: { type: string; inputs?: Record<string, unknown> };
}

/** Every place under `value` where a property named `key` holds something, with its path. */
function propertiesNamed(value: unknown, key: string, at = ""): { at: string; value: unknown }[] {
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [{ at: `${at}.${k}`, value: v }] : []), ...propertiesNamed(v, key, `${at}.${k}`)]);
}

describeWithEngine(
    "the real Pulumi CLI: components constructed by the package's provider (YAML program, explicit provider, stack azure-native config, custom cloud, geo-replica)",
    (bin) => {
        const scenario = engineWorld(
            bin,
            {
                standIns: true,
                setUp: (fake, functionAppId) => {
                    return {
                        ...keyVaultReferencedChatConfig(fake, functionAppId),
                        geoFunctionAppId: fake.addTarget("Microsoft.Web/sites", "geo-func"),
                        euFunctionAppId: fake.addTarget("Microsoft.Web/sites", "eu-func"),
                        subnetId: SUBNET_ID,
                    };
                },
            },
            ({ consumer, config, baseEnv }) => cliStack({ consumer, bin, project: PROJECT, files: { "Pulumi.yaml": PULUMI_YAML }, config, baseEnv }),
        );
        let arm: FakeResourceManager;
        let stack: CliStack;
        let upOutput = "";
        let created = 0;
        let resources: StateResource[] = [];
        let stateText = "";
        /** What the fake `az` was asked, by every process of the stack (signedInThroughAzureCli logs each call). */
        const azCalls = () => {
            const dir = stack.env.PATH!.split(":").find((d) => path.basename(d).startsWith("fake-az-"))!;
            const log = path.join(dir, "calls.log");
            return existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
        };
        const named = (name: string) => resources.filter((r) => r.urn.endsWith(`::${name}`));
        /** Our custom resources in the state: the three approvals, the re-read and the ACL entry. */
        const ours = () => {
            const found = resources.filter((r) => OURS.test(r.type));
            assert.equal(found.length, 5, `our custom resources in the state after up: ${found.map((r) => r.urn).join(", ")}`);
            return found;
        };
        const referenceOf = (r: StateResource) => `${r.urn}::${r.id}`;

        before(async function () {
            this.timeout(300_000);
            buildPluginEntry();
            ({ arm, stack } = scenario);
            // The stack's azure-native settings, as a user sets them: one plain, one secret.
            await stack.pulumi(["config", "set", "azure-native:subscriptionId", TEST_SUBSCRIPTION]);
            await stack.pulumi(["config", "set", "--secret", "azure-native:clientCertificatePassword", CERTIFICATE_PASSWORD]);
        });

        it("preview: each approval is checked on its provider with the link's id still unknown, and nothing reaches Azure", async function () {
            this.timeout(300_000);
            const { stdout } = await stack.pulumi(["preview", "--json"]);
            const steps = (JSON.parse(stdout) as { steps: PlannedStep[] }).steps;
            const approvals = steps.filter((s) => s.newState?.type === APPROVAL);
            assert.deepEqual(approvals.map((s) => [s.op, s.urn.split("::").pop()]).sort(), [
                ["create", "chat-func-pe-approval"],
                ["create", "eu-pe-approval"],
                ["create", "geo-geo-pe-approval"],
            ]);
            for (const approval of approvals) {
                assert.equal(approval.newState?.inputs?.sharedPrivateLinkResourceId, UNKNOWN, `${approval.urn}: the link is not created in a preview`);
            }
            for (const approval of approvals) {
                assert.match(approval.provider ?? "", /::pulumi:providers:signalr-serverless::eu::/, `${approval.urn}: checked on the explicit provider`);
            }
            assert.deepEqual(
                arm.requests.map((r) => `${r.method} ${r.path}`),
                [],
                "no request reaches Resource Manager",
            );
        });

        it("up constructs every component on its provider and approves each connection, the replica's copy too", async function () {
            this.timeout(600_000);
            ({ stdout: upOutput } = await stack.pulumi(["up", "--yes", "--skip-preview"]));
            const up = (JSON.parse((await stack.pulumi(["stack", "history", "--json"])).stdout) as { result: string; resourceChanges?: Record<string, number> }[])[0];
            assert.equal(up.result, "succeeded");
            created = up.resourceChanges?.create ?? 0;
            stateText = readFileSync(stack.stateFile, "utf8");
            resources = readStateFile(stack.stateFile).checkpoint.latest?.resources ?? [];

            const outputs = await stack.outputs();
            assert.deepEqual(
                { chat: outputs.chatStatuses, geo: outputs.geoStatuses, eu: outputs.euStatus, euConnection: outputs.euConnectionName },
                {
                    chat: { "func-pe": "Approved" },
                    geo: { "geo-pe": "Approved" },
                    eu: "Approved",
                    euConnection: arm.connectionsOf(`${CHAT}/sharedPrivateLinkResources/eu-pe`)[0]?.connection.name,
                },
                "the components' outputs carry their approvals'",
            );
            for (const link of ["func-pe", "eu-pe"]) {
                assert.deepEqual(
                    arm.connectionsOf(`${CHAT}/sharedPrivateLinkResources/${link}`).map((c) => c.connection.status),
                    ["Approved"],
                    link,
                );
            }
            const geoLink = `${GEO}/sharedPrivateLinkResources/geo-pe`;
            assert.deepEqual(
                [geoLink, replicaLinkId(geoLink, REPLICA)].map((id) => arm.connectionsOf(id).map((c) => c.connection.status)),
                [["Approved"], ["Approved"]],
                "the primary's and the replica's connections, each approved",
            );
            assert.deepEqual(
                (outputs.geoReplicas as { name: string; location: string; sharedPrivateEndpoints: Record<string, string> }[]).map((r) => [
                    r.name,
                    r.location,
                    r.sharedPrivateEndpoints,
                ]),
                [[REPLICA, "northeurope", { "geo-pe": "Approved" }]],
                "the replica's outputs returned to the program",
            );
            assert.match(upOutput, /approving its connection on the target and waiting for SignalR/, "the components' progress reaches the engine's log");
        });

        it("the explicit provider is the one each component's approval, re-read and ACL entry was created on; no default provider was loaded", () => {
            const providers = resources.filter((r) => r.type === PACKAGE_PROVIDER);
            assert.deepEqual(providers.map((r) => r.urn.split("::").pop()).sort(), ["eu"], providers.map((r) => r.urn).join("\n"));
            const [eu] = named("eu");
            const byProvider = (r: StateResource) => (r.provider === referenceOf(eu) ? "eu" : r.provider);
            assert.deepEqual(
                ours()
                    .map((r) => [r.urn.split("::").pop(), byProvider(r)])
                    .sort(),
                [
                    ["chat-func-pe-approval", "eu"],
                    ["chat-pe-pe-clients-acl", "eu"],
                    ["chat-upstream-refresh", "eu"],
                    ["eu-pe-approval", "eu"],
                    ["geo-geo-pe-approval", "eu"],
                ],
            );
            const [geoApproval] = named("geo-geo-pe-approval");
            assert.deepEqual(geoApproval.inputs?.replicaNames, [REPLICA], "the approval of the geo-replicated service covers its replica");
        });

        it("the stack's azure-native config signed the approvals in, and its secret is only ciphertext in the state file", () => {
            assert.ok(
                azCalls().includes(`account show --subscription ${TEST_SUBSCRIPTION} -o json`),
                `azure-native:subscriptionId's account was asked for: ${azCalls().join(" | ")}`,
            );
            assert.ok(!stateText.includes(CERTIFICATE_PASSWORD), "the certificate password is nowhere in plain text in the state file");
            for (const r of ours()) {
                const settings = propertiesNamed({ inputs: r.inputs, outputs: r.outputs }, "azureNativeConfig");
                assert.deepEqual(
                    settings.map((s) => s.at),
                    [".inputs.azureNativeConfig", ".outputs.azureNativeConfig"],
                    `${r.urn}: the stack's settings are among its inputs`,
                );
                for (const s of settings) {
                    const secret = s.value as Record<string, unknown>;
                    assert.equal(secret[SECRET_SIG.key], SECRET_SIG.value, `${r.urn} ${s.at} is a secret`);
                    assert.equal(typeof secret.ciphertext, "string", `${r.urn} ${s.at}: encrypted with the stack's passphrase`);
                }
            }
        });

        it("the approvals, the Key Vault re-read and the inbound endpoint's ACL entry ran against the environment's custom cloud", () => {
            for (const r of ours()) {
                assert.equal(r.inputs?.resourceManagerEndpoint, undefined, `${r.urn}: no endpoint in the program, the cloud is chosen where the provider runs`);
            }
            // The fake Resource Manager is reachable only as the custom cloud's endpoint (customCloudEnv).
            const writes = arm.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
            for (const site of ["contoso-func", "geo-func", "eu-func"]) {
                assert.ok(
                    writes.some((w) => w.startsWith("PUT ") && w.includes(`/Microsoft.Web/sites/${site}/privateEndpointConnections/`)),
                    `${site}'s connection approved: ${writes.join("\n")}`,
                );
            }
            const patches = arm.requests.filter((r) => r.method === "PATCH" && r.path === CHAT).map((r) => Object.keys((r.body as { properties: object }).properties));
            assert.equal(patches.filter((keys) => keys.includes("upstream")).length, 2, "the re-read: two PATCHes of the upstream settings");
            assert.ok(
                patches.some((keys) => keys.includes("networkACLs")),
                "the inbound endpoint's ACL entry",
            );
        });

        it("destroy removes what it created and empties the state", async function () {
            this.timeout(300_000);
            await assertDestroyLeavesNothing(stack, arm, created);
        });
    },
);
