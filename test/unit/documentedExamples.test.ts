// Vectors taken from Microsoft's upstream documentation (shared/reference/concept-upstream.txt)
// and the test vector in DESIGN.md.
import { strict as assert } from "node:assert";
import {
    UPSTREAM_HEADERS,
    computeUpstreamSignature,
    keyVaultSecretReference,
    matchesPattern,
    parseKeyVaultReferences,
    renderUpstreamUrl,
    selectUpstreamTemplate,
    validateUpstreamTemplate,
    verifyUpstreamSignature,
    connectionOfPrivateEndpoint,
    privateEndpointAclOf,
    withPrivateEndpointAcl,
} from "../../src";

describe("documented upstream examples", () => {
    const template = "http://host.com/{hub}/api/{category}/{event}";

    it("renders the chat hub connection event", () => {
        assert.equal(renderUpstreamUrl(template, { hub: "chat", category: "connections", event: "connected" }), "http://host.com/chat/api/connections/connected");
    });

    it("renders the chat hub broadcast invocation", () => {
        assert.equal(renderUpstreamUrl(template, { hub: "chat", category: "messages", event: "broadcast" }), "http://host.com/chat/api/messages/broadcast");
    });

    it("accepts the documented ARM template entry (ManagedIdentity, * rules)", () => {
        validateUpstreamTemplate({
            urlTemplate: "https://host.com/{hub}/api/{category}/{event}",
            hubPattern: "*",
            categoryPattern: "*",
            eventPattern: "*",
            auth: "ManagedIdentity",
            managedIdentityResource: "api://contoso-upstream",
        });
    });

    it("accepts the Azure Functions SignalR trigger endpoint with a Key Vault reference", () => {
        const url = "https://contoso.azurewebsites.net/runtime/webhooks/signalr?code={@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/signalr-key)}";
        validateUpstreamTemplate({ urlTemplate: url });
        assert.deepEqual(parseKeyVaultReferences(url), [
            { secretUri: "https://contoso-kv.vault.azure.net/secrets/signalr-key", vaultName: "contoso-kv", secretName: "signalr-key", dnsSuffix: "vault.azure.net" },
        ]);
    });

    it("builds the documented reference syntax, with and without a version", () => {
        assert.equal(
            keyVaultSecretReference("https://myvault.vault.azure.net/secrets/mysecret"),
            "{@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/mysecret)}",
        );
        const versioned = "https://myvault.vault.azure.net/secrets/mysecret/ec96f02080254f109c51a1f14cdb1931";
        const [ref] = parseKeyVaultReferences(keyVaultSecretReference(versioned));
        assert.equal(ref.version, "ec96f02080254f109c51a1f14cdb1931");
        assert.equal(ref.secretName, "mysecret");
    });

    it("accepts a template that is one Key Vault reference holding the whole URL", () => {
        validateUpstreamTemplate({ urlTemplate: "{@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/upstream-url/)}" });
    });

    it("reads the China and US Government vault suffixes", () => {
        const cn = parseKeyVaultReferences("https://h.cn/?a={@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.cn/secrets/s)}");
        const gov = parseKeyVaultReferences("https://h.us/?a={@Microsoft.KeyVault(SecretUri=https://kv2.vault.usgovcloudapi.net/secrets/s)}");
        assert.equal(cn[0].dnsSuffix, "vault.azure.cn");
        assert.equal(gov[0].dnsSuffix, "vault.usgovcloudapi.net");
    });
});

describe("documented rule formats", () => {
    it("`*` matches any event", () => {
        for (const e of ["connected", "disconnected", "broadcast"]) assert.ok(matchesPattern("*", e));
    });
    it("`connected, disconnected` matches exactly those two", () => {
        assert.ok(matchesPattern("connected, disconnected", "connected"));
        assert.ok(matchesPattern("connected, disconnected", "disconnected"));
        assert.ok(!matchesPattern("connected, disconnected", "broadcast"));
        assert.ok(!matchesPattern("connected, disconnected", " connected"));
    });
    it("a full event name matches only that event, case-sensitively", () => {
        assert.ok(matchesPattern("connected", "connected"));
        assert.ok(!matchesPattern("connected", "Connected"));
        assert.ok(!matchesPattern("connected", "disconnected"));
    });
    it("unset matches anything", () => {
        assert.ok(matchesPattern(undefined, "anything"));
    });
});

describe("first match wins", () => {
    const templates = [
        { urlTemplate: "https://a.example/connections", categoryPattern: "connections" },
        { urlTemplate: "https://b.example/chat", hubPattern: "chat", eventPattern: "broadcast, echo" },
        { urlTemplate: "https://c.example/{hub}/{event}" },
    ];
    it("picks the first template whose three rules match", () => {
        assert.equal(selectUpstreamTemplate(templates, { hub: "chat", category: "connections", event: "connected" }), 0);
        assert.equal(selectUpstreamTemplate(templates, { hub: "chat", category: "messages", event: "echo" }), 1);
        assert.equal(selectUpstreamTemplate(templates, { hub: "news", category: "messages", event: "echo" }), 2);
    });
    it("returns -1 when nothing matches", () => {
        assert.equal(selectUpstreamTemplate(templates.slice(0, 2), { hub: "news", category: "messages", event: "echo" }), -1);
        assert.equal(selectUpstreamTemplate([], { hub: "chat", category: "messages", event: "echo" }), -1);
    });
});

describe("upstream signature", () => {
    const connectionId = "0f9c97a2f0bf4706afe87a14e0797b11";
    const primary = "7aab239577fd4f24bc919802fb629f5f";
    const expected = "sha256=7767effcb3946f3e1de039df4b986ef02c110b1469d02c0a06f41b3b727ab561";
    const secondary = "b6a1e2c6a0f74d0e8a4e5d3c2b1a0f9e";

    it("matches the DESIGN.md test vector", () => {
        assert.equal(computeUpstreamSignature(connectionId, primary), expected);
    });
    it("verifies a header that holds the signature of either key, in either position", () => {
        const other = computeUpstreamSignature(connectionId, secondary);
        assert.ok(verifyUpstreamSignature(connectionId, `${expected},${other}`, [primary]));
        assert.ok(verifyUpstreamSignature(connectionId, `${other},${expected}`, [primary]));
        assert.ok(verifyUpstreamSignature(connectionId, `${other}, ${expected}`, [secondary, "unrelated"]));
        assert.ok(verifyUpstreamSignature(connectionId, other, [primary, secondary]));
    });
    it("compares hex case-insensitively", () => {
        assert.ok(verifyUpstreamSignature(connectionId, "sha256=" + expected.slice(7).toUpperCase(), [primary]));
        assert.ok(verifyUpstreamSignature(connectionId, "SHA256=" + expected.slice(7), [primary]));
    });
    it("rejects missing, empty, wrong and truncated signatures", () => {
        assert.ok(!verifyUpstreamSignature(connectionId, undefined, [primary]));
        assert.ok(!verifyUpstreamSignature(connectionId, "", [primary]));
        assert.ok(!verifyUpstreamSignature(connectionId, "  ", [primary]));
        assert.ok(!verifyUpstreamSignature(connectionId, expected, []));
        assert.ok(!verifyUpstreamSignature(connectionId, expected, [secondary]));
        assert.ok(!verifyUpstreamSignature(connectionId, expected.slice(0, -1), [primary]));
        assert.ok(!verifyUpstreamSignature(connectionId, expected.slice(7), [primary]), "hex without the sha256= prefix");
        assert.ok(!verifyUpstreamSignature("another-connection", expected, [primary]));
    });
    it("names the documented headers", () => {
        assert.equal(UPSTREAM_HEADERS.signature, "X-ASRS-Signature");
        assert.deepEqual(Object.values(UPSTREAM_HEADERS).filter((h) => h.startsWith("X-ASRS-")).length, 8);
    });
});

describe("documented SignalR network ACL example (REST API 2024-03-01, SignalR_Update)", () => {
    // The example's response: one connection from a private endpoint, and its ACL entry, named by the connection.
    const connectionName = "mysignalrservice.1fa229cd-bf3f-47f0-8c49-afb36723997e";
    const connections = [
        {
            id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/myResourceGroup/providers/Microsoft.SignalRService/SignalR/mySignalRService/privateEndpointConnections/${connectionName}`,
            name: connectionName,
            properties: {
                privateEndpoint: {
                    id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/myResourceGroup/providers/Microsoft.Network/privateEndpoints/myPrivateEndpoint",
                },
                privateLinkServiceConnectionState: { status: "Approved", actionsRequired: "None" },
            },
        },
    ];
    const networkACLs = { defaultAction: "Deny", publicNetwork: { allow: ["ClientConnection"] }, privateEndpoints: [{ name: connectionName, allow: ["ServerConnection"] }] };

    it("finds the connection of the private endpoint, written with resourceGroups as callers write it", () => {
        const found = connectionOfPrivateEndpoint(
            connections,
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateEndpoints/myPrivateEndpoint",
        );
        assert.deepEqual(found, { name: connectionName, id: connections[0].id, status: "Approved" });
        assert.equal(connectionOfPrivateEndpoint(connections, connections[0].properties.privateEndpoint.id.replace("myPrivateEndpoint", "other")), undefined);
    });

    it("reads the example's entry as allowing ServerConnection, and replaces it in place", () => {
        assert.deepEqual(privateEndpointAclOf(networkACLs, connectionName)?.allow, ["ServerConnection"]);
        const after = withPrivateEndpointAcl(networkACLs, connectionName, ["ClientConnection"]);
        assert.deepEqual(after.privateEndpoints, [{ name: connectionName, allow: ["ClientConnection"], deny: ["ServerConnection", "RESTAPI", "Trace"] }]);
        assert.deepEqual(after.publicNetwork, networkACLs.publicNetwork);
    });
});
