// The stand-in azure-native's lifecycles that no engine scenario reaches, called in this process
// against the fake Resource Manager over https: a VirtualNetwork's subnets kept when its inputs
// leave them unset (azure-native's MaintainSubResourceIfUnset, crud/subresources_test.go), on an
// update and on a Read; the fake, like Azure, deletes the subnets a PUT leaves out.
import { strict as assert } from "node:assert";
import * as https from "node:https";
import { fakeAzureCli } from "../support/fakeAzureCli";
import { FakeResourceManager, TEST_SUBSCRIPTION } from "../support/fakeResourceManager";
import { azureNativeStandIn } from "./standins/azureNative";

const VNET_URN = "urn:pulumi:dev::p::azure-native:network:VirtualNetwork::clients";
const SUBNET_URN = "urn:pulumi:dev::p::azure-native:network:Subnet::endpoints";
const VNET_ID = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg/providers/Microsoft.Network/virtualNetworks/clients`;

describe("stand-in azure-native over https: a virtual network's subnets are kept when its inputs leave them unset", () => {
    const arm = new FakeResourceManager();
    const saved = { env: { ...process.env }, ca: https.globalAgent.options.ca };
    before(async () => {
        await arm.start();
        Object.assign(process.env, { ARM_RESOURCE_MANAGER_ENDPOINT: arm.endpoint, ARM_SUBSCRIPTION_ID: TEST_SUBSCRIPTION, PATH: `${fakeAzureCli()}:${process.env.PATH}` });
        https.globalAgent.options.ca = arm.ca;
    });
    after(async () => {
        process.env.PATH = saved.env.PATH;
        for (const k of ["ARM_RESOURCE_MANAGER_ENDPOINT", "ARM_SUBSCRIPTION_ID"]) if (saved.env[k] === undefined) delete process.env[k];
        // Put the global agent back as it was: a `ca` key left behind, even undefined, changes how later clients verify.
        if (saved.ca === undefined) delete https.globalAgent.options.ca;
        else https.globalAgent.options.ca = saved.ca;
        await arm.stop();
    });
    const subnets = () => [...arm.genericResources.keys()].filter((k) => k.includes("/subnets/"));
    const vnet = { resourceGroupName: "app-rg", virtualNetworkName: "clients", location: "westeurope", addressSpace: { addressPrefixes: ["10.20.0.0/16"] } };

    it("an update without subnets PUTs the live ones; a Read leaves them out of the inputs", async function () {
        this.timeout(30_000);
        const { inputs } = await azureNativeStandIn.check!(VNET_URN, {}, vnet);
        const created = await azureNativeStandIn.create!(VNET_URN, inputs);
        const subnet = await azureNativeStandIn.check!(
            SUBNET_URN,
            {},
            { resourceGroupName: "app-rg", virtualNetworkName: "clients", subnetName: "endpoints", addressPrefix: "10.20.0.0/24" },
        );
        await azureNativeStandIn.create!(SUBNET_URN, subnet.inputs);
        assert.deepEqual(subnets(), [`${VNET_ID}/subnets/endpoints`.toLowerCase()]);

        const tagged = { ...inputs, tags: { team: "chat" } };
        await azureNativeStandIn.update!(created.id, VNET_URN, created.outs, tagged);
        const put = arm.requests.filter((r) => r.method === "PUT" && r.path === VNET_ID).pop()!;
        assert.deepEqual(
            (put.body as { properties: { subnets: { name: string }[] } }).properties.subnets.map((s) => s.name),
            ["endpoints"],
            "the live subnet is in the PUT",
        );
        assert.deepEqual(subnets(), [`${VNET_ID}/subnets/endpoints`.toLowerCase()], "and still exists");

        const read = await azureNativeStandIn.read!(created.id, VNET_URN, created.outs);
        assert.equal((read.props as { subnets?: unknown[] }).subnets?.length, 1, "the live network shows its subnet");
        assert.equal((read.inputs as { subnets?: unknown }).subnets, undefined, "but the inputs leave it to the Subnet resource");
    });

    it("the fake deletes the subnets a PUT leaves out, as Azure does (what the stand-in guards against)", async function () {
        this.timeout(30_000);
        const status = await new Promise<number>((resolve, reject) => {
            const req = https.request(`${arm.endpoint}${VNET_ID}?api-version=2024-05-01`, {
                method: "PUT",
                headers: { Authorization: "Bearer fake-token", "Content-Type": "application/json" },
            });
            req.on("response", (res) => (res.resume(), res.on("end", () => resolve(res.statusCode ?? 0))));
            req.on("error", reject);
            req.end(JSON.stringify({ location: "westeurope", properties: { addressSpace: { addressPrefixes: ["10.20.0.0/16"] } } }));
        });
        assert.equal(status, 200);
        assert.deepEqual(subnets(), []);
    });
});
