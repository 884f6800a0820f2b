// The stand-in providers' own rules, called directly (no engine, no network): azure-native's
// autonaming and replace rules (provider.go applyDefaults/getDefaultName and Diff) and random's
// RequiresReplace on every input and its generator (terraform-provider-random resource_string.go).
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { azureNativeStandIn } from "./standins/azureNative";
import { generate, randomStandIn } from "./standins/random";

const LINK_URN = "urn:pulumi:dev::p::signalr-serverless:index:SharedPrivateEndpoint$azure-native:signalrservice:SignalRSharedPrivateLinkResource::func-pe-link";
const NONCE_URN = "urn:pulumi:dev::p::signalr-serverless:index:SharedPrivateEndpoint$random:index/randomString:RandomString::func-pe-nonce";
const linkInputs = { resourceGroupName: "app-rg", resourceName: "contoso-signalr", groupId: "sites", privateLinkResourceId: "/x", requestMessage: "m" };

describe("stand-in azure-native: Check and Diff as azure-native's provider.go", () => {
    it("autonames a missing name parameter: the URN name + 8 random hex characters, marked __createBeforeDelete", async () => {
        const { inputs } = await azureNativeStandIn.check!(LINK_URN, {}, linkInputs);
        assert.match(inputs.sharedPrivateLinkResourceName, /^func-pe-link[0-9a-f]{8}$/);
        assert.equal(inputs.__createBeforeDelete, true);
        assert.equal(inputs.azureApiVersion, "2024-03-01");
        const again = await azureNativeStandIn.check!(LINK_URN, inputs, linkInputs);
        assert.equal(again.inputs.sharedPrivateLinkResourceName, inputs.sharedPrivateLinkResourceName, "the old name is kept");
    });

    it("keeps an explicit name unmarked, and reports a missing path parameter", async () => {
        const { inputs } = await azureNativeStandIn.check!(LINK_URN, {}, { ...linkInputs, sharedPrivateLinkResourceName: "func-pe" });
        assert.equal(inputs.__createBeforeDelete, undefined);
        const { failures } = await azureNativeStandIn.check!(LINK_URN, {}, { ...linkInputs, resourceName: undefined });
        assert.deepEqual(failures, [{ property: "resourceName", reason: "missing required property 'resourceName'" }]);
    });

    it("diffs old inputs against new: a path parameter replaces, delete-first unless the name was random", async () => {
        const named = { ...linkInputs, sharedPrivateLinkResourceName: "func-pe", azureApiVersion: "2024-03-01" };
        const diff = (olds: object, news: object) =>
            azureNativeStandIn.diff!(
                "id",
                LINK_URN,
                { __inputs: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: olds }, status: "Approved" },
                news,
            );
        assert.deepEqual(await diff(named, named), { changes: false, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(await diff(named, { ...named, requestMessage: "n" }), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(await diff(named, { ...named, sharedPrivateLinkResourceName: "func-pe-2" }), {
            changes: true,
            replaces: ["sharedPrivateLinkResourceName"],
            deleteBeforeReplace: true,
        });
        const random = { ...named, __createBeforeDelete: true };
        assert.deepEqual(await diff(random, { ...random, resourceName: "other" }), { changes: true, replaces: ["resourceName"], deleteBeforeReplace: false });
    });

    it("compares objects whatever their key order (the engine sorts state's keys, Azure answers in its own order)", async () => {
        const SERVICE_URN = "urn:pulumi:dev::p::signalr-serverless:index:ServerlessSignalR$azure-native:signalrservice:SignalR::chat-service";
        const identity = (a: object, b: object) => ({ type: "UserAssigned", userAssignedIdentities: { "/id": { ...a, ...b } } });
        const olds = { resourceGroupName: "app-rg", resourceName: "s", identity: identity({ clientId: "c" }, { principalId: "p" }) };
        const news = { ...olds, identity: identity({ principalId: "p" }, { clientId: "c" }) };
        const state = { __inputs: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: olds } };
        assert.deepEqual(await azureNativeStandIn.diff!("id", SERVICE_URN, state, news), { changes: false, replaces: [], deleteBeforeReplace: false });
        const changed = { ...olds, identity: identity({ principalId: "q" }, { clientId: "c" }) };
        assert.deepEqual(await azureNativeStandIn.diff!("id", SERVICE_URN, state, changed), { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("refuses a type it does not serve, naming itself a stand-in", async () => {
        await assert.rejects(
            azureNativeStandIn.check!("urn:pulumi:dev::p::azure-native:web:WebApp::app", {}, {}),
            /stand-in for pulumi-azure-native .* does not serve azure-native:web:WebApp/,
        );
    });
});

describe("stand-in random: RandomString as terraform-provider-random's resource_string.go", () => {
    it("fills the schema's defaults in Check", async () => {
        const { inputs } = await randomStandIn.check!(NONCE_URN, {}, { length: 12, special: false, upper: false });
        assert.deepEqual(inputs, { length: 12, special: false, upper: false, lower: true, numeric: true, number: true, minNumeric: 0, minUpper: 0, minLower: 0, minSpecial: 0 });
    });

    it("replaces on any changed input, keepers included", async () => {
        const olds = { length: 12, keepers: { a: "1" } };
        assert.deepEqual(await randomStandIn.diff!("id", NONCE_URN, olds, olds), { changes: false, replaces: [] });
        assert.deepEqual(await randomStandIn.diff!("id", NONCE_URN, olds, { ...olds, keepers: { a: "2" } }), { changes: true, replaces: ["keepers"] });
        assert.deepEqual(await randomStandIn.diff!("id", NONCE_URN, olds, { ...olds, length: 13 }), { changes: true, replaces: ["length"] });
    });

    it("generates `length` characters from the enabled sets with at least the min_* of each", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 20 }), (minUpper, minNumeric, extra) => {
                const length = minUpper + minNumeric + extra || 1;
                const s = generate({ length, upper: true, lower: true, numeric: true, special: false, minUpper, minNumeric });
                assert.equal(s.length, length);
                assert.match(s, /^[A-Za-z0-9]+$/);
                assert.ok((s.match(/[A-Z]/g) ?? []).length >= minUpper);
                assert.ok((s.match(/[0-9]/g) ?? []).length >= minNumeric);
            }),
        );
        assert.match(generate({ length: 12, upper: false, lower: true, numeric: true, special: false }), /^[a-z0-9]{12}$/);
    });

    it("refuses the random types this library does not use", async () => {
        await assert.rejects(
            randomStandIn.check!("urn:pulumi:dev::p::random:index/randomPassword:RandomPassword::p", {}, { length: 8 }),
            /implements only random:index\/randomString:RandomString/,
        );
    });
});
