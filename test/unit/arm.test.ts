import { strict as assert } from "node:assert";
import { ValidationError, checkResourceGroupName, deterministicGuid, normalizeResourceManagerEndpoint, parseResourceId, resolveAzureCloud, resourcePath } from "../../src";

const SITE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/chat-rg/providers/Microsoft.Web/sites/contoso-func";

describe("Resource Manager helpers", () => {
    it("parses resource ids, including child resources", () => {
        assert.deepEqual(parseResourceId("id", SITE), {
            id: SITE,
            subscriptionId: "00000000-0000-0000-0000-000000000000",
            resourceGroupName: "chat-rg",
            provider: "Microsoft.Web",
            resourceType: "Microsoft.Web/sites",
            name: "contoso-func",
            names: ["contoso-func"],
        });
        const slot = parseResourceId("id", `${SITE}/slots/staging`);
        assert.equal(slot.resourceType, "Microsoft.Web/sites/slots");
        assert.equal(slot.name, "staging");
        for (const bad of [
            "contoso-func",
            "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/sites/f",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg",
            `${SITE}/`,
            `${SITE}/slots`,
        ]) {
            assert.throws(
                () => parseResourceId("targetResourceId", bad),
                (e: unknown) => e instanceof ValidationError && e.field === "targetResourceId",
                bad,
            );
        }
    });

    describe("resource ids by Azure's rules", () => {
        const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
        const inGroup = (rg: string, rest = "providers/Microsoft.Web/sites/contoso-func") => `${SUB}/resourceGroups/${rg}/${rest}`;
        const refuses = (id: string, why: RegExp) =>
            assert.throws(
                () => parseResourceId("targetResourceId", id),
                (e: unknown) => e instanceof ValidationError && e.field === "targetResourceId" && why.test(e.message),
                JSON.stringify(id),
            );

        it("refuses segments that would end, split or escape a URL path", () => {
            refuses(`${SITE}?`, /`\?`/);
            refuses(inGroup("app-rg?"), /`\?`/);
            refuses(`${SITE}#x`, /`#`/);
            refuses(inGroup("app-rg", "providers/Microsoft.Web/sites/a%2Fb"), /`%`/);
            refuses(inGroup("app-rg", "providers/Microsoft.Web/sites/a\\b"), /`\\`/);
            refuses(inGroup("app-rg", "providers/Microsoft.Web/sites/.."), /`\.\.`/);
            refuses(inGroup("app-rg", "providers/Microsoft.Web/sites/a..b"), /`\.\.`/);
            refuses(inGroup("."), /`\.` segment/);
            refuses(inGroup("app-rg", "providers/Microsoft.Web/sites/contoso\u0000"), /U\+0000/);
            refuses(inGroup("app-rg\n"), /U\+000A/);
            refuses(inGroup("app-rg", "providers/Microsoft.Web/sites/contoso\u007f"), /U\+007F/);
            refuses(inGroup("app-rg", "providers/Microsoft.Web/sites/contoso-\ud800"), /U\+D800/);
            refuses(`${SITE}//x`, /empty segment/);
        });

        it("holds the resource group to the resources spec's pattern: 1-90, letters, digits, _-.(), Unicode letters, no final period", () => {
            for (const ok of ["a", "app-rg", "App_RG.(prod)", "rg-ünicode", "リソース", "x".repeat(90)]) {
                assert.equal(parseResourceId("id", inGroup(ok)).resourceGroupName, ok);
                assert.equal(checkResourceGroupName("resourceGroupName", ok), ok);
            }
            for (const bad of ["app-rg.", "x".repeat(91), "app rg", "app!rg", "rg+1", "a:b"]) {
                refuses(inGroup(bad), /resource group name must be/);
                assert.throws(
                    () => checkResourceGroupName("resourceGroupName", bad),
                    (e: unknown) =>
                        e instanceof ValidationError &&
                        e.message ===
                            `\`resourceGroupName\` must be a resource group name: 1-90 letters, digits, \`_\`, \`-\`, \`.\`, \`(\` or \`)\`, not ending in a period, got \`${bad}\``,
                );
            }
        });

        it("holds Function app, Key Vault and SignalR names to their documented patterns", () => {
            const of = (type: string, name: string) => inGroup("rg", `providers/${type}/${name}`);
            for (const ok of ["ab", "contoso-func", "f".repeat(60), "fünktion"]) parseResourceId("id", of("Microsoft.Web/sites", ok));
            for (const bad of ["f", "f".repeat(61), "-func", "func-", "contoso_func", "contoso.func"]) refuses(of("Microsoft.Web/sites", bad), /Microsoft.Web\/sites name must be/);
            for (const ok of ["kv1", "contoso-kv-01", `k${"v".repeat(23)}`]) parseResourceId("id", of("Microsoft.KeyVault/vaults", ok));
            for (const bad of ["kv", `k${"v".repeat(24)}`, "1kv", "kv-", "k--v", "kv_1"]) refuses(of("Microsoft.KeyVault/vaults", bad), /Microsoft.KeyVault\/vaults name must be/);
            const signalR = "Microsoft.SignalRService/signalR";
            for (const ok of ["abc", "contoso-signalr", `a${"b".repeat(62)}`]) parseResourceId("id", of(signalR, ok));
            for (const bad of ["ab", "1abc", "abc-", "a_bc", `a${"b".repeat(63)}`]) refuses(of(signalR, bad), /signalR name must be/);
            refuses(of(signalR, "contoso-signalr/sharedPrivateLinkResources/-link"), /sharedPrivateLinkResources name must be/);
            refuses(of(signalR, "contoso-signalr/replicas/r_1"), /replicas name must be/);
            // Types without a documented rule keep only the segment rules (Azure chooses connection names).
            parseResourceId("id", of("Microsoft.Web/sites", "contoso-func/privateEndpointConnections/pe-1.2f1b3c4d-1111-2222-3333-444455556666"));
        });

        it("refuses a namespace or type that is not letters and digits", () => {
            refuses(inGroup("rg", "providers/Microsoft.Web./sites/f1"), /namespace/);
            refuses(inGroup("rg", "providers/Microsoft/sites/f1"), /namespace/);
            refuses(inGroup("rg", "providers/Microsoft.Web/si-tes/f1"), /type segment/);
        });

        it("encodes every segment of a URL path, and checks the children appended", () => {
            assert.equal(
                resourcePath("id", inGroup("rg-ü(1)"), "host", "default", "systemkeys", "signalr_extension"),
                `${SUB}/resourceGroups/rg-%C3%BC(1)/providers/Microsoft.Web/sites/contoso-func/host/default/systemkeys/signalr_extension`,
            );
            assert.equal(resourcePath("id", SITE), SITE);
            for (const child of ["a?b", "..", "", "a/b", "k#"]) {
                assert.throws(
                    () => resourcePath("keyName", SITE, "host", "default", "systemkeys", child),
                    (e: unknown) => e instanceof ValidationError && e.field === "keyName",
                );
            }
        });
    });

    it("derives the same GUID for the same scope, principal and role, case-insensitively", () => {
        const a = deterministicGuid(SITE, "p1", "role");
        assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.equal(deterministicGuid(SITE.toUpperCase(), "P1", "ROLE"), a);
        assert.notEqual(deterministicGuid(SITE, "p2", "role"), a);
    });

    it("resolves clouds by the names azure-native and the Azure CLI use", () => {
        assert.equal(resolveAzureCloud(undefined).resourceManagerEndpoint, "https://management.azure.com");
        assert.equal(resolveAzureCloud("AzureChinaCloud").resourceManagerEndpoint, "https://management.chinacloudapi.cn");
        assert.equal(resolveAzureCloud("usgovernment").authorityHost, "https://login.microsoftonline.us");
        assert.throws(() => resolveAzureCloud("german"), /`azure-native:environment` must be one of public, china, usgovernment, got `german`/);
    });

    it("accepts any https Resource Manager endpoint and nothing else", () => {
        assert.equal(normalizeResourceManagerEndpoint("https://management.azure.com/"), "https://management.azure.com");
        assert.equal(normalizeResourceManagerEndpoint("https://127.0.0.1:8443"), "https://127.0.0.1:8443");
        for (const bad of ["http://management.azure.com", "management.azure.com", "https://x?y=1"]) assert.throws(() => normalizeResourceManagerEndpoint(bad), ValidationError);
    });
});
