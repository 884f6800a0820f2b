// azure-native's part of a deployment, small, against the fake Resource Manager: the lifecycle of the
// two resource types whose behaviour the day-2 scenarios depend on (the SignalR service and a private
// endpoint), modelled on its source, not on guesses. Read in pulumi/pulumi-azure-native:
// - provider/pkg/provider/provider.go, Check: `azureApiVersion` is set to the resource's api-version
//   when the inputs lack it (applyDefaults), so a provider that brings another api-version diffs.
// - provider.go, Diff: the old inputs against the new inputs (diff.go), never against Azure; a change
//   of a path/name parameter replaces, delete-first (`deleteBeforeReplace` when anything replaces
//   and the name is not random).
// - provider.go, Create/Update (defaultCreate/defaultUpdate): a PUT of the body built from the inputs
//   alone, then a GET (readAfterWrite) whose answer is the outputs.
// - provider.go, Read: GETs the resource; the outputs are the answer; the stored inputs become the old
//   inputs plus the difference between the old outputs and the new outputs, each projected to the
//   input shape (read-only properties left out): what changed in Azure since the last write is
//   folded into the inputs. A 404 means gone.
// - provider.go, Delete: a DELETE of the id.
// - provider.go, defaultCreate: crudClient.CanCreate first (a GET): a resource that already exists
//   under the id fails the create ("cannot create already existing resource"), so a replacement the
//   engine makes create-first (`pulumi up --replace` of a named resource without `deleteBeforeReplace`:
//   pulumi/pulumi pkg/resource/deploy/step_generator.go, diff, blames `id` and leaves the provider's
//   delete-before-replace unset) fails.
import * as https from "node:https";
import type { FakeResourceManager } from "../../support/fakeResourceManager";

type Props = Record<string, unknown>;

/** One azure-native resource type: how its inputs make its id, its PUT body and its outputs. */
export interface ModelledType {
    apiVersion: string;
    /** Inputs that are path parameters: a change replaces. */
    pathInputs: string[];
    id(inputs: Props, subscription: string): string;
    /** Input keys that go at the top of the body (the rest go under `properties`, as x-ms-client-flatten has it). */
    topLevel: string[];
    /** The writable properties under `properties` (REST spec, without readOnly): what a refresh may fold into the inputs. */
    writable: string[];
}

const SIGNALR_TOP_LEVEL = ["location", "tags", "sku", "kind", "identity"];
/** SignalRProperties without readOnly (REST spec 2024-03-01). */
const SIGNALR_WRITABLE = [
    "features",
    "cors",
    "upstream",
    "networkACLs",
    "publicNetworkAccess",
    "disableLocalAuth",
    "disableAadAuth",
    "tls",
    "serverless",
    "liveTraceConfiguration",
    "resourceLogConfiguration",
    "regionEndpointEnabled",
    "resourceStopped",
];

/** The api-version azure-native v3 uses for SignalR (DESIGN.md, Facts). */
export const SIGNALR_API_VERSION = "2024-03-01";

export function modelledTypes(signalRApiVersion: string): Record<string, ModelledType> {
    return {
        "azure-native:signalrservice:SignalR": {
            apiVersion: signalRApiVersion,
            pathInputs: ["resourceGroupName", "resourceName"],
            id: (i, sub) => `/subscriptions/${sub}/resourceGroups/${i.resourceGroupName}/providers/Microsoft.SignalRService/signalR/${i.resourceName}`,
            topLevel: SIGNALR_TOP_LEVEL,
            writable: SIGNALR_WRITABLE,
        },
        "azure-native:network:PrivateEndpoint": {
            apiVersion: "2024-05-01",
            pathInputs: ["resourceGroupName", "privateEndpointName"],
            id: (i, sub) => `/subscriptions/${sub}/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/privateEndpoints/${i.privateEndpointName}`,
            topLevel: ["location", "tags"],
            writable: ["subnet", "privateLinkServiceConnections", "customNetworkInterfaceName"],
        },
        // A shared private link: every name segment of its path is a path input (REST spec 2024-03-01,
        // SignalRSharedPrivateLinkResources_CreateOrUpdate), so a new name replaces delete-first.
        "azure-native:signalrservice:SignalRSharedPrivateLinkResource": {
            apiVersion: signalRApiVersion,
            pathInputs: ["resourceGroupName", "resourceName", "sharedPrivateLinkResourceName"],
            id: (i, sub) =>
                `/subscriptions/${sub}/resourceGroups/${i.resourceGroupName}/providers/Microsoft.SignalRService/signalR/${i.resourceName}/sharedPrivateLinkResources/${i.sharedPrivateLinkResourceName}`,
            topLevel: [],
            writable: ["groupId", "privateLinkResourceId", "requestMessage", "fqdns"],
        },
        // A geo-replica (REST spec 2024-03-01 SignalRReplicas_CreateOrUpdate): resourceName and replicaName are path parameters.
        "azure-native:signalrservice:SignalRReplica": {
            apiVersion: signalRApiVersion,
            pathInputs: ["resourceGroupName", "resourceName", "replicaName"],
            id: (i, sub) => `/subscriptions/${sub}/resourceGroups/${i.resourceGroupName}/providers/Microsoft.SignalRService/signalR/${i.resourceName}/replicas/${i.replicaName}`,
            topLevel: ["location", "tags", "sku"],
            writable: ["regionEndpointEnabled", "resourceStopped"],
        },
        "azure-native:authorization:ManagementLockByScope": {
            apiVersion: "2020-05-01",
            pathInputs: ["scope", "lockName"],
            id: (i) => `${i.scope}/providers/Microsoft.Authorization/locks/${i.lockName}`,
            topLevel: [],
            writable: ["level", "notes", "owners"],
        },
    };
}

const PATH_ONLY = ["resourceGroupName", "resourceName", "replicaName", "sharedPrivateLinkResourceName", "privateEndpointName", "scope", "lockName", "azureApiVersion"];

/** The PUT body from the inputs alone (what defaultCreate/defaultUpdate send). */
function bodyOf(type: ModelledType, inputs: Props): Props {
    const body: Props = {};
    const properties: Props = {};
    for (const [k, v] of Object.entries(inputs)) {
        if (PATH_ONLY.includes(k) || v === undefined) continue;
        if (type.topLevel.includes(k)) body[k] = v;
        else properties[k] = k === "privateLinkServiceConnections" ? (v as Props[]).map(({ name, ...rest }) => ({ name, properties: rest })) : v;
    }
    return { ...body, properties };
}

/** The GET answer in the SDK's output shape: `properties` flattened to the top. */
function outputsOf(response: Props): Props {
    const { properties, ...rest } = response;
    return { name: String(rest.id).split("/").pop(), ...rest, ...(properties as Props) };
}

/** Outputs projected to the input shape: only what the body can carry (read-only properties left out). */
function inputProjection(type: ModelledType, outputs: Props): Props {
    return Object.fromEntries(Object.entries(outputs).filter(([k]) => type.topLevel.includes(k) || type.writable.includes(k)));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Applies the change from `before` to `after` onto `target`, key by key and into nested objects (arrays whole). */
function applyChange(target: Props, before: Props, after: Props): Props {
    const out: Props = { ...target };
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (same(before[k], after[k])) continue;
        const [b, a, t] = [before[k], after[k], out[k]];
        const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);
        if (isObject(b) && isObject(a) && isObject(t)) out[k] = applyChange(t, b, a);
        else if (a === undefined) delete out[k];
        else out[k] = structuredClone(a);
    }
    return out;
}

/** azure-native's lifecycle for the modelled types, over HTTP to the fake Resource Manager. */
export class AzureNativeModel {
    /** The api-version this "provider version" uses for SignalR; a provider upgrade changes it. */
    signalRApiVersion = SIGNALR_API_VERSION;

    constructor(
        private readonly arm: FakeResourceManager,
        private readonly subscription: string,
        private readonly moreTypes: Record<string, ModelledType> = {},
    ) {}

    private get types(): Record<string, ModelledType> {
        return { ...modelledTypes(this.signalRApiVersion), ...this.moreTypes };
    }

    handles(type: string): boolean {
        return type in this.types;
    }

    /** applyDefaults: the api-version, and a location (here the resource group's, westeurope) when the body has one. */
    check(type: string, news: Props): Props {
        const location = this.types[type].topLevel.includes("location") ? { location: news.location ?? "westeurope" } : {};
        return { ...news, ...location, azureApiVersion: news.azureApiVersion ?? this.types[type].apiVersion };
    }

    diff(type: string, oldInputs: Props, newInputs: Props): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
        const keys = [...new Set([...Object.keys(oldInputs), ...Object.keys(newInputs)])].filter((k) => !same(oldInputs[k], newInputs[k]));
        const replaces = keys.filter((k) => this.types[type].pathInputs.includes(k));
        return { changes: keys.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
    }

    /** Create and update alike: PUT from the inputs, then read after write; a create first checks that nothing is there (CanCreate). */
    async write(type: string, inputs: Props, o: { create?: boolean } = {}): Promise<{ id: string; outputs: Props }> {
        const t = this.types[type];
        const id = t.id(inputs, this.subscription);
        const apiVersion = String(inputs.azureApiVersion ?? t.apiVersion);
        if (o.create && (await this.request("GET", id, apiVersion, undefined, true)) !== undefined) throw new Error(`cannot create already existing resource "${id}"`);
        await this.request("PUT", id, apiVersion, bodyOf(t, inputs));
        const response = await this.request("GET", id, apiVersion);
        return { id, outputs: { ...outputsOf(response as Props), azureApiVersion: apiVersion } };
    }

    /** Refresh: the outputs as Azure answers, and the inputs with what changed in Azure folded in; undefined when gone. */
    async read(type: string, id: string, oldInputs: Props, oldOutputs: Props): Promise<{ inputs: Props; outputs: Props } | undefined> {
        const t = this.types[type];
        const apiVersion = String(oldInputs.azureApiVersion ?? t.apiVersion);
        const response = await this.request("GET", id, apiVersion, undefined, true);
        if (response === undefined) return undefined;
        const outputs = { ...outputsOf(response as Props), azureApiVersion: apiVersion };
        const inputs = applyChange(oldInputs, inputProjection(t, oldOutputs), inputProjection(t, outputs));
        return { inputs, outputs };
    }

    async delete(type: string, id: string, inputs: Props): Promise<void> {
        await this.request("DELETE", id, String(inputs.azureApiVersion ?? this.types[type].apiVersion));
    }

    /**
     * One ARM request; a write answered 201/202 with `Azure-AsyncOperation` or `Location` is followed
     * to its end, as azure-native's client does (azcore's long-running-operation poller behind
     * crudClient.CreateOrUpdate and Delete, pulumi-azure-native provider/pkg/azure).
     */
    private async request(method: string, id: string, apiVersion: string, body?: unknown, missingIsUndefined = false): Promise<unknown> {
        const answer = await this.send(method, new URL(`${this.arm.endpoint}${id}?api-version=${apiVersion}`), body);
        if (missingIsUndefined && answer.status === 404) return undefined;
        if (answer.status >= 400) throw new Error(`azure-native: ${method} ${id} answered ${answer.status}: ${answer.text}`);
        const operation = answer.status === 201 || answer.status === 202 ? (answer.headers["azure-asyncoperation"] ?? answer.headers.location) : undefined;
        for (let poll = 0; operation && poll < 100; poll++) {
            const state = await this.send("GET", new URL(String(operation)));
            const status = state.text ? (JSON.parse(state.text) as { status?: string }).status : undefined;
            if (state.status >= 400 || status === "Failed" || status === "Canceled") throw new Error(`azure-native: ${method} ${id} failed: ${state.text}`);
            if (state.status !== 202 && (status === undefined || status === "Succeeded")) break;
        }
        return answer.text ? JSON.parse(answer.text) : {};
    }

    private send(method: string, url: URL, body?: unknown): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
        return new Promise((resolve, reject) => {
            const req = https.request(url, { method, ca: this.arm.ca, headers: { Authorization: "Bearer fake-token", "Content-Type": "application/json" } }, (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
            });
            req.on("error", reject);
            req.end(body === undefined ? undefined : JSON.stringify(body));
        });
    }
}
