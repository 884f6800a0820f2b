import * as pulumi from "@pulumi/pulumi";

/** How SignalR authenticates to an upstream. */
export const UpstreamAuth = {
    /** No token is sent. */
    None: "None",
    /** A token for the service's managed identity is sent in the Authorization header. */
    ManagedIdentity: "ManagedIdentity",
} as const;
export type UpstreamAuth = (typeof UpstreamAuth)[keyof typeof UpstreamAuth];

/** Whether the service accepts traffic from the public network. */
export const PublicNetworkAccess = {
    Enabled: "Enabled",
    Disabled: "Disabled",
} as const;
export type PublicNetworkAccess = (typeof PublicNetworkAccess)[keyof typeof PublicNetworkAccess];

/** What a network ACL does with requests that no rule matches. */
export const AclAction = {
    Allow: "Allow",
    Deny: "Deny",
} as const;
export type AclAction = (typeof AclAction)[keyof typeof AclAction];

/** One upstream template. Templates are tried in order; the first whose rules all match is called. */
export interface UpstreamTemplateArgs {
    /**
     * URL template with `{hub}`, `{category}` and `{event}`, e.g.
     * `https://func.azurewebsites.net/runtime/webhooks/signalr?code={@Microsoft.KeyVault(SecretUri=…)}`.
     * Secrets belong in Key Vault references; literal `code=`/`key=`/`sig=`/`token=` values are refused
     * unless `allowPlaintextUpstreamSecrets` is set.
     */
    urlTemplate: pulumi.Input<string>;
    /** Hub rule: `*`, a hub name, or a comma-separated list. @default every hub */
    hubPattern?: string;
    /** Category rule: `connections`, `messages`, both comma-separated, or `*`. @default every category */
    categoryPattern?: string;
    /** Event rule: `*`, an event name, or a comma-separated list. @default every event */
    eventPattern?: string;
    /** How the service authenticates to this upstream. @default "None" */
    auth?: UpstreamAuth;
    /**
     * Audience (`aud`) of the managed identity token, e.g. the Function app's App ID URI.
     * Only with `auth: "ManagedIdentity"`. @default the service's default audience
     */
    managedIdentityResource?: pulumi.Input<string>;
}

/** The service's managed identity. The service supports one identity: set at most one of the two. */
export interface SignalRIdentityArgs {
    /**
     * Give the service a system-assigned identity. Its principal exists only once the service does,
     * so grants follow the service; the component then makes it re-read Key Vault (see
     * `refreshUpstreamAfterGrants`).
     * @default false
     */
    systemAssigned?: boolean;
    /** Resource id of an existing user-assigned identity to attach. @default none */
    userAssignedIdentityId?: pulumi.Input<string>;
}

/** Read access to one Key Vault's secrets for the service's identity. */
export interface KeyVaultAccessArgs {
    /** Resource id of the vault (`/subscriptions/…/providers/Microsoft.KeyVault/vaults/<name>`). */
    keyVaultId: pulumi.Input<string>;
    /**
     * Grant *Key Vault Secrets User* on these secrets only, instead of the whole vault (RBAC only).
     * Each name may be an Output (e.g. `secret.name`); the list itself is plain because each name
     * is one role assignment. @default the whole vault
     */
    secretNames?: pulumi.Input<string>[];
    /**
     * Grant through a vault access policy (`get` on secrets) instead of Azure RBAC, for vaults that
     * do not use the RBAC permission model. @default false
     */
    useAccessPolicy?: boolean;
}

/** A shared private endpoint from the service to a target resource. */
export interface SharedPrivateEndpointEntryArgs {
    /** Name of the shared private link resource (also the child resource's role in its name). */
    name: string;
    /** Resource id of the target: a Function/Web app (`Microsoft.Web/sites`) or a Key Vault. */
    targetResourceId: pulumi.Input<string>;
    /** Private link group id. @default inferred: `sites` for Microsoft.Web/sites, `vault` for Key Vault */
    groupId?: string;
    /** Message shown with the pending connection. @default "signalr-serverless <name> <random nonce>" */
    requestMessage?: string;
    /** Approve the connection on the target automatically. @default true */
    approve?: boolean;
    /** How long to wait for the connection to appear and be approved. @default 900 */
    approvalTimeoutSeconds?: number;
    /**
     * Seconds SignalR has, after the approval, to report the link Approved; otherwise the connection
     * approved is rejected again (it may be a stranger's with a copied request message). @default 600
     */
    approvalConfirmationSeconds?: number;
    /**
     * First wait between the approval's reads (the target's connections, then SignalR's link),
     * growing by half up to approvalMaxPollIntervalSeconds. @default 20
     */
    approvalPollIntervalSeconds?: number;
    /** Cap of the wait between the approval's reads (at least approvalPollIntervalSeconds). @default 30 */
    approvalMaxPollIntervalSeconds?: number;
}

/**
 * A geo-replica of the service in another region (Premium only). Replicas inherit the primary's
 * configuration (upstream, identity, network ACLs, inbound private endpoints); what they do not
 * inherit is their SKU and units and the approval of their copies of the shared private links,
 * which the component does for every replica.
 */
export interface SignalRReplicaArgs {
    /** Azure region of the replica, e.g. `westeurope` or `West Europe` (compared normalized); not the primary's. */
    location: string;
    /** Name of the replica (3-63 letters, digits and hyphens). @default `<serviceName>-<location>`, as Azure's examples name replicas */
    name?: string;
    /** `Premium_P1` or `Premium_P2`. @default the primary's sku */
    sku?: string;
    /** Units: P1 1-10 or 20-100 in tens; P2 100-1000 in hundreds. @default 1 (100 for Premium_P2) */
    capacity?: number;
    /**
     * Route new client connections to this replica's regional endpoint. With shared private endpoints
     * the replica is created with it off, and it is turned on once every copy of the links on the
     * replica is approved (Microsoft: do not enable the replica until its shared private endpoint
     * has been approved). @default true
     */
    regionEndpointEnabled?: boolean;
    /** Tags of the replica. @default the component's `tags` */
    tags?: { [key: string]: pulumi.Input<string> };
}

/** Network ACLs of the service. */
export interface SignalRNetworkAclsArgs {
    /** What happens to requests that no rule allows. @default "Deny" */
    defaultAction?: AclAction;
    /**
     * Request types allowed from the public network (`ClientConnection`, `ServerConnection`,
     * `RESTAPI`, `Trace`). @default ["ClientConnection", "RESTAPI"]: clients and the REST API used
     * by serverless backends; no app-server connections, which serverless mode does not use.
     */
    publicNetworkAllow?: string[];
    /** IP or CIDR rules for public traffic. @default none */
    ipRules?: SignalRIpRuleArgs[];
}

/** One IP rule. */
export interface SignalRIpRuleArgs {
    /** An IP address, CIDR range or service tag. */
    value: string;
    /** @default "Allow" */
    action?: AclAction;
}

/** Which diagnostic categories to turn on. */
export interface SignalRLogCategoriesArgs {
    /** Connection lifetime events. @default true for resource logs, false for live trace */
    connectivityLogs?: boolean;
    /** Message tracing (volume and cost grow with traffic). @default false */
    messagingLogs?: boolean;
    /** HTTP requests to the service. @default false */
    httpRequestLogs?: boolean;
}

/** A role assignment on the service (the Azure Verified Module's `roleAssignments[]` shape). */
export interface SignalRRoleAssignmentArgs {
    /**
     * The role: a built-in role's name (e.g. `SignalR App Server`, `SignalR REST API Owner`), its
     * GUID, or a role definition id (`/subscriptions/…/providers/Microsoft.Authorization/roleDefinitions/<guid>`).
     */
    roleDefinitionIdOrName: string;
    /** Object id of the principal (user, group or identity) that receives the role. */
    principalId: pulumi.Input<string>;
    /** `ServicePrincipal`, `Group`, `User`, `ForeignGroup` or `Device`; lets ARM skip a lookup of a fresh identity. @default none */
    principalType?: string;
    /** Description of the assignment. @default none */
    description?: string;
}

/** A management lock on the service (the Azure Verified Module's `lock` shape). */
export interface SignalRLockArgs {
    /** `CanNotDelete`, `ReadOnly`, or `None` for no lock. */
    kind: string;
    /** Name of the lock. @default `lock-<service name>` */
    name?: string;
}

/** One log category or category group of a diagnostic setting. */
export interface DiagnosticLogCategoryArgs {
    /** A category: `AllLogs` (SignalR's one resource log category). Set this or `categoryGroup`. */
    category?: string;
    /** A category group: `allLogs` or `audit`. */
    categoryGroup?: string;
    /** @default true */
    enabled?: boolean;
}

/** One metric category of a diagnostic setting. */
export interface DiagnosticMetricCategoryArgs {
    /** `AllMetrics`. */
    category: string;
    /** @default true */
    enabled?: boolean;
}

/** Where the service's logs and metrics go (the Azure Verified Module's `diagnosticSettings[]` shape). */
export interface SignalRDiagnosticSettingArgs {
    /** Name of the diagnostic setting. @default `<service name>-diagnosticSettings` (AVM's default), numbered after the first */
    name?: string;
    /** Log categories or groups. @default [{ categoryGroup: "allLogs" }] */
    logCategoriesAndGroups?: DiagnosticLogCategoryArgs[];
    /** Metric categories. @default [{ category: "AllMetrics" }] */
    metricCategories?: DiagnosticMetricCategoryArgs[];
    /** Log Analytics workspace id (`Microsoft.OperationalInsights/workspaces`). */
    workspaceResourceId?: pulumi.Input<string>;
    /** `Dedicated` (resource-specific tables) or `AzureDiagnostics`. @default Azure's choice */
    logAnalyticsDestinationType?: string;
    /** Storage account id (`Microsoft.Storage/storageAccounts`). */
    storageAccountResourceId?: pulumi.Input<string>;
    /** Event Hub namespace authorization rule id (`Microsoft.EventHub/namespaces/authorizationRules`). */
    eventHubAuthorizationRuleResourceId?: pulumi.Input<string>;
    /** Event hub name. @default one per category, chosen by Azure */
    eventHubName?: pulumi.Input<string>;
}

/** A private DNS zone in a private endpoint's DNS zone group. */
export interface PrivateDnsZoneGroupConfigArgs {
    /** Name of the configuration. @default the zone's name */
    name?: string;
    /** Resource id of the private DNS zone (`Microsoft.Network/privateDnsZones`), e.g. `privatelink.service.signalr.net`. */
    privateDnsZoneResourceId: pulumi.Input<string>;
}

/** The DNS zone group that registers a private endpoint's address in private DNS zones. */
export interface PrivateDnsZoneGroupArgs {
    /** Name of the zone group. @default "default" */
    name?: string;
    /** The zones, at most 5 (Azure's limit per zone group). */
    privateDnsZoneGroupConfigs: PrivateDnsZoneGroupConfigArgs[];
}

/**
 * An inbound private endpoint: clients in a virtual network reach the service at a private address
 * (the Azure Verified Module's `privateEndpoints[]` shape, group `signalr`).
 */
export interface SignalRPrivateEndpointArgs {
    /** Name of the private endpoint. @default `pep-<service name>-signalr-<index>` (AVM's default) */
    name?: string;
    /** Resource id of the subnet (`Microsoft.Network/virtualNetworks/subnets`) the endpoint takes its address from. */
    subnetResourceId: pulumi.Input<string>;
    /** Region of the endpoint: the virtual network's. @default the service's */
    location?: pulumi.Input<string>;
    /** Resource group of the endpoint. @default the service's */
    resourceGroupName?: pulumi.Input<string>;
    /** Name of the endpoint's network interface. @default chosen by Azure */
    customNetworkInterfaceName?: string;
    /**
     * DNS zones to register the endpoint in. @default the zone `privateDnsZone` creates, if set;
     * else none (resolve the name yourself)
     */
    privateDnsZoneGroup?: PrivateDnsZoneGroupArgs;
    /**
     * Request types this endpoint carries (its network ACL entry; every other type is denied):
     * `ClientConnection`, `RESTAPI`, `Trace`. `ServerConnection` is refused: serverless mode has no
     * app server connections. @default ["ClientConnection", "RESTAPI"]
     */
    allowedRequestTypes?: string[];
    /** Tags of the endpoint. @default the component's `tags` */
    tags?: { [key: string]: pulumi.Input<string> };
}

/** A private DNS zone for the service's private endpoints, created by the component. */
export interface SignalRPrivateDnsZoneArgs {
    /**
     * Virtual networks (`Microsoft.Network/virtualNetworks`) to link the zone to, so that names
     * resolve to the private address there; at least one.
     */
    virtualNetworkResourceIds: pulumi.Input<string>[];
    /** Resource group of the zone. @default the service's */
    resourceGroupName?: pulumi.Input<string>;
}

/** Arguments of ServerlessSignalR. */
export interface ServerlessSignalRArgs {
    /** Resource group that holds the service. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. @default the resource group's location */
    location?: pulumi.Input<string>;
    /** Name of the service (globally unique DNS label). @default auto-named from the component name */
    serviceName?: string;
    /** Tags for every resource the component creates. @default none */
    tags?: { [key: string]: pulumi.Input<string> };
    /**
     * Paid SKU: `Standard_S1`, `Premium_P1` or `Premium_P2`. `Free_F1` is refused: shared private
     * endpoints need a paid tier. @default "Standard_S1"
     */
    sku?: string;
    /** Units: S1/P1 1-10 or 20-100 in tens; P2 100-1000 in hundreds. @default 1 (100 for Premium_P2) */
    capacity?: number;
    /**
     * The service's identity. @default a user-assigned identity created by the component when an
     * upstream needs one (Key Vault reference, ManagedIdentity auth or keyVaultAccess), else none
     */
    identity?: SignalRIdentityArgs;
    /** Ordered upstream templates; the first match wins. @default none */
    upstreamTemplates?: UpstreamTemplateArgs[];
    /** Key Vault read access for the service's identity. @default none */
    keyVaultAccess?: KeyVaultAccessArgs[];
    /** Shared private endpoints, each approved on the target unless told otherwise. @default none */
    sharedPrivateEndpoints?: SharedPrivateEndpointEntryArgs[];
    /**
     * Azure RBAC takes up to 10 minutes to apply, and a system-assigned identity's grants can only
     * follow the service, so its first Key Vault reads may be refused until the next re-read (up to
     * 30 minutes). When true and the component creates grants, it changes the upstream settings and
     * back once the grants have surely applied (10 minutes after the newest role assignment's
     * `createdOn`) and after every shared private endpoint, which makes the service re-read now.
     * @default true
     */
    refreshUpstreamAfterGrants?: boolean;
    /**
     * How long the Key Vault role assignments are given to apply before that re-read: it waits until
     * this long after the newest one's `createdOn`. @default 600 (Azure RBAC on Key Vault: up to 10 minutes)
     */
    keyVaultGrantSettleSeconds?: number;
    /** That re-read's wait between polls of its SignalR operations when Azure sends no Retry-After. @default 5 */
    upstreamRefreshPollIntervalSeconds?: number;
    /**
     * With shared private endpoints, each replica's region endpoint is turned on by a PATCH once its
     * copies are approved: this is the wait between polls of that PATCH's SignalR operation when
     * Azure sends no Retry-After. @default 5
     */
    replicaRegionEndpointPollIntervalSeconds?: number;
    /** Accept literal credentials in upstream URLs. @default false */
    allowPlaintextUpstreamSecrets?: boolean;
    /** Public network access (clients connect over it). @default "Enabled" */
    publicNetworkAccess?: PublicNetworkAccess;
    /** Network ACLs. @default deny by default, allow ClientConnection and RESTAPI from the public network */
    networkAcls?: SignalRNetworkAclsArgs;
    /**
     * Inbound private endpoints, each with its network ACL entry (written once the endpoint exists:
     * with the default action Deny an endpoint carries only what its entry allows). @default none
     */
    privateEndpoints?: SignalRPrivateEndpointArgs[];
    /**
     * Create the service's private DNS zone (`privatelink.service.signalr.net`, or the China / US
     * Government name for `azure-native:environment`) linked to the given virtual networks; every
     * private endpoint without its own `privateDnsZoneGroup` registers in it. Needs `privateEndpoints`.
     * @default none
     */
    privateDnsZone?: SignalRPrivateDnsZoneArgs;
    /**
     * Origins allowed to make cross-origin calls, e.g. `https://app.contoso.com`. `*` must be given
     * explicitly. @default none (no cross-origin browser calls)
     */
    corsAllowedOrigins?: string[];
    /**
     * Refuse access-key authentication; clients and backends use Microsoft Entra ID.
     * @default true
     */
    disableLocalAuth?: boolean;
    /** Refuse Microsoft Entra ID authentication. @default false */
    disableAadAuth?: boolean;
    /** Ask clients for a TLS client certificate. @default false */
    clientCertEnabled?: boolean;
    /** Seconds without a message after which a serverless client is disconnected (1-120). @default 30 */
    serverlessConnectionTimeoutSeconds?: number;
    /** Live trace categories (live trace is on when any is true). @default live trace off */
    liveTrace?: SignalRLogCategoriesArgs;
    /** Resource log categories the service produces for diagnostic settings. @default connectivity logs only */
    resourceLogs?: SignalRLogCategoriesArgs;
    /**
     * Where resource logs and metrics are sent: one diagnostic setting each, with at least one
     * destination. Without one, the logs `resourceLogs` turns on are collected nowhere. @default none
     */
    diagnosticSettings?: SignalRDiagnosticSettingArgs[];
    /** Role assignments on the service, named by a GUID of service + principal + role so re-runs never duplicate them. @default none */
    roleAssignments?: SignalRRoleAssignmentArgs[];
    /** A management lock on the service. @default none */
    lock?: SignalRLockArgs;
    /**
     * Geo-replicas in other regions (the primary must be Premium; at most 8). Each replica's copy of
     * every shared private endpoint is approved on its target too. @default none
     */
    replicas?: SignalRReplicaArgs[];
}
