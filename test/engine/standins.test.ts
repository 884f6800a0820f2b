// The stand-in providers' own rules, called directly (no engine, no network): azure-native's
// autonaming and replace rules (provider.go applyDefaults/getDefaultName and Diff) and random's
// RequiresReplace on every input and its generator (terraform-provider-random resource_string.go).
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { applyDiff, azureNativeStandIn } from "./standins/azureNative";
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
            azureNativeStandIn.check!("urn:pulumi:dev::p::azure-native:compute:VirtualMachine::vm", {}, {}),
            /stand-in for pulumi-azure-native .* does not serve azure-native:compute:VirtualMachine/,
        );
        await assert.rejects(azureNativeStandIn.invoke!("azure-native:web:listWebAppFunctionKeys", {}), /does not serve the function azure-native:web:listWebAppFunctionKeys/);
    });

    const state = (inputs: object) => ({ __inputs: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: inputs } });

    it("replaces on azure-native's force-new properties (replacement.go forceNewMap), delete-first for an explicit name", async () => {
        const PE_URN = "urn:pulumi:dev::p::azure-native:network:PrivateEndpoint::pe";
        const pe = { resourceGroupName: "rg", privateEndpointName: "pe", subnet: { id: "/a" }, location: "westeurope", tags: { a: "1" } };
        assert.deepEqual(await azureNativeStandIn.diff!("id", PE_URN, state(pe), { ...pe, subnet: { id: "/b" } }), {
            changes: true,
            replaces: ["subnet"],
            deleteBeforeReplace: true,
        });
        assert.deepEqual(await azureNativeStandIn.diff!("id", PE_URN, state(pe), { ...pe, tags: { a: "2" } }), { changes: true, replaces: [], deleteBeforeReplace: false });
        const APP_URN = "urn:pulumi:dev::p::azure-native:web:WebApp::app";
        const app = { resourceGroupName: "rg", name: "app", kind: "functionapp,linux", location: "westeurope" };
        assert.deepEqual((await azureNativeStandIn.diff!("id", APP_URN, state(app), { ...app, kind: "app" })).replaces, ["kind"]);
    });

    it("compares a top-level location without case and spaces (diff.go applyAzureSpecificDiff)", async () => {
        const RG_URN = "urn:pulumi:dev::p::azure-native:resources:ResourceGroup::rg";
        const rg = { resourceGroupName: "rg", location: "westeurope" };
        assert.deepEqual(await azureNativeStandIn.diff!("id", RG_URN, state(rg), { ...rg, location: "West Europe" }), { changes: false, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual((await azureNativeStandIn.diff!("id", RG_URN, state(rg), { ...rg, location: "northeurope" })).replaces, ["location"]);
    });

    it("Read applies only what changed between the old and new outputs to the old inputs, objects and arrays recursively (diff.go applyDiff)", () => {
        const inputs = { siteConfig: { appSettings: [{ name: "A", value: "secret" }], minTlsVersion: "1.2" }, httpsOnly: true };
        const before = { siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled" }, httpsOnly: true };
        assert.deepEqual(applyDiff(inputs, before, before), inputs, "no change: the inputs as they were, settings not shown by Azure kept");
        assert.deepEqual(applyDiff(inputs, before, { ...before, siteConfig: { ...before.siteConfig, minTlsVersion: "1.0" } }), {
            ...inputs,
            siteConfig: { ...inputs.siteConfig, minTlsVersion: "1.0" },
        });
        assert.deepEqual(applyDiff(inputs, before, { siteConfig: before.siteConfig }), { siteConfig: inputs.siteConfig }, "gone live: gone from the inputs");
        assert.deepEqual(applyDiff({ tags: { a: "1" } }, { tags: { a: "1" } }, { tags: { a: "1", b: "2" } }), { tags: { a: "1", b: "2" } });
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

    it("refuses the random types this library and its examples do not use", async () => {
        await assert.rejects(
            randomStandIn.check!("urn:pulumi:dev::p::random:index/randomUuid:RandomUuid::u", {}, { length: 8 }),
            /implements only random:index\/randomString:RandomString and/,
        );
    });

    it('a RandomPassword\'s id is never its value (resource_password.go: "none"), with a hash beside that is not the value', async () => {
        const urn = "urn:pulumi:dev::p::random:index/randomPassword:RandomPassword::key";
        const { inputs } = await randomStandIn.check!(urn, {}, { length: 48, special: false });
        const { id, outs } = await randomStandIn.create!(urn, inputs);
        assert.equal(id, "none");
        assert.match(String(outs.result), /^[A-Za-z0-9]{48}$/);
        assert.ok(!String(outs.bcryptHash).includes(String(outs.result)));
    });
});
