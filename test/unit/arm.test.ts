import { strict as assert } from "node:assert";
import { ValidationError, deterministicGuid, normalizeResourceManagerEndpoint, parseResourceId, resolveAzureCloud } from "../../src";

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
