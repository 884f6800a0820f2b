// Issue #21's day-2 scenarios through the real engine: sequences of up, refresh, up --refresh,
// provider upgrades, `up --target`, `up --replace`, a link recreated outside Pulumi, a connection
// rejected on the target, a CanNotDelete lock, and destroy, each against one fake Resource Manager
// whose state persists between the steps. The program (test/engine/consumer/day2.ts) is one
// ServerlessSignalR whose arguments each step sets; azure-native and random are the stand-ins, our
// ARM-backed resources run in the engine's dynamic-provider host. After every `up` that succeeds,
// every ACL entry is in effect and every shared private endpoint Approved; nothing to do shows no
// change; strangers are never touched. A provider upgrade is the stand-in moving SignalR to another
// api-version (STANDIN_API_VERSIONS), as a new azure-native release does.
import { strict as assert } from "node:assert";
import { FakeConnection, type FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { EngineStack, OperationResult, StateResource, engineScenario, stepsAfterConfigChange, succeededSteps } from "./engineStack";
import { describeWithEngine } from "./toolchain";

const SUBNET_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients/subnets/endpoints`;
const SERVICE_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr`;
const SERVICE = "azure-native:signalrservice:SignalR";
const LINK = "azure-native:signalrservice:SignalRSharedPrivateLinkResource";
const APPROVAL = "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval";
const CLIENTS = { name: "pe-clients", subnetResourceId: SUBNET_ID };
const OPS = { name: "pe-ops", subnetResourceId: SUBNET_ID, allowedRequestTypes: ["RESTAPI"] };
const UPGRADES = ["2025-01-01-preview", "2025-09-01-preview", "2026-01-01-preview"];
const STRANGERS_ACLS = { defaultAction: "Deny", privateEndpoints: [{ name: "theirs.00000000-0000-0000-0000-000000000009", allow: ["Trace"] }] };

const args = (extra: object) => JSON.stringify({ resourceGroupName: "app-rg", serviceName: "contoso-signalr", ...extra });
const ok = succeededSteps;
const of = (resources: StateResource[] | undefined, type: string) => (resources ?? []).filter((r) => r.type === type);
const sorted = (steps: string[]) => [...steps].sort();

describeWithEngine("the real Pulumi engine, day 2: inbound endpoints' ACL entries through refresh, up --refresh, --target and provider upgrades", (bin) => {
    let strangerId = "";
    const scenario = engineScenario(bin, {
        program: "day2",
        project: "engine-day2-acls",
        standIns: true,
        setUp: (fake) => {
            fake.signalRApiVersions.push(...UPGRADES);
            strangerId = fake.addSignalR("strangers-signalr", "other-rg", { networkACLs: STRANGERS_ACLS });
            return { args: args({ privateEndpoints: [CLIENTS, OPS] }) };
        },
    });
    let arm: FakeResourceManager;
    let stack: EngineStack;
    before(() => ({ arm, stack } = scenario));
    const EXPECTED = ["pe-clients: ClientConnection,RESTAPI", "pe-ops: RESTAPI"];
    /** The entries the service holds for its connections, as `<endpoint>: <allowed types>`. */
    const entriesInEffect = () => {
        const service = arm.services.get(SERVICE_ID.toLowerCase())!;
        const acls = service.properties.networkACLs as { privateEndpoints?: { name: string; allow: string[] }[] };
        return (acls.privateEndpoints ?? [])
            .filter((e) => service.inbound.some((c) => c.name === e.name))
            .map((e) => `${e.name.split(".")[0]}: ${e.allow.join(",")}`)
            .sort();
    };
    const upgradeTo = (version: string) => (stack.env.STANDIN_API_VERSIONS = JSON.stringify({ [SERVICE]: version }));
    const up = async (options: Record<string, unknown> = {}) => ok(await stack.operation("up", options));

    it("up writes each entry; up again changes nothing", async function () {
        this.timeout(600_000);
        assert.ok((await up()).includes("create chat-pe-pe-clients-acl"));
        assert.deepEqual(entriesInEffect(), EXPECTED);
        assert.deepEqual(await up({ expectNoChanges: true }), []);
    });

    it("`up --target` on the service with a new api-version drops the entries (nothing else runs); the next full up writes them again", async function () {
        this.timeout(600_000);
        upgradeTo(UPGRADES[0]);
        const [service] = of((await stack.exportStack()).deployment.resources, SERVICE);
        assert.deepEqual(await up({ target: [service.urn] }), ["update chat-service"]);
        assert.deepEqual(entriesInEffect(), [], "the targeted up wrote the service without the entries: the README says so");
        assert.deepEqual(sorted(await up()), ["update chat-pe-pe-clients-acl", "update chat-pe-pe-ops-acl"]);
        assert.deepEqual(entriesInEffect(), EXPECTED);
    });

    it("a provider upgrade with no refresh before it: the service is written without the entries, and the same up writes them again", async function () {
        this.timeout(600_000);
        upgradeTo(UPGRADES[1]);
        assert.deepEqual(sorted(await up()), ["update chat-pe-pe-clients-acl", "update chat-pe-pe-ops-acl", "update chat-service"]);
        assert.deepEqual(entriesInEffect(), EXPECTED);
        assert.deepEqual(await up({ expectNoChanges: true }), [], "and then nothing to do");
    });

    it("refresh folds the entries into the service's inputs; up after it, and up --refresh twice, change nothing and keep the entries", async function () {
        this.timeout(600_000);
        ok(await stack.operation("refresh"));
        const [service] = of((await stack.exportStack()).deployment.resources, SERVICE);
        assert.equal((service.inputs?.networkACLs as { privateEndpoints?: unknown[] }).privateEndpoints?.length, 2, "azure-native's Read folded the live entries into the inputs");
        assert.deepEqual(await up({ expectNoChanges: true }), []);
        assert.deepEqual(entriesInEffect(), EXPECTED);
        for (let run = 0; run < 2; run++) {
            assert.deepEqual(await up({ refresh: true, expectNoChanges: true }), [], `up --refresh, run ${run}`);
            assert.deepEqual(entriesInEffect(), EXPECTED, `run ${run}`);
        }
    });

    it("a provider upgrade after a refresh rewrites the service with the entries it keeps", async function () {
        this.timeout(600_000);
        upgradeTo(UPGRADES[2]);
        assert.deepEqual(await up(), ["update chat-service"]);
        assert.deepEqual(entriesInEffect(), EXPECTED);
        assert.equal(arm.requests.filter((r) => r.method === "PUT" && r.path === SERVICE_ID).pop()?.query["api-version"], UPGRADES[2]);
        assert.deepEqual(await up({ expectNoChanges: true }), []);
    });

    it("reproduces item 2 without ignoreChanges on the service: the up after a refresh rewrites the service, and the entries' own diff puts them back", async function () {
        this.timeout(600_000);
        stack.setConfig({ withoutIgnoreChanges: "true" });
        ok(await stack.operation("refresh"));
        const steps = await up();
        assert.ok(steps.includes("update chat-service") && steps.includes("update chat-pe-pe-clients-acl"), steps.join(", "));
        assert.deepEqual(entriesInEffect(), EXPECTED, "still in effect when up ends, thanks to the entries' diff");
        stack.setConfig({ withoutIgnoreChanges: "false" });
    });

    it("destroy leaves nothing and touches no stranger", async function () {
        this.timeout(600_000);
        ok(await stack.operation("destroy"));
        assert.deepEqual([...arm.services.keys()], [strangerId.toLowerCase()], "only the stranger's service is left");
        assert.equal(arm.privateEndpoints.size, 0);
        assert.deepEqual(arm.services.get(strangerId.toLowerCase())!.properties.networkACLs, STRANGERS_ACLS);
        assert.equal(arm.requests.filter((r) => r.path.toLowerCase().startsWith(strangerId.toLowerCase())).length, 0, "no request about the stranger's service");
    });
});

describeWithEngine("the real Pulumi engine, day 2: removing an inbound endpoint under a CanNotDelete lock", (bin) => {
    const scenario = engineScenario(bin, {
        program: "day2",
        project: "engine-day2-lock",
        standIns: true,
        setUp: () => ({ args: args({ privateEndpoints: [CLIENTS, OPS], lock: { kind: "CanNotDelete" } }) }),
    });
    const service = () => scenario.arm.services.get(SERVICE_ID.toLowerCase())!;
    const endpoints = () =>
        service()
            .inbound.map((c) => c.name.split(".")[0])
            .sort();
    /** The steps of an up after the stack config changed: the engine's update of the default dynamic provider left out (stepsAfterConfigChange). */
    const afterConfigChange = (r: OperationResult) => stepsAfterConfigChange(r, "engine-day2-lock");
    const entries = () => ((service().properties.networkACLs as { privateEndpoints?: { name: string }[] }).privateEndpoints ?? []).map((e) => e.name.split(".")[0]).sort();

    it("is refused with what to do, nothing removed; with the lock set to None in the update that removes it, it goes, and the lock comes back after", async function () {
        this.timeout(600_000);
        const { stack, arm } = scenario;
        ok(await stack.operation("up"));
        assert.equal(arm.locks.size, 1, "the component's lock is on the service");

        stack.setConfig({ args: args({ privateEndpoints: [CLIENTS], lock: { kind: "CanNotDelete" } }) });
        await assert.rejects(
            stack.operation("up"),
            /The CanNotDelete lock lock-contoso-signalr is on SignalR service contoso-signalr: Azure refuses to delete the connection of private endpoint pe-ops under it \(ScopeLocked\), so nothing was removed\. If the component made the lock, set `lock: \{ kind: "None" \}` in the same update that removes the endpoint/,
        );
        assert.deepEqual(
            [endpoints(), entries()],
            [
                ["pe-clients", "pe-ops"],
                ["pe-clients", "pe-ops"],
            ],
            "nothing removed: the entry is still in effect",
        );

        // The refused update recorded the lock's new dependencies (the endpoint no longer among them), so
        // the real engine would delete the lock and the entry side by side: the previous program first.
        // The refused up had already given the default dynamic provider its config (that step comes before
        // any of our resources), so the previous config back is a config change too.
        stack.setConfig({ args: args({ privateEndpoints: [CLIENTS, OPS], lock: { kind: "CanNotDelete" } }) });
        assert.deepEqual(afterConfigChange(await stack.operation("up")), [], "the previous program again: nothing of ours changes");
        stack.setConfig({ args: args({ privateEndpoints: [CLIENTS], lock: { kind: "None" } }) });
        assert.deepEqual(afterConfigChange(await stack.operation("up")), ["delete chat-lock", "delete chat-pe-pe-ops-acl", "delete chat-pe-pe-ops"], "the lock goes first");
        assert.deepEqual([endpoints(), entries()], [["pe-clients"], ["pe-clients"]]);

        stack.setConfig({ args: args({ privateEndpoints: [CLIENTS], lock: { kind: "CanNotDelete" } }) });
        assert.deepEqual(afterConfigChange(await stack.operation("up")), ["create chat-lock"]);
        assert.equal(arm.locks.size, 1);
        assert.deepEqual(succeededSteps(await stack.operation("up", { expectNoChanges: true })), [], "the same config again: no step at all, providers included");
        assert.deepEqual(entries(), ["pe-clients"]);
    });
});

describeWithEngine("the real Pulumi engine, day 2: a shared private endpoint's approval through refresh, replacement, recreation, rejection and destroy", (bin) => {
    let strangers: FakeConnection[] = [];
    const THEIR_ENDPOINT = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/other-rg/providers/Microsoft.Network/privateEndpoints/theirs`;
    const scenario = engineScenario(bin, {
        program: "day2",
        project: "engine-day2-link",
        standIns: true,
        setUp: (fake, site) => {
            // A deleted link's connection stays on the target, Disconnected: the case where our old connection carries our message.
            fake.deletedLinkConnections = "Disconnected";
            fake.addConnection(site, { name: "theirs-pending", status: "Pending", description: "please approve", privateEndpointId: THEIR_ENDPOINT });
            fake.addConnection(site, { name: "theirs-approved", status: "Approved", description: "signalr-serverless chat-func", privateEndpointId: THEIR_ENDPOINT });
            strangers = structuredClone(fake.connectionsOn(site).slice());
            return { args: args({ sharedPrivateEndpoints: [{ name: "func", targetResourceId: site, approvalTimeoutSeconds: 60 }] }) };
        },
    });
    let arm: FakeResourceManager;
    let stack: EngineStack;
    let site: string;
    before(() => ({ arm, stack, site } = scenario));
    afterEach(() =>
        assert.deepEqual(
            arm.connectionsOn(site).filter((c) => !c.sharedPrivateLinkResourceId),
            strangers,
            "no stranger's connection touched",
        ),
    );

    const linkId = (service = "contoso-signalr") => `${SERVICE_ID.replace("contoso-signalr", service)}/sharedPrivateLinkResources/func`;
    const ours = () => arm.connectionsOn(site).filter((c) => c.sharedPrivateLinkResourceId);
    const state = async () => (await stack.exportStack()).deployment.resources;
    /** Everything a successful `up` must leave: the newest connection Approved on the target, carrying the link's message, and in SignalR and the outputs. */
    const assertApproved = async (label: string, r: OperationResult) => {
        const resources = await state();
        const [link] = of(resources, LINK);
        assert.equal(ours().at(-1)?.status, "Approved", `${label}: the newest connection is Approved on the target`);
        assert.equal(ours().at(-1)?.description, link.inputs?.requestMessage, `${label}: and carries the link's request message`);
        assert.deepEqual(r.outputs?.sharedPrivateEndpointStatuses.value, { func: "Approved" }, `${label}: sharedPrivateEndpointStatuses`);
        assert.equal(of(resources, APPROVAL)[0].outputs?.connectionName, ours().at(-1)?.name, `${label}: the approval holds the newest connection`);
    };
    const up = (options: Record<string, unknown> = {}) => stack.operation("up", options);
    const linkUrn = async () => of(await state(), LINK)[0].urn;

    it("up → up → refresh → up: approved once, then nothing to do", async function () {
        this.timeout(600_000);
        const first = await up();
        assert.ok(ok(first).includes("create chat-func-link") && first.steps.includes("create chat-func-approval"), first.steps.join(", "));
        await assertApproved("first up", first);
        assert.deepEqual(ok(await up({ expectNoChanges: true })), []);
        ok(await stack.operation("refresh"));
        assert.equal(of(await state(), APPROVAL)[0].outputs?.status, "Approved");
        const after = await up({ expectNoChanges: true });
        assert.deepEqual(ok(after), []);
        await assertApproved("after refresh", after);
        assert.equal(arm.count("PUT", "/privateEndpointConnections/"), 1, "one approval write in all");
    });

    it("`up --replace` of the link: delete-first, the new connection approved in the same up beside the old Disconnected one; then nothing to do", async function () {
        this.timeout(600_000);
        const r = await up({ replace: [await linkUrn()] });
        assert.deepEqual(ok(r), ["replace chat-func-link", "update chat-func-approval"]);
        assert.deepEqual(
            ours().map((c) => c.status),
            ["Disconnected", "Approved"],
        );
        await assertApproved("after the replacement", r);
        assert.deepEqual(ok(await up({ expectNoChanges: true })), []);
    });

    it("the link deleted and recreated outside Pulumi under the same id: the next up, without a refresh, approves the new connection", async function () {
        this.timeout(600_000);
        const old = ours().at(-1)!;
        // Someone deletes the link and creates it again with the same body (portal, az CLI): SignalR's new endpoint requests anew.
        arm.recreateSharedPrivateLink(linkId(), site, old.name, "Disconnected");
        arm.addConnection(site, { name: "contoso-signalr.recreated", status: "Pending", description: old.description, sharedPrivateLinkResourceId: linkId() });
        const r = await up();
        assert.deepEqual(ok(r), ["update chat-func-approval"], "the approval's diff read the connection");
        assert.deepEqual(
            ours().map((c) => c.status),
            ["Disconnected", "Disconnected", "Approved"],
        );
        await assertApproved("after the recreation", r);
        assert.deepEqual(ok(await up({ expectNoChanges: true })), []);
    });

    it("a connection Rejected on the target: up fails naming `pulumi up --replace`; that command approves again", async function () {
        this.timeout(600_000);
        // Someone on the target rejects our connection; SignalR then reports the link Rejected.
        ours().at(-1)!.status = "Rejected";
        arm.setLinkStatus(linkId(), "Rejected");
        await assert.rejects(up(), (e: Error) => {
            assert.match(e.message, /as Rejected: this state is final/);
            assert.match(e.message, /pulumi up --replace '/);
            assert.ok(e.message.includes(linkId()), e.message);
            return true;
        });
        const r = await up({ replace: [await linkUrn()] });
        assert.deepEqual(ok(r), ["replace chat-func-link", "update chat-func-approval"]);
        assert.deepEqual(
            ours()
                .map((c) => c.status)
                .slice(-2),
            ["Rejected", "Approved"],
        );
        await assertApproved("after the recovery", r);
        assert.deepEqual(ok(await up({ expectNoChanges: true })), []);
    });

    it("a new service name replaces the service and its link (delete-first): a new nonce, the new connection approved in the same up; then nothing to do", async function () {
        this.timeout(600_000);
        const before = of(await state(), LINK)[0].inputs?.requestMessage;
        stack.setConfig({ args: args({ serviceName: "contoso-signalr-2", sharedPrivateEndpoints: [{ name: "func", targetResourceId: site, approvalTimeoutSeconds: 60 }] }) });
        const r = await up();
        for (const step of ["replace chat-service", "replace chat-func-nonce", "replace chat-func-link", "update chat-func-approval"])
            assert.ok(ok(r).includes(step), r.steps.join(", "));
        const [link] = of(await state(), LINK);
        assert.notEqual(link.inputs?.requestMessage, before, "the new link has a new request message");
        assert.equal(link.id, linkId("contoso-signalr-2"));
        assert.deepEqual(arm.sharedPrivateLinks(), [linkId("contoso-signalr-2")]);
        await assertApproved("after the new name", r);
        assert.deepEqual(ok(await up({ expectNoChanges: true })), []);
    });

    it("destroy: nothing of ours left in SignalR, and no request about a stranger's connection", async function () {
        this.timeout(600_000);
        ok(await stack.operation("destroy"));
        assert.deepEqual((await state()) ?? [], []);
        assert.deepEqual(arm.sharedPrivateLinks(), [], "no link is left");
        assert.ok(
            ours().every((c) => c.status === "Disconnected" || c.status === "Rejected"),
            "our connections go with SignalR's endpoints",
        );
        assert.equal(arm.requests.filter((r) => /theirs-/.test(r.path)).length, 0, "no request names a stranger's connection");
    });
});
