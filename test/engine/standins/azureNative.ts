// A STAND-IN for the `azure-native` provider (its binary embeds generated metadata that is in no Go
// module, so it cannot be built here), served to the real Pulumi engine with
// @pulumi/pulumi/provider and talking to Resource Manager over https (the tests' fake Resource
// Manager). It serves every azure-native resource type and function the engine programs use (the
// reference deployment examples/complete and examples/yaml included) from one type table, with
// azure-native's own lifecycle, read in pulumi/pulumi-azure-native provider/pkg/provider/provider.go,
// diff.go, gen/replacement.go, crud/subresources_test.go and resources/customresources/:
// - Check (applyDefaults/getDefaultName): a name parameter the program left out is the resource's
//   URN name plus a random 8-character suffix, and the inputs then carry `__createBeforeDelete: true`;
//   `azureApiVersion` is set to the resource's api-version when absent.
// - Diff: the old inputs (`__inputs` of the state, a secret, as checkpointObject stores them) against the new
//   inputs, never against Azure; a changed path parameter or force-new property (forceNewMap)
//   replaces; a top-level location compares without case and spaces; deleteBeforeReplace whenever
//   something replaces, unless the old inputs carry `__createBeforeDelete: true` (a random name).
// - Create (defaultCreate): a GET that must answer 404 (CanCreate: "cannot create already existing
//   resource"), a PUT of the body built from the inputs, its long-running operation followed
//   (Azure-AsyncOperation, else Location), then a GET (readAfterWrite) whose answer is the outputs.
//   Update (defaultUpdate) is the same PUT and GET without the existence check; sub-resources the
//   inputs leave unset (a network's subnets, a vault's access policies) are copied from the live
//   resource first (MaintainSubResourceIfUnset).
// - Read: a GET (404 = gone); the old outputs and the new outputs are each projected to the input
//   shape (read-only properties left out) and their difference is applied to the old inputs
//   (applyDiff, recursively). A WebApp's read adds its `config/web` as siteConfig (custom_webapp.go).
// - Delete: a DELETE of the id, its long-running operation followed; a WebApp's with
//   deleteEmptyServerFarm=false, a Key Vault secret's through the vault's data plane (custom_keyvault.go).
// - Invoke: list* functions are a POST of the resource's action, get* a GET; getClientConfig from the sign-in.
// - CheckConfig and DiffConfig: @pulumi/pulumi/provider answers both UNIMPLEMENTED, so the engine
//   takes the config as it is and diffs the default provider's inputs itself (pulumi/pulumi
//   pkg/resource/plugin/provider_plugin.go CheckConfig, DiffConfig: DiffUnknown, no replaces;
//   providers/registry.go Diff); azure-native's CheckConfig returns the news as they are and its
//   DiffConfig answers DIFF_UNKNOWN with no replaces (provider.go), which the engine treats the
//   same. A changed `azure-native:*` config updates the provider; nothing else does.
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
 * without readOnly; the names are the SDK's, from the type's Args in the locked @pulumi/azure-native).
 */
interface ServedType {
    apiVersion: string;
    /** `{name}` segments are path parameters (inputs); the last one is the auto-named one. */
    path: string;
    writable: string[];
    /** Writable properties at the body's top level (location, tags, sku, kind, identity; `properties` for the types whose SDK input is the body's `properties` itself). */
    topLevel?: string[];
    /** Path parameters sent as they are (x-ms-skip-url-encoding: a `scope` is itself a resource id). */
    unencoded?: string[];
    /**
     * Inputs that replace when they change besides the path parameters: azure-native's forceNewMap
     * (provider/pkg/gen/replacement.go), read by calculateDetailedDiff (provider/pkg/provider/diff.go).
     */
    forceNew?: string[];
    /** SDK name → wire name where the REST spec renames (x-ms-client-name). */
    wireNames?: Record<string, string>;
    /** Arrays whose items are flattened on the SDK side (x-ms-client-flatten): all but id/name/type/etag go under each item's `properties`. */
    flattenedItems?: string[];
    /**
     * Sub-resources kept when the inputs leave them unset (MaintainSubResourceIfUnset, azure-native's
     * crud package and its subresources_test.go: `writePropertiesToBody` copies them from the live
     * resource into the PUT body): a VirtualNetwork's subnets, a Vault's accessPolicies. Paths in the body.
     */
    maintain?: string[][];
    /** What differs from the default Read and Delete (customresources/custom_*.go). */
    custom?: "webApp" | "keyVaultSecret";
}

const TYPES: Record<string, ServedType> = {
    // Microsoft.SignalRService 2024-03-01, SharedPrivateLinkResourceProperties (groupId, privateLinkResourceId, requestMessage, fqdns).
    "azure-native:signalrservice:SignalRSharedPrivateLinkResource": {
        apiVersion: "2024-03-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.SignalRService/signalR/{resourceName}/sharedPrivateLinkResources/{sharedPrivateLinkResourceName}",
        writable: ["groupId", "privateLinkResourceId", "requestMessage", "fqdns"],
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
    },
    // Microsoft.SignalRService 2024-03-01 (signalr.json Replica: location, tags and sku beside ReplicaProperties;
    // the PUT is long-running). No force-new inputs besides the path, as for the SignalR it replicates.
    "azure-native:signalrservice:SignalRReplica": {
        apiVersion: "2024-03-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.SignalRService/signalR/{resourceName}/replicas/{replicaName}",
        topLevel: ["location", "tags", "sku"],
        writable: ["regionEndpointEnabled", "resourceStopped"],
    },
    // Microsoft.ManagedIdentity 2023-01-31, Identity (its properties are all readOnly but isolationScope).
    "azure-native:managedidentity:UserAssignedIdentity": {
        apiVersion: "2023-01-31",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}",
        topLevel: ["location", "tags"],
        writable: [],
    },
    // Microsoft.Authorization 2022-04-01, RoleAssignmentProperties; `scope` is an unencoded resource id.
    "azure-native:authorization:RoleAssignment": {
        apiVersion: "2022-04-01",
        path: "/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
        unencoded: ["scope"],
        writable: ["principalId", "principalType", "roleDefinitionId", "condition", "conditionVersion", "description", "delegatedManagedIdentityResourceId"],
        forceNew: ["principalId", "scope"],
    },
    // Microsoft.Authorization 2020-05-01 (locks.json), ManagementLockProperties (level, notes, owners) at any scope.
    "azure-native:authorization:ManagementLockByScope": {
        apiVersion: "2020-05-01",
        path: "/{scope}/providers/Microsoft.Authorization/locks/{lockName}",
        unencoded: ["scope"],
        writable: ["level", "notes", "owners"],
    },
    // Microsoft.Resources 2024-03-01 (resources.json ResourceGroup: location, managedBy, tags beside properties).
    "azure-native:resources:ResourceGroup": {
        apiVersion: "2024-03-01",
        path: "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}",
        topLevel: ["location", "managedBy", "tags"],
        writable: [],
        forceNew: ["location"],
    },
    // Microsoft.Storage 2024-01-01 (storage.json StorageAccountCreateParameters, StorageAccountPropertiesCreateParameters).
    "azure-native:storage:StorageAccount": {
        apiVersion: "2024-01-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}",
        topLevel: ["sku", "kind", "location", "extendedLocation", "tags", "identity"],
        writable: [
            "accessTier",
            "allowBlobPublicAccess",
            "allowCrossTenantReplication",
            "allowSharedKeyAccess",
            "allowedCopyScope",
            "azureFilesIdentityBasedAuthentication",
            "customDomain",
            "defaultToOAuthAuthentication",
            "dnsEndpointType",
            "enableExtendedGroups",
            "enableHttpsTrafficOnly",
            "encryption",
            "immutableStorageWithVersioning",
            "isHnsEnabled",
            "isLocalUserEnabled",
            "isSftpEnabled",
            "keyPolicy",
            "largeFileSharesState",
            "minimumTlsVersion",
            "networkRuleSet",
            "publicNetworkAccess",
            "routingPreference",
            "sasPolicy",
        ],
        wireNames: { enableHttpsTrafficOnly: "supportsHttpsTrafficOnly", networkRuleSet: "networkAcls" },
        forceNew: ["isHnsEnabled", "location"],
    },
    // Microsoft.Web 2025-05-01 (AppServicePlans.json AppServicePlan, AppServicePlanProperties).
    "azure-native:web:AppServicePlan": {
        apiVersion: "2025-05-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Web/serverfarms/{name}",
        topLevel: ["sku", "extendedLocation", "kind", "location", "tags", "identity"],
        writable: [
            "asyncScalingEnabled",
            "elasticScaleEnabled",
            "freeOfferExpirationTime",
            "hostingEnvironmentProfile",
            "hyperV",
            "installScripts",
            "isCustomMode",
            "isSpot",
            "isXenon",
            "kubeEnvironmentProfile",
            "maximumElasticWorkerCount",
            "network",
            "perSiteScaling",
            "planDefaultIdentity",
            "rdpEnabled",
            "registryAdapters",
            "reserved",
            "spotExpirationTime",
            "storageMounts",
            "targetWorkerCount",
            "targetWorkerSizeId",
            "workerTierName",
            "zoneRedundant",
        ],
    },
    // Microsoft.Web 2025-05-01 (WebApps.json Site, SiteProperties); Read and Delete as custom_webapp.go.
    "azure-native:web:WebApp": {
        apiVersion: "2025-05-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Web/sites/{name}",
        topLevel: ["extendedLocation", "identity", "kind", "location", "tags"],
        writable: [
            "autoGeneratedDomainNameLabelScope",
            "clientAffinityEnabled",
            "clientAffinityPartitioningEnabled",
            "clientAffinityProxyEnabled",
            "clientCertEnabled",
            "clientCertExclusionPaths",
            "clientCertMode",
            "cloningInfo",
            "containerSize",
            "customDomainVerificationId",
            "dailyMemoryTimeQuota",
            "daprConfig",
            "dnsConfiguration",
            "enabled",
            "endToEndEncryptionEnabled",
            "functionAppConfig",
            "hostNameSslStates",
            "hostNamesDisabled",
            "hostingEnvironmentProfile",
            "httpsOnly",
            "hyperV",
            "ipMode",
            "isXenon",
            "keyVaultReferenceIdentity",
            "managedEnvironmentId",
            "outboundVnetRouting",
            "publicNetworkAccess",
            "redundancyMode",
            "reserved",
            "resourceConfig",
            "scmSiteAlsoStopped",
            "serverFarmId",
            "siteConfig",
            "sshEnabled",
            "storageAccountRequired",
            "virtualNetworkSubnetId",
            "workloadProfileName",
        ],
        forceNew: ["location", "kind"],
        custom: "webApp",
    },
    // Microsoft.Network 2024-05-01 (virtualNetwork.json VirtualNetwork, VirtualNetworkPropertiesFormat).
    "azure-native:network:VirtualNetwork": {
        apiVersion: "2024-05-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}",
        topLevel: ["extendedLocation", "id", "location", "tags"],
        writable: [
            "addressSpace",
            "bgpCommunities",
            "ddosProtectionPlan",
            "dhcpOptions",
            "enableDdosProtection",
            "enableVmProtection",
            "encryption",
            "flowTimeoutInMinutes",
            "ipAllocations",
            "privateEndpointVNetPolicies",
            "subnets",
            "virtualNetworkPeerings",
        ],
        flattenedItems: ["subnets", "virtualNetworkPeerings"],
        maintain: [
            ["properties", "subnets"],
            ["properties", "virtualNetworkPeerings"],
        ],
        forceNew: ["location"],
    },
    // Microsoft.Network 2024-05-01 (virtualNetwork.json Subnet, SubnetPropertiesFormat).
    "azure-native:network:Subnet": {
        apiVersion: "2024-05-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}",
        topLevel: ["id", "name", "type"],
        writable: [
            "addressPrefix",
            "addressPrefixes",
            "applicationGatewayIPConfigurations",
            "defaultOutboundAccess",
            "delegations",
            "ipAllocations",
            "ipamPoolPrefixAllocations",
            "natGateway",
            "networkSecurityGroup",
            "privateEndpointNetworkPolicies",
            "privateLinkServiceNetworkPolicies",
            "routeTable",
            "serviceEndpointPolicies",
            "serviceEndpoints",
            "sharingScope",
        ],
    },
    // Microsoft.Network 2024-05-01 (privateEndpoint.json PrivateEndpoint, PrivateLinkServiceConnection flattened).
    "azure-native:network:PrivateEndpoint": {
        apiVersion: "2024-05-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}",
        topLevel: ["extendedLocation", "id", "location", "tags"],
        writable: [
            "applicationSecurityGroups",
            "customDnsConfigs",
            "customNetworkInterfaceName",
            "ipConfigurations",
            "manualPrivateLinkServiceConnections",
            "privateLinkServiceConnections",
            "subnet",
        ],
        flattenedItems: ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections", "ipConfigurations"],
        forceNew: ["subnet"],
    },
    // Microsoft.Network 2024-05-01 (privateEndpoint.json PrivateDnsZoneGroup, PrivateDnsZoneConfig flattened).
    "azure-native:network:PrivateDnsZoneGroup": {
        apiVersion: "2024-05-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{privateDnsZoneGroupName}",
        topLevel: ["id", "name"],
        writable: ["privateDnsZoneConfigs"],
        flattenedItems: ["privateDnsZoneConfigs"],
    },
    // Microsoft.Network 2024-06-01 (privatedns.json PrivateZone: location and tags only are writable).
    "azure-native:privatedns:PrivateZone": {
        apiVersion: "2024-06-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}",
        topLevel: ["location", "tags"],
        writable: [],
    },
    // Microsoft.Network 2024-06-01 (privatedns.json VirtualNetworkLink, VirtualNetworkLinkProperties).
    "azure-native:privatedns:VirtualNetworkLink": {
        apiVersion: "2024-06-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}/virtualNetworkLinks/{virtualNetworkLinkName}",
        topLevel: ["location", "tags"],
        writable: ["registrationEnabled", "resolutionPolicy", "virtualNetwork"],
    },
    // Microsoft.KeyVault 2024-11-01 (keyvault.json VaultCreateOrUpdateParameters: the SDK input `properties` is the body's).
    "azure-native:keyvault:Vault": {
        apiVersion: "2024-11-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}",
        topLevel: ["location", "tags", "properties"],
        writable: [],
        maintain: [["properties", "accessPolicies"]],
    },
    // Microsoft.KeyVault 2024-11-01 (secrets.json SecretCreateOrUpdateParameters); Delete through the data plane (custom_keyvault.go).
    "azure-native:keyvault:Secret": {
        apiVersion: "2024-11-01",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}",
        topLevel: ["tags", "properties"],
        writable: [],
        custom: "keyVaultSecret",
    },
    // Microsoft.Insights 2021-05-01-preview (diagnosticsSettings_API.json DiagnosticSettings) on any resource.
    "azure-native:monitor:DiagnosticSetting": {
        apiVersion: "2021-05-01-preview",
        path: "/{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
        unencoded: ["resourceUri"],
        writable: [
            "eventHubAuthorizationRuleId",
            "eventHubName",
            "logAnalyticsDestinationType",
            "logs",
            "marketplacePartnerId",
            "metrics",
            "serviceBusRuleId",
            "storageAccountId",
            "workspaceId",
        ],
    },
};

/**
 * The functions the programs invoke: list* are a POST of `<resource>/<action>`, get* a GET
 * (azure-native's Invoke, provider.go); getClientConfig is answered from the sign-in
 * (auth_getclientconfig.go), without a request.
 */
const FUNCTIONS: Record<string, { apiVersion: string; path: string; method: "POST" | "GET" }> = {
    "azure-native:storage:listStorageAccountKeys": {
        apiVersion: "2024-01-01",
        method: "POST",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}/listKeys",
    },
    "azure-native:signalrservice:listSignalRKeys": {
        apiVersion: "2024-03-01",
        method: "POST",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.SignalRService/signalR/{resourceName}/listKeys",
    },
    "azure-native:managedidentity:getUserAssignedIdentity": {
        apiVersion: "2023-01-31",
        method: "GET",
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}",
    },
};
const GET_CLIENT_CONFIG = "azure-native:authorization:getClientConfig";

/**
 * A provider upgrade that moves a type to another api-version, as a new azure-native release does:
 * STANDIN_API_VERSIONS holds `{ "<type token>": "<api-version>" }` (the scenarios set it between operations).
 */
const UPGRADED_API_VERSIONS = JSON.parse(process.env.STANDIN_API_VERSIONS ?? "{}") as Record<string, string>;

/** The type token from a URN (its type part is `<parent type>$<type>` for a child resource). */
const typeOf = (urn: string) => urn.split("::")[2].split("$").pop()!;
const nameOf = (urn: string) => urn.split("::").pop()!;

function served(urn: string): ServedType {
    const t = TYPES[typeOf(urn)];
    if (!t) throw new Error(`the ${STAND_IN} does not serve ${typeOf(urn)} (it serves ${Object.keys(TYPES).join(", ")})`);
    return t;
}

const pathParams = (t: { path: string }) => [...t.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== "subscriptionId");
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

async function idOf(t: { path: string; unencoded?: string[] }, inputs: Props): Promise<string> {
    const { subscription } = await signIn();
    return t.path.replace(/\{(\w+)\}/g, (_, p: string) => {
        const value = p === "subscriptionId" ? subscription : String(inputs[p]);
        return t.unencoded?.includes(p) ? value.replace(/^\/+/, "") : encodeURIComponent(value);
    });
}

const given = (keys: string[], inputs: Props) => Object.fromEntries(keys.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));
const isObject = (v: unknown): v is Props => v !== null && typeof v === "object" && !Array.isArray(v);
const ITEM_TOP_LEVEL = ["id", "name", "type", "etag"];

/** A flattened SDK item on the wire: id/name/type/etag stay, the rest goes under `properties`. */
const itemToWire = (item: unknown) =>
    isObject(item)
        ? {
              ...given(ITEM_TOP_LEVEL, item),
              properties: given(
                  Object.keys(item).filter((k) => !ITEM_TOP_LEVEL.includes(k)),
                  item,
              ),
          }
        : item;
const itemFromWire = (item: unknown) => {
    if (!isObject(item)) return item;
    const { properties, ...rest } = item;
    return { ...rest, ...(isObject(properties) ? properties : {}) };
};

/**
 * The PUT body from the inputs alone: the top-level ones beside `properties`, every other writable
 * input under it, by its wire name. An identity's `userAssignedIdentities` is a list of ids in the
 * SDK and a map keyed by id on the wire (azure-native's convert package, the UserAssignedIdentities
 * special case); flattened items get their `properties` back.
 */
function bodyOf(t: ServedType, secretInputs: Props): Props {
    const inputs = revealed(secretInputs) as Props;
    const top = given(t.topLevel ?? [], inputs);
    const identity = top.identity as Props | undefined;
    if (Array.isArray(identity?.userAssignedIdentities)) {
        top.identity = { ...identity, userAssignedIdentities: Object.fromEntries((identity.userAssignedIdentities as string[]).map((id) => [id, {}])) };
    }
    const properties = Object.fromEntries(
        Object.entries(given(t.writable, inputs)).map(([k, v]) => [t.wireNames?.[k] ?? k, t.flattenedItems?.includes(k) && Array.isArray(v) ? v.map(itemToWire) : v]),
    );
    return t.topLevel?.includes("properties") ? top : { ...top, properties };
}

/** A GET answer in the SDK's output shape: `properties` flattened to the top (unless it is an SDK property itself), SDK names, `azureApiVersion` beside. */
function outputsOf(t: ServedType, response: Props, apiVersion: string): Props {
    const { properties, id: _id, ...rest } = response;
    if (t.topLevel?.includes("properties")) return { ...rest, properties, azureApiVersion: apiVersion };
    const sdkName = Object.fromEntries(Object.entries(t.wireNames ?? {}).map(([sdk, wire]) => [wire, sdk]));
    const flat = Object.fromEntries(
        Object.entries((properties ?? {}) as Props).map(([k, v]) => {
            const name = sdkName[k] ?? k;
            return [name, t.flattenedItems?.includes(name) && Array.isArray(v) ? v.map(itemFromWire) : v];
        }),
    );
    return { ...rest, ...flat, azureApiVersion: apiVersion };
}

const projection = (t: ServedType, outputs: Props) => Object.fromEntries(Object.entries(outputs).filter(([k]) => [...(t.topLevel ?? []), ...t.writable].includes(k)));

/**
 * Read's merge (azure-native diff.go applyDiff/applyValueDiff): the difference between the old and
 * the new outputs applied to the old inputs; objects property by property and arrays element by
 * element, so only what changed is copied.
 */
export function applyDiff(values: Props, before: Props, after: Props): Props {
    const result: Props = {};
    for (const [k, v] of Object.entries(values)) if (!(k in before && after[k] === undefined && before[k] !== undefined)) result[k] = v;
    for (const k of Object.keys(after)) {
        if (after[k] === undefined || same(before[k], after[k])) continue;
        result[k] = before[k] === undefined || !(k in values) ? after[k] : applyValueDiff(values[k], before[k], after[k]);
    }
    return result;
}

function applyValueDiff(base: unknown, old: unknown, next: unknown): unknown {
    if (isObject(base) && isObject(old) && isObject(next)) return applyDiff(base, old, next);
    if (Array.isArray(base) && Array.isArray(old) && Array.isArray(next)) {
        return next.map((el, i) => (i >= base.length || i >= old.length ? el : applyValueDiff(base[i], old[i], el)));
    }
    return next;
}

/** The protocol's marker of a secret value (sdk/nodejs/runtime/rpc.ts specialSigKey, specialSecretSig). */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

/** A value with its secrets' markers taken off (the wire knows no secrets; the engine receives them back as outputs of secret inputs). */
function revealed(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(revealed);
    if (!isObject(v)) return v;
    if (v[SIG] === SECRET) return revealed(v.value);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revealed(x)]));
}

/** The state: outputs and, as checkpointObject keeps them, the inputs as a secret under `__inputs`. */
const checkpoint = (inputs: Props, outputs: Props) => ({ ...outputs, __inputs: { [SIG]: SECRET, value: inputs } });

/** The old inputs from a state (parseCheckpointObject), the secret unwrapped. */
function inputsIn(state: Props | undefined): Props {
    const stored = state?.__inputs as Props | undefined;
    return ((stored && stored[SIG] === SECRET ? stored.value : stored) ?? {}) as Props;
}

const at = (o: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), o);

/** The live resource as the SDK sees it: a GET, and for a WebApp its `config/web` as `siteConfig` (custom_webapp.go: the site's GET leaves it out). */
async function readLive(t: ServedType, id: string, apiVersion: string): Promise<Answer> {
    const answer = await request("GET", id, apiVersion);
    if (answer.status !== 200 || t.custom !== "webApp") return answer;
    const config = await request("GET", `${id}/config/web`, apiVersion);
    if (config.status !== 200) throw failed("GET", `${id}/config/web`, config);
    return { ...answer, body: { ...answer.body, properties: { ...(answer.body?.properties as Props), siteConfig: config.body?.properties } } };
}

async function write(urn: string, inputs: Props, mustNotExist: boolean): Promise<{ id: string; outs: Props }> {
    const t = served(urn);
    const id = await idOf(t, inputs);
    const apiVersion = String(inputs.azureApiVersion ?? t.apiVersion);
    const body = bodyOf(t, inputs);
    if (mustNotExist) {
        const existing = await request("GET", id, apiVersion);
        if (existing.status !== 404) throw new Error(`cannot create already existing resource "${id}"`);
    } else if (t.maintain?.some((path) => at(body, path) === undefined)) {
        // Sub-resources the inputs leave unset are copied from the live resource, so the PUT keeps them.
        const live = await request("GET", id, apiVersion);
        for (const path of t.maintain.filter((p) => at(body, p) === undefined && at(live.body, p) !== undefined)) {
            const parent = path.slice(0, -1).reduce<Props>((o, k) => (o[k] = isObject(o[k]) ? o[k] : {}) as Props, body);
            parent[path[path.length - 1]] = at(live.body, path);
        }
    }
    await settle("PUT", id, await request("PUT", id, apiVersion, body));
    const read = await readLive(t, id, apiVersion);
    if (read.status !== 200) throw failed("GET", id, read);
    return { id, outs: checkpoint(inputs, outputsOf(t, read.body ?? {}, apiVersion)) };
}

/** A type's schema: path parameters are strings, everything else any value (this stand-in does not check shapes). */
const ANY = { $ref: "pulumi.json#/Any" };
const schemaOf = (keys: string[], strings: string[]) => Object.fromEntries(keys.map((k) => [k, strings.includes(k) ? { type: "string" } : ANY]));

export const azureNativeStandIn: provider.Provider = {
    version: VERSION,
    schema: JSON.stringify({
        name: "azure-native",
        version: VERSION,
        description: `A ${STAND_IN}: ${[...Object.keys(TYPES), GET_CLIENT_CONFIG, ...Object.keys(FUNCTIONS)].join(", ")}.`,
        // azure-native's Go SDK (github.com/pulumi/pulumi-azure-native-sdk/<module>/v3) is refused by
        // the Go module proxy here, so a Go program links the SDK `pulumi package add` generates from
        // this schema; its import path names it a stand-in's.
        language: { go: { importBasePath: "signalr-serverless.invalid/standins/azure-native/sdk/go/v3/azurenative" } },
        resources: Object.fromEntries(
            Object.entries(TYPES).map(([token, t]) => [
                token,
                {
                    description: `${token.split(":").pop()} (${STAND_IN}), api-version ${t.apiVersion}.`,
                    inputProperties: schemaOf([...pathParams(t), ...(t.topLevel ?? []), ...t.writable], pathParams(t)),
                    requiredInputs: pathParams(t).slice(0, -1),
                    properties: schemaOf(
                        ["name", "type", "provisioningState", "status", "azureApiVersion", ...(t.topLevel ?? []), ...t.writable],
                        ["name", "type", "azureApiVersion"],
                    ),
                },
            ]),
        ),
        functions: Object.fromEntries(
            [[GET_CLIENT_CONFIG, { path: "" }] as const, ...Object.entries(FUNCTIONS)].map(([token, f]) => [
                token,
                {
                    description: `${token.split(":").pop()} (${STAND_IN}).`,
                    inputs: { properties: schemaOf(pathParams(f), pathParams(f)), required: pathParams(f) },
                    outputs: { properties: {} },
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
        inputs.azureApiVersion ??= UPGRADED_API_VERSIONS[typeOf(urn)] ?? t.apiVersion;
        const failures = pathParams(t)
            .filter((p) => inputs[p] === undefined || inputs[p] === "")
            .map((p) => ({ property: p, reason: `missing required property '${p}'` }));
        return { inputs, failures };
    },
    async diff(_id, urn, olds, news) {
        const t = served(urn);
        const oldInputs = inputsIn(olds);
        // A top-level `location` compares without case and spaces (diff.go applyAzureSpecificDiff).
        const location = (v: unknown) => (typeof v === "string" ? v.toLowerCase().replace(/ /g, "") : v);
        const changed = [...new Set([...Object.keys(oldInputs), ...Object.keys(news)])].filter((k) =>
            k === "location" ? !same(location(oldInputs[k]), location(news[k])) : !same(oldInputs[k], news[k]),
        );
        const replaces = changed.filter((k) => pathParams(t).includes(k) || t.forceNew?.includes(k));
        const deleteBeforeReplace = replaces.length > 0 && oldInputs[CREATE_BEFORE_DELETE] !== true;
        return { changes: changed.length > 0, replaces, deleteBeforeReplace };
    },
    create: (urn, inputs) => write(urn, inputs, true),
    update: async (_id, urn, _olds, news) => ({ outs: (await write(urn, news, false)).outs }),
    async read(id, urn, props) {
        const t = served(urn);
        const oldInputs = inputsIn(props);
        const apiVersion = String(oldInputs.azureApiVersion ?? t.apiVersion);
        const answer = await readLive(t, id, apiVersion);
        if (answer.status === 404) return { id: "" };
        if (answer.status !== 200) throw failed("GET", id, answer);
        const outputs = outputsOf(t, answer.body ?? {}, apiVersion);
        // The engine marks an output secret when the input of that name was (a WebApp's siteConfig with secret settings): compare values.
        const inputs = applyDiff(oldInputs, projection(t, revealed(props ?? {}) as Props), projection(t, outputs));
        // Maintained sub-resources the inputs left unset stay unset: they belong to their own resources.
        for (const path of t.maintain ?? []) {
            const key = path[path.length - 1];
            if (path.length === 2 && !t.topLevel?.includes("properties") && oldInputs[key] === undefined) delete inputs[key];
        }
        return { id, props: checkpoint(inputs, outputs), inputs };
    },
    async delete(id, urn, props) {
        const t = served(urn);
        const oldInputs = inputsIn(props);
        const apiVersion = String(oldInputs.azureApiVersion ?? t.apiVersion);
        if (t.custom === "keyVaultSecret") {
            // azure-native deletes a secret through the vault's data plane (https://<vault>.vault.azure.net/secrets/<name>,
            // custom_keyvault.go); this stand-in can reach only the fake, which serves that API under /keyvault-data-plane/<vault>.
            const answer = await request(
                "DELETE",
                `/keyvault-data-plane/${encodeURIComponent(String(oldInputs.vaultName))}/secrets/${encodeURIComponent(String(oldInputs.secretName))}`,
                "7.5",
            );
            if (answer.status >= 400 && answer.status !== 404) throw failed("DELETE", id, answer);
            return;
        }
        // A WebApp's plan is a resource of its own: never deleted with its last app (custom_webapp.go).
        const answer = await request("DELETE", t.custom === "webApp" ? `${id}?deleteEmptyServerFarm=false` : id, apiVersion);
        if (answer.status === 404) return;
        await settle("DELETE", id, answer);
    },
    async invoke(token, inputs) {
        if (token === GET_CLIENT_CONFIG) {
            // auth_getclientconfig.go: the subscription and tenant of the sign-in; the client and object ids come from the
            // token's claims, which the fake Azure CLI's token does not have, so they are empty here.
            const account = await az(["account", "show", "--output", "json"]);
            const { subscription } = await signIn();
            return { outputs: { clientId: "", objectId: "", subscriptionId: subscription, tenantId: String(account.tenantId) } };
        }
        const f = FUNCTIONS[token];
        if (!f) throw new Error(`the ${STAND_IN} does not serve the function ${token} (it serves ${[GET_CLIENT_CONFIG, ...Object.keys(FUNCTIONS)].join(", ")})`);
        const path = await idOf(f, revealed(inputs) as Props);
        const answer = await request(f.method, path, f.apiVersion, f.method === "POST" ? {} : undefined);
        if (answer.status !== 200) throw failed(f.method, path, answer);
        const { properties, ...rest } = answer.body ?? {};
        return { outputs: { ...rest, ...(isObject(properties) ? properties : {}) } };
    },
};

if (require.main === module) {
    console.error(`azure-native ${VERSION}: ${STAND_IN}`);
    void provider.main(azureNativeStandIn, process.argv.slice(2));
}
