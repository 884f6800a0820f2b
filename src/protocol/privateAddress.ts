import { BlockList, isIP } from "node:net";

/** Address ranges that never route on the internet: RFC 1918, CGNAT, loopback, link-local, ULA. */
const PRIVATE = new BlockList();
PRIVATE.addSubnet("10.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("172.16.0.0", 12, "ipv4");
PRIVATE.addSubnet("192.168.0.0", 16, "ipv4");
PRIVATE.addSubnet("100.64.0.0", 10, "ipv4");
PRIVATE.addSubnet("127.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("169.254.0.0", 16, "ipv4");
PRIVATE.addSubnet("fc00::", 7, "ipv6");
PRIVATE.addSubnet("fe80::", 10, "ipv6");
PRIVATE.addAddress("::1", "ipv6");

/**
 * The client address an `X-Forwarded-For` header names: its first entry, without port or IPv6
 * brackets. Undefined when the header is missing or the entry is not an IP address.
 */
export function forwardedForAddress(header: string | undefined): string | undefined {
    const first = header?.split(",")[0]?.trim();
    if (!first) return undefined;
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(first);
    const candidate = bracketed ? bracketed[1] : /^[^:]+:\d+$/.test(first) ? first.split(":")[0] : first;
    return isIP(candidate) ? candidate : undefined;
}

/**
 * Whether an upstream request arrived over a private network: Microsoft's documented check for a
 * shared private endpoint is that `X-Forwarded-For` holds a private address.
 */
export function isPrivateAddress(address: string | undefined): boolean {
    if (!address) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    const ip = mapped ? mapped[1] : address;
    const family = isIP(ip);
    return family === 4 ? PRIVATE.check(ip, "ipv4") : family === 6 ? PRIVATE.check(ip, "ipv6") : false;
}
