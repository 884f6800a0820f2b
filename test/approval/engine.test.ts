import { strict as assert } from "node:assert";
import { ApprovalOptions, ValidationError, approvePrivateEndpointConnection } from "../../src";
import { checkApprovalOptions } from "../../src/approval/engine";
import { FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { fakeArmApprovalOptions } from "../support/approvalOptions";

const MESSAGE = "signalr-serverless func-pe 3f9a2c";
/** A private endpoint someone else made to the target, in their own subscription. */
const STRANGER_PE = "/subscriptions/5a5a5a5a-1111-4222-8333-944444444444/resourceGroups/elsewhere/providers/Microsoft.Network/privateEndpoints/copycat";

describe("approval engine against a fake Resource Manager", () => {
    let arm: FakeResourceManager;
    let site: string;
    const logs: string[] = [];

    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        site = arm.addTarget("Microsoft.Web/sites", "contoso-func");
        logs.length = 0;
    });
    afterEach(() => arm.stop());

    const options = (extra: Partial<ApprovalOptions> = {}): ApprovalOptions => fakeArmApprovalOptions(arm, site, MESSAGE, { log: (m) => logs.push(m), ...extra });
    const puts = () => arm.requests.filter((r) => r.method === "PUT");
    /** GETs of the target's connection list (not of one connection). */
    const lists = () => arm.requests.filter((r) => r.method === "GET" && r.path.endsWith("/privateEndpointConnections"));
    const readBacks = (name: string) => arm.requests.filter((r) => r.method === "GET" && r.path.endsWith(`/privateEndpointConnections/${name}`));

    it("waits for the connection to appear, then approves exactly it with the documented body", async () => {
        arm.addConnection(site, { name: "spl-1", status: "Pending", description: MESSAGE, appearAfterLists: 3 });
        const result = await approvePrivateEndpointConnection(options());
        assert.deepEqual(result, { connectionId: `${site}/privateEndpointConnections/spl-1`, connectionName: "spl-1", status: "Approved", approvedNow: true });
        assert.equal(lists().length, 4);
        assert.equal(puts().length, 1);
        assert.equal(readBacks("spl-1").length, 1, "the approval is read back once");
        assert.ok(readBacks("spl-1")[0].at >= puts()[0].at);
        assert.equal(puts()[0].path, `${site}/privateEndpointConnections/spl-1`);
        assert.equal(puts()[0].query["api-version"], "2024-04-01");
        assert.deepEqual(puts()[0].body, { properties: { privateLinkServiceConnectionState: { status: "Approved", description: MESSAGE, actionsRequired: "None" } } });
        assert.ok(arm.requests.every((r) => r.authorization === "Bearer fake-token"));
        assert.equal(logs.filter((l) => l.startsWith("Waiting for the private endpoint connection")).length, 3);
        assert.equal(arm.connection(site, "spl-1").status, "Approved");
    });

    it("never touches strangers' connections, pending or approved", async () => {
        arm.addConnection(site, { name: "someone-pending", status: "Pending", description: "please approve" });
        arm.addConnection(site, { name: "someone-approved", status: "Approved", description: "Approved by ops" });
        arm.addConnection(site, { name: "prefix-lookalike", status: "Pending", description: `${MESSAGE}x` });
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, appearAfterLists: 1 });
        await approvePrivateEndpointConnection(options());
        assert.deepEqual(
            puts().map((r) => r.path.split("/").pop()),
            ["ours"],
        );
        assert.equal(arm.connection(site, "someone-pending").status, "Pending");
        assert.equal(arm.connection(site, "prefix-lookalike").status, "Pending");
    });

    it("pages through nextLink and takes the name from the id when the list omits it", async () => {
        arm.pageSize = 2;
        for (let i = 0; i < 5; i++) arm.addConnection(site, { name: `other-${i}`, status: "Approved", description: `other ${i}`, omitName: true });
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, omitName: true });
        const result = await approvePrivateEndpointConnection(options());
        assert.equal(result.connectionName, "ours");
        assert.deepEqual(
            lists().map((r) => r.query.$skiptoken ?? "first"),
            ["first", "2", "4"],
        );
    });

    for (const mode of ["202-async", "201-async", "202-location"] as const) {
        it(`follows a ${mode} long-running approval until it succeeds`, async () => {
            arm.approvalMode = mode;
            arm.operationPolls = 2;
            arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
            const result = await approvePrivateEndpointConnection(options());
            assert.equal(result.status, "Approved");
            assert.equal(arm.count("GET", "/operations/"), 3, "two InProgress polls and the Succeeded one");
            assert.equal(arm.connection(site, "ours").status, "Approved");
            assert.equal(puts().length, 1);
        });
    }

    it("honours Retry-After on 429", async () => {
        arm.faults.push({ method: "GET", pathIncludes: "/privateEndpointConnections", status: 429, retryAfterSeconds: 1 });
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
        await approvePrivateEndpointConnection(options());
        const listed = lists();
        assert.equal(listed.length, 2);
        assert.ok(listed[1].at - listed[0].at >= 950, `retried after ${listed[1].at - listed[0].at} ms`);
    });

    it("retries a 500 and a 503 and then succeeds", async () => {
        arm.faults.push({ method: "PUT", status: 500 }, { method: "PUT", status: 503, retryAfterSeconds: 0 });
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
        const result = await approvePrivateEndpointConnection(options());
        assert.equal(result.status, "Approved");
        assert.equal(puts().length, 3);
    });

    it("looks again when the target answers 409 Conflict while it is busy with the connection", async () => {
        arm.faults.push({ method: "PUT", status: 409, times: 2 });
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
        const result = await approvePrivateEndpointConnection(options());
        assert.equal(result.status, "Approved");
        assert.equal(puts().length, 3);
        assert.equal(lists().length, 3, "the list is read again before each new attempt");
        assert.ok(logs.some((l) => l.includes("busy") && l.includes("409 Conflict")));
    });

    it("does not let a Rejected or Disconnected connection with our message block ours, nor write to it", async () => {
        // A stranger's, or ours from a link since recreated: SignalR's new request is approved beside it.
        const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe");
        arm.addConnection(site, { name: "old-rejected", status: "Rejected", description: MESSAGE });
        arm.addConnection(site, { name: "stranger-disconnected", status: "Disconnected", description: MESSAGE, privateEndpointId: STRANGER_PE });
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, appearAfterLists: 2, sharedPrivateLinkResourceId: spl });
        const result = await approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl }));
        assert.equal(result.connectionName, "ours");
        assert.deepEqual(
            puts().map((r) => r.path.split("/").pop()),
            ["ours"],
        );
        assert.equal(arm.connection(site, "stranger-disconnected").status, "Disconnected");
    });

    for (const status of ["Rejected", "Disconnected"] as const) {
        it(`names the command that recreates the link when SignalR's own connection is ${status}`, async () => {
            const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe");
            arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });
            arm.connection(site, "ours").status = status;
            arm.setLinkStatus(spl, status);
            const urn = "urn:pulumi:dev::chat::signalr-serverless:index:SharedPrivateEndpoint$azure-native:signalrservice:SignalRSharedPrivateLinkResource::func-pe-link";
            await assert.rejects(approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl, sharedPrivateLinkUrn: urn })), (e: Error) => {
                assert.match(e.message, new RegExp(`as ${status}: this state is final`));
                assert.ok(e.message.endsWith(`pulumi up --replace '${urn}'`), e.message);
                return true;
            });
            assert.equal(puts().length, 0);
        });
    }

    it("without the link's URN, says where to find it", async () => {
        const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe");
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });
        arm.setLinkStatus(spl, "Rejected");
        await assert.rejects(
            approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl })),
            /pulumi up --replace '<URN>', the URN of the SignalRSharedPrivateLinkResource whose id is \/subscriptions\/.*\/sharedPrivateLinkResources\/func-pe \(pulumi stack --show-urns --show-ids lists both\)$/,
        );
    });

    it("refuses two candidates and lists them, without quoting the request message", async () => {
        arm.addConnection(site, { name: "a", status: "Pending", description: MESSAGE });
        arm.addConnection(site, { name: "b", status: "Pending", description: MESSAGE, privateEndpointId: STRANGER_PE });
        await assert.rejects(approvePrivateEndpointConnection(options()), (e: Error) => {
            assert.match(e.message, /Refusing to approve: 2 connections .* a \(Pending, our description\); b \(Pending, our description\)/);
            assert.ok(!e.message.includes(MESSAGE), "the request message is not quoted");
            return true;
        });
        assert.equal(puts().length, 0);
    });

    it("a stranger's connection with our message, approved before SignalR's appears, is rejected again when SignalR does not confirm", async () => {
        const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe");
        // SignalR's own request shows up too late; the stranger copied the message from the link.
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, appearAt: Date.now() + 60_000, sharedPrivateLinkResourceId: spl });
        arm.addConnection(site, { name: "copycat", status: "Pending", description: MESSAGE, privateEndpointId: STRANGER_PE });
        const started = Date.now();
        await assert.rejects(approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl, confirmationSeconds: 0.4 })), (e: Error) => {
            assert.match(e.message, /SignalR did not report shared private link resource .*func-pe Approved within 0.4 s of the approval \(last status: Pending\)/);
            assert.match(e.message, /connection copycat on .*contoso-func was rejected again/);
            assert.ok(!e.message.includes(MESSAGE), "the request message is not quoted");
            return true;
        });
        assert.ok(Date.now() - started < 3000, "the confirmation wait is bounded by confirmationSeconds, not the whole timeout");
        assert.equal(arm.connection(site, "copycat").status, "Rejected");
        assert.deepEqual(
            puts().map((r) => [
                r.path.split("/").pop(),
                (r.body as { properties: { privateLinkServiceConnectionState: { status: string } } }).properties.privateLinkServiceConnectionState.status,
            ]),
            [
                ["copycat", "Approved"],
                ["copycat", "Rejected"],
            ],
        );
    });

    it("a confirmation window shorter than the poll interval still reads SignalR's link once at its end (the bug: it only slept and failed)", async () => {
        // SignalR reports the approval 0.1 s after it; the first read after the write is due after 1 s, the window ends after 0.3 s.
        const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe", { ms: 100 });
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });
        const result = await approvePrivateEndpointConnection(
            options({ sharedPrivateLinkResourceId: spl, pollIntervalSeconds: 1, maxPollIntervalSeconds: 1, confirmationSeconds: 0.3 }),
        );
        assert.equal(result.status, "Approved");
        assert.equal(arm.connection(site, "ours").status, "Approved", "not rejected again");
    });

    it("never approves a connection whose private endpoint is in the SignalR service's own subscription", async () => {
        const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe");
        arm.addConnection(site, {
            name: "insider",
            status: "Pending",
            description: MESSAGE,
            privateEndpointId: `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.Network/privateEndpoints/insider`,
            sharedPrivateLinkResourceId: spl,
        });
        await assert.rejects(approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl, timeoutSeconds: 0.3 })), /No pending private endpoint connection/);
        assert.equal(puts().length, 0);
    });

    it("refuses a link that points elsewhere or carries another request message, before any write", async () => {
        const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe");
        const other = arm.addTarget("Microsoft.Web/sites", "other-func");
        arm.addConnection(other, { name: "theirs", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
        await assert.rejects(approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl })), /func-pe points to .*other-func, not to .*contoso-func/);
        arm.addConnection(site, { name: "ours-2", status: "Pending", description: `${MESSAGE}-new`, sharedPrivateLinkResourceId: spl });
        await assert.rejects(approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl })), (e: Error) => {
            assert.match(e.message, /does not carry this approval's request message/);
            assert.ok(!e.message.includes(MESSAGE));
            return true;
        });
        assert.equal(puts().length, 0);
    });

    it("does not claim a connection another approval wrote with a longer description (no prefix rule)", async () => {
        // An approval of "…3f9a2c" must not take over, nor touch, the one approved as "…3f9a2c prod".
        arm.addConnection(site, { name: "prod", status: "Approved", description: `${MESSAGE} prod` });
        arm.addConnection(site, { name: "prod-marked", status: "Approved", description: `${MESSAGE} prod (approval 0a1b2c3d)` });
        await assert.rejects(approvePrivateEndpointConnection(options({ timeoutSeconds: 0.3 })), /No pending private endpoint connection/);
        assert.equal(puts().length, 0);
        assert.equal(arm.connection(site, "prod").description, `${MESSAGE} prod`);
    });

    it("quotes strangers' descriptions only sanitized: no control characters, bounded length", async () => {
        const hostile = `\u001b[2J\u001b[31mAPPROVED\r\nERROR: all good\u202e${"x".repeat(500)}`;
        arm.addConnection(site, { name: "stranger\nname", status: "Pending", description: hostile, privateEndpointId: STRANGER_PE });
        await assert.rejects(approvePrivateEndpointConnection(options({ timeoutSeconds: 0.3 })), (e: Error) => {
            assert.ok(!/[\u0000-\u001f\u007f\u202e]/.test(e.message), JSON.stringify(e.message));
            const quoted = /strangername \(Pending, "([^"]*)"\)/.exec(e.message)?.[1] ?? "";
            assert.ok(quoted.startsWith("[2J[31mAPPROVEDERROR: all good"), quoted);
            assert.ok(Array.from(quoted).length <= 64, `${Array.from(quoted).length} characters`);
            return true;
        });
    });

    it("succeeds without a write when ours is already approved", async () => {
        arm.addConnection(site, { name: "ours", status: "Approved", description: MESSAGE });
        const result = await approvePrivateEndpointConnection(options());
        assert.equal(result.approvedNow, false);
        assert.equal(puts().length, 0);
    });

    it("times out saying what it found", async () => {
        arm.addConnection(site, { name: "stranger", status: "Pending", description: "please approve" });
        await assert.rejects(
            approvePrivateEndpointConnection(options({ timeoutSeconds: 0.3 })),
            /No pending private endpoint connection with this approval's request message appeared on .*contoso-func within 0.3 s; found stranger \(Pending, "please approve"\)/,
        );
        assert.equal(puts().length, 0);
    });

    it("waits for SignalR to report the shared private link resource Approved", async () => {
        const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe", { gets: 3 });
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });
        await approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl }));
        const splGets = arm.requests.filter((r) => r.path === spl);
        assert.equal(splGets.length, 5, "read once before anything is written, then polled after the approval");
        assert.ok(splGets.every((r) => r.query["api-version"] === "2024-03-01"));
        assert.ok(splGets[0].at <= puts()[0].at, "the link is checked before the write");
        assert.ok(splGets[1].at >= puts()[0].at, "the SignalR side is polled after the approval");
        assert.ok(logs.some((l) => l.includes("Waiting for SignalR to report the shared private link resource Approved (now Pending)")));
    });

    it("after its write, reads SignalR's link only after one poll interval (the approval takes minutes to reach SignalR)", async () => {
        const spl = arm.addSharedPrivateLink("contoso-signalr", "func-pe");
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE, sharedPrivateLinkResourceId: spl });
        await approvePrivateEndpointConnection(options({ sharedPrivateLinkResourceId: spl, pollIntervalSeconds: 0.3 }));
        const splGets = arm.requests.filter((r) => r.path === spl);
        assert.equal(splGets.length, 2, "checked before the write, then once: SignalR reports it Approved at the first read");
        assert.ok(splGets[1].at - readBacks("ours")[0].at >= 295, `the first read of the link waits one interval (${splGets[1].at - readBacks("ours")[0].at} ms)`);
    });

    it("polls at most three times a minute by default: 20 s at first, growing to 30 s", () => {
        const checked = checkApprovalOptions({ targetResourceId: site, requestMessage: MESSAGE });
        assert.equal(checked.pollIntervalSeconds, 20);
    });

    it("approves on a Key Vault with the Key Vault api-version", async () => {
        const vault = arm.addTarget("Microsoft.KeyVault/vaults", "contoso-kv");
        arm.addConnection(vault, { name: "kv-pe", status: "Pending", description: MESSAGE });
        await approvePrivateEndpointConnection(options({ targetResourceId: vault }));
        assert.equal(puts()[0].query["api-version"], "2023-07-01");
    });

    it("keeps a custom description that extends the request message", async () => {
        arm.addConnection(site, { name: "ours", status: "Pending", description: MESSAGE });
        await approvePrivateEndpointConnection(options({ description: `${MESSAGE} approved by pulumi` }));
        assert.equal(arm.connection(site, "ours").description, `${MESSAGE} approved by pulumi`);
        // And a second run with the same description recognises it as ours, already approved.
        const again = await approvePrivateEndpointConnection(options({ description: `${MESSAGE} approved by pulumi` }));
        assert.equal(again.approvedNow, false);
    });

    it("rejects bad options before sending anything", async () => {
        const cases: Array<[Partial<ApprovalOptions>, string]> = [
            [{ targetResourceId: "contoso-func" }, "targetResourceId"],
            [{ targetResourceId: site.replace("Microsoft.Web/sites", "Microsoft.Storage/storageAccounts") }, "targetResourceId"],
            [{ requestMessage: " " }, "requestMessage"],
            [{ description: "approved" }, "description"],
            [{ timeoutSeconds: 0 }, "timeoutSeconds"],
            [{ maxPollIntervalSeconds: 0 }, "maxPollIntervalSeconds"],
            [{ sharedPrivateLinkResourceId: site }, "sharedPrivateLinkResourceId"],
            [{ resourceManagerEndpoint: "http://127.0.0.1:1" }, "resourceManagerEndpoint"],
        ];
        for (const [extra, field] of cases) {
            await assert.rejects(approvePrivateEndpointConnection(options(extra)), (e: unknown) => e instanceof ValidationError && e.field === field);
        }
        assert.equal(arm.requests.length, 0);
    });
});
