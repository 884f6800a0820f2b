// No message quotes a secret of a URL: query values, user information, fragments, whatever check
// refuses the template (issue #27 items 2 and 3), and plaintext credentials are found by name.
import { strict as assert } from "node:assert";
import { evaluatePolicies } from "../../src/policy/evaluate";
import {
    ValidationError,
    analyzeUrlTemplate,
    isCredentialParameterName,
    keyVaultSecretReference,
    parseKeyVaultReferences,
    redactUrl,
    redactUrlsInText,
    toggleKeyVaultReferenceSlashes,
    validateUpstreamTemplate,
} from "../../src/upstream";

const REF = "{@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/func-key)}";

/** The message of the ValidationError `call` throws. */
const messageOf = (call: () => unknown): string => {
    try {
        call();
    } catch (e) {
        assert.ok(e instanceof ValidationError, String(e));
        return e.message;
    }
    assert.fail("expected a ValidationError");
};

describe("redactUrl", () => {
    const cases: [string, string][] = [
        ["https://fn.example.com/api?code=FIRST&key=SECOND", "https://fn.example.com/api?code=***&key=***"],
        ["http://admin:PASSW0RD@fn.example.com/api", "http://***@fn.example.com/api"],
        ["https://ghp_abcdefghijklmnop@github.example.com/", "https://***@github.example.com/"],
        ["https:admin:PASSW0RD@fn.example.com/", "***@fn.example.com/"],
        ["https://fn.example.com/api#access_token=SECRET", "https://fn.example.com/api#***"],
        ["https://fn.example.com/{hub}?event={event}&flag", "https://fn.example.com/{hub}?event={event}&***"],
        [`https://fn.example.com/api?code=${REF}`, `https://fn.example.com/api?code=${REF}`],
        [REF, REF],
        [
            "{@Microsoft.KeyVault(SecretUri=https://u:SECRET@kv.vault.azure.net/secrets/s?sig=SECRET2)}",
            "{@Microsoft.KeyVault(SecretUri=https://***@kv.vault.azure.net/secrets/s?sig=***",
        ],
        ["https://fn.example.com/api?code={SECRET}", "https://fn.example.com/api?code=***"],
        ["no url at all", "no url at all"],
        // The README's example.
        ["https://admin:pw@f.example.com/api?code=a&key=b", "https://***@f.example.com/api?code=***&key=***"],
    ];
    for (const [input, expected] of cases) {
        it(`${input} → ${expected}`, () => {
            assert.equal(redactUrl(input), expected);
            assert.equal(redactUrl(expected), expected, "redacting twice changes nothing");
        });
    }
});

describe("redactUrlsInText", () => {
    it("redacts each URL and Key Vault reference in free text and leaves the words around them", () => {
        assert.equal(
            redactUrlsInText("calling https://a:pw@f.example.com/api?code=X now; then 'https://g.example.com/?key=Y'. Why? Because."),
            "calling https://***@f.example.com/api?code=*** now; then 'https://g.example.com/?key=***'. Why? Because.",
        );
        assert.equal(
            redactUrlsInText("ref {@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/s?sig=Z)} used"),
            "ref {@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/s?sig=*** used",
        );
    });
});

describe("validation messages never quote a secret of the URL", () => {
    const refused: [string, string, RegExp][] = [
        ["the finding's own secret and the others", "https://fn.example.com/api?code=FIRST&key=SECOND", /plaintext secret in its query parameter `code`/],
        ["whitespace", "https://fn.example.com/api?code=SECRET &x=1", /must not contain whitespace/],
        ["an unclosed brace", "https://fn.example.com/api?code=SECRET{", /balanced braces/],
        ["a stray closing brace", "https://fn.example.com/api?code=SECRET}", /balanced braces/],
        ["an unknown placeholder in a query value", "https://fn.example.com/api?code={SECRET}", /the `\{…\}` at position 32 is neither/],
        ["a malformed reference in a query value", "https://fn.example.com/api?code={@Microsoft.KeyVault(SECRET)}", /written exactly .*at position 32/],
        [
            "a reference whose URI has a query",
            "https://fn.example.com/api?code={@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/s?sig=SECRET)}",
            /no query or fragment/,
        ],
        [
            "a reference whose URI has user information",
            "https://fn.example.com/api?x={@Microsoft.KeyVault(SecretUri=https://u:SECRET@kv1.vault.azure.net/secrets/s)}",
            /user information/,
        ],
        ["the scheme", "ftp://admin:SECRET@fn.example.com/api", /https or http scheme/],
        ["no scheme", "fn.example.com/api?code=SECRET", /absolute URL/],
        ["a malformed scheme separator", "https:admin:SECRET@fn.example.com/", /absolute URL/],
        ["a placeholder in the host", "https://{hub}.example.com/api?code=SECRET", /scheme or host \(`\{hub\}` at position 8 is\)/],
        ["a bad port", "https://admin:SECRET@fn.example.com:99999/api", /well-formed/],
        ["a token alone as user information", "https://ghp_SECRET@github.example.com/", /plaintext secret in its user information/],
        ["a password in the user information", "http://admin:SECRET@fn.example.com/api", /plaintext secret in its user information/],
        ["x-api-key", "https://fn.example.com/api?x-api-key=SECRET", /query parameter `x-api-key`/],
        ["access-token", "https://fn.example.com/api?access-token=SECRET", /query parameter `access-token`/],
        ["client_secret", "https://fn.example.com/api?client_secret=SECRET", /query parameter `client_secret`/],
    ];
    for (const [what, urlTemplate, expected] of refused) {
        it(what, () => {
            const message = messageOf(() => validateUpstreamTemplate({ urlTemplate }));
            assert.match(message, expected);
            assert.ok(!message.includes("SECRET") && !message.includes("FIRST") && !message.includes("SECOND"), message);
        });
    }

    it("in an unknown field holding a URL, in the standalone Key Vault functions and in toggling", () => {
        for (const call of [
            () => validateUpstreamTemplate({ urlTemplate: "https://fn.example.com/", url: "https://fn.example.com/?code=SECRET" } as never),
            () => keyVaultSecretReference("https://u:SECRET@kv1.vault.azure.net/secrets/s"),
            () => keyVaultSecretReference("https://kv1.vault.azure.net/secrets/s?sig=SECRET"),
            () => parseKeyVaultReferences("https://fn.example.com/api?code={@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/SECRET$)}"),
            () => toggleKeyVaultReferenceSlashes("https://fn.example.com/api?code={@Bad(SECRET)}"),
        ]) {
            const message = messageOf(call);
            assert.ok(!message.includes("SECRET"), message);
        }
    });

    it("accepted with allowPlaintextUpstreamSecrets, and then no check quotes it either", () => {
        analyzeUrlTemplate("u", "https://admin:SECRET@fn.example.com/api?code=SECRET", { allowPlaintextUpstreamSecrets: true });
    });
});

describe("credential parameter names (gitleaks generic-api-key keywords, signed-URL parameters)", () => {
    const credentials = ["code", "CODE", "key", "x-api-key", "api_key", "apikey", "access-token", "access_token", "token", "sig", "Signature", "X-Goog-Signature"];
    const others = ["api-version", "category", "event", "hub", "author", "key_name", "secret_name", "token_url", "public_key", "access_id", "keyword"];
    for (const name of [
        ...credentials,
        "client_secret",
        "password",
        "passwd",
        "pwd",
        "auth",
        "credentials",
        "creds",
        "x-functions-key",
        "subscription-key",
        "AWSAccessKeyId",
        "refresh%5Ftoken",
    ]) {
        it(`${name} is a credential`, () => assert.ok(isCredentialParameterName(name)));
    }
    for (const name of others) {
        it(`${name} is not`, () => assert.ok(!isCredentialParameterName(name)));
    }
    it("a template with only non-credential parameters is accepted", () => {
        validateUpstreamTemplate({ urlTemplate: "https://fn.example.com/api/{hub}?api-version=2024-03-01&category={category}&author=me" });
    });
});

describe("policy results never quote a secret of the URL", () => {
    it("signalr-upstream-https, -no-plaintext-secrets and -templates-well-formed", () => {
        const urls = ["http://admin:SECRET@fn.example.com/api", "https://fn.example.com/api?code=SECRET&key=SECRET", "https://fn.example.com/api?code={SECRET}"];
        const report = evaluatePolicies([
            {
                type: "azure-native:signalrservice:SignalR",
                name: "svc",
                inputs: {
                    sku: { name: "Standard_S1" },
                    features: [{ flag: "ServiceMode", value: "Serverless" }],
                    upstream: { templates: urls.map((urlTemplate) => ({ urlTemplate })) },
                },
            },
        ]);
        const messages = report.violations.map((v) => v.message);
        for (const policy of ["signalr-upstream-https", "signalr-upstream-no-plaintext-secrets", "signalr-upstream-templates-well-formed"]) {
            assert.ok(
                report.violations.some((v) => v.policy === policy),
                `${policy} reports: ${JSON.stringify(messages)}`,
            );
        }
        assert.ok(!messages.some((m) => m.includes("SECRET")), JSON.stringify(messages));
    });
});
