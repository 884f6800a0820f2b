// A STAND-IN for the `azure-native` provider (its binary embeds generated metadata that is in no Go
// module, so it cannot be built here), served to the real Pulumi engine with
// @pulumi/pulumi/provider and talking to Resource Manager over https (the tests' fake Resource
// Manager). It serves the azure-native resource types the engine programs use, with azure-native's
// own lifecycle, read in pulumi/pulumi-azure-native provider/pkg/provider/provider.go:
// - Check (applyDefaults/getDefaultName): a name parameter the program left out is the resource's
//   URN name plus a random 8-character suffix, and the inputs then carry `__createBeforeDelete: true`;
//   `azureApiVersion` is set to the resource's api-version when absent.
// - Diff: the old inputs (`__inputs` of the state, a secret, as checkpointObject stores them) against the new
//   inputs, never against Azure; a changed path parameter replaces; deleteBeforeReplace whenever
//   something replaces, unless the old inputs carry `__createBeforeDelete: true` (a random name).
// - Create (defaultCreate): a GET that must answer 404 (CanCreate: "cannot create already existing
//   resource"), a PUT of the body built from the inputs, its long-running operation followed
//   (Azure-AsyncOperation, else Location), then a GET (readAfterWrite) whose answer is the outputs.
//   Update (defaultUpdate) is the same PUT and GET without the existence check.
// - Read: a GET (404 = gone); the old outputs and the new outputs are each projected to the input
//   shape (read-only properties left out) and their difference is applied to the old inputs.
// - Delete: a DELETE of the id, its long-running operation followed.
// Sign-in as azure-native's last method: the Azure CLI (`az account get-access-token`); the
// Resource Manager endpoint from ARM_RESOURCE_MANAGER_ENDPOINT, the subscription from
// ARM_SUBSCRIPTION_ID or the CLI's account.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as https from "node:https";
import * as provider from "@pulumi/pulumi/provider";

const VERSION = process.env.STANDIN_VERSION ?? "0.0.0";
const STAND_IN = "stand-in for pulumi-azure-native (signalr-serverless test/engine/standins/azureNative.ts)";
const CREATE_BEFORE_DELETE = "__createBeforeDelete";

type Props = Record<string, unknown>;

/**
 * One resource type: its path (the path parameters in order), api-version (the locked SDK's "Uses
 * Azure REST API version"), writable body properties under `properties` and beside it (REST spec,
 * without readOnly), and the schema types of inputs that are not strings.
 */
interface ServedType {
    apiVersion: string;
    /** `{name}` segments are path parameters (inputs); the last one is the auto-named one. */
    path: string;
    writable: string[];
    /** Writable properties at the body's top level (location, tags, sku, kind, identity). */
    topLevel?: string[];
    /** Path parameters sent as they are (x-ms-skip-url-encoding: a `scope` is itself a resource id). */
    unencoded?: string[];
    /** Schema types of the inputs that are not strings. */
    shapes?: Record<string, object>;
}

const OBJECT = { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };
const ARRAY = { type: "array", items: { $ref: "pulumi.json#/Any" } };
const STRINGS = { type: "array", items: { type: "string" } };
const TAGS = { type: "object", additionalProperties: { type: "string" } };

const TYPES: Record<string, ServedType> = {
    // Microsoft.SignalRService 2024-03-01, SharedPrivateLinkResourceProperties (groupId, privateLinkResourceId, requestMessage, fqdns).
    "azure-native:signalrservice:SignalRSharedPrivateLinkResource": {
        apiVersion: "2024-03-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.SignalRService/signalR/{resourceName}/sharedPrivateLinkResources/{sharedPrivateLinkResourceName}",
        writable: ["groupId", "privateLinkResourceId", "requestMessage", "fqdns"],
        shapes: { fqdns: STRINGS },
    },
    // Microsoft.SignalRService 2024-03-01, SignalRResource (SignalRProperties without its readOnly ones).
    "azure-native:signalrservice:SignalR": {
        apiVersion: "2024-03-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.SignalRService/signalR/{resourceName}",
        topLevel: ["location", "tags", "sku", "kind", "identity"],
        writable: [
            "features",
            "publicNetworkAccess",
            "networkACLs",
            "cors",
            "disableLocalAuth",
            "disableAadAuth",
            "tls",
            "serverless",
            "upstream",
            "liveTraceConfiguration",
            "resourceLogConfiguration",
            "regionEndpointEnabled",
            "resourceStopped",
        ],
        shapes: {
            tags: TAGS,
            sku: OBJECT,
            identity: OBJECT,
            features: ARRAY,
            networkACLs: OBJECT,
            cors: OBJECT,
            disableLocalAuth: { type: "boolean" },
            disableAadAuth: { type: "boolean" },
            tls: OBJECT,
            serverless: OBJECT,
            upstream: OBJECT,
            liveTraceConfiguration: OBJECT,
            resourceLogConfiguration: OBJECT,
        },
    },
    // Microsoft.ManagedIdentity 2023-01-31, Identity (its properties are all readOnly but isolationScope).
    "azure-native:managedidentity:UserAssignedIdentity": {
        apiVersion: "2023-01-31",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}",
        topLevel: ["location", "tags"],
        writable: [],
        shapes: { tags: TAGS },
    },
    // Microsoft.Authorization 2022-04-01, RoleAssignmentProperties; `scope` is an unencoded resource id.
    "azure-native:authorization:RoleAssignment": {
        apiVersion: "2022-04-01",
        path: "/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
        unencoded: ["scope"],
        writable: ["principalId", "principalType", "roleDefinitionId", "condition", "conditionVersion", "description", "delegatedManagedIdentityResourceId"],
    },
};

/** The type token from a URN (its type part is `<parent type>$<type>` for a child resource). */
const typeOf = (urn: string) => urn.split("::")[2].split("$").pop()!;
const nameOf = (urn: string) => urn.split("::").pop()!;

function served(urn: string): ServedType {
    const t = TYPES[typeOf(urn)];
    if (!t) throw new Error(`the ${STAND_IN} does not serve ${typeOf(urn)} (it serves ${Object.keys(TYPES).join(", ")})`);
    return t;
}

const pathParams = (t: ServedType) => [...t.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== "subscriptionId");
/** A value as JSON with object keys sorted: the engine keeps state's keys sorted, Azure answers in its own order. */
const canonical = (v: unknown): string =>
    Array.isArray(v)
        ? `[${v.map(canonical).join(",")}]`
        : v !== null && typeof v === "object"
          ? `{${Object.keys(v)
                .filter((k) => (v as Props)[k] !== undefined)
                .sort()
                .map((k) => `${JSON.stringify(k)}:${canonical((v as Props)[k])}`)
                .join(",")}}`
          : JSON.stringify(v ?? null);
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

// --- sign-in and https ---------------------------------------------------------------------------

function az(args: string[]): Promise<Props> {
    return new Promise((resolve, reject) =>
        execFile("az", args, { encoding: "utf8" }, (error, stdout, stderr) =>
            error ? reject(new Error(`az ${args.join(" ")}: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
        ),
    );
}

let session: Promise<{ endpoint: string; token: string; subscription: string }> | undefined;

function signIn() {
    session ??= (async () => {
        const endpoint = (process.env.ARM_RESOURCE_MANAGER_ENDPOINT ?? "https://management.azure.com").replace(/\/+$/, "");
        const token = String((await az(["account", "get-access-token", "--resource", endpoint, "--output", "json"])).accessToken);
        const subscription = process.env.ARM_SUBSCRIPTION_ID ?? String((await az(["account", "show", "--output", "json"])).id);
        return { endpoint, token, subscription };
    })();
    return session;
}

interface Answer {
    status: number;
    body: Props | undefined;
    headers: Record<string, string | string[] | undefined>;
}

async function request(method: string, urlOrPath: string, apiVersion?: string, body?: unknown): Promise<Answer> {
    const { endpoint, token } = await signIn();
    const url = new URL(urlOrPath.startsWith("https://") ? urlOrPath : `${endpoint}${urlOrPath}`);
    if (url.origin !== new URL(endpoint).origin) throw new Error(`${STAND_IN}: refusing to send the token to ${url.origin}`);
    if (apiVersion) url.searchParams.set("api-version", apiVersion);
    return new Promise((resolve, reject) => {
        const req = https.request(url, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => {
                const text = Buffer.concat(chunks).toString("utf8");
                resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Props) : undefined, headers: res.headers });
            });
        });
        req.on("error", reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
    });
}

function failed(method: string, id: string, a: Answer): Error {
    return new Error(`${method} ${id} answered ${a.status}: ${JSON.stringify(a.body ?? {})}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const retryAfterMs = (a: Answer) => Math.min(Number(a.headers["retry-after"] ?? 1) * 1000, 10_000);

/** Follows a long-running operation: Azure-AsyncOperation until a terminal status, else Location until it stops answering 202. */
async function settle(method: string, id: string, a: Answer): Promise<void> {
    if (a.status >= 400) throw failed(method, id, a);
    const asyncOperation = a.headers["azure-asyncoperation"] as string | undefined;
    const location = a.headers.location as string | undefined;
    if (a.status !== 201 && a.status !== 202) return;
    for (let polls = 0; polls < 600; polls++) {
        await sleep(retryAfterMs(a));
        if (asyncOperation) {
            a = await request("GET", asyncOperation);
            const status = String(a.body?.status ?? "");
            if (status === "Succeeded") return;
            if (["Failed", "Canceled"].includes(status)) throw new Error(`${method} ${id}: the operation ended ${status}: ${JSON.stringify(a.body?.error ?? {})}`);
        } else if (location) {
            a = await request("GET", location);
            if (a.status >= 400) throw failed(method, id, a);
            if (a.status !== 202) return;
        } else return;
    }
    throw new Error(`${method} ${id}: the operation did not finish`);
}

// --- azure-native's shapes -----------------------------------------------------------------------

async function idOf(t: ServedType, inputs: Props): Promise<string> {
    const { subscription } = await signIn();
    return t.path.replace(/\{(\w+)\}/g, (_, p: string) => {
        const value = p === "subscriptionId" ? subscription : String(inputs[p]);
        return t.unencoded?.includes(p) ? value.replace(/^\/+/, "") : encodeURIComponent(value);
    });
}

const given = (keys: string[], inputs: Props) => Object.fromEntries(keys.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));

/**
 * The PUT body from the inputs alone: the top-level ones beside `properties`, every other writable
 * input under it. An identity's `userAssignedIdentities` is a list of ids in the SDK and a map
 * keyed by id on the wire (azure-native's convert package, the UserAssignedIdentities special case).
 */
function bodyOf(t: ServedType, inputs: Props): Props {
    const top = given(t.topLevel ?? [], inputs);
    const identity = top.identity as Props | undefined;
    if (Array.isArray(identity?.userAssignedIdentities)) {
        top.identity = { ...identity, userAssignedIdentities: Object.fromEntries((identity.userAssignedIdentities as string[]).map((id) => [id, {}])) };
    }
    return { ...top, properties: given(t.writable, inputs) };
}

/** A GET answer in the SDK's output shape: `properties` flattened to the top, `azureApiVersion` beside. */
function outputsOf(response: Props, apiVersion: string): Props {
    const { properties, id: _id, ...rest } = response;
    return { ...rest, ...(properties as Props), azureApiVersion: apiVersion };
}

const projection = (t: ServedType, outputs: Props) => Object.fromEntries(Object.entries(outputs).filter(([k]) => [...(t.topLevel ?? []), ...t.writable].includes(k)));

/** The protocol's marker of a secret value (sdk/nodejs/runtime/rpc.ts specialSigKey, specialSecretSig). */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

/** The state: outputs and, as checkpointObject keeps them, the inputs as a secret under `__inputs`. */
const checkpoint = (inputs: Props, outputs: Props) => ({ ...outputs, __inputs: { [SIG]: SECRET, value: inputs } });

/** The old inputs from a state (parseCheckpointObject), the secret unwrapped. */
function inputsIn(state: Props | undefined): Props {
    const stored = state?.__inputs as Props | undefined;
    return ((stored && stored[SIG] === SECRET ? stored.value : stored) ?? {}) as Props;
}

async function write(urn: string, inputs: Props, mustNotExist: boolean): Promise<{ id: string; outs: Props }> {
    const t = served(urn);
    const id = await idOf(t, inputs);
    const apiVersion = String(inputs.azureApiVersion ?? t.apiVersion);
    if (mustNotExist) {
        const existing = await request("GET", id, apiVersion);
        if (existing.status !== 404) throw new Error(`cannot create already existing resource "${id}"`);
    }
    await settle("PUT", id, await request("PUT", id, apiVersion, bodyOf(t, inputs)));
    const read = await request("GET", id, apiVersion);
    if (read.status !== 200) throw failed("GET", id, read);
    return { id, outs: checkpoint(inputs, outputsOf(read.body ?? {}, apiVersion)) };
}

export const azureNativeStandIn: provider.Provider = {
    version: VERSION,
    schema: JSON.stringify({
        name: "azure-native",
        version: VERSION,
        description: `A ${STAND_IN}: ${Object.keys(TYPES).join(", ")}.`,
        // azure-native's Go SDK (github.com/pulumi/pulumi-azure-native-sdk/<module>/v3) is refused by
        // the Go module proxy here, so a Go program links the SDK `pulumi package add` generates from
        // this schema; its import path names it a stand-in's.
        language: { go: { importBasePath: "signalr-serverless.invalid/standins/azure-native/sdk/go/v3/azurenative" } },
        resources: Object.fromEntries(
            Object.entries(TYPES).map(([token, t]) => [
                token,
                {
                    description: `${token.split(":").pop()} (${STAND_IN}), api-version ${t.apiVersion}.`,
                    inputProperties: Object.fromEntries([...pathParams(t), ...(t.topLevel ?? []), ...t.writable].map((k) => [k, t.shapes?.[k] ?? { type: "string" }])),
                    requiredInputs: pathParams(t).slice(0, -1),
                    properties: Object.fromEntries(
                        ["name", "type", "provisioningState", "status", "azureApiVersion", ...(t.topLevel ?? []), ...t.writable].map((k) => [
                            k,
                            t.shapes?.[k] ?? { type: "string" },
                        ]),
                    ),
                },
            ]),
        ),
    }),
    async check(urn, olds, news) {
        const t = served(urn);
        const inputs: Props = { ...news };
        const autoNamed = pathParams(t).pop()!;
        if (inputs[autoNamed] === undefined) {
            const old = olds?.[autoNamed];
            inputs[autoNamed] = old ?? `${nameOf(urn)}${randomBytes(4).toString("hex")}`;
            inputs[CREATE_BEFORE_DELETE] = old === undefined ? true : (olds[CREATE_BEFORE_DELETE] ?? false);
        }
        inputs.azureApiVersion ??= t.apiVersion;
        const failures = pathParams(t)
            .filter((p) => inputs[p] === undefined || inputs[p] === "")
            .map((p) => ({ property: p, reason: `missing required property '${p}'` }));
        return { inputs, failures };
    },
    async diff(_id, urn, olds, news) {
        const t = served(urn);
        const oldInputs = inputsIn(olds);
        const changed = [...new Set([...Object.keys(oldInputs), ...Object.keys(news)])].filter((k) => !same(oldInputs[k], news[k]));
        const replaces = changed.filter((k) => pathParams(t).includes(k));
        const deleteBeforeReplace = replaces.length > 0 && oldInputs[CREATE_BEFORE_DELETE] !== true;
        return { changes: changed.length > 0, replaces, deleteBeforeReplace };
    },
    create: (urn, inputs) => write(urn, inputs, true),
    update: async (_id, urn, _olds, news) => ({ outs: (await write(urn, news, false)).outs }),
    async read(id, urn, props) {
        const t = served(urn);
        const oldInputs = inputsIn(props);
        const apiVersion = String(oldInputs.azureApiVersion ?? t.apiVersion);
        const answer = await request("GET", id, apiVersion);
        if (answer.status === 404) return { id: "" };
        if (answer.status !== 200) throw failed("GET", id, answer);
        const outputs = outputsOf(answer.body ?? {}, apiVersion);
        const [before, after] = [projection(t, props ?? {}), projection(t, outputs)];
        const inputs: Props = { ...oldInputs };
        for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
            if (same(before[k], after[k])) continue;
            if (after[k] === undefined) delete inputs[k];
            else inputs[k] = after[k];
        }
        return { id, props: checkpoint(inputs, outputs), inputs };
    },
    async delete(id, urn, props) {
        const t = served(urn);
        const apiVersion = String(inputsIn(props).azureApiVersion ?? t.apiVersion);
        const answer = await request("DELETE", id, apiVersion);
        if (answer.status === 404) return;
        await settle("DELETE", id, answer);
    },
};

if (require.main === module) {
    console.error(`azure-native ${VERSION}: ${STAND_IN}`);
    void provider.main(azureNativeStandIn, process.argv.slice(2));
}
