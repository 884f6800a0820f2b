// Properties of how the approval recognises its connection and quotes others' (src/approval/connections.ts).
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { MAX_QUOTED_DESCRIPTION, describeConnections, isOurDescription, markedDescription, sanitizeDescription } from "../../src/approval/connections";

const message = fc.string({ minLength: 1, maxLength: 40 });
const mark = fc.stringMatching(/^[0-9a-f]{8}$/);

describe("approval connections (properties)", () => {
    it("sanitizeDescription leaves no control or format character and at most 64 characters", () => {
        fc.assert(
            fc.property(fc.string({ unit: "binary", maxLength: 200 }), (d) => {
                const clean = sanitizeDescription(d);
                assert.ok(!/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(clean), JSON.stringify(clean));
                assert.ok(Array.from(clean).length <= MAX_QUOTED_DESCRIPTION);
            }),
        );
    });

    it("sanitizeDescription keeps a short printable description as it is", () => {
        fc.assert(fc.property(fc.stringMatching(/^[ -~]{0,64}$/), (d) => assert.equal(sanitizeDescription(d), d)));
    });

    it("ours are exactly the request message, the base and the base with a mark: no extension of them is", () => {
        fc.assert(
            fc.property(message, mark, fc.string({ minLength: 1, maxLength: 20 }), (m, k, extra) => {
                const ours = { requestMessage: m, base: m };
                assert.ok(isOurDescription(m, ours));
                assert.ok(isOurDescription(markedDescription(m, k), ours));
                // Another approval's description that starts with ours (e.g. "<m> prod") is never ours.
                const longer = `${m} ${extra}`;
                fc.pre(!/^\(approval [0-9a-f]{8}\)$/.test(extra));
                assert.ok(!isOurDescription(longer, ours), longer);
                assert.ok(!isOurDescription(markedDescription(longer, k), ours));
            }),
        );
    });

    it("describeConnections never quotes our description, and quotes no control character of anyone's", () => {
        fc.assert(
            fc.property(message, fc.array(fc.string({ unit: "binary", maxLength: 80 }), { maxLength: 4 }), (m, others) => {
                fc.pre(m.trim() !== "" && !/[\p{Cc}\p{Cf}]/u.test(m));
                const list = [m, ...others].map((d, i) => ({
                    id: `/x/privateEndpointConnections/c${i}`,
                    properties: { privateLinkServiceConnectionState: { status: "Pending", description: d } },
                }));
                const text = describeConnections(list, { requestMessage: m, base: m });
                assert.ok(!text.includes(`"${m}"`), text);
                assert.ok(!/[\p{Cc}]/u.test(text));
            }),
        );
    });
});
