import { AZURE_NATIVE_SECRET_SETTINGS, AZURE_NATIVE_SETTINGS, AZURE_NATIVE_SETTING_NAMES } from "../arm/armSettings";
import { PACKAGE_TYPES } from "../components/armBackedResources";

/**
 * Schema of the package provider's own custom resources (the components' part is generated from
 * their TypeScript types). Every property is documented; secrets are marked secret.
 */
const str = (description: string, extra: object = {}) => ({ type: "string", description, ...extra });
const endpoint = str(
    "Resource Manager endpoint, e.g. `https://management.azure.com`. Default: the cloud the azure-native provider uses where this provider runs: `azureNativeConfig.environment`, else `ARM_ENVIRONMENT` (public, china, usgovernment), a custom cloud (`ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST`, `ARM_RESOURCE_MANAGER_AUDIENCE`, `ARM_RESOURCE_MANAGER_ENDPOINT`), or the Azure CLI's active cloud when signing in through it.",
);
const signIn = {
    $ref: "#/types/signalr-serverless:index:AzureNativeConfig",
    description:
        "azure-native's sign-in and cloud settings, read before the environment as azure-native reads them. The components pass the stack's `azure-native:*` configuration. Default: none (the `ARM_*` environment only).",
};

const approvalInputs = {
    targetResourceId: str(
        "Resource id of the target that holds the private endpoint connection: a Function app (`Microsoft.Web/sites`) or a Key Vault (`Microsoft.KeyVault/vaults`).",
    ),
    requestMessage: str(
        "The shared private link resource's request message: only a Pending connection whose description equals it is approved, and no other connection is ever written.",
    ),
    description: str(
        "Description written with the approval; must be the request message, or start with it followed by a space. Ours are exactly the request message, this description and this description with an approval mark. Default: the request message.",
    ),
    timeoutSeconds: { type: "number", description: "Seconds for the connection to appear, be approved and be reported Approved by SignalR. Default: 900." },
    confirmationSeconds: {
        type: "number",
        description:
            "Seconds SignalR has, after the approval, to report the shared private link resource Approved; otherwise the connection approved is rejected again (it may be a stranger's with a copied description). Bounded by timeoutSeconds. Default: 600.",
    },
    pollIntervalSeconds: { type: "number", description: "First wait between polls, growing by half up to maxPollIntervalSeconds. Default: 20." },
    maxPollIntervalSeconds: { type: "number", description: "Cap of the wait between polls (at least pollIntervalSeconds). Default: 30." },
    sharedPrivateLinkResourceId: str("When given, wait until SignalR reports this shared private link resource `Approved`."),
    resourceManagerEndpoint: endpoint,
    azureNativeConfig: signIn,
    replicaNames: {
        type: "array",
        items: { type: "string" },
        description:
            "With `sharedPrivateLinkResourceId`: the service's geo-replicas whose copies of the link (`…/replicas/{replica}/sharedPrivateLinkResources/{link}`) must be Approved too, each connection on the target approved once and confirmed by SignalR. Replicas Resource Manager lists but not named here still count against the connections carrying the request message. Default: every replica Resource Manager lists.",
    },
    onDelete: str(
        "What deleting the approval does: `Keep` leaves the connection (it goes with the shared private link resource), `Reject` rejects it on the target unless another approval has taken it over since. Default: `Keep`.",
    ),
};

const systemKeyInputs = {
    functionAppId: str("Resource id of the Function app (`Microsoft.Web/sites`)."),
    keyName: str("System key name, 1-128 letters, digits, `_`, `.` or `-`; `signalr_extension` is the key the SignalR trigger's webhook checks."),
    value: str("The key value. Kept secret in state; never logged.", { secret: true }),
    resourceManagerEndpoint: endpoint,
    azureNativeConfig: signIn,
};

const refreshInputs = {
    serviceId: str("Resource id of the SignalR service (`Microsoft.SignalRService/signalR`)."),
    templates: {
        type: "array",
        items: { $ref: "#/types/signalr-serverless:index:ArmUpstreamTemplate" },
        description:
            "The service's upstream templates in ARM's shape, re-submitted as they are after the refresh. Checked like the component's (no plaintext secret unless `allowPlaintextUpstreamSecrets`). Kept secret in state.",
        secret: true,
    },
    triggers: { type: "array", items: { type: "string" }, description: "Values whose change causes another re-read, e.g. the ids of the Key Vault grants." },
    grantsCreatedOn: {
        type: "array",
        items: { type: "string" },
        description:
            "When the Key Vault role assignments were created (their `createdOn`, ISO 8601): the re-read waits until `settleSeconds` after the newest, so it cannot come before they apply. A missing or unreadable time counts as the refresh's start. Default: none (no wait).",
    },
    settleSeconds: { type: "integer", description: "How long role assignments take to apply, 0-3600. Default: 600 (Azure RBAC on Key Vault: up to 10 minutes)." },
    operationPollIntervalSeconds: {
        type: "number",
        description: "Wait between polls of each PATCH's SignalR operation when Azure sends no Retry-After, above 0 and at most 60. Default: 5.",
    },
    resourceManagerEndpoint: endpoint,
    azureNativeConfig: signIn,
    allowPlaintextUpstreamSecrets: {
        type: "boolean",
        description:
            "Accept literal credentials (`code=…`, `x-api-key=…`, user information) in the templates, as ServerlessSignalR's option of the same name does. Default: false: such a template fails the check.",
    },
};

const networkAclInputs = {
    serviceId: str("Resource id of the SignalR service (`Microsoft.SignalRService/signalR`)."),
    privateEndpointId: str("Resource id of the inbound private endpoint (`Microsoft.Network/privateEndpoints`) whose connection on the service the entry is for."),
    allow: {
        type: "array",
        items: { type: "string" },
        description: "Request types allowed through this private endpoint, from `ClientConnection`, `ServerConnection`, `RESTAPI`, `Trace`; every other type is denied.",
    },
    serviceRevision: str(
        "A value that changes whenever the service resource itself is written again: such a full write may drop entries it does not list, so the entry is written again after it. Default: none.",
    ),
    timeoutSeconds: { type: "integer", description: "Seconds, 1-3600, for the endpoint's connection to show on the service. Default: 600." },
    resourceManagerEndpoint: endpoint,
    azureNativeConfig: signIn,
};

const regionEndpointInputs = {
    replicaId: str("Resource id of the SignalR geo-replica (`Microsoft.SignalRService/signalR/replicas`)."),
    regionEndpointEnabled: str(
        "The replica's `regionEndpointEnabled` wanted, `Enabled` or `Disabled`. `Enabled` is written only when every shared private link of the primary has a copy on the replica that SignalR reports `Approved` (Microsoft: do not enable the replica until its shared private endpoint has been approved); otherwise the write fails, naming the replica and its copies, and nothing is enabled.",
    ),
    operationPollIntervalSeconds: {
        type: "number",
        description: "Wait between polls of the PATCH's SignalR operation when Azure sends no Retry-After, above 0 and at most 60. Default: 5.",
    },
    resourceManagerEndpoint: endpoint,
    azureNativeConfig: signIn,
};

export const CUSTOM_RESOURCE_TYPES = {
    "signalr-serverless:index:AzureNativeConfig": {
        type: "object",
        description:
            "azure-native's settings by their `azure-native:<key>` names (pulumi-azure-native auth_azidentity.go readAuthConfig); each is read before its environment variable. Secrets are kept secret.",
        properties: Object.fromEntries(
            AZURE_NATIVE_SETTING_NAMES.map((key) => [
                key,
                str(
                    `\`azure-native:${key}\`; else ${AZURE_NATIVE_SETTINGS[key].map((v) => `\`${v}\``).join(" or ")}.`,
                    AZURE_NATIVE_SECRET_SETTINGS.includes(key) ? { secret: true } : {},
                ),
            ]),
        ),
    },
    "signalr-serverless:index:ArmUpstreamTemplate": {
        type: "object",
        description: "An upstream template as Resource Manager stores it.",
        properties: {
            urlTemplate: str("URL template with `{hub}`, `{category}`, `{event}` and Key Vault references."),
            hubPattern: str("Hub rule."),
            categoryPattern: str("Category rule."),
            eventPattern: str("Event rule."),
            auth: { $ref: "#/types/signalr-serverless:index:ArmUpstreamAuth", description: "Upstream authentication." },
        },
        required: ["urlTemplate"],
    },
    "signalr-serverless:index:ArmUpstreamAuth": {
        type: "object",
        description: "Upstream authentication as Resource Manager stores it.",
        properties: {
            type: str("`None` or `ManagedIdentity`."),
            managedIdentity: { $ref: "#/types/signalr-serverless:index:ArmManagedIdentitySettings", description: "Token settings for `ManagedIdentity`." },
        },
        required: ["type"],
    },
    "signalr-serverless:index:ArmManagedIdentitySettings": {
        type: "object",
        description: "Managed identity token settings of an upstream.",
        properties: { resource: str("The resource (audience) of the token.") },
    },
};

/** A custom resource whose state is exactly its inputs. */
function outputsAreInputs<P>(description: string, properties: P, required: string[]) {
    return { description, inputProperties: properties, requiredInputs: required, properties, required };
}

export const CUSTOM_RESOURCES = {
    [PACKAGE_TYPES.approval]: {
        description:
            "Approves the pending private endpoint connection a SignalR shared private link resource created on its target, and waits until SignalR reports it Approved. Only a connection carrying the request message is ever written.",
        inputProperties: approvalInputs,
        requiredInputs: ["targetResourceId", "requestMessage"],
        properties: {
            ...approvalInputs,
            connectionId: str("Resource id of the approved private endpoint connection on the target."),
            connectionName: str("Name of that connection."),
            status: str("The connection's status as the target reports it: `Approved` after create; a refresh may find another, and the next update approves it again."),
            approvalMark: str(
                "This approval's own mark. With `onDelete: Reject` it is written into the connection's description, so that deleting rejects only a connection no other approval (e.g. a replacement) has written since.",
            ),
            replicaConnections: {
                type: "object",
                additionalProperties: { type: "string" },
                description: "With geo-replicas: each replica's connection on the target, by replica name, as SignalR's confirmation bound it.",
            },
            replicaStatuses: {
                type: "object",
                additionalProperties: { type: "string" },
                description: "With geo-replicas: each replica's copy of the link as SignalR reports it, by replica name (`Approved` after create).",
            },
        },
        required: ["targetResourceId", "requestMessage", "connectionId", "connectionName", "status"],
    },
    [PACKAGE_TYPES.systemKey]: outputsAreInputs(
        "Sets a Function app system key (e.g. `signalr_extension`) to a value you own, through Resource Manager, so the same value can sit in Key Vault behind SignalR's upstream URL.",
        systemKeyInputs,
        ["functionAppId", "keyName", "value"],
    ),
    [PACKAGE_TYPES.upstreamRefresh]: outputsAreInputs(
        "Makes a SignalR service re-read its Key Vault references now, by changing its upstream settings and back (the service's documented trigger), e.g. after an identity's grants were created.",
        refreshInputs,
        ["serviceId", "templates", "triggers"],
    ),
    [PACKAGE_TYPES.networkAcl]: {
        description:
            "The SignalR network ACL entry of one inbound private endpoint: the request types it carries (every other type denied). The entry names the connection Azure made for the endpoint, so it is written once the endpoint exists; only this entry is ever changed.",
        inputProperties: networkAclInputs,
        requiredInputs: ["serviceId", "privateEndpointId", "allow"],
        properties: {
            ...networkAclInputs,
            connectionName: str("The SignalR-side private endpoint connection the entry names (`<endpoint>.<guid>`)."),
            connectionId: str("Resource id of that connection."),
            inEffect: {
                type: "boolean",
                description: "Whether the service's ACLs hold the entry as written; a refresh that finds it changed or dropped makes the next update write it again.",
            },
        },
        required: ["serviceId", "privateEndpointId", "allow", "connectionName", "connectionId", "inEffect"],
    },
    [PACKAGE_TYPES.regionEndpoint]: {
        description:
            "A SignalR geo-replica's region endpoint (`regionEndpointEnabled`), owned apart from the replica, which ServerlessSignalR creates `Disabled` when the service has shared private endpoints: turned on only once the replica's copies of the shared private links are approved, off whenever asked. Deleting it writes nothing.",
        inputProperties: regionEndpointInputs,
        requiredInputs: ["replicaId", "regionEndpointEnabled"],
        properties: {
            ...regionEndpointInputs,
            inEffect: { type: "boolean", description: "Whether the replica holds the value wanted; a refresh that finds it changed makes the next update write it again." },
            sharedPrivateLinks: {
                type: "object",
                additionalProperties: { type: "string" },
                description: "The replica's copies of the shared private links and their status, as read at the last write.",
            },
        },
        required: ["replicaId", "regionEndpointEnabled", "inEffect", "sharedPrivateLinks"],
    },
};
