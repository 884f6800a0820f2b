// Day 2 with a CanNotDelete lock (issue #21, item 6): removing an inbound endpoint under the lock is
// refused before anything is removed, with a message that says what to do; doing that (the lock set
// to None in the same update) removes the endpoint, and the lock comes back in the next.
import { strict as assert } from "node:assert";
import { ServerlessSignalR, ServerlessSignalRArgs } from "../../src";
import { FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { Program, ScenarioStack, changes } from "./support/scenarioStack";

const SUBNET_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients/subnets/endpoints`;
const SERVICE_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.SignalRService/signalR/contoso-signalr`;
const CLIENTS = { name: "pe-clients", subnetResourceId: SUBNET_ID };
const OPS = { name: "pe-ops", subnetResourceId: SUBNET_ID, allowedRequestTypes: ["RESTAPI"] };

const program =
    (args: Partial<ServerlessSignalRArgs>): Program =>
    (opts) =>
        new ServerlessSignalR("chat", { resourceGroupName: "app-rg", serviceName: "contoso-signalr", ...args }, opts);

describe("Scenario: removing an inbound endpoint under a CanNotDelete lock", function () {
    this.timeout(120_000);
    let arm: FakeResourceManager;
    let stack: ScenarioStack;
    beforeEach(async () => {
        arm = new FakeResourceManager();
        await arm.start();
        stack = new ScenarioStack(arm);
    });
    afterEach(() => arm.stop());

    const endpoints = () =>
        arm.services
            .get(SERVICE_ID.toLowerCase())!
            .inbound.map((c) => c.name.split(".")[0])
            .sort();
    const entries = () =>
        ((arm.services.get(SERVICE_ID.toLowerCase())!.properties.networkACLs as { privateEndpoints?: { name: string }[] }).privateEndpoints ?? [])
            .map((e) => e.name.split(".")[0])
            .sort();

    it("is refused with what to do, nothing removed; with the lock set to None in that update it goes, and the lock comes back after", async () => {
        await stack.up(program({ privateEndpoints: [CLIENTS, OPS], lock: { kind: "CanNotDelete" } }));
        assert.equal(arm.locks.size, 1, "the component's lock is on the service");

        await assert.rejects(
            stack.up(program({ privateEndpoints: [CLIENTS], lock: { kind: "CanNotDelete" } })),
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

        const steps = changes(await stack.up(program({ privateEndpoints: [CLIENTS], lock: { kind: "None" } })));
        assert.deepEqual(steps, ["delete chat-lock", "delete chat-pe-pe-ops-acl", "delete chat-pe-pe-ops"], "the lock goes first");
        assert.deepEqual([endpoints(), entries()], [["pe-clients"], ["pe-clients"]]);

        assert.deepEqual(changes(await stack.up(program({ privateEndpoints: [CLIENTS], lock: { kind: "CanNotDelete" } }))), ["create chat-lock"]);
        assert.equal(arm.locks.size, 1);
        await stack.up(program({ privateEndpoints: [CLIENTS], lock: { kind: "CanNotDelete" } }));
        assert.deepEqual(entries(), ["pe-clients"]);
    });
});
