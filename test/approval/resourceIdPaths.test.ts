// Resource ids bent by `?`, `#`, `%`, `\`, `..` or control characters must never send a request to
// another resource than the id names (issue 27 item 8): each case is refused before any request,
// and a valid id with characters that need encoding (a Unicode resource group) reaches exactly its path.
import { strict as assert } from "node:assert";
import {
    ValidationError,
    approvePrivateEndpointConnection,
    createApprovalProvider,
    createNetworkAclProvider,
    createSystemKeyProvider,
    createUpstreamRefreshProvider,
} from "../../src";
import { fakeArmApprovalOptions } from "../support/approvalOptions";
import { fakeClock } from "../support/fakeClock";
import { FakeResourceManager, TEST_SUBSCRIPTION, fakeCredential } from "../support/fakeResourceManager";

const group = (rg: string) => `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${rg}`;
const siteIn = (rg: string, name = "contoso-func") => `${group(rg)}/providers/Microsoft.Web/sites/${name}`;
const signalRIn = (rg: string, name = "contoso-signalr") => `${group(rg)}/providers/Microsoft.SignalRService/signalR/${name}`;
const PE = `${group("net-rg")}/providers/Microsoft.Network/privateEndpoints/pe-clients`;

/** Bent ids of a Function app: each would reach another path if it were not refused. */
const BENT_SITES: [string, string][] = [
    ["`?` after the site name (the key's PUT would go to the site itself)", `${siteIn("app-rg")}?`],
    ["`?` in the resource group (the request would go to the resource group)", siteIn("app-rg?")],
    ["`#` in the site name", `${siteIn("app-rg")}#x`],
    ["`%2F` in the site name", siteIn("app-rg", "contoso%2F..%2Fother")],
    ["a `..` segment as the site name", siteIn("app-rg", "..")],
    ["a `.` segment as the resource group", siteIn(".")],
    ["`\\` in the site name (read as `/` in https URLs)", siteIn("app-rg", "contoso\\other")],
    ["a tab in the site name (dropped by URL parsing)", siteIn("app-rg", "contoso-func\t")],
    ["a newline in the resource group", siteIn("app-rg\n")],
    ["a resource group ending in a period", siteIn("app-rg.")],
];

describe("resource ids cannot bend a request's path", () => {
    let arm: FakeResourceManager;
    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
    });
    afterEach(() => arm.stop());

    const refused = (field: string) => (e: unknown) => e instanceof ValidationError && e.field === field;

    for (const [what, functionAppId] of BENT_SITES) {
        it(`FunctionAppSystemKey refuses ${what}, on create and on delete, before any request`, async () => {
            arm.addTarget("Microsoft.Web/sites", "contoso-func");
            const provider = createSystemKeyProvider({ credential: fakeCredential, ca: arm.ca });
            const inputs = { functionAppId, keyName: "signalr_extension", value: "v", resourceManagerEndpoint: arm.endpoint };
            assert.equal((await provider.check!({}, inputs)).failures?.[0]?.property, "functionAppId");
            await assert.rejects(provider.create(inputs), refused("functionAppId"));
            await assert.rejects(provider.delete!(`${functionAppId}/host/default/systemkeys/signalr_extension`, inputs), refused("functionAppId"));
            assert.deepEqual(arm.requests, []);
        });

        it(`the approval refuses a target with ${what} before any request`, async () => {
            await assert.rejects(approvePrivateEndpointConnection(fakeArmApprovalOptions(arm, functionAppId, "signalr please")), refused("targetResourceId"));
            assert.deepEqual(arm.requests, []);
        });
    }

    it("FunctionAppSystemKey refuses a key name `.` or `..`, which fit its characters but would leave the path", async () => {
        const site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        const provider = createSystemKeyProvider({ credential: fakeCredential, ca: arm.ca });
        for (const keyName of [".", "..", "a..b"]) {
            await assert.rejects(provider.create({ functionAppId: site, keyName, value: "v", resourceManagerEndpoint: arm.endpoint }), refused("keyName"));
        }
        assert.deepEqual(arm.requests, []);
    });

    it("the approval's read and delete refuse a stored connection id that is bent, before any request", async () => {
        const provider = createApprovalProvider({ credential: fakeCredential, ca: arm.ca });
        const site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        const props = {
            targetResourceId: site,
            requestMessage: "m",
            resourceManagerEndpoint: arm.endpoint,
            onDelete: "Reject" as const,
            connectionId: `${site}?/privateEndpointConnections/c1`,
            connectionName: "c1",
            status: "Approved",
            approvalMark: "abcd0123",
        };
        await assert.rejects(provider.read!(props.connectionId, props), ValidationError);
        await assert.rejects(provider.delete!(props.connectionId, props), ValidationError);
        assert.deepEqual(arm.requests, []);
    });

    for (const [what, serviceId] of [
        ["`?` after the service name", `${signalRIn("app-rg")}?`],
        ["`?` in the resource group", signalRIn("app-rg?")],
        ["a `..` service name", signalRIn("app-rg", "..")],
        ["`%` in the service name", signalRIn("app-rg", "contoso%3Fsignalr")],
    ]) {
        it(`PrivateEndpointNetworkAcl and UpstreamSettingsRefresh refuse a service id with ${what} before any request`, async () => {
            const acl = createNetworkAclProvider({ credential: fakeCredential, ca: arm.ca, clock: fakeClock(Date.now()) });
            const refresh = createUpstreamRefreshProvider({ credential: fakeCredential, ca: arm.ca, clock: fakeClock(Date.now()) });
            const aclInputs = { serviceId, privateEndpointId: PE, allow: ["ClientConnection"], resourceManagerEndpoint: arm.endpoint };
            assert.equal((await acl.check!({}, aclInputs)).failures?.[0]?.property, "serviceId");
            await assert.rejects(acl.create(aclInputs), refused("serviceId"));
            await assert.rejects(acl.read!("id", { ...aclInputs, connectionName: "c", connectionId: "x", inEffect: true }), refused("serviceId"));
            const refreshInputs = { serviceId, templates: [{ urlTemplate: "https://f.example/api" }], triggers: [], resourceManagerEndpoint: arm.endpoint };
            assert.equal((await refresh.check!({}, refreshInputs)).failures?.[0]?.property, "serviceId");
            await assert.rejects(refresh.create(refreshInputs), refused("serviceId"));
            assert.deepEqual(arm.requests, []);
        });
    }

    it("a resource group with Unicode letters and parentheses is sent percent-encoded and reaches exactly its path", async () => {
        const rg = "rg-ünicode(prod)";
        const site = arm.addTarget("Microsoft.Web/sites", "contoso-func", rg);
        const provider = createSystemKeyProvider({ credential: fakeCredential, ca: arm.ca });
        const inputs = { functionAppId: site, keyName: "signalr_extension", value: "v1", resourceManagerEndpoint: arm.endpoint };
        await provider.create(inputs);
        const [put] = arm.requests;
        assert.equal(put.method, "PUT");
        assert.equal(put.rawPath, `${group("rg-%C3%BCnicode(prod)")}/providers/Microsoft.Web/sites/contoso-func/host/default/systemkeys/signalr_extension`);
        assert.equal(put.path, `${site}/host/default/systemkeys/signalr_extension`);
        assert.equal(arm.systemKeys.get(put.path.toLowerCase()), "v1");

        await approvePrivateEndpointConnection(fakeArmApprovalOptions(arm, site, "m", { timeoutSeconds: 0.2 })).catch(() => undefined);
        const list = arm.requests.find((r) => r.method === "GET");
        assert.equal(list?.path, `${site}/privateEndpointConnections`);
    });
});
