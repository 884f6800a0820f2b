import { SIGNALR_NAME, checkResourceGroupName, parseResourceId, parseResourceIdOfType } from "../arm/resourceId";
import { findPrivateLinkTarget, resolveGroupId } from "../arm/privateLinkTargets";
import { checkIpRuleValue } from "../arm/ipRule";
import { checkTags } from "../arm/tags";
import { checkUpstreamTemplate } from "../upstream/upstreamTemplate";
import { DEFAULT_MAX_POLL_INTERVAL_SECONDS, DEFAULT_POLL_INTERVAL_SECONDS } from "../approval/pollDefaults";
import { checkDiagnosticSettings } from "./diagnosticSettings";
import { checkLock } from "./serviceLock";
import { checkInboundPrivateEndpoints } from "./inboundPrivateEndpoints";
import { SIGNALR_REQUEST_TYPES } from "../arm/privateEndpointAcl";
import { SERVERLESS_REQUEST_TYPES, checkServerlessRequestTypes } from "./requestTypes";
import { checkRoleAssignments } from "./serviceRoleAssignments";
import { checkReplicas } from "./replicaRules";
import { SHARED_PRIVATE_ENDPOINT_ENTRY_ARG_NAMES } from "./sharedPrivateEndpointArgNames";
import { ValidationError, fieldPath } from "../upstream/validationError";
import { checkArray, checkBoolean, checkIntegerInRange, checkKnownKeys, checkObject, checkOneOf, checkOperationPollSeconds } from "./argChecks";
import { AclAction, PublicNetworkAccess, ServerlessSignalRArgs, SharedPrivateEndpointEntryArgs, UpstreamTemplateArgs } from "./serverlessSignalRArgs";

/** Paid SKUs and the unit counts each accepts (from the SignalR REST API's ResourceSku). */
export const SIGNALR_SKUS: Readonly<Record<string, readonly number[]>> = {
    Standard_S1: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    Premium_P1: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    Premium_P2: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000],
};
export const DEFAULT_SKU = "Standard_S1";
export { SIGNALR_NAME };
/** Every request type SignalR's network ACLs know. */
export const REQUEST_TYPES = SIGNALR_REQUEST_TYPES;
const SECRET_NAME = /^[a-zA-Z0-9-]{1,127}$/;
const ORIGIN = /^https?:\/\/[^/?#\s]+$/i;

/** Every argument of ServerlessSignalR (the schema test checks the component analyzer sees the same list). */
export const SERVERLESS_SIGNALR_ARG_NAMES = [
    "resourceGroupName",
    "location",
    "serviceName",
    "tags",
    "sku",
    "capacity",
    "identity",
    "upstreamTemplates",
    "keyVaultAccess",
    "sharedPrivateEndpoints",
    "refreshUpstreamAfterGrants",
    "keyVaultGrantSettleSeconds",
    "upstreamRefreshPollIntervalSeconds",
    "replicaRegionEndpointPollIntervalSeconds",
    "allowPlaintextUpstreamSecrets",
    "publicNetworkAccess",
    "networkAcls",
    "privateEndpoints",
    "privateDnsZone",
    "corsAllowedOrigins",
    "disableLocalAuth",
    "disableAadAuth",
    "clientCertEnabled",
    "serverlessConnectionTimeoutSeconds",
    "liveTrace",
    "resourceLogs",
    "diagnosticSettings",
    "roleAssignments",
    "lock",
    "replicas",
];
export { SERVERLESS_REQUEST_TYPES };
/** SignalR's limit of IP rules (2024-03-01 spec, `ipRules` maxItems). */
export const MAX_IP_RULES = 30;
const LOG_CATEGORY_NAMES = ["connectivityLogs", "messagingLogs", "httpRequestLogs"];

/** One row of the rule table: the field it guards and a check that throws a ValidationError. */
export interface ArgRule<A> {
    field: string;
    check(args: A): void;
}

const isPlain = (v: unknown): v is string => typeof v === "string";

/** Checks an upstream template's plain parts now; Output-typed URL and audience are checked when known. */
export function checkTemplateArgs(field: string, t: UpstreamTemplateArgs, allowPlaintextUpstreamSecrets: boolean): void {
    checkObject(field, t);
    if (t.urlTemplate === undefined) {
        throw new ValidationError(fieldPath(field, "urlTemplate"), "is required", undefined);
    }
    checkUpstreamTemplate(
        {
            ...t,
            // Stand-ins for Output-typed values: a valid URL and audience, checked for real once known.
            urlTemplate: isPlain(t.urlTemplate) ? t.urlTemplate : "https://placeholder.invalid/",
            managedIdentityResource: t.managedIdentityResource === undefined || isPlain(t.managedIdentityResource) ? t.managedIdentityResource : "pending",
        },
        { field, allowPlaintextUpstreamSecrets },
    );
}

/** A shared private link resource name, by the SignalR spec's pattern (3-63 characters). */
export function checkSharedPrivateLinkName(field: string, name: unknown): void {
    if (typeof name !== "string" || !SIGNALR_NAME.test(name)) {
        throw new ValidationError(field, "must be 3-63 letters, digits and hyphens, starting with a letter and ending with a letter or digit", name);
    }
}

/**
 * Checks a shared private endpoint entry; an Output-typed target is checked when known. `nameField`
 * is how the user wrote the name (the standalone component takes it from another argument).
 */
export function checkSharedPrivateEndpointEntry(field: string, e: SharedPrivateEndpointEntryArgs, nameField = fieldPath(field, "name")): void {
    checkObject(field, e);
    checkKnownKeys(field, e, SHARED_PRIVATE_ENDPOINT_ENTRY_ARG_NAMES);
    checkSharedPrivateLinkName(nameField, e.name);
    if (e.targetResourceId === undefined) {
        throw new ValidationError(fieldPath(field, "targetResourceId"), "is required", undefined);
    }
    checkBoolean(fieldPath(field, "approve"), e.approve);
    checkIntegerInRange(fieldPath(field, "approvalTimeoutSeconds"), e.approvalTimeoutSeconds, 10, 86400);
    checkIntegerInRange(fieldPath(field, "approvalConfirmationSeconds"), e.approvalConfirmationSeconds, 10, 86400);
    checkIntegerInRange(fieldPath(field, "approvalPollIntervalSeconds"), e.approvalPollIntervalSeconds, 1, 3600);
    checkIntegerInRange(fieldPath(field, "approvalMaxPollIntervalSeconds"), e.approvalMaxPollIntervalSeconds, 1, 3600);
    if ((e.approvalMaxPollIntervalSeconds ?? DEFAULT_MAX_POLL_INTERVAL_SECONDS) < (e.approvalPollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS)) {
        throw new ValidationError(
            fieldPath(field, "approvalMaxPollIntervalSeconds"),
            `must be at least approvalPollIntervalSeconds (${e.approvalPollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS}; their defaults are ${DEFAULT_POLL_INTERVAL_SECONDS} and ${DEFAULT_MAX_POLL_INTERVAL_SECONDS})`,
            e.approvalMaxPollIntervalSeconds ?? DEFAULT_MAX_POLL_INTERVAL_SECONDS,
        );
    }
    if (e.requestMessage !== undefined && (typeof e.requestMessage !== "string" || e.requestMessage.trim() === "" || e.requestMessage.length > 140)) {
        throw new ValidationError(fieldPath(field, "requestMessage"), "must be 1-140 characters", e.requestMessage);
    }
    if (isPlain(e.targetResourceId)) {
        checkTargetResourceId(field, e.targetResourceId, e.groupId, e.approve ?? true);
    } else if (e.groupId !== undefined && (typeof e.groupId !== "string" || e.groupId.trim() === "")) {
        throw new ValidationError(fieldPath(field, "groupId"), "must be a non-empty private link group id", e.groupId);
    }
}

/** Group id inference and the approval's need for a known target type. Returns the group id. */
export function checkTargetResourceId(field: string, targetResourceId: string, groupId: string | undefined, approve: boolean): string {
    const resolved = resolveGroupId(field, targetResourceId, groupId);
    const type = parseResourceId(fieldPath(field, "targetResourceId"), targetResourceId).resourceType;
    if (approve && !findPrivateLinkTarget(type)) {
        throw new ValidationError(
            fieldPath(field, "approve"),
            `must be false for a ${type} target: automatic approval knows Microsoft.Web/sites and Microsoft.KeyVault/vaults`,
            approve,
        );
    }
    return resolved;
}

/** Checks a Key Vault id: a resource id of type Microsoft.KeyVault/vaults. */
export function checkKeyVaultId(field: string, id: string): void {
    parseResourceIdOfType(field, id, "Microsoft.KeyVault/vaults", "a Key Vault");
}

/** A Key Vault secret name: 1-127 letters, digits and hyphens (Key Vault's object name rule). */
export function checkSecretName(field: string, name: string): void {
    if (typeof name !== "string" || !SECRET_NAME.test(name)) throw new ValidationError(field, "must be 1-127 letters, digits and hyphens", name);
}

/** The rule table of ServerlessSignalR, checked in order at construction. Exported for tests. */
export const SERVERLESS_SIGNALR_RULES: readonly ArgRule<ServerlessSignalRArgs>[] = [
    {
        field: "args",
        check: (a) => {
            checkObject("args", a);
            checkKnownKeys("", a, SERVERLESS_SIGNALR_ARG_NAMES);
        },
    },
    {
        field: "resourceGroupName",
        check: (a) => {
            if (a.resourceGroupName === undefined || a.resourceGroupName === "") throw new ValidationError("resourceGroupName", "is required", a.resourceGroupName);
            if (isPlain(a.resourceGroupName)) checkResourceGroupName("resourceGroupName", a.resourceGroupName);
        },
    },
    { field: "tags", check: (a) => checkTags("tags", a.tags) },
    {
        field: "serviceName",
        check: (a) => {
            if (a.serviceName !== undefined && (typeof a.serviceName !== "string" || !SIGNALR_NAME.test(a.serviceName))) {
                throw new ValidationError("serviceName", "must be 3-63 letters, digits and hyphens, starting with a letter and ending with a letter or digit", a.serviceName);
            }
        },
    },
    {
        field: "sku",
        check: (a) => {
            if (a.sku === "Free_F1") {
                throw new ValidationError("sku", "must be a paid tier (Standard_S1, Premium_P1 or Premium_P2): the Free tier cannot have shared private endpoints", a.sku);
            }
            checkOneOf("sku", a.sku, Object.keys(SIGNALR_SKUS));
        },
    },
    {
        field: "capacity",
        check: (a) => {
            const allowed = SIGNALR_SKUS[a.sku ?? DEFAULT_SKU];
            if (a.capacity !== undefined && !allowed.includes(a.capacity)) {
                throw new ValidationError("capacity", `must be one of ${allowed.join(", ")} for ${a.sku ?? DEFAULT_SKU}`, a.capacity);
            }
        },
    },
    {
        field: "identity",
        check: (a) => {
            checkObject("identity", a.identity);
            if (!a.identity) return;
            checkKnownKeys("identity", a.identity, ["systemAssigned", "userAssignedIdentityId"]);
            checkBoolean("identity.systemAssigned", a.identity.systemAssigned);
            if (a.identity.systemAssigned && a.identity.userAssignedIdentityId !== undefined) {
                throw new ValidationError("identity", "must set only one of systemAssigned and userAssignedIdentityId: the service supports one identity", a.identity);
            }
            const id = a.identity.userAssignedIdentityId;
            if (isPlain(id)) parseResourceIdOfType("identity.userAssignedIdentityId", id, "Microsoft.ManagedIdentity/userAssignedIdentities", "a user-assigned identity");
        },
    },
    { field: "allowPlaintextUpstreamSecrets", check: (a) => checkBoolean("allowPlaintextUpstreamSecrets", a.allowPlaintextUpstreamSecrets) },
    { field: "refreshUpstreamAfterGrants", check: (a) => checkBoolean("refreshUpstreamAfterGrants", a.refreshUpstreamAfterGrants) },
    { field: "keyVaultGrantSettleSeconds", check: (a) => checkIntegerInRange("keyVaultGrantSettleSeconds", a.keyVaultGrantSettleSeconds, 0, 3600) },
    { field: "upstreamRefreshPollIntervalSeconds", check: (a) => checkOperationPollSeconds("upstreamRefreshPollIntervalSeconds", a.upstreamRefreshPollIntervalSeconds) },
    {
        field: "replicaRegionEndpointPollIntervalSeconds",
        check: (a) => checkOperationPollSeconds("replicaRegionEndpointPollIntervalSeconds", a.replicaRegionEndpointPollIntervalSeconds),
    },
    {
        field: "upstreamTemplates",
        check: (a) => {
            checkArray("upstreamTemplates", a.upstreamTemplates);
            (a.upstreamTemplates ?? []).forEach((t, i) => checkTemplateArgs(`upstreamTemplates[${i}]`, t, a.allowPlaintextUpstreamSecrets ?? false));
        },
    },
    {
        field: "keyVaultAccess",
        check: (a) => {
            checkArray("keyVaultAccess", a.keyVaultAccess);
            (a.keyVaultAccess ?? []).forEach((k, i) => {
                const field = `keyVaultAccess[${i}]`;
                checkObject(field, k);
                checkKnownKeys(field, k, ["keyVaultId", "secretNames", "useAccessPolicy"]);
                checkBoolean(fieldPath(field, "useAccessPolicy"), k.useAccessPolicy);
                if (k.keyVaultId === undefined) throw new ValidationError(fieldPath(field, "keyVaultId"), "is required", undefined);
                if (isPlain(k.keyVaultId)) checkKeyVaultId(fieldPath(field, "keyVaultId"), k.keyVaultId);
                checkArray(fieldPath(field, "secretNames"), k.secretNames);
                if (k.secretNames !== undefined && k.useAccessPolicy) {
                    throw new ValidationError(
                        fieldPath(field, "secretNames"),
                        "cannot be combined with useAccessPolicy: access policies grant every secret in the vault; use RBAC for per-secret access",
                        k.secretNames,
                    );
                }
                if (k.secretNames !== undefined && k.secretNames.length === 0) {
                    throw new ValidationError(fieldPath(field, "secretNames"), "must name at least one secret (leave it unset to grant the whole vault)", k.secretNames);
                }
                (k.secretNames ?? []).forEach((s, j) => {
                    if (isPlain(s)) checkSecretName(`${field}.secretNames[${j}]`, s);
                });
            });
        },
    },
    {
        field: "sharedPrivateEndpoints",
        check: (a) => {
            checkArray("sharedPrivateEndpoints", a.sharedPrivateEndpoints);
            const seen = new Map<string, string>();
            (a.sharedPrivateEndpoints ?? []).forEach((e, i) => {
                checkSharedPrivateEndpointEntry(`sharedPrivateEndpoints[${i}]`, e);
                // ARM names are case-insensitive: `func` and `FUNC` are the same shared private link resource.
                const earlier = seen.get(e.name.toLowerCase());
                if (earlier !== undefined) {
                    throw new ValidationError(
                        `sharedPrivateEndpoints[${i}].name`,
                        `must be unique among the shared private endpoints, ignoring case (ARM names are case-insensitive; \`${earlier}\` is taken)`,
                        e.name,
                    );
                }
                seen.set(e.name.toLowerCase(), e.name);
            });
        },
    },
    { field: "publicNetworkAccess", check: (a) => checkOneOf("publicNetworkAccess", a.publicNetworkAccess, Object.values(PublicNetworkAccess)) },
    {
        field: "networkAcls",
        check: (a) => {
            checkObject("networkAcls", a.networkAcls);
            if (!a.networkAcls) return;
            checkKnownKeys("networkAcls", a.networkAcls, ["defaultAction", "publicNetworkAllow", "ipRules"]);
            checkOneOf("networkAcls.defaultAction", a.networkAcls.defaultAction, Object.values(AclAction));
            checkServerlessRequestTypes("networkAcls.publicNetworkAllow", a.networkAcls.publicNetworkAllow);
            checkArray("networkAcls.ipRules", a.networkAcls.ipRules);
            if ((a.networkAcls.ipRules?.length ?? 0) > MAX_IP_RULES) {
                throw new ValidationError("networkAcls.ipRules", `must hold at most ${MAX_IP_RULES} rules (SignalR's limit)`, `${a.networkAcls.ipRules!.length} rules`);
            }
            (a.networkAcls.ipRules ?? []).forEach((r, i) => {
                checkObject(`networkAcls.ipRules[${i}]`, r);
                checkKnownKeys(`networkAcls.ipRules[${i}]`, r, ["value", "action"]);
                checkIpRuleValue(`networkAcls.ipRules[${i}].value`, r?.value);
                checkOneOf(`networkAcls.ipRules[${i}].action`, r.action, Object.values(AclAction));
            });
        },
    },
    { field: "privateEndpoints", check: (a) => checkInboundPrivateEndpoints(a.privateEndpoints, a.privateDnsZone) },
    {
        field: "corsAllowedOrigins",
        check: (a) => {
            checkArray("corsAllowedOrigins", a.corsAllowedOrigins);
            (a.corsAllowedOrigins ?? []).forEach((o, i) => {
                if (o !== "*" && (typeof o !== "string" || !ORIGIN.test(o))) {
                    throw new ValidationError(`corsAllowedOrigins[${i}]`, "must be an origin like https://app.contoso.com (scheme and host, no path) or `*`", o);
                }
            });
        },
    },
    { field: "disableLocalAuth", check: (a) => checkBoolean("disableLocalAuth", a.disableLocalAuth) },
    { field: "disableAadAuth", check: (a) => checkBoolean("disableAadAuth", a.disableAadAuth) },
    {
        field: "disableAadAuth",
        check: (a) => {
            if (a.disableAadAuth && (a.disableLocalAuth ?? true)) {
                throw new ValidationError("disableAadAuth", "cannot be true while disableLocalAuth is true (the default): nothing could authenticate", a.disableAadAuth);
            }
        },
    },
    { field: "clientCertEnabled", check: (a) => checkBoolean("clientCertEnabled", a.clientCertEnabled) },
    { field: "serverlessConnectionTimeoutSeconds", check: (a) => checkIntegerInRange("serverlessConnectionTimeoutSeconds", a.serverlessConnectionTimeoutSeconds, 1, 120) },
    ...(["liveTrace", "resourceLogs"] as const).map((key) => ({
        field: key,
        check: (a: ServerlessSignalRArgs) => {
            checkObject(key, a[key]);
            if (!a[key]) return;
            checkKnownKeys(key, a[key]!, LOG_CATEGORY_NAMES);
            for (const name of LOG_CATEGORY_NAMES) checkBoolean(`${key}.${name}`, (a[key] as Record<string, unknown>)[name]);
        },
    })),
    { field: "diagnosticSettings", check: (a) => checkDiagnosticSettings("diagnosticSettings", a.diagnosticSettings) },
    { field: "roleAssignments", check: (a) => checkRoleAssignments("roleAssignments", a.roleAssignments) },
    { field: "lock", check: (a) => checkLock("lock", a.lock) },
    {
        field: "replicas",
        check: (a) =>
            checkReplicas("replicas", a.replicas, {
                sku: a.sku ?? DEFAULT_SKU,
                location: isPlain(a.location) ? a.location : undefined,
                serviceName: a.serviceName,
                units: SIGNALR_SKUS,
            }),
    },
];

/** Runs the rule table; throws the first ValidationError, before any resource is registered. */
export function validateServerlessSignalRArgs(args: ServerlessSignalRArgs): void {
    for (const rule of SERVERLESS_SIGNALR_RULES) rule.check(args);
}
