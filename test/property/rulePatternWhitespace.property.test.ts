// Rule items are trimmed as the service trims them: .NET's String.Trim(), whose white space differs
// from JavaScript's (issue 21 item 11). The model below is written from .NET's documentation, not
// from the library's code.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { ValidationError, matchesPattern, selectUpstreamTemplate } from "../../src";
import { DOTNET_WHITESPACE_CODE_POINTS, padding, ruleItem } from "./arbitraries";

const dotnetSpace = new Set(DOTNET_WHITESPACE_CODE_POINTS.map((c) => String.fromCodePoint(c)));

/** The service's matching: split on `,`, String.Trim() each item (Char.IsWhiteSpace), `*` matches all, else exact. */
function serviceMatches(pattern: string, value: string): boolean {
    const trim = (s: string) => {
        const cs = [...s];
        while (cs.length > 0 && dotnetSpace.has(cs[0])) cs.shift();
        while (cs.length > 0 && dotnetSpace.has(cs[cs.length - 1])) cs.pop();
        return cs.join("");
    };
    const items = pattern.split(",").map(trim);
    return items.includes("*") || items.includes(value);
}

/** Characters where JavaScript's and .NET's white space disagree, and some both agree on. */
const edge = fc.constantFrom("\u0085", "\ufeff", "\u3000", "\u00a0", "\u2028", " ", "\t", "\u180e", "\u200b", "");

describe("property: rule items are trimmed as the service trims them", () => {
    it("U+0085 (NEXT LINE) around an item is trimmed, as .NET trims it", () => {
        assert.equal(matchesPattern("\u0085chat\u0085", "chat"), true);
        assert.equal(matchesPattern("broadcast, chat\u0085", "chat"), true);
        assert.equal(selectUpstreamTemplate([{ urlTemplate: "https://a.example/", hubPattern: "chat\u0085" }], { hub: "chat", category: "messages", event: "e" }), 0);
    });

    it("U+FEFF, which .NET does not trim, is refused rather than trimmed away", () => {
        for (const pattern of ["\ufeffchat", "chat\ufeff", "a,\ufeffchat"]) {
            assert.throws(
                () => matchesPattern(pattern, "chat"),
                (e: unknown) => e instanceof ValidationError && /U\+FEFF/.test(e.message),
                JSON.stringify(pattern),
            );
        }
    });

    it("an item padded with any of .NET's white space matches exactly its trimmed name", () => {
        fc.assert(
            fc.property(fc.array(fc.tuple(padding, ruleItem, padding), { minLength: 1, maxLength: 5 }), ruleItem, (parts, probe) => {
                const pattern = parts.map(([l, item, r]) => l + item + r).join(",");
                assert.equal(matchesPattern(pattern, probe), serviceMatches(pattern, probe));
                for (const [, item] of parts) assert.ok(matchesPattern(pattern, item));
            }),
        );
    });

    it("whatever the edges hold, an accepted pattern selects exactly as the service does", () => {
        fc.assert(
            fc.property(fc.array(fc.tuple(edge, ruleItem, edge), { minLength: 1, maxLength: 4 }), fc.nat(), fc.option(ruleItem, { nil: undefined }), (parts, pick, other) => {
                const pattern = parts.map(([l, item, r]) => l + item + r).join(",");
                // Mostly one of the pattern's own names (where trimming decides the answer), sometimes another.
                const probe = other ?? parts[pick % parts.length][1];
                let ours: boolean;
                try {
                    ours = matchesPattern(pattern, probe);
                } catch (e) {
                    assert.ok(e instanceof ValidationError, String(e));
                    return; // refused: the service is never given a pattern we read differently
                }
                assert.equal(ours, serviceMatches(pattern, probe), JSON.stringify({ pattern, probe }));
            }),
        );
    });
});
