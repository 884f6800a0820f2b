// Day 2 for shared private endpoints (issue #21, items 1 and 4): sequences of up, refresh, a
// replacement of the link, a link recreated outside Pulumi, a connection rejected on the target,
// and destroy, against one fake Resource Manager whose state persists between the steps. After each
// `up` that succeeds, our connection on the target is Approved and SignalR reports the link Approved;
// a run with nothing to do changes nothing; strangers' connections are never touched.
import { strict as assert } from "node:assert";
import { ServerlessSignalR } from "../../src";
import { DYNAMIC_TYPES } from "../../src/components/armBackedResources";
import { approvalLifecycle } from "../../src/resources/approval";
import { FakeConnection, FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { Program, ScenarioStack, changes } from "./support/scenarioStack";
import { THEIR_ENDPOINT, strangersOn } from "./support/strangers";

const LINK_TYPE = "azure-native:signalrservice:SignalRSharedPrivateLinkResource";
const LINK_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr/sharedPrivateLinkResources/func`;

describe("Scenario: a shared private endpoint's approval through refresh, replacement, recreation, rejection and destroy", function () {
    this.timeout(120_000);
    let arm: FakeResourceManager;
    let stack: ScenarioStack;
    let fnId: string;
    let component: ServerlessSignalR | undefined;
    let strangersUntouched: () => void;

    const programFor =
        (serviceName: string): Program =>
        (opts) => {
            component = new ServerlessSignalR("chat", { resourceGroupName: "app-rg", serviceName, sharedPrivateEndpoints: [{ name: "func", targetResourceId: fnId }] }, opts);
        };
    const program = programFor("contoso-signalr");

    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        // A deleted link's connection stays on the target, Disconnected: the case where our old connection carries our message.
        arm.deletedLinkConnections = "Disconnected";
        fnId = arm.addTarget("Microsoft.Web/sites", "contoso-fn");
        // A stranger's connections: one Pending, one Approved with a description like ours.
        arm.addConnection(fnId, { name: "theirs-pending", status: "Pending", description: "please approve", privateEndpointId: THEIR_ENDPOINT });
        arm.addConnection(fnId, { name: "theirs-approved", status: "Approved", description: "signalr-serverless chat-func", privateEndpointId: THEIR_ENDPOINT });
        strangersUntouched = strangersOn(arm, fnId);
        stack = new ScenarioStack(arm, { lifecycles: (deps) => ({ [DYNAMIC_TYPES.approval]: approvalLifecycle(deps) }) });
    });
    afterEach(async () => {
        strangersUntouched();
        await arm.stop();
    });

    /** Our connections on the target (SignalR's, requested for the link), as `status`, oldest first. */
    const ours = () => arm.connectionsOn(fnId).filter((c) => c.sharedPrivateLinkResourceId);
    const statusesOnTarget = () => ours().map((c) => c.status);
    const requestMessage = () => String(stack.ofType(LINK_TYPE)[0].inputs.requestMessage);
    /** What SignalR reports for the link (one GET, as anyone would read it). */
    const signalRStatus = async (linkId = LINK_ID) => String((await stack.azureNative.read(LINK_TYPE, linkId, {}, {}))?.outputs.status);
    const componentStatuses = () => (component!.sharedPrivateEndpointStatuses as unknown as { promise(): Promise<Record<string, string>> }).promise();
    /** Everything a successful `up` must leave: the newest connection Approved on the target and in SignalR. */
    const assertApproved = async (label: string) => {
        assert.equal(ours().at(-1)?.status, "Approved", `${label}: the newest connection is Approved on the target`);
        assert.equal(ours().at(-1)?.description, requestMessage(), `${label}: and carries the link's request message`);
        assert.equal(await signalRStatus(), "Approved", `${label}: SignalR reports the link Approved`);
        assert.deepEqual(await componentStatuses(), { func: "Approved" }, `${label}: sharedPrivateEndpointStatuses`);
        assert.equal(stack.ofType(DYNAMIC_TYPES.approval)[0].outputs.connectionName, ours().at(-1)?.name, `${label}: the approval holds the newest connection`);
    };

    /**
     * `pulumi up --replace` of the link: only the link and the approval change, the old connection is
     * left as it was (`old`), the new one is approved in that up; the next up changes nothing.
     */
    const replaceLinkThenNothingToDo = async (old: FakeConnection["status"], label: string) => {
        assert.deepEqual(changes(await stack.up(program, { replace: ["chat-func-link"] })), ["replace chat-func-link", "update chat-func-approval"], label);
        assert.deepEqual(statusesOnTarget(), [old, "Approved"], `${label}: the old connection left ${old}, the new one Approved`);
        await assertApproved(label);
        assert.deepEqual(changes(await stack.up(program)), [], `${label}: then nothing to do`);
    };

    it("up → up → refresh → up: approved once, then nothing to do", async () => {
        const first = changes(await stack.up(program));
        assert.ok(first.includes("create chat-func-link") && first.includes("create chat-func-approval"), first.join(", "));
        await assertApproved("first up");
        assert.deepEqual(changes(await stack.up(program)), [], "up with nothing to do");
        await stack.refresh();
        assert.equal(stack.ofType(DYNAMIC_TYPES.approval)[0].outputs.status, "Approved");
        assert.deepEqual(changes(await stack.up(program)), [], "the up after a refresh");
        await assertApproved("after refresh");
        assert.equal(arm.count("PUT", "/privateEndpointConnections/"), 1, "one approval write in all");
    });

    it("`pulumi up --replace` of the link: delete-first, the new connection approved in the same up beside the old Disconnected one; then nothing to do", async () => {
        await stack.up(program);
        await replaceLinkThenNothingToDo("Disconnected", "after the replacement");
    });

    it("a new service name replaces the service and its link (delete-first): a new nonce, the new connection approved in the same up; then nothing to do", async () => {
        await stack.up(program);
        const before = requestMessage();
        const steps = changes(await stack.up(programFor("contoso-signalr-2")));
        for (const step of ["replace chat-service", "replace chat-func-nonce", "replace chat-func-link", "update chat-func-approval"])
            assert.ok(steps.includes(step), steps.join(", "));
        assert.notEqual(requestMessage(), before, "the new link has a new request message");
        assert.deepEqual(
            ours().map((c) => [c.status, c.description === before]),
            [
                ["Disconnected", true],
                ["Approved", false],
            ],
        );
        assert.equal(ours().at(-1)?.description, requestMessage());
        const newLink = LINK_ID.replace("/contoso-signalr/", "/contoso-signalr-2/");
        assert.equal(await signalRStatus(newLink), "Approved", "SignalR reports the new link Approved");
        assert.deepEqual(await componentStatuses(), { func: "Approved" });
        assert.deepEqual(changes(await stack.up(programFor("contoso-signalr-2"))), []);
    });

    it("the link deleted and recreated outside Pulumi under the same id: the next up, without a refresh, approves the new connection", async () => {
        await stack.up(program);
        const link = stack.ofType(LINK_TYPE)[0];
        // Someone deletes the link and creates it again with the same body (portal, az CLI).
        await stack.azureNative.delete(LINK_TYPE, link.id, link.inputs);
        await stack.azureNative.write(LINK_TYPE, link.inputs);
        assert.deepEqual(statusesOnTarget(), ["Disconnected", "Pending"]);
        assert.equal(await signalRStatus(), "Pending");
        assert.deepEqual(changes(await stack.up(program)), ["update chat-func-approval"], "the approval's diff read the connection");
        assert.deepEqual(statusesOnTarget(), ["Disconnected", "Approved"]);
        await assertApproved("after the recreation");
        assert.deepEqual(changes(await stack.up(program)), []);
    });

    it("a connection Rejected on the target: up fails naming `pulumi up --replace`; that command approves again", async () => {
        await stack.up(program);
        // Someone on the target rejects our connection; SignalR then reports the link Rejected.
        ours()[0].status = "Rejected";
        arm.setLinkStatus(LINK_ID, "Rejected");
        await assert.rejects(stack.up(program), (e: Error) => {
            assert.match(e.message, /as Rejected: this state is final/);
            assert.match(e.message, /pulumi up --replace '/);
            assert.ok(e.message.includes(LINK_ID), e.message);
            return true;
        });
        await replaceLinkThenNothingToDo("Rejected", "after the recovery");
    });

    it("destroy: nothing of ours left in SignalR, and no request about a stranger's connection", async () => {
        await stack.up(program);
        await stack.up(program, { replace: ["chat-func-link"] });
        await stack.destroy();
        assert.equal(stack.state.size, 0);
        assert.deepEqual(arm.sharedPrivateLinks(), [], "no link is left");
        assert.deepEqual(statusesOnTarget(), ["Disconnected", "Disconnected"], "our connections go with SignalR's endpoints");
        assert.equal(arm.requests.filter((r) => /theirs-/.test(r.path)).length, 0, "no request names a stranger's connection");
    });
});
