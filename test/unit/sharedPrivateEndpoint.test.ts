import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR, SharedPrivateEndpoint, SharedPrivateEndpointArgs, ValidationError } from "../../src";
import { FAKE_SUBSCRIPTION_ID } from "../../src/plan/fakeAzure";
import { unhandledRejectionsDuring } from "../helpers/failures";
import { MockRecorder, valueOf } from "../helpers/mocks";

const SITE = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-func`;
const VAULT = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/sec-rg/providers/Microsoft.KeyVault/vaults/contoso-kv`;
const STORAGE = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/app-rg/providers/Microsoft.Storage/storageAccounts/contosost`;
const LINK = "azure-native:signalrservice:SignalRSharedPrivateLinkResource";
const APPROVAL = "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval";

async function deploy(args: Partial<SharedPrivateEndpointArgs>, name = "func-pe") {
    const rec = new MockRecorder();
    const component = new SharedPrivateEndpoint(
        name,
        { resourceGroupName: "app-rg", signalRName: "contoso-signalr", targetResourceId: SITE, ...args },
        { transformations: [rec.transformation] },
    );
    await rec.settle();
    return { rec, component };
}

describe("SharedPrivateEndpoint", () => {
    it("creates the shared private link with an inferred group id and a nonce message, then the approval", async () => {
        const { rec, component } = await deploy({});
        const nonce = rec.one("random:index/randomString:RandomString", "func-pe-nonce");
        assert.deepEqual(nonce.inputs, { length: 12, special: false, upper: false });
        const link = rec.one(LINK, "func-pe-link");
        assert.equal(link.parent, "func-pe");
        assert.equal(link.inputs.groupId, "sites");
        assert.equal(link.inputs.privateLinkResourceId, SITE);
        assert.equal(link.inputs.resourceName, "contoso-signalr");
        assert.equal(link.inputs.sharedPrivateLinkResourceName, "func-pe");
        assert.match(link.inputs.requestMessage, /^signalr-serverless func-pe \S+$/);
        const approval = rec.one(APPROVAL, "func-pe-approval");
        assert.equal(approval.parent, "func-pe");
        assert.equal(approval.inputs.requestMessage, link.inputs.requestMessage, "the approval looks for exactly the link's message");
        assert.equal(approval.inputs.targetResourceId, SITE);
        assert.equal(approval.inputs.sharedPrivateLinkResourceId, link.id);
        assert.equal(approval.inputs.timeoutSeconds, 900);
        assert.equal(approval.inputs.onDelete, "Keep");
        assert.equal(typeof approval.inputs.__provider, "string");
        assert.equal(await valueOf(component.sharedPrivateLinkResourceId), link.id);
    });

    it("gives each new link its own nonce: the nonce's replacement trigger is the link's identity", async () => {
        const triggers = new Map<string, pulumi.Input<unknown> | undefined>();
        const capture: pulumi.ResourceTransformation = (a) => {
            if (a.type === "random:index/randomString:RandomString") triggers.set(a.name, a.opts.replacementTrigger);
            return undefined;
        };
        const rec = new MockRecorder();
        new SharedPrivateEndpoint(
            "func-pe",
            { resourceGroupName: "app-rg", signalRName: "contoso-signalr", targetResourceId: SITE },
            { transformations: [rec.transformation, capture] },
        );
        new SharedPrivateEndpoint(
            "func-pe-2",
            { resourceGroupName: "app-rg", signalRName: "contoso-signalr", targetResourceId: SITE, sharedPrivateLinkResourceName: "func-pe-b" },
            { transformations: [rec.transformation, capture] },
        );
        await rec.settle();
        assert.equal(await valueOf(pulumi.output(triggers.get("func-pe-nonce"))), `app-rg|contoso-signalr|func-pe|${SITE}|sites`);
        assert.equal(await valueOf(pulumi.output(triggers.get("func-pe-2-nonce"))), `app-rg|contoso-signalr|func-pe-b|${SITE}|sites`);
    });

    it("infers `vault` for a Key Vault and honours an explicit message, timeout and rejectOnDelete", async () => {
        const { rec } = await deploy({ targetResourceId: VAULT, requestMessage: "kv for chat", approvalTimeoutSeconds: 60, rejectOnDelete: true }, "kv-pe");
        assert.equal(rec.byType("random:index/randomString:RandomString").length, 0);
        assert.equal(rec.one(LINK).inputs.groupId, "vault");
        assert.equal(rec.one(LINK).inputs.requestMessage, "kv for chat");
        assert.equal(rec.one(APPROVAL).inputs.timeoutSeconds, 60);
        assert.equal(rec.one(APPROVAL).inputs.onDelete, "Reject");
    });

    it("passes approvalConfirmationSeconds to the approval only when set, and refuses one out of range", async () => {
        assert.equal((await deploy({})).rec.one(APPROVAL).inputs.confirmationSeconds, undefined, "an existing approval's inputs do not change");
        assert.equal((await deploy({ approvalConfirmationSeconds: 120 })).rec.one(APPROVAL).inputs.confirmationSeconds, 120);
        assert.throws(
            () => new SharedPrivateEndpoint("func-pe", { resourceGroupName: "app-rg", signalRName: "contoso-signalr", targetResourceId: SITE, approvalConfirmationSeconds: 5 }),
            (e: unknown) => e instanceof ValidationError && e.field === "approvalConfirmationSeconds",
        );
    });

    it("passes the approval's poll intervals only when set, and refuses a cap below the first interval", async () => {
        const plain = (await deploy({})).rec.one(APPROVAL).inputs;
        assert.ok(!("pollIntervalSeconds" in plain) && !("maxPollIntervalSeconds" in plain), "an existing approval's inputs do not change");
        const set = (await deploy({ approvalPollIntervalSeconds: 1, approvalMaxPollIntervalSeconds: 3 })).rec.one(APPROVAL).inputs;
        assert.equal(set.pollIntervalSeconds, 1);
        assert.equal(set.maxPollIntervalSeconds, 3);
        for (const [args, field] of [
            [{ approvalPollIntervalSeconds: 0 }, "approvalPollIntervalSeconds"],
            [{ approvalPollIntervalSeconds: 1.5 }, "approvalPollIntervalSeconds"],
            [{ approvalMaxPollIntervalSeconds: 5 }, "approvalMaxPollIntervalSeconds"],
            [{ approvalPollIntervalSeconds: 40 }, "approvalMaxPollIntervalSeconds"],
        ] as const) {
            assert.throws(
                () => new SharedPrivateEndpoint("func-pe", { resourceGroupName: "app-rg", signalRName: "contoso-signalr", targetResourceId: SITE, ...args }),
                (e: unknown) => e instanceof ValidationError && e.field === field,
                JSON.stringify(args),
            );
        }
    });

    it("skips the approval when approve is false and reports the link's status", async () => {
        const { rec, component } = await deploy({ approve: false, targetResourceId: STORAGE, groupId: "blob" });
        assert.equal(rec.byType(APPROVAL).length, 0);
        assert.equal(rec.one(LINK).inputs.groupId, "blob");
        assert.equal(await valueOf(component.status), "Pending");
        assert.equal(await valueOf(component.connectionId), "");
    });

    it("uses the configured azure-native cloud for the approval", async () => {
        pulumi.runtime.setAllConfig({ "azure-native:environment": "usgovernment" });
        try {
            const { rec } = await deploy({});
            assert.equal(rec.one(APPROVAL).inputs.resourceManagerEndpoint, "https://management.usgovcloudapi.net");
        } finally {
            pulumi.runtime.setAllConfig({});
        }
    });

    const bad: Array<[string, Partial<SharedPrivateEndpointArgs>, string, RegExp]> = [
        ["a wrong group id for a Function app", { groupId: "blob" }, "groupId", /must be `sites` for a Microsoft.Web\/sites target, got `blob`/],
        ["an unknown type without group id", { targetResourceId: STORAGE, approve: false }, "groupId", /must be given for a Microsoft.Storage\/storageAccounts target/],
        ["approval of an unknown type", { targetResourceId: STORAGE, groupId: "blob" }, "approve", /must be false for a Microsoft.Storage\/storageAccounts target/],
        ["a target that is not a resource id", { targetResourceId: "contoso-func" }, "targetResourceId", /must be an Azure resource id/],
        ["a short timeout", { approvalTimeoutSeconds: 5 }, "approvalTimeoutSeconds", /whole number from 10 to 86400/],
        ["a long message", { requestMessage: "x".repeat(141) }, "requestMessage", /1-140 characters/],
        ["an http endpoint", { resourceManagerEndpoint: "http://management.azure.com" }, "resourceManagerEndpoint", /https URL/],
        ["a misspelt argument", { targetResourceID: SITE } as never, "targetResourceID", /not a known argument/],
        // The SignalR spec's pattern for sharedPrivateLinkResourceName: ^[a-zA-Z][a-zA-Z0-9-]{1,61}[a-zA-Z0-9]$
        ["a link name starting with a digit", { sharedPrivateLinkResourceName: "1func" }, "sharedPrivateLinkResourceName", /3-63 letters, digits and hyphens.*got `1func`/],
        ["a link name with an underscore", { sharedPrivateLinkResourceName: "func_pe" }, "sharedPrivateLinkResourceName", /starting with a letter/],
        ["a link name with a dot", { sharedPrivateLinkResourceName: "func.pe" }, "sharedPrivateLinkResourceName", /3-63/],
        ["a two-character link name", { sharedPrivateLinkResourceName: "pe" }, "sharedPrivateLinkResourceName", /3-63/],
        ["a link name ending with a hyphen", { sharedPrivateLinkResourceName: "func-" }, "sharedPrivateLinkResourceName", /ending with a letter or digit/],
        ["a 64-character link name", { sharedPrivateLinkResourceName: `a${"b".repeat(63)}` }, "sharedPrivateLinkResourceName", /3-63/],
    ];
    for (const [what, args, field, message] of bad) {
        it(`refuses ${what} before registering anything`, () => {
            const rec = new MockRecorder();
            assert.throws(
                () =>
                    new SharedPrivateEndpoint(
                        "func-pe",
                        { resourceGroupName: "app-rg", signalRName: "s", targetResourceId: SITE, ...args },
                        { transformations: [rec.transformation] },
                    ),
                (e: unknown) => e instanceof ValidationError && e.field === field && message.test(e.message),
            );
            assert.equal(rec.resources.length, 0);
        });
    }

    it("checks an Output-typed target once known", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            const rec = new MockRecorder();
            new SharedPrivateEndpoint(
                "out-pe",
                { resourceGroupName: "app-rg", signalRName: "s", targetResourceId: pulumi.output(STORAGE) },
                { transformations: [rec.transformation] },
            );
            await rec.settle();
            assert.equal(rec.byType(LINK).length, 0);
        });
        assert.ok(
            messages.some((m) => m.includes("`groupId` must be given for a Microsoft.Storage/storageAccounts target")),
            messages.join("\n"),
        );
    });
});

describe("shared private link names and request messages at the spec's limits", () => {
    it("accepts a 63-character name, and its default request message (name and nonce) fits the message limit", async () => {
        const longest = `a${"b".repeat(61)}c`;
        const { rec } = await deploy({}, longest);
        const link = rec.one(LINK, `${longest}-link`);
        assert.equal(link.inputs.sharedPrivateLinkResourceName, longest);
        const message = String(link.inputs.requestMessage);
        assert.ok(message.length <= 140, `${message.length} characters`);
        assert.match(message, new RegExp(`^signalr-serverless ${longest} [a-z0-9]{12}$`));
    });

    it("names the component itself when its name is the link name and breaks the pattern", () => {
        assert.throws(
            () => new SharedPrivateEndpoint("func_pe", { resourceGroupName: "app-rg", signalRName: "s", targetResourceId: SITE }),
            (e: unknown) => e instanceof ValidationError && e.field === "name" && /got `func_pe`/.test(e.message),
        );
    });
});

describe("ServerlessSignalR shared private endpoints", () => {
    it("creates one child per entry after the service, one link at a time, and reports statuses by name", async () => {
        const rec = new MockRecorder();
        const c = new ServerlessSignalR(
            "chat",
            {
                resourceGroupName: "app-rg",
                sharedPrivateEndpoints: [
                    { name: "func-pe", targetResourceId: SITE },
                    { name: "kv-pe", targetResourceId: VAULT, approve: false },
                ],
            },
            { transformations: [rec.transformation] },
        );
        await rec.settle();
        assert.deepEqual(
            rec.byType("signalr-serverless:index:SharedPrivateEndpoint").map((r) => [r.name, r.parent]),
            [
                ["chat-func-pe", "chat"],
                ["chat-kv-pe", "chat"],
            ],
        );
        const [first, second] = rec.byType(LINK);
        const service = rec.one("azure-native:signalrservice:SignalR");
        assert.equal(first.inputs.resourceName, service.inputs.resourceName ?? first.inputs.resourceName);
        assert.match(first.inputs.resourceName, /^chat-service/);
        assert.deepEqual(second.dependsOn, ["chat-func-pe-link"]);
        assert.equal(rec.byType(APPROVAL).length, 1);
        // Under mocks the approval's outputs are not computed, so only the unapproved one has a status.
        const statuses = await valueOf(c.sharedPrivateEndpointStatuses);
        assert.equal(statuses["kv-pe"], "Pending");
    });

    it("refuses duplicate names", () => {
        assert.throws(
            () =>
                new ServerlessSignalR("chat", {
                    resourceGroupName: "app-rg",
                    sharedPrivateEndpoints: [
                        { name: "dup-pe", targetResourceId: SITE },
                        { name: "dup-pe", targetResourceId: VAULT },
                    ],
                }),
            /`sharedPrivateEndpoints\[1\].name` must be unique/,
        );
    });
});

describe("the serialized approval provider", () => {
    it("is one shared provider that the provider host can load and run", async () => {
        const rec = new MockRecorder();
        new SharedPrivateEndpoint("a-pe", { resourceGroupName: "app-rg", signalRName: "s", targetResourceId: SITE }, { transformations: [rec.transformation] });
        new SharedPrivateEndpoint("b-pe", { resourceGroupName: "app-rg", signalRName: "s", targetResourceId: VAULT }, { transformations: [rec.transformation] });
        await rec.settle();
        const [a, b] = rec.byType(APPROVAL);
        assert.equal(a.inputs.__provider, b.inputs.__provider, "one serialization for all approvals");
        // What the dynamic provider host does: evaluate the text and take `handler()`.
        const module = { exports: {} as { handler: () => pulumi.dynamic.ResourceProvider } };
        new Function("module", "exports", "require", a.inputs.__provider)(module, module.exports, require);
        const provider = module.exports.handler();
        const checked = await provider.check!({}, { targetResourceId: SITE, requestMessage: "m", timeoutSeconds: 10 });
        assert.deepEqual(checked.failures, []);
        const refused = await provider.check!({}, { targetResourceId: "nope", requestMessage: "m" });
        assert.match(refused.failures?.[0].reason ?? "", /`targetResourceId` must be an Azure resource id/);
        const diff = await provider.diff!("id", { targetResourceId: SITE, requestMessage: "m", status: "Approved" }, { targetResourceId: SITE, requestMessage: "n" });
        assert.deepEqual([diff.changes, diff.replaces], [true, []], "a new message is approved again in place, never by replacement");
    });
});
