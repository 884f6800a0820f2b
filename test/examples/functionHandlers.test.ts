// The reference deployment's Function code: what each SignalR trigger handler checks.
import { strict as assert } from "node:assert";
import { computeUpstreamSignature } from "../../src";
import { inspectUpstreamCall } from "../../examples/complete/function/src/upstreamCheck";

const connectionId = "0f9c97a2f0bf4706afe87a14e0797b11";
const primary = "7aab239577fd4f24bc919802fb629f5f";
const secondary = "2c1f0e9d8b7a6f5e4d3c2b1a0f9e8d7c";

describe("reference Function handlers", () => {
    it("accepts a call signed with either key and reports a private source", () => {
        const report = inspectUpstreamCall(
            {
                ConnectionId: connectionId,
                Hub: "chat",
                Category: "connections",
                Event: "connected",
                Headers: {
                    "X-ASRS-Signature": `${computeUpstreamSignature(connectionId, "rotated-out")},${computeUpstreamSignature(connectionId, secondary)}`,
                    "X-Forwarded-For": "10.0.0.4:50000",
                },
            },
            `${primary},${secondary}`,
        );
        assert.deepEqual(report, {
            hub: "chat",
            category: "connections",
            event: "connected",
            connectionId,
            signatureValid: true,
            forwardedFor: "10.0.0.4",
            viaPrivateAddress: true,
        });
    });

    it("reads camelCase contexts and lower-case headers, and flags a public source", () => {
        const report = inspectUpstreamCall(
            {
                connectionId,
                hub: "chat",
                category: "messages",
                event: "broadcast",
                headers: { "x-asrs-signature": [computeUpstreamSignature(connectionId, primary)], "x-forwarded-for": "20.1.2.3" },
            },
            primary,
        );
        assert.equal(report.signatureValid, true);
        assert.equal(report.viaPrivateAddress, false);
        assert.equal(report.event, "broadcast");
    });

    it("rejects a missing or wrong signature, and no keys", () => {
        assert.equal(inspectUpstreamCall({ ConnectionId: connectionId, Headers: {} }, primary).signatureValid, false);
        assert.equal(
            inspectUpstreamCall({ ConnectionId: connectionId, Headers: { "X-ASRS-Signature": computeUpstreamSignature(connectionId, "other") } }, primary).signatureValid,
            false,
        );
        assert.equal(
            inspectUpstreamCall({ ConnectionId: connectionId, Headers: { "X-ASRS-Signature": computeUpstreamSignature(connectionId, primary) } }, undefined).signatureValid,
            false,
        );
    });
});
