import { isIP } from "node:net";
import { ValidationError } from "../upstream/validationError";

/** An Azure service tag, e.g. `AzureFrontDoor.Backend` or `AzureCloud.WestEurope`. */
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

/**
 * An IP rule value as SignalR's network ACLs take it: an IPv4/IPv6 address, a CIDR range with a
 * prefix the address family allows (IPv4 0-32, IPv6 0-128), or a service tag. Pure.
 */
export function checkIpRuleValue(field: string, value: unknown): void {
    const what = "must be an IP address, a CIDR range (IPv4 /0-32, IPv6 /0-128) or a service tag";
    if (typeof value !== "string" || value.trim() === "") throw new ValidationError(field, what, value);
    const [address, prefix, ...rest] = value.split("/");
    const family = isIP(address);
    if (family === 0) {
        // Not an address: a service tag (it starts with a letter, so no malformed address passes as one).
        if (prefix === undefined && SERVICE_TAG.test(address)) return;
        throw new ValidationError(field, what, value);
    }
    if (prefix === undefined) return;
    const max = family === 4 ? 32 : 128;
    if (rest.length > 0 || !/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
        throw new ValidationError(field, `${what}: the prefix length of an IPv${family} range is 0-${max}`, value);
    }
}
