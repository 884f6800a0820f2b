// fast-check generators for the pure core's valid inputs, written from the documented grammars.
import fc from "fast-check";
import { KEY_VAULT_DNS_SUFFIXES } from "../../src";

const lower = "abcdefghijklmnopqrstuvwxyz".split("");
const digits = "0123456789".split("");
const hex = "0123456789abcdef".split("");

/** Vault names: 3-24 chars, letters/digits/single hyphens, letter first, letter or digit last. */
export const vaultName = fc
    .tuple(fc.constantFrom(...lower), fc.array(fc.constantFrom(...lower, ...digits, "-"), { minLength: 1, maxLength: 22 }), fc.constantFrom(...lower, ...digits))
    .map(([a, mid, z]) => a + mid.join("") + z)
    .filter((name) => !name.includes("--"));

export const secretName = fc.stringMatching(/^[a-zA-Z0-9-]{1,127}$/);
export const secretVersion = fc.array(fc.constantFrom(...hex), { minLength: 32, maxLength: 32 }).map((c) => c.join(""));

export const secretUri = fc
    .record({
        vault: vaultName,
        suffix: fc.constantFrom(...KEY_VAULT_DNS_SUFFIXES),
        name: secretName,
        version: fc.option(secretVersion, { nil: undefined }),
        slash: fc.boolean(),
    })
    .map(({ vault, suffix, name, version, slash }) => ({
        uri: `https://${vault}.${suffix}/secrets/${name}${version ? `/${version}` : ""}${slash ? "/" : ""}`,
        vault,
        suffix,
        name,
        version,
    }));

/**
 * .NET's `Char.IsWhiteSpace` set, code point by code point as Microsoft's documentation lists it
 * (learn.microsoft.com/dotnet/api/system.char.iswhitespace): what the service's `String.Trim()` removes.
 */
export const DOTNET_WHITESPACE_CODE_POINTS = [
    0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000, 0x2028, 0x2029, 0x09, 0x0a, 0x0b, 0x0c,
    0x0d, 0x85,
];
const dotnetWhitespace = DOTNET_WHITESPACE_CODE_POINTS.map((c) => String.fromCodePoint(c));

/** A rule item: a non-empty name without commas, white space (JavaScript's or .NET's), U+FEFF or `*`. */
export const ruleItem = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\s,*\u0085]/.test(s));

/** White space that the rules trim around items, as the service trims it (.NET's set, including U+0085). */
export const padding = fc.array(fc.constantFrom(...dotnetWhitespace), { maxLength: 3 }).map((cs) => cs.join(""));
