// The package as other Pulumi languages see it: the schema the SDK's component analyzer derives
// from the TypeScript source, the provider's construct path, and the YAML example against both.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { SERVERLESS_SIGNALR_ARG_NAMES, SHARED_PRIVATE_ENDPOINT_ARG_NAMES, ServerlessSignalR } from "../../src";
import { SHARED_PRIVATE_ENDPOINT_ENTRY_ARG_NAMES } from "../../src/components/sharedPrivateEndpointArgNames";
import { COMPONENTS } from "../../src/components/registry";
import { SignalRServerlessProvider } from "../../src/provider/packageProvider";
import { MockRecorder, valueOf } from "../helpers/mocks";

const root = path.resolve(__dirname, "../..");
const TOKEN = (name: string) => `signalr-serverless:index:${name}`;
interface SchemaProperty {
    type?: string;
    $ref?: string;
    items?: SchemaProperty;
    description?: string;
    plain?: boolean;
    additionalProperties?: SchemaProperty;
    secret?: boolean;
}
interface SchemaResource {
    isComponent?: boolean;
    inputProperties: Record<string, SchemaProperty>;
    requiredInputs?: string[];
    properties: Record<string, SchemaProperty>;
    description?: string;
}
interface Schema {
    name: string;
    resources: Record<string, SchemaResource>;
    types: Record<string, { properties?: Record<string, SchemaProperty>; enum?: { value: string; description?: string }[]; required?: string[] }>;
    dependencies?: { name: string }[];
}

describe("component package", function () {
    this.timeout(180_000);
    let provider: SignalRServerlessProvider;
    let schema: Schema;

    before(async () => {
        provider = new SignalRServerlessProvider({ dirname: root, components: COMPONENTS });
        schema = JSON.parse(await provider.getSchema()) as Schema;
    });

    it("PulumiPlugin.yaml declares a nodejs plugin; the folder's package.json main (what the host starts) hosts the same components", () => {
        const plugin = parseYaml(readFileSync(path.join(root, "PulumiPlugin.yaml"), "utf8")) as { runtime: string; main: string };
        assert.deepEqual(plugin, { runtime: "nodejs", main: "provider.ts" });
        // The CLI reads no main from PulumiPlugin.yaml: the language host runs the folder, i.e. package.json main.
        const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { main: string; exports: Record<string, { default: string }> };
        assert.equal(pkg.main, "dist/provider/main.js");
        assert.equal(pkg.exports["."].default, "./dist/index.js", "npm consumers still get the library");
        const entry = readFileSync(path.join(root, "src/provider/main.ts"), "utf8");
        assert.match(entry, /pulumi\.provider\.main\(new SignalRServerlessProvider\(\{ components: COMPONENTS, dirname: PACKAGE_ROOT \}\)/);
        assert.match(readFileSync(path.join(root, plugin.main), "utf8"), /import "\.\/src\/provider\/main";/, "provider.ts runs the same entry from source");
    });

    it("has the three components and the five custom resources with their type tokens", () => {
        assert.equal(schema.name, "signalr-serverless");
        const components = [TOKEN("ServerlessSignalR"), TOKEN("SharedPrivateEndpoint"), TOKEN("SignalRExtensionKey")];
        const custom = [
            TOKEN("FunctionAppSystemKey"),
            TOKEN("PrivateEndpointConnectionApproval"),
            TOKEN("UpstreamSettingsRefresh"),
            TOKEN("PrivateEndpointNetworkAcl"),
            TOKEN("ReplicaRegionEndpoint"),
        ];
        assert.deepEqual(Object.keys(schema.resources).sort(), [...components, ...custom].sort());
        for (const t of components) assert.equal(schema.resources[t].isComponent, true);
        for (const t of custom) {
            const r = schema.resources[t];
            assert.equal(r.isComponent, undefined, `${t} is a custom resource`);
            for (const [name, p] of [...Object.entries(r.inputProperties), ...Object.entries(r.properties)]) {
                assert.ok((p.description ?? "").length > 10, `${t}.${name} is documented`);
            }
        }
        assert.equal(schema.resources[TOKEN("FunctionAppSystemKey")].inputProperties.value.secret, true);
        assert.equal(schema.resources[TOKEN("FunctionAppSystemKey")].properties.value.secret, true);
        assert.equal(schema.resources[TOKEN("SignalRExtensionKey")].inputProperties.value.secret, true);
        assert.deepEqual(
            schema.dependencies?.map((d) => d.name),
            ["azure-native"],
        );
    });

    it("asks Go's codegen for every input struct (test/engine/go.test.ts builds the SDK) and names azure-native's NuGet package for C#", () => {
        const language = (schema as unknown as { language: Record<string, Record<string, unknown>> }).language;
        assert.equal(language.go.generateExtraInputTypes, true);
        assert.equal(language.go.respectSchemaVersion, true, "the SDK analyzer's own Go options are kept");
        assert.equal(language.python.respectSchemaVersion, true);
        const azureNative = schema.dependencies?.find((d) => d.name === "azure-native") as unknown as { version: string };
        assert.deepEqual(language.csharp.packageReferences, { "Pulumi.AzureNative": `[${azureNative.version},4)` }, "C#'s project references azure-native's SDK");
    });

    it("exposes every ServerlessSignalR argument, each documented, with the right types", () => {
        const r = schema.resources[TOKEN("ServerlessSignalR")];
        assert.deepEqual(Object.keys(r.inputProperties).sort(), [...SERVERLESS_SIGNALR_ARG_NAMES].sort());
        for (const [name, p] of Object.entries(r.inputProperties)) assert.ok((p.description ?? "").length > 10, `${name} has no description`);
        assert.deepEqual(r.requiredInputs, ["resourceGroupName"]);
        const i = r.inputProperties;
        assert.equal(i.resourceGroupName.type, "string");
        assert.equal(i.sku.$ref, `#/types/${TOKEN("SignalRSku")}`);
        assert.deepEqual(
            schema.types[TOKEN("SignalRSku")].enum?.map((e) => e.value),
            ["Standard_S1", "Premium_P1", "Premium_P2"],
        );
        for (const t of Object.values(schema.types)) for (const e of t.enum ?? []) assert.ok((e.description ?? "").length > 5, `enum value ${e.value} is documented`);
        const acls = schema.types[TOKEN("SignalRNetworkAclsArgs")].properties ?? {};
        assert.deepEqual(
            schema.types[acls.publicNetworkAllow.items!.$ref!.split("/").pop()!].enum?.map((e) => e.value),
            ["ClientConnection", "RESTAPI", "Trace"],
        );
        assert.equal(i.capacity.type, "number");
        assert.equal(i.disableLocalAuth.type, "boolean");
        assert.equal(i.disableLocalAuth.plain, true, "flags that decide resources are plain");
        assert.equal(i.tags.additionalProperties?.type, "string");
        assert.equal(i.identity.$ref, `#/types/${TOKEN("SignalRIdentityArgs")}`);
        // The Azure Verified Module's interfaces, with AVM's property names, each documented.
        for (const [arg, type, props] of [
            [
                "diagnosticSettings",
                "SignalRDiagnosticSettingArgs",
                ["workspaceResourceId", "storageAccountResourceId", "eventHubAuthorizationRuleResourceId", "eventHubName", "logCategoriesAndGroups", "metricCategories"],
            ],
            ["roleAssignments", "SignalRRoleAssignmentArgs", ["roleDefinitionIdOrName", "principalId", "principalType"]],
        ] as const) {
            assert.equal(i[arg].items?.$ref, `#/types/${TOKEN(type)}`);
            const properties = schema.types[TOKEN(type)].properties ?? {};
            for (const p of props) assert.ok((properties[p]?.description ?? "").length > 10, `${type}.${p} is documented`);
        }
        assert.equal(i.lock.$ref, `#/types/${TOKEN("SignalRLockArgs")}`);
        assert.deepEqual(Object.keys(schema.types[TOKEN("SignalRLockArgs")].properties ?? {}).sort(), ["kind", "name"]);
        assert.equal(i.upstreamTemplates.type, "array");
        assert.equal(i.upstreamTemplates.items?.$ref, `#/types/${TOKEN("UpstreamTemplateArgs")}`);
        assert.equal(i.publicNetworkAccess.$ref, `#/types/${TOKEN("PublicNetworkAccess")}`);
        const template = schema.types[TOKEN("UpstreamTemplateArgs")];
        assert.deepEqual(Object.keys(template.properties ?? {}), ["urlTemplate", "hubPattern", "categoryPattern", "eventPattern", "auth", "managedIdentityResource"]);
        assert.deepEqual(template.required, ["urlTemplate"]);
        assert.deepEqual(
            schema.types[TOKEN("UpstreamAuth")].enum?.map((e) => e.value),
            ["None", "ManagedIdentity"],
        );
        assert.deepEqual(Object.keys(schema.types[TOKEN("KeyVaultAccessArgs")].properties ?? {}), ["keyVaultId", "secretNames", "useAccessPolicy"]);
        const entryKeys = Object.keys(schema.types[TOKEN("SharedPrivateEndpointEntryArgs")].properties ?? {});
        assert.deepEqual(entryKeys, SHARED_PRIVATE_ENDPOINT_ENTRY_ARG_NAMES, "the keys the entry's check accepts");
        assert.deepEqual(entryKeys, [
            "name",
            "targetResourceId",
            "groupId",
            "requestMessage",
            "approve",
            "approvalTimeoutSeconds",
            "approvalConfirmationSeconds",
            "approvalPollIntervalSeconds",
            "approvalMaxPollIntervalSeconds",
        ]);
    });

    it("exposes every output", () => {
        const outputs = (name: string) => Object.keys(schema.resources[TOKEN(name)].properties).sort();
        assert.deepEqual(outputs("ServerlessSignalR"), [
            "hostName",
            "identityId",
            "identityPrincipalId",
            "privateEndpointIds",
            "replicas",
            "service",
            "serviceId",
            "serviceName",
            "sharedPrivateEndpointStatuses",
            "upstreamTemplates",
        ]);
        assert.equal(schema.resources[TOKEN("ServerlessSignalR")].properties.service.$ref, "/azure-native/v3.28.0/schema.json#/resources/azure-native:signalrservice:SignalR");
        assert.deepEqual(outputs("SharedPrivateEndpoint"), ["connectionId", "connectionName", "replicaStatuses", "requestMessage", "sharedPrivateLinkResourceId", "status"]);
        assert.deepEqual(outputs("SignalRExtensionKey"), ["keyName"]);
        const sharedInputs = Object.keys(schema.resources[TOKEN("SharedPrivateEndpoint")].inputProperties);
        assert.deepEqual(sharedInputs, SHARED_PRIVATE_ENDPOINT_ARG_NAMES);
    });

    it("documents the replicas input and the replicas output for other languages", () => {
        const r = schema.resources[TOKEN("ServerlessSignalR")];
        assert.equal(r.inputProperties.replicas.type, "array");
        assert.equal(r.inputProperties.replicas.items?.$ref, `#/types/${TOKEN("SignalRReplicaArgs")}`);
        assert.match(r.inputProperties.replicas.description ?? "", /Premium; at most 8/);
        const input = schema.types[TOKEN("SignalRReplicaArgs")];
        assert.deepEqual(Object.keys(input.properties ?? {}), ["location", "name", "sku", "capacity", "regionEndpointEnabled", "tags"]);
        assert.deepEqual(input.required, ["location"]);
        for (const [name, p] of Object.entries(input.properties ?? {})) assert.ok((p.description ?? "").length > 10, `SignalRReplicaArgs.${name} is documented`);
        assert.equal(r.properties.replicas.items?.$ref, `#/types/${TOKEN("SignalRReplicaOutput")}`);
        const output = schema.types[TOKEN("SignalRReplicaOutput")];
        assert.deepEqual(Object.keys(output.properties ?? {}).sort(), ["id", "location", "name", "sharedPrivateEndpoints"]);
        for (const [name, p] of Object.entries(output.properties ?? {})) assert.ok((p.description ?? "").length > 5, `SignalRReplicaOutput.${name} is documented`);
        const approval = schema.resources[TOKEN("PrivateEndpointConnectionApproval")];
        assert.ok(approval.inputProperties.replicaNames && approval.properties.replicaStatuses && approval.properties.replicaConnections);
    });

    it("constructs ServerlessSignalR with replicas through the provider with the same resources as TypeScript", async () => {
        const args = {
            resourceGroupName: "chat-rg",
            serviceName: "contoso-chat",
            location: "westeurope",
            sku: "Premium_P1",
            replicas: [{ location: "East US" }],
            sharedPrivateEndpoints: [
                { name: "func-pe", targetResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/contoso-func" },
            ],
        };
        const viaProvider = new MockRecorder();
        const result = await provider.construct("chat", TOKEN("ServerlessSignalR"), args, {});
        await viaProvider.settle();
        const replica = viaProvider.one("azure-native:signalrservice:SignalRReplica", "chat-replica-eastus");
        assert.equal(replica.inputs.replicaName, "contoso-chat-eastus");
        assert.deepEqual(viaProvider.one(TOKEN("PrivateEndpointConnectionApproval")).inputs.replicaNames, ["contoso-chat-eastus"]);
        // Created Disabled; the provider's own ReplicaRegionEndpoint turns it on after the approval.
        assert.equal(replica.inputs.regionEndpointEnabled, "Disabled");
        const endpoint = viaProvider.one(TOKEN("ReplicaRegionEndpoint"), "chat-replica-eastus-endpoint");
        assert.equal(endpoint.inputs.regionEndpointEnabled, "Enabled");
        const replicas = (await valueOf(result.state.replicas as never)) as { name: string; location: string }[];
        assert.deepEqual(
            replicas.map((x) => [x.name, x.location]),
            [["contoso-chat-eastus", "eastus"]],
        );
    });

    it("constructs through the provider (as another language would) with the same resources as TypeScript", async () => {
        const args = {
            resourceGroupName: "chat-rg",
            upstreamTemplates: [
                {
                    urlTemplate:
                        "https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code={@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/k)}",
                },
            ],
            keyVaultAccess: [
                { keyVaultId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso-kv", secretNames: ["k"] },
            ],
            sharedPrivateEndpoints: [
                { name: "func-pe", targetResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/contoso-func" },
            ],
            privateEndpoints: [
                { subnetResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s" },
            ],
        };
        const viaProvider = new MockRecorder();
        const result = await provider.construct("chat", TOKEN("ServerlessSignalR"), args, {});
        await viaProvider.settle();
        const direct = new MockRecorder();
        new ServerlessSignalR("chat", args);
        await direct.settle();
        // The same resources, except that the ARM-backed ones are the provider's own custom resources.
        const asPackageType = (type: string) => type.replace("pulumi-nodejs:dynamic/signalr-serverless:", "signalr-serverless:index:");
        // Registration order follows promise timing; the set of resources is what must agree.
        const shape = (rec: MockRecorder) =>
            rec.resources
                .map((r) => ({ type: asPackageType(r.type), name: r.name, inputs: { ...r.inputs, __provider: undefined } }))
                .sort((a, b) => `${a.type}::${a.name}`.localeCompare(`${b.type}::${b.name}`));
        assert.deepEqual(shape(viaProvider), shape(direct));
        assert.ok(
            viaProvider.resources.some((r) => r.type === TOKEN("PrivateEndpointConnectionApproval")),
            "the approval is the provider's own resource",
        );
        assert.ok(
            viaProvider.resources.some((r) => r.type === TOKEN("PrivateEndpointNetworkAcl")),
            "so is the private endpoint's network ACL entry",
        );
        assert.ok(!viaProvider.resources.some((r) => r.type.startsWith("pulumi-nodejs:dynamic")), "no dynamic resource inside the provider");
        assert.ok(
            direct.resources.some((r) => r.type.startsWith("pulumi-nodejs:dynamic")),
            "a TypeScript program uses the dynamic resource",
        );
        assert.ok(viaProvider.resources.length >= 8);
        assert.match(await valueOf(result.urn as never), /signalr-serverless:index:ServerlessSignalR::chat$/);
        assert.deepEqual(Object.keys(result.state).sort(), Object.keys(schema.resources[TOKEN("ServerlessSignalR")].properties).sort());
    });

    it("the YAML example uses only inputs the schema declares, and all required ones", () => {
        const program = parseYaml(readFileSync(path.join(root, "examples/yaml/Pulumi.yaml"), "utf8")) as {
            packages: Record<string, string>;
            resources: Record<string, { type: string; properties: Record<string, unknown> }>;
        };
        assert.equal(program.packages["signalr-serverless"], "../..");
        const used = Object.values(program.resources).filter((r) => r.type.startsWith("signalr-serverless:"));
        assert.deepEqual(used.map((r) => r.type).sort(), [
            "signalr-serverless:ServerlessSignalR",
            "signalr-serverless:SharedPrivateEndpoint",
            "signalr-serverless:SignalRExtensionKey",
        ]);
        for (const r of used) {
            const declared = schema.resources[TOKEN(r.type.split(":")[1])];
            for (const key of Object.keys(r.properties)) assert.ok(key in declared.inputProperties, `${r.type}.${key} is not in the schema`);
            for (const key of declared.requiredInputs ?? []) assert.ok(key in r.properties, `${r.type} misses required ${key}`);
        }
        const chat = used.find((r) => r.type === "signalr-serverless:ServerlessSignalR")!;
        const templateKeys = Object.keys(schema.types[TOKEN("UpstreamTemplateArgs")].properties ?? {});
        for (const t of chat.properties.upstreamTemplates as Record<string, unknown>[]) for (const key of Object.keys(t)) assert.ok(templateKeys.includes(key), key);
    });
});
