// Property (issue #27, "Also"): whatever URL template comes in, with secrets in query values, in the
// user information and inside Key Vault references, and however it is broken, no thrown message,
// log line or policy result contains any of those secrets.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { evaluatePolicies } from "../../src/policy/evaluate";
import { upstreamRefreshLifecycle } from "../../src/resources/upstreamRefresh";
import { analyzeUrlTemplate, parseKeyVaultReferences, redactUrl, toggleKeyVaultReferenceSlashes, uncoveredKeyVaultReferences, validateUpstreamTemplate } from "../../src/upstream";
import { secretUri, vaultName } from "./arbitraries";

/** A secret: a marker no other part of a generated template contains, then URL-safe characters. */
const secret = fc.stringMatching(/^[A-Za-z0-9._~%!$'()*+,;=-]{4,16}$/).map((s) => `SeCrEt${s}`);

/** Where a secret can sit inside a Key Vault reference: its URI's query, or its user information. */
const referenceHolding = (s: string) =>
    fc.tuple(secretUri, fc.constantFrom("query", "userinfo", "fragment")).map(([{ uri }, where]) => {
        const inner = where === "query" ? `${uri}?sig=${s}` : where === "fragment" ? `${uri}#${s}` : uri.replace("https://", `https://user:${s}@`);
        return `{@Microsoft.KeyVault(SecretUri=${inner})}`;
    });

const parameterName = fc.constantFrom("code", "key", "x-api-key", "access-token", "sig", "token", "api-version", "category", "q", "a%20b");

/** A query value, holding a secret or not. */
const queryValue = (s: string) =>
    fc.oneof(
        fc.constant(s),
        fc.constant(`${s}{event}`),
        referenceHolding(s),
        secretUri.map(({ uri }) => `{@Microsoft.KeyVault(SecretUri=${uri})}${s}`),
        fc.constantFrom("{hub}", "{category}", "plain"),
        secretUri.map(({ uri }) => `{@Microsoft.KeyVault(SecretUri=${uri})}`),
    );

/** Breaks a template the ways users do, so that every check's message is reached. */
const mutation = fc.constantFrom<(t: string, s: string) => string>(
    (t) => t,
    (t) => t.replace("?", " ?"),
    (t) => `${t} `,
    (t) => `${t}{`,
    (t) => `${t}}`,
    (t, s) => `${t}${t.includes("?") ? "&" : "?"}x={${s}}`,
    (t, s) => `${t}${t.includes("?") ? "&" : "?"}x={@Bad(${s})}`,
    (t) => t.replace(/^https?/, "ftp"),
    (t) => t.replace("://", ":"),
    (t) => t.replace("://", ":\\\\"),
    (t) => t.replace(/^https?:\/\//, ""),
    (t) => t.replace(/\.example\.com/, "{hub}.example.com"),
    (t) => t.replace(/\.example\.com/, ".example.com:99999"),
    (t) => t.replace("/secrets/", "/secret/"),
    (t) => t.replace(/\{hub\}/, "{Hub}"),
);

const template = fc
    .record({
        secrets: fc.array(secret, { minLength: 1, maxLength: 4 }),
        scheme: fc.constantFrom("https", "http"),
        userinfo: fc.constantFrom("none", "token", "password"),
        host: vaultName.map((v) => `${v}.example.com`),
        path: fc.constantFrom("/api", "/api/{hub}/{event}", "/runtime/webhooks/signalr", ""),
        pairs: fc.array(fc.tuple(parameterName, fc.nat(3)), { maxLength: 4 }),
        fragment: fc.boolean(),
        wholeUrlReference: fc.boolean(),
        mutate: mutation,
    })
    .chain((t) => {
        const s = (i: number) => t.secrets[i % t.secrets.length];
        const userinfo = t.userinfo === "token" ? `${s(0)}@` : t.userinfo === "password" ? `admin:${s(0)}@` : "";
        const values = fc.tuple(...t.pairs.map(([, i]) => queryValue(s(i))));
        return fc.tuple(values, referenceHolding(s(1))).map(([vals, whole]) => {
            const query = t.pairs.map(([name], i) => `${name}=${vals[i]}`).join("&");
            const base = t.wholeUrlReference ? whole : `${t.scheme}://${userinfo}${t.host}${t.path}${query ? `?${query}` : ""}${t.fragment ? `#${s(2)}` : ""}`;
            return { urlTemplate: t.mutate(base, s(3)), secrets: t.secrets };
        });
    });

/** Every message the pure core, the policies and the refresh resource produce for a template. */
async function messagesFor(urlTemplate: string): Promise<string[]> {
    const messages: string[] = [];
    const collect = (call: () => unknown) => {
        try {
            call();
        } catch (e) {
            messages.push(e instanceof Error ? e.message : String(e));
        }
    };
    collect(() => validateUpstreamTemplate({ urlTemplate }));
    collect(() => validateUpstreamTemplate({ urlTemplate }, { allowPlaintextUpstreamSecrets: true }));
    collect(() => analyzeUrlTemplate("upstreamTemplates[0].urlTemplate", urlTemplate));
    collect(() => parseKeyVaultReferences(urlTemplate));
    collect(() => toggleKeyVaultReferenceSlashes(urlTemplate));
    collect(() => messages.push(...uncoveredKeyVaultReferences([{ field: "upstreamTemplates[0].urlTemplate", urlTemplate }], [])));
    const report = evaluatePolicies([
        {
            type: "azure-native:signalrservice:SignalR",
            name: "svc",
            inputs: { sku: { name: "Standard_S1" }, features: [{ flag: "ServiceMode", value: "Serverless" }], upstream: { templates: [{ urlTemplate }] } },
        },
    ]);
    messages.push(...report.violations.map((v) => v.message));
    const logs: string[] = [];
    const checked = await upstreamRefreshLifecycle({ log: (m) => logs.push(m) }).check({} as never, {
        serviceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.SignalRService/signalR/chat",
        templates: [{ urlTemplate }],
        triggers: [],
    });
    messages.push(...checked.failures.map((f) => f.reason), ...logs);
    return messages;
}

describe("property: no message, log line or policy result contains a secret of the URL", () => {
    it("over generated templates with secrets in query values, user information and Key Vault references", async () => {
        await fc.assert(
            fc.asyncProperty(template, async ({ urlTemplate, secrets }) => {
                for (const message of await messagesFor(urlTemplate)) {
                    for (const s of secrets) assert.ok(!message.includes(s), `${JSON.stringify(s)} in: ${message}`);
                }
            }),
            { numRuns: 400 },
        );
    });

    it("redactUrl itself: no secret survives, and redacting twice changes nothing", () => {
        fc.assert(
            fc.property(template, ({ urlTemplate, secrets }) => {
                const shown = redactUrl(urlTemplate);
                for (const s of secrets) assert.ok(!shown.includes(s), `${JSON.stringify(s)} in: ${shown}`);
                assert.equal(redactUrl(shown), shown);
            }),
            { numRuns: 400 },
        );
    });
});
