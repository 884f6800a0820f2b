import { strict as assert } from "node:assert";
import fc from "fast-check";
import { forwardedForAddress, isPrivateAddress } from "../../src";

describe("private address check (X-Forwarded-For)", () => {
    it("classifies the documented private ranges and public addresses", () => {
        for (const ip of ["10.0.0.4", "172.16.5.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "127.0.0.1", "169.254.1.1", "fd00::1", "fe80::1", "::1", "::ffff:10.1.2.3"]) {
            assert.ok(isPrivateAddress(ip), ip);
        }
        for (const ip of ["20.50.2.1", "172.32.0.1", "8.8.8.8", "2001:4860::8888", "::ffff:8.8.8.8", "not-an-ip", "", undefined]) {
            assert.ok(!isPrivateAddress(ip as string), String(ip));
        }
    });
    it("takes the first X-Forwarded-For entry, without port or brackets", () => {
        assert.equal(forwardedForAddress("10.0.0.4:51234, 20.1.1.1"), "10.0.0.4");
        assert.equal(forwardedForAddress("[fd00::5]:443"), "fd00::5");
        assert.equal(forwardedForAddress("fd00::5"), "fd00::5");
        assert.equal(forwardedForAddress(undefined), undefined);
        assert.equal(forwardedForAddress("garbage"), undefined);
    });
    it("property: every 10.x.y.z address is private and never throws on arbitrary text", () => {
        fc.assert(fc.property(fc.nat(255), fc.nat(255), fc.nat(255), (a, b, c) => isPrivateAddress(`10.${a}.${b}.${c}`)));
        fc.assert(fc.property(fc.string(), (s) => typeof isPrivateAddress(forwardedForAddress(s)) === "boolean"));
    });
});
