import { strict as assert } from "node:assert";
import fc from "fast-check";
import { SIGNALR_REQUEST_TYPES, SignalRNetworkAcls, entryMatches, privateEndpointAclOf, withPrivateEndpointAcl, withoutPrivateEndpointAcl } from "../../src/arm/privateEndpointAcl";

const requestTypes = fc.subarray([...SIGNALR_REQUEST_TYPES], { minLength: 1 });
const connectionName = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.uuid()).map(([pe, guid]) => `${pe}.${guid}`);
const entry = fc.record({ name: connectionName, allow: fc.subarray([...SIGNALR_REQUEST_TYPES]), deny: fc.option(fc.subarray([...SIGNALR_REQUEST_TYPES]), { nil: undefined }) });
const acls: fc.Arbitrary<SignalRNetworkAcls> = fc.record(
    {
        defaultAction: fc.constantFrom("Allow", "Deny"),
        publicNetwork: fc.record({ allow: fc.subarray([...SIGNALR_REQUEST_TYPES]) }),
        privateEndpoints: fc.uniqueArray(entry, { selector: (e) => e.name.toLowerCase(), maxLength: 5 }),
        ipRules: fc.array(fc.record({ value: fc.ipV4(), action: fc.constantFrom("Allow", "Deny") }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
);

describe("private endpoint ACL entries (properties)", () => {
    it("setting an entry allows exactly the asked types and denies every other, whatever was there", () => {
        fc.assert(
            fc.property(acls, connectionName, requestTypes, (before, name, allow) => {
                const e = privateEndpointAclOf(withPrivateEndpointAcl(before, name, allow), name)!;
                assert.deepEqual([...e.allow!].sort(), [...allow].sort());
                assert.deepEqual([...e.allow!, ...e.deny!].sort(), [...SIGNALR_REQUEST_TYPES].sort());
                assert.ok(entryMatches(e, allow));
            }),
        );
    });

    it("touches nothing but that entry: other entries, default action, public network and IP rules stay", () => {
        fc.assert(
            fc.property(acls, connectionName, requestTypes, (before, name, allow) => {
                const after = withPrivateEndpointAcl(before, name, allow);
                const others = (xs: SignalRNetworkAcls) => (xs.privateEndpoints ?? []).filter((e) => e.name.toLowerCase() !== name.toLowerCase());
                assert.deepEqual(others(after), others(before));
                assert.deepEqual({ ...after, privateEndpoints: undefined }, { ...before, privateEndpoints: undefined });
            }),
        );
    });

    it("is idempotent, and removing undoes adding a new entry", () => {
        fc.assert(
            fc.property(acls, connectionName, requestTypes, (before, name, allow) => {
                const once = withPrivateEndpointAcl(before, name, allow);
                assert.deepEqual(withPrivateEndpointAcl(once, name, allow), once);
                const fresh = withoutPrivateEndpointAcl(before, name);
                assert.deepEqual(withoutPrivateEndpointAcl(withPrivateEndpointAcl(fresh, name, allow), name), { ...fresh, privateEndpoints: fresh.privateEndpoints ?? [] });
            }),
        );
    });

    it("finds an entry whatever the case of its name (ARM names are case-insensitive)", () => {
        fc.assert(
            fc.property(connectionName, requestTypes, (name, allow) => {
                const acl = withPrivateEndpointAcl(undefined, name, allow);
                assert.ok(entryMatches(privateEndpointAclOf(acl, name.toUpperCase()), allow));
                assert.equal(withPrivateEndpointAcl(acl, name.toUpperCase(), allow).privateEndpoints!.length, 1);
            }),
        );
    });

    it("an entry that allows other types, or is missing, does not match", () => {
        fc.assert(
            fc.property(connectionName, requestTypes, requestTypes, (name, a, b) => {
                fc.pre(JSON.stringify([...a].sort()) !== JSON.stringify([...b].sort()));
                assert.equal(entryMatches(privateEndpointAclOf(withPrivateEndpointAcl(undefined, name, a), name), b), false);
                assert.equal(entryMatches(undefined, a), false);
            }),
        );
    });
});
