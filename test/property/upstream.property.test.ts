import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
    ValidationError,
    keyVaultSecretReference,
    matchesPattern,
    parseKeyVaultReferences,
    renderUpstreamUrl,
    selectUpstreamTemplate,
    toggleKeyVaultReferenceSlashes,
    validateUpstreamTemplate,
} from "../../src";
import { padding, ruleItem, secretUri } from "./arbitraries";

const category = fc.constantFrom("connections", "messages");
const nonEmpty = fc.string({ minLength: 1, maxLength: 30, unit: "grapheme" });
const UNRESERVED_OR_ESCAPE = /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/;

describe("property: rendering", () => {
    it("never leaves a placeholder, encodes every reserved character, and round-trips values", () => {
        fc.assert(
            fc.property(nonEmpty, category, nonEmpty, (hub, cat, event) => {
                const rendered = renderUpstreamUrl("https://h.example/{hub}/x/{category}/{event}?e={event}", { hub, category: cat, event });
                const path = rendered.slice("https://h.example/".length);
                const [h, , c, rest] = path.split("/");
                const [e, query] = rest.split("?e=");
                for (const part of [h, c, e, query]) {
                    assert.match(part, UNRESERVED_OR_ESCAPE);
                }
                assert.deepEqual([decodeURIComponent(h), decodeURIComponent(c), decodeURIComponent(e), decodeURIComponent(query)], [hub, cat, event, event]);
                assert.ok(!/\{(hub|category|event)\}/.test(rendered));
            }),
        );
    });

    it("leaves Key Vault references for the service to resolve", () => {
        fc.assert(
            fc.property(secretUri, nonEmpty, ({ uri }, hub) => {
                const ref = keyVaultSecretReference(uri);
                const rendered = renderUpstreamUrl(`https://h.example/{hub}?code=${ref}`, { hub, category: "messages", event: "e" });
                assert.ok(rendered.endsWith(`?code=${ref}`));
            }),
        );
    });
});

describe("property: rule patterns", () => {
    it("`*` anywhere in a list matches everything", () => {
        fc.assert(
            fc.property(fc.array(ruleItem, { maxLength: 5 }), fc.nat(), padding, fc.string(), (items, at, pad, value) => {
                const list = [...items];
                list.splice(at % (items.length + 1), 0, "*");
                assert.ok(matchesPattern(list.map((i) => pad + i + pad).join(","), value));
            }),
        );
    });

    it("a list matches exactly its trimmed items", () => {
        fc.assert(
            fc.property(fc.array(fc.tuple(padding, ruleItem, padding), { minLength: 1, maxLength: 6 }), fc.oneof(ruleItem, fc.string()), (parts, probe) => {
                const pattern = parts.map(([l, item, r]) => l + item + r).join(",");
                const items = parts.map(([, item]) => item);
                assert.equal(matchesPattern(pattern, probe), items.includes(probe));
                for (const item of items) assert.ok(matchesPattern(pattern, item));
            }),
        );
    });

    it("the first matching template wins", () => {
        fc.assert(
            fc.property(fc.array(fc.option(ruleItem, { nil: undefined }), { minLength: 1, maxLength: 6 }), ruleItem, (hubs, probe) => {
                const templates = hubs.map((hub) => ({ urlTemplate: "https://h.example/", hubPattern: hub }));
                const expected = hubs.findIndex((hub) => hub === undefined || hub === probe);
                assert.equal(selectUpstreamTemplate(templates, { hub: probe, category: "messages", event: "e" }), expected);
            }),
        );
    });
});

describe("property: Key Vault references", () => {
    it("parseKeyVaultReferences(keyVaultSecretReference(u)) round-trips every valid secret URI", () => {
        fc.assert(
            fc.property(secretUri, fc.boolean(), ({ uri, vault, suffix, name, version }, wholeUrl) => {
                const ref = keyVaultSecretReference(uri);
                const template = wholeUrl ? ref : `https://fn.example.com/runtime/webhooks/signalr?code=${ref}`;
                validateUpstreamTemplate({ urlTemplate: template });
                assert.deepEqual(parseKeyVaultReferences(template), [{ secretUri: uri, vaultName: vault, secretName: name, dnsSuffix: suffix, ...(version ? { version } : {}) }]);
            }),
        );
    });
});

describe("property: toggling Key Vault reference slashes", () => {
    it("changes the template, keeps every secret, and toggling twice restores it", () => {
        fc.assert(
            fc.property(fc.array(secretUri, { minLength: 1, maxLength: 3 }), (uris) => {
                const template = `https://f.example/api?${uris.map(({ uri }, i) => `k${i}=${keyVaultSecretReference(uri)}`).join("&")}`;
                const toggled = toggleKeyVaultReferenceSlashes(template);
                assert.notEqual(toggled, template);
                const strip = (r: { secretUri: string }) => ({ ...r, secretUri: r.secretUri.replace(/\/$/, "") });
                assert.deepEqual(parseKeyVaultReferences(toggled).map(strip), parseKeyVaultReferences(template).map(strip));
                assert.equal(toggleKeyVaultReferenceSlashes(toggled), template);
                validateUpstreamTemplate({ urlTemplate: toggled });
            }),
        );
    });
});

describe("property: validators fail only with ValidationError naming the field", () => {
    const expectValidationOrSuccess = (field: string | RegExp, call: () => unknown) => {
        try {
            call();
        } catch (e) {
            assert.ok(e instanceof ValidationError, `not a ValidationError: ${String(e)}`);
            if (typeof field === "string") {
                assert.ok(e.message.startsWith(`\`${field}`), e.message);
            } else {
                assert.match(e.field, field);
            }
        }
    };
    const text = fc.oneof(
        fc.string(),
        fc.string({ unit: "grapheme-composite" }),
        fc.string({ unit: "binary" }),
        fc.constantFrom("{", "}", "{hub}", "{@Microsoft.KeyVault(", "https://", "?code="),
    );
    const urlish = fc.array(text, { maxLength: 8 }).map((parts) => parts.join(""));

    it("validateUpstreamTemplate", () => {
        fc.assert(
            fc.property(
                fc.record(
                    {
                        urlTemplate: fc.oneof(urlish, fc.anything()),
                        hubPattern: fc.oneof(text, fc.anything()),
                        categoryPattern: text,
                        eventPattern: text,
                        auth: fc.oneof(text, fc.anything()),
                        managedIdentityResource: fc.anything(),
                    },
                    { requiredKeys: [] },
                ),
                (t) => expectValidationOrSuccess(/^upstreamTemplates\[3\]/, () => validateUpstreamTemplate(t as never, { field: "upstreamTemplates[3]" })),
            ),
        );
    });
    it("parseKeyVaultReferences, keyVaultSecretReference, matchesPattern, renderUpstreamUrl", () => {
        fc.assert(
            fc.property(urlish, fc.anything(), text, (s, anything, value) => {
                expectValidationOrSuccess("urlTemplate", () => parseKeyVaultReferences(s));
                expectValidationOrSuccess("urlTemplate", () => parseKeyVaultReferences(anything as never));
                expectValidationOrSuccess("secretUri", () => keyVaultSecretReference(s));
                expectValidationOrSuccess(/^(pattern|value)$/, () => matchesPattern(s, value));
                expectValidationOrSuccess(/^(pattern|value)$/, () => matchesPattern(anything as never, value));
                expectValidationOrSuccess(/^(urlTemplate|event)/, () => renderUpstreamUrl(s, { hub: value, category: "messages", event: value }));
                expectValidationOrSuccess(/^(urlTemplate|event)/, () => renderUpstreamUrl(s, anything as never));
            }),
        );
    });
});
