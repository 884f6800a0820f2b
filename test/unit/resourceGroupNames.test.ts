// Issue 21 item 12: a resource group name Azure refuses (one ending in a period, above all) is
// refused at construction, before anything is registered, with the field and the value named.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR, SharedPrivateEndpoint, ValidationError } from "../../src";
import { FAKE_SUBSCRIPTION_ID } from "../../src/plan/fakeAzure";
import { unhandledRejectionsDuring } from "../helpers/failures";
import { MockRecorder } from "../helpers/mocks";

const SUB = FAKE_SUBSCRIPTION_ID;
const SITE = `/subscriptions/${SUB}/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-func`;
const SUBNET_ID = `/subscriptions/${SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients/subnets/endpoints`;
const VNET_ID = `/subscriptions/${SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/clients`;
const ALLOWED = "must be a resource group name: 1-90 letters, digits, `_`, `-`, `.`, `(` or `)`, not ending in a period";

/** Constructs, expecting the exact message for `field` and nothing registered. */
function refuses(field: string, value: string, construct: (rec: MockRecorder) => unknown): void {
    const rec = new MockRecorder();
    assert.throws(
        () => construct(rec),
        (e: unknown) => e instanceof ValidationError && e.field === field && e.message === `\`${field}\` ${ALLOWED}, got \`${value}\``,
        `${field} = ${JSON.stringify(value)}`,
    );
    assert.equal(rec.resources.length, 0);
}

describe("resource group names at construction", () => {
    for (const bad of ["app-rg.", "app rg", "app-rg?", "x".repeat(91)]) {
        it(`ServerlessSignalR and SharedPrivateEndpoint refuse ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 8)}… (${bad.length})` : bad)}`, () => {
            refuses("resourceGroupName", bad, (rec) => new ServerlessSignalR("chat", { resourceGroupName: bad }, { transformations: [rec.transformation] }));
            refuses(
                "resourceGroupName",
                bad,
                (rec) =>
                    new SharedPrivateEndpoint(
                        "func-pe",
                        { resourceGroupName: bad, signalRName: "chat-signalr", targetResourceId: SITE },
                        { transformations: [rec.transformation] },
                    ),
            );
            refuses(
                "privateEndpoints[0].resourceGroupName",
                bad,
                (rec) =>
                    new ServerlessSignalR(
                        "chat",
                        { resourceGroupName: "app-rg", privateEndpoints: [{ name: "pe-clients", subnetResourceId: SUBNET_ID, resourceGroupName: bad }] },
                        { transformations: [rec.transformation] },
                    ),
            );
            refuses(
                "privateDnsZone.resourceGroupName",
                bad,
                (rec) =>
                    new ServerlessSignalR(
                        "chat",
                        {
                            resourceGroupName: "app-rg",
                            privateEndpoints: [{ name: "pe-clients", subnetResourceId: SUBNET_ID }],
                            privateDnsZone: { virtualNetworkResourceIds: [VNET_ID], resourceGroupName: bad },
                        },
                        { transformations: [rec.transformation] },
                    ),
            );
        });
    }

    it("checks an Output-typed resource group once known: nothing in it is created", async () => {
        const messages = await unhandledRejectionsDuring(async () => {
            const rec = new MockRecorder();
            new ServerlessSignalR("chat", { resourceGroupName: pulumi.output("app-rg.") }, { transformations: [rec.transformation] });
            new SharedPrivateEndpoint(
                "func-pe",
                { resourceGroupName: pulumi.output("app-rg."), signalRName: "chat-signalr", targetResourceId: SITE },
                { transformations: [rec.transformation] },
            );
            await rec.settle();
            assert.deepEqual(
                rec.resources.filter((r) => r.type.startsWith("azure-native:")).map((r) => r.type),
                [],
            );
        });
        assert.ok(messages.filter((m) => m.includes(`\`resourceGroupName\` ${ALLOWED}, got \`app-rg.\``)).length >= 2, messages.join("\n"));
    });

    it("accepts what Azure accepts: periods inside, parentheses, underscores, Unicode letters", async () => {
        for (const ok of ["app.rg", "App_RG-(prod)", "rg-ünicode"]) {
            const rec = new MockRecorder();
            new ServerlessSignalR("chat", { resourceGroupName: ok }, { transformations: [rec.transformation] });
            await rec.settle();
            assert.ok(rec.resources.length > 0, ok);
        }
    });
});
