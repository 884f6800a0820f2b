// A STAND-IN for the `random` provider (pulumi-random is not buildable here: its module replaces a
// nested shim module), served to the real Pulumi engine over the provider protocol with
// @pulumi/pulumi/provider. It implements what this library and its examples use:
// `random:index/randomString:RandomString` (the nonce of SharedPrivateEndpoint's request message)
// and `random:index/randomPassword:RandomPassword` (the reference deployment's upstream key).
// Modelled on hashicorp/terraform-provider-random internal/provider/resource_string.go and
// resource_password.go (the schemas pulumi-random bridges; a password is a string whose id is
// "none", with a bcrypt hash beside, both secret in the SDK's additionalSecretOutputs): every input RequiresReplace (keepers included: "Arbitrary map of values that, when
// changed, will trigger recreation of resource"), special/upper/lower/numeric default true,
// min_* default 0, the special set `!@#$%&*()-_=+[]{}<>:?`, a cryptographic generator, id = result.
//   node random.js  (started by the engine through the plugin's launcher)
import { createHash, randomBytes, randomInt } from "node:crypto";
import * as provider from "@pulumi/pulumi/provider";

const VERSION = process.env.STANDIN_VERSION ?? "0.0.0";
const RANDOM_STRING = "random:index/randomString:RandomString";
const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
const STAND_IN = "stand-in for pulumi-random (signalr-serverless test/engine/standins/random.ts)";

type Props = Record<string, unknown>;

const DEFAULTS: Props = { special: true, upper: true, lower: true, numeric: true, minNumeric: 0, minUpper: 0, minLower: 0, minSpecial: 0 };
const SETS = { upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", lower: "abcdefghijklmnopqrstuvwxyz", numeric: "0123456789", special: "!@#$%&*()-_=+[]{}<>:?" };

function typeOf(urn: string): string {
    // The URN's type part is `<parent type>$<type>` for a child resource.
    return urn.split("::")[2].split("$").pop()!;
}

function refuseOtherTypes(urn: string): void {
    if (![RANDOM_STRING, RANDOM_PASSWORD].includes(typeOf(urn))) throw new Error(`the ${STAND_IN} implements only ${RANDOM_STRING} and ${RANDOM_PASSWORD}, got ${typeOf(urn)}`);
}

/** The inputs with the schema's defaults; `number` (deprecated) and `numeric` follow each other. */
function withDefaults(news: Props): Props {
    const numeric = news.numeric ?? news.number ?? true;
    return { ...DEFAULTS, ...news, numeric, number: numeric };
}

const pick = (set: string) => set[randomInt(set.length)];

/** Stands in for the password's bcrypt hash (no bcrypt library here): a salted SHA-256, never the value. */
const bcryptLike = (value: string) => {
    const salt = randomBytes(16).toString("base64");
    return `$stand-in-sha256$${salt}$${createHash("sha256")
        .update(salt + value)
        .digest("base64")}`;
};

/** A string of `length` characters from the enabled sets, with at least min_* of each. */
export function generate(p: Props): string {
    const sets = {
        upper: p.upper ? SETS.upper : "",
        lower: p.lower ? SETS.lower : "",
        numeric: p.numeric ? SETS.numeric : "",
        special: p.special ? String(p.overrideSpecial ?? SETS.special) : "",
    };
    const chars: string[] = [];
    for (const [k, set] of Object.entries(sets)) {
        const min = Number(p[`min${k[0].toUpperCase()}${k.slice(1)}`] ?? 0);
        for (let i = 0; i < min && set; i++) chars.push(pick(set));
    }
    const all = Object.values(sets).join("");
    while (chars.length < Number(p.length)) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    return chars.join("");
}

const INPUT_KEYS = ["keepers", "length", "special", "upper", "lower", "number", "numeric", "minNumeric", "minUpper", "minLower", "minSpecial", "overrideSpecial"];
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const randomStandIn: provider.Provider = {
    version: VERSION,
    schema: JSON.stringify({
        name: "random",
        version: VERSION,
        description: `A ${STAND_IN}: RandomString and RandomPassword only.`,
        resources: Object.fromEntries(
            [RANDOM_STRING, RANDOM_PASSWORD].map((token) => [
                token,
                {
                    description: `${token.split(":").pop()} (${STAND_IN}).`,
                    inputProperties: Object.fromEntries(
                        INPUT_KEYS.map((k) => [k, { type: k === "keepers" ? "object" : k === "overrideSpecial" ? "string" : /^(min|length)/.test(k) ? "integer" : "boolean" }]),
                    ),
                    requiredInputs: ["length"],
                    properties: { result: { type: "string", ...(token === RANDOM_PASSWORD ? { secret: true } : {}) }, length: { type: "integer" } },
                    required: ["result", "length"],
                },
            ]),
        ),
    }),
    async check(urn, _olds, news) {
        refuseOtherTypes(urn);
        const length = Number(news.length);
        const mins = ["minNumeric", "minUpper", "minLower", "minSpecial"].reduce((s, k) => s + Number(news[k] ?? 0), 0);
        if (!Number.isInteger(length) || length < 1)
            return { inputs: news, failures: [{ property: "length", reason: `length must be an integer of at least 1, got ${news.length}` }] };
        if (length < mins) return { inputs: news, failures: [{ property: "length", reason: `length must be at least the sum of the min_* values (${mins}), got ${length}` }] };
        return { inputs: withDefaults(news) };
    },
    async diff(_id, urn, olds, news) {
        refuseOtherTypes(urn);
        // Every attribute RequiresReplace (resource_string.go): any changed input replaces.
        const replaces = INPUT_KEYS.filter((k) => !same(olds[k], news[k]));
        return { changes: replaces.length > 0, replaces };
    },
    async create(urn, inputs) {
        refuseOtherTypes(urn);
        const result = generate(inputs);
        // A password's id is "none" (resource_password.go), never the value; a string's id is its result.
        return typeOf(urn) === RANDOM_PASSWORD ? { id: "none", outs: { ...inputs, result, bcryptHash: bcryptLike(result) } } : { id: result, outs: { ...inputs, result } };
    },
    // Read keeps the state (resource_string.go: "Read does not need to perform any operations").
    async read(id, urn, props) {
        refuseOtherTypes(urn);
        return { id, props };
    },
    async delete() {
        // Nothing to delete anywhere: the value lives in state only.
    },
};

if (require.main === module) {
    console.error(`random ${VERSION}: ${STAND_IN}`);
    void provider.main(randomStandIn, process.argv.slice(2));
}
