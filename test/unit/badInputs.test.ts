// A catalogue of inputs the pure core must refuse, each with the message a user would read.
import { strict as assert } from "node:assert";
import {
    UpstreamTemplate,
    ValidationError,
    keyVaultSecretReference,
    matchesPattern,
    parseKeyVaultReferences,
    renderUpstreamUrl,
    selectUpstreamTemplate,
    validateUpstreamTemplate,
} from "../../src";

const F = "upstreamTemplates[1]";
const kv = (uri: string) => `{@Microsoft.KeyVault(SecretUri=${uri})}`;
const GOOD_SECRET = "https://contoso-kv.vault.azure.net/secrets/key";

function template(t: Partial<UpstreamTemplate>): () => void {
    return () => validateUpstreamTemplate({ urlTemplate: "https://fn.example.com/api", ...t } as UpstreamTemplate, { field: F });
}
function url(u: string): () => void {
    return template({ urlTemplate: u });
}

/** [what, call, field named, message fragment]. */
const catalogue: Array<[string, () => unknown, string, RegExp]> = [
    ["empty URL", url(""), `${F}.urlTemplate`, /must be a non-empty absolute http\(s\) URL template, got ``/],
    ["relative URL", url("{hub}/api/{category}/{event}"), `${F}.urlTemplate`, /must be an absolute URL starting with https:\/\//],
    ["no scheme", url("fn.example.com/api"), `${F}.urlTemplate`, /must be an absolute URL/],
    ["ftp scheme", url("ftp://fn.example.com/api"), `${F}.urlTemplate`, /must use the https or http scheme, not `ftp`/],
    ["whitespace", url("https://fn.example.com/my api"), `${F}.urlTemplate`, /must not contain whitespace/],
    ["unclosed brace", url("https://fn.example.com/{hub"), `${F}.urlTemplate`, /`\{` at position 23 is never closed/],
    ["stray closing brace", url("https://fn.example.com/hub}"), `${F}.urlTemplate`, /`\}` at position 26 closes nothing/],
    ["nested braces", url("https://fn.example.com/{h{ub}}"), `${F}.urlTemplate`, /must not nest braces/],
    ["unknown placeholder", url("https://fn.example.com/{method}"), `${F}.urlTemplate`, /`\{method\}` at position \d+ is neither/],
    ["placeholder with wrong case", url("https://fn.example.com/{Hub}"), `${F}.urlTemplate`, /`\{Hub\}` at position \d+ is neither/],
    ["empty braces", url("https://fn.example.com/{}"), `${F}.urlTemplate`, /`\{\}` at position \d+ is neither/],
    ["placeholder in host", url("https://{hub}.example.com/api"), `${F}.urlTemplate`, /scheme or host \(`\{hub\}` at position 8 is\)/],
    ["reference in host", url(`https://${kv(GOOD_SECRET)}/api`), `${F}.urlTemplate`, /scheme or host/],
    ["malformed URL", url("https://exa mple"), `${F}.urlTemplate`, /whitespace/],
    ["bad port", url("https://fn.example.com:99999/api"), `${F}.urlTemplate`, /must be a well-formed absolute URL/],
    [
        "plaintext code",
        url("https://fn.azurewebsites.net/runtime/webhooks/signalr?code=s3cr3t"),
        `${F}.urlTemplate`,
        /plaintext secret in its query parameter `code`.*got `https:\/\/fn\.azurewebsites\.net\/runtime\/webhooks\/signalr\?code=\*\*\*`$/,
    ],
    ["plaintext sig", url("https://st.blob.core.windows.net/c?sv=2020&sig=abc%3D"), `${F}.urlTemplate`, /query parameter `sig`/],
    ["plaintext key, upper case", url("https://fn.example.com/api?KEY=abc"), `${F}.urlTemplate`, /query parameter `KEY`/],
    ["plaintext token mixed with a reference", url(`https://fn.example.com/api?token=abc${kv(GOOD_SECRET)}`), `${F}.urlTemplate`, /query parameter `token`/],
    ["password in user information", url("https://user:pa55@fn.example.com/api"), `${F}.urlTemplate`, /user information.*got `https:\/\/\*\*\*@fn\.example\.com\/api`/],
    [
        "App Service reference form",
        url("https://fn.example.com/api?code={@Microsoft.KeyVault(VaultName=kv;SecretName=key)}"),
        `${F}.urlTemplate`,
        /VaultName=;SecretName= form is App Service syntax/,
    ],
    ["reference without SecretUri", url("https://fn.example.com/api?code={@Microsoft.KeyVault(Secret=x)}"), `${F}.urlTemplate`, /written exactly/],
    ["reference with wrong prefix", url("https://fn.example.com/api?code={@Microsoft.KeyVaults(SecretUri=x)}"), `${F}.urlTemplate`, /written exactly/],
    ["http secret URI", url(`https://fn.example.com/api?code=${kv("http://kv1.vault.azure.net/secrets/key")}`), `${F}.urlTemplate`, /must start with https:\/\//],
    [
        "foreign vault host",
        url(`https://fn.example.com/api?code=${kv("https://kv1.example.com/secrets/key")}`),
        `${F}.urlTemplate`,
        /host must end in vault\.azure\.net, vault\.azure\.cn, vault\.usgovcloudapi\.net/,
    ],
    [
        "vault name too short",
        url(`https://fn.example.com/api?code=${kv("https://kv.vault.azure.net/secrets/key")}`),
        `${F}.urlTemplate`,
        /vault name must be 3-24.*\(`kv` is not\)/,
    ],
    ["vault name with double hyphen", url(`https://fn.example.com/api?code=${kv("https://my--kv.vault.azure.net/secrets/key")}`), `${F}.urlTemplate`, /\(`my--kv` is not\)/],
    ["keys path instead of secrets", url(`https://fn.example.com/api?code=${kv("https://kv1.vault.azure.net/keys/key")}`), `${F}.urlTemplate`, /path must be \/secrets\/<name>/],
    ["missing secret name", url(`https://fn.example.com/api?code=${kv("https://kv1.vault.azure.net/secrets/")}`), `${F}.urlTemplate`, /path must be \/secrets\/<name>/],
    [
        "secret name with underscore",
        url(`https://fn.example.com/api/${kv("https://kv1.vault.azure.net/secrets/my_key")}`),
        `${F}.urlTemplate`,
        /secret name must be 1-127.*\(`my_key` is not\)/,
    ],
    [
        "short version",
        url(`https://fn.example.com/api/${kv("https://kv1.vault.azure.net/secrets/key/abc123")}`),
        `${F}.urlTemplate`,
        /32 hexadecimal characters \(`abc123` is not\)/,
    ],
    [
        "extra path segment",
        url(`https://fn.example.com/api?code=${kv("https://kv1.vault.azure.net/secrets/key/ec96f02080254f109c51a1f14cdb1931/x")}`),
        `${F}.urlTemplate`,
        /path must be/,
    ],
    ["query in secret URI", url(`https://fn.example.com/api?code=${kv("https://kv1.vault.azure.net/secrets/key?api-version=7.4")}`), `${F}.urlTemplate`, /no query or fragment/],
    ["empty hub pattern", template({ hubPattern: "" }), `${F}.hubPattern`, /must be `\*`, a name, or a comma-separated list/],
    ["blank event pattern", template({ eventPattern: "   " }), `${F}.eventPattern`, /must be `\*`, a name/],
    ["empty item", template({ eventPattern: "a,,b" }), `${F}.eventPattern`, /empty items .*\(item 2 is empty\), got `a,,b`/],
    ["trailing comma", template({ hubPattern: "chat," }), `${F}.hubPattern`, /item 2 is empty/],
    ["inner whitespace", template({ eventPattern: "connected, dis connected" }), `${F}.eventPattern`, /whitespace inside a name \(`dis connected`\)/],
    ["unknown category", template({ categoryPattern: "connections, events" }), `${F}.categoryPattern`, /only the categories connections, messages or `\*` \(`events` is not one\)/],
    ["category with wrong case", template({ categoryPattern: "Messages" }), `${F}.categoryPattern`, /`Messages` is not one/],
    ["unknown auth", template({ auth: "Basic" as never }), `${F}.auth`, /must be one of None, ManagedIdentity, got `Basic`/],
    ["resource without ManagedIdentity", template({ managedIdentityResource: "api://x" }), `${F}.managedIdentityResource`, /only be set with auth "ManagedIdentity"/],
    ["blank resource", template({ auth: "ManagedIdentity", managedIdentityResource: " " }), `${F}.managedIdentityResource`, /non-empty audience/],
    ["misspelt field", template({ urlTemplat: "x" } as never), `${F}.urlTemplat`, /is not a known field; the fields are urlTemplate/],
    ["missing urlTemplate", () => validateUpstreamTemplate({} as UpstreamTemplate, { field: F }), `${F}.urlTemplate`, /is required/],
    ["number as URL", url(42 as never), `${F}.urlTemplate`, /must be a string, got `42`/],
    ["not an object", () => validateUpstreamTemplate(null as never, { field: F }), F, /must be an object/],
    ["bad secret URI to keyVaultSecretReference", () => keyVaultSecretReference("https://kv1.vault.azure.net/certificates/c"), "secretUri", /path must be/],
    [
        "bad reference in parseKeyVaultReferences",
        () => parseKeyVaultReferences("https://h/?a={@Microsoft.KeyVault(VaultName=a;SecretName=b)}"),
        "urlTemplate",
        /App Service syntax/,
    ],
    ["bad pattern in matchesPattern", () => matchesPattern("a,,b", "a"), "pattern", /empty items/],
    [
        "unknown category in an event",
        () => renderUpstreamUrl("https://h/{category}", { hub: "chat", category: "message", event: "e" }),
        "event.category",
        /must be one of connections, messages, got `message`/,
    ],
    ["a lone surrogate in an event", () => renderUpstreamUrl("https://h/{event}", { hub: "chat", category: "messages", event: "a\uD800" }), "event.event", /well-formed Unicode/],
    ["empty hub in an event", () => renderUpstreamUrl("https://h/{hub}", { hub: "", category: "messages", event: "e" }), "event.hub", /non-empty hub name/],
    [
        "bad pattern in the list",
        () => selectUpstreamTemplate([{ urlTemplate: "https://a" }, { urlTemplate: "https://b", eventPattern: "x, ,y" }], { hub: "h", category: "messages", event: "z" }),
        "upstreamTemplates[1].eventPattern",
        /empty items/,
    ],
];

describe("bad input catalogue", () => {
    it("has at least 30 entries", () => assert.ok(catalogue.length >= 30, `${catalogue.length}`));
    for (const [what, call, field, message] of catalogue) {
        it(`refuses ${what}`, () => {
            assert.throws(call, (e: unknown) => {
                assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${String(e)}`);
                assert.equal(e.field, field);
                assert.ok(e.message.startsWith(`\`${field}\` `), e.message);
                assert.match(e.message, message);
                return true;
            });
        });
    }
});

describe("plaintext secrets opt-out", () => {
    it("accepts a literal code with allowPlaintextUpstreamSecrets", () => {
        validateUpstreamTemplate({ urlTemplate: "https://fn.example.com/api?code=s3cr3t" }, { allowPlaintextUpstreamSecrets: true });
    });
    it("accepts secret-named parameters that hold only references or placeholders", () => {
        validateUpstreamTemplate({ urlTemplate: `https://fn.example.com/api?code=${kv(GOOD_SECRET)}&token={hub}&code=` });
    });
    it("never prints the secret it refuses", () => {
        assert.throws(url("https://fn.example.com/api?x=1&code=TopSecretValue#frag"), (e: Error) => !e.message.includes("TopSecretValue"));
    });
});
