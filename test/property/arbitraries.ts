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

/** A rule item: a non-empty name without commas, whitespace or `*`. */
export const ruleItem = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\s,*]/.test(s));

/** Whitespace that the rules trim around items. */
export const padding = fc.constantFrom("", " ", "  ", "\t");
