// The approval against a Resource Manager that misbehaves: foreign URLs in responses, throttling
// beyond the deadline, bodies that are not JSON, paging loops, writes that read back late or 404,
// lookalike descriptions and SignalR's terminal Timeout. Exact requests asserted for each.
import { strict as assert } from "node:assert";
import { ApprovalOptions, approvePrivateEndpointConnection } from "../../src";
import { FakeResourceManager, SIGNALR_MANAGED_SUBSCRIPTION } from "../support/fakeResourceManager";
import { fakeArmApprovalOptions } from "../support/approvalOptions";

const MESSAGE = "signalr-serverless func-pe 7c1d9e";

describe("approval engine against a faulty Resource Manager", function () {
    this.timeout(20_000);
    let arm: FakeResourceManager;
    /** A second https host on loopback: it must never see a request, let alone a token. */
    let elsewhere: FakeResourceManager;
    let site: string;

    beforeEach(async () => {
        arm = new FakeResourceManager();
        elsewhere = new FakeResourceManager();
        await arm.start();
        await elsewhere.start();
        site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
    });
    afterEach(async () => {
        await arm.stop();
        await elsewhere.stop();
    });

    const options = (extra: Partial<ApprovalOptions> = {}): ApprovalOptions => fakeArmApprovalOptions(arm, site, MESSAGE, extra);
    const puts = () => arm.requests.filter((r) => r.method === "PUT");
    const isList = (path: string) => path.endsWith("/privateEndpointConnections");
    const otherHost = () => new URL(elsewhere.endpoint).host;

    it("refuses a nextLink to another host, naming it, and sends that host nothing", async () => {
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
        arm.answers.push((r) =>
            isList(r.path) && r.method === "GET" ? { status: 200, body: { value: [], nextLink: `${elsewhere.endpoint}${site}/privateEndpointConnections?page=2` } } : undefined,
        );
        await assert.rejects(approvePrivateEndpointConnection(options()), (e: Error) => {
            assert.match(
                e.message,
                new RegExp(`Refusing to follow the nextLink to https://${otherHost()}: only ${arm.endpoint} \\(the Resource Manager endpoint\\) receives the bearer token`),
            );
            return true;
        });
        assert.equal(elsewhere.requests.length, 0);
        assert.equal(puts().length, 0);
    });

    for (const header of ["Azure-AsyncOperation", "Location"]) {
        it(`refuses an ${header} header that points to another host, and sends that host nothing`, async () => {
            arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
            arm.answers.push((r) => (r.method === "PUT" ? { status: 202, headers: { [header]: `${elsewhere.endpoint}/operations/op-1`, "Retry-After": "0" } } : undefined));
            await assert.rejects(approvePrivateEndpointConnection(options()), new RegExp(`Refusing to follow the ${header} header to https://${otherHost()}`));
            assert.equal(elsewhere.requests.length, 0);
        });
    }

    it("refuses a plain-http operation URL on the same host", async () => {
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
        const host = new URL(arm.endpoint).host;
        arm.answers.push((r) => (r.method === "PUT" ? { status: 202, headers: { "Azure-AsyncOperation": `http://${host}/operations/op-1` } } : undefined));
        await assert.rejects(approvePrivateEndpointConnection(options()), new RegExp(`Refusing to follow the Azure-AsyncOperation header to http://${host}`));
        assert.equal(arm.requests.filter((r) => r.path.startsWith("/operations")).length, 0);
    });

    it("ends at the deadline when Resource Manager throttles longer than the timeout, and says so", async () => {
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
        arm.faults.push({ method: "GET", status: 429, retryAfterSeconds: 3600, times: 100 });
        const started = Date.now();
        await assert.rejects(
            approvePrivateEndpointConnection(options({ timeoutSeconds: 1 })),
            /GET .*\/privateEndpointConnections did not finish before the deadline \(the resource's timeout\): Resource Manager last answered HTTP 429 and asked to retry after 3600 s/,
        );
        const took = Date.now() - started;
        assert.ok(took < 3000, `gave up after ${took} ms, not after the hour Retry-After asked for`);
        assert.equal(arm.requests.length, 1, "one request, then the wait the deadline cut short");
    });

    it("reports a 2xx body that is not JSON with the status, content type and the start of the body", async () => {
        arm.answers.push((r) =>
            isList(r.path) ? { status: 200, body: "<html><body>Proxy error: upstream unavailable</body></html>", headers: { "Content-Type": "text/html" } } : undefined,
        );
        await assert.rejects(
            approvePrivateEndpointConnection(options()),
            /GET .*\/privateEndpointConnections answered HTTP 200 with a body that is not JSON \(Content-Type: text\/html\): "<html><body>Proxy error/,
        );
    });

    it("reports truncated JSON instead of reading it as an empty list", async () => {
        arm.answers.push((r) => (isList(r.path) ? { status: 200, body: '{"value":[{"id":"/subscriptions/x' } : undefined));
        await assert.rejects(approvePrivateEndpointConnection(options()), /answered HTTP 200 with a body that is not JSON \(Content-Type: application\/json\): "\{\\"value\\":\[/);
    });

    it("reports a JSON body without a value array instead of reading it as an empty list", async () => {
        arm.answers.push((r) => (isList(r.path) ? { status: 200, body: { error: "maintenance" } } : undefined));
        await assert.rejects(approvePrivateEndpointConnection(options()), /answered HTTP 200 without a list \(no "value" array\)/);
    });

    it("stops paging at a nextLink seen before and counts each connection once", async () => {
        // Visible to direct reads although the canned list answers bypass the fake's list counter.
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, appearAfterLists: -1 });
        // Every page is the same page, pointing at itself.
        arm.answers.push((r) => {
            if (!isList(r.path) || r.method !== "GET") return undefined;
            const id = `${site}/privateEndpointConnections/ours`;
            const state = arm.connection(site, "ours");
            return {
                status: 200,
                body: {
                    value: [
                        {
                            id,
                            name: "ours",
                            properties: {
                                privateEndpoint: {
                                    id: `/subscriptions/${SIGNALR_MANAGED_SUBSCRIPTION}/resourceGroups/signalr-managed/providers/Microsoft.Network/privateEndpoints/ours`,
                                },
                                privateLinkServiceConnectionState: { status: state.status, description: state.description },
                            },
                        },
                    ],
                    nextLink: `${arm.endpoint}${site}/privateEndpointConnections?api-version=2024-04-01&$skiptoken=same`,
                },
            };
        });
        const result = await approvePrivateEndpointConnection(options());
        assert.equal(result.connectionName, "ours");
        assert.deepEqual(
            arm.requests.filter((r) => isList(r.path)).map((r) => r.query.$skiptoken ?? "first"),
            ["first", "same"],
            "the first page, its nextLink, then the loop is noticed",
        );
        assert.equal(puts().length, 1);
    });

    it("does not approve a Pending connection whose description only starts with the request message", async () => {
        arm.addConnection(site, { name: "lookalike", status: "Pending", description: `${MESSAGE} please approve me too` });
        await assert.rejects(approvePrivateEndpointConnection(options({ timeoutSeconds: 0.3 })), /No pending private endpoint connection with this approval's request message/);
        assert.equal(puts().length, 0);
        assert.equal(arm.connection(site, "lookalike").status, "Pending");
    });

    it("still recognises an Approved connection whose description we extended when approving", async () => {
        arm.addConnection(site, { name: "ours", status: "Approved", description: `${MESSAGE} approved by pulumi` });
        const result = await approvePrivateEndpointConnection(options({ description: `${MESSAGE} approved by pulumi` }));
        assert.deepEqual([result.connectionName, result.approvedNow], ["ours", false]);
        assert.equal(puts().length, 0);
    });

    it("takes over an Approved connection of ours written with another description, with one write", async () => {
        // e.g. approved by the approval this one replaces: writing ours tells that one's delete to leave it.
        arm.addConnection(site, { name: "ours", status: "Approved", description: `${MESSAGE} (approval 0a1b2c3d)` });
        const result = await approvePrivateEndpointConnection(options({ description: `${MESSAGE} (approval 4e5f6a7b)` }));
        assert.deepEqual([result.connectionName, result.approvedNow], ["ours", true]);
        assert.deepEqual(
            puts().map((r) => r.body),
            [{ properties: { privateLinkServiceConnectionState: { status: "Approved", description: `${MESSAGE} (approval 4e5f6a7b)`, actionsRequired: "None" } } }],
        );
        assert.equal(arm.connection(site, "ours").description, `${MESSAGE} (approval 4e5f6a7b)`);
    });

    it("reads the connection back after a 200 write until it shows Approved", async () => {
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, pendingReadsAfterWrite: 2 });
        const result = await approvePrivateEndpointConnection(options());
        assert.equal(result.status, "Approved");
        const readBacks = arm.requests.filter((r) => r.method === "GET" && r.path.endsWith("/privateEndpointConnections/ours"));
        assert.equal(readBacks.length, 3, "Pending, Pending, Approved");
        assert.ok(readBacks.every((r) => r.at >= puts()[0].at));
    });

    it("fails when the write never reads back as Approved before the timeout", async () => {
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, pendingReadsAfterWrite: 10_000 });
        await assert.rejects(
            approvePrivateEndpointConnection(options({ timeoutSeconds: 0.4 })),
            /The private endpoint connection ours still reads Pending 0.4 s after it was approved/,
        );
    });

    it("lists again when the write answers 404, and approves the connection that replaced ours", async () => {
        arm.addConnection(site, { name: "first", status: "Pending", description: MESSAGE });
        arm.answers.push((r) => {
            if (r.method !== "PUT" || !r.path.endsWith("/first")) return undefined;
            arm.removeConnection(site, "first");
            arm.addConnection(site, { name: "second", status: "Pending", description: MESSAGE });
            return { status: 404, body: { error: { code: "PrivateEndpointConnectionNotFound", message: "first" } } };
        });
        const result = await approvePrivateEndpointConnection(options());
        assert.equal(result.connectionName, "second");
        assert.deepEqual(
            puts().map((r) => r.path.split("/").pop()),
            ["first", "second"],
        );
        assert.equal(arm.connection(site, "second").status, "Approved");
    });

    it("treats SignalR's Timeout status as final instead of polling until the timeout", async () => {
        const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe");
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });
        arm.connection(site, "ours").status = "Approved";
        arm.setLinkStatus(spl, "Timeout");
        const started = Date.now();
        await assert.rejects(
            approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl, timeoutSeconds: 30 })),
            /SignalR reports shared private link resource .*func-pe as Timeout: this state is final/,
        );
        assert.ok(Date.now() - started < 2000);
        assert.equal(arm.requests.filter((r) => r.path === spl).length, 1);
    });
});
