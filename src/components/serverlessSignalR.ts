import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as signalrservice from "@pulumi/azure-native/signalrservice";
import { checkResourceGroupName, parseResourceId, sameResourceType } from "../arm/resourceId";
import { uncoveredKeyVaultReferences } from "../upstream/keyVaultCoverage";
import { parseKeyVaultReferences } from "../upstream/keyVaultReference";
import { ValidationError } from "../upstream/validationError";
import { checkedInput, isPlainInput, mapInputs } from "./plainOrOutput";
import { GrantPrincipal, createKeyVaultGrants } from "./keyVaultGrants";
import { SharedPrivateEndpoint, argsFromEntry, sharedPrivateLinkOf, withReplicaNames } from "./sharedPrivateEndpoint";
import { SignalRReplicaOutput, createReplicas, replicaOutputs } from "./replicas";
import { createReplicaRegionEndpoints } from "./replicaRegionEndpoints";
import { configuredResourceManagerEndpoint } from "./configuredCloud";
import { newUpstreamRefresh } from "./armBackedResources";
import { checkTagValue } from "../arm/tags";
import { createDiagnosticSettings } from "./diagnosticSettings";
import { createServiceLock } from "./serviceLock";
import { createServiceRoleAssignments } from "./serviceRoleAssignments";
import { PRIVATE_ENDPOINT_ACL_PATH, createInboundPrivateEndpoints, serviceRevision } from "./inboundPrivateEndpoints";
import { ServerlessSignalRArgs, UpstreamAuth, UpstreamTemplateArgs } from "./serverlessSignalRArgs";
import { DEFAULT_SKU, checkTemplateArgs, validateServerlessSignalRArgs } from "./serverlessSignalRRules";
import { serviceSettings, upstreamTemplateBlock } from "./signalRProperties";

/** An upstream template as the service reports it. */
export interface UpstreamTemplateOutput {
    urlTemplate: string;
    hubPattern?: string;
    categoryPattern?: string;
    eventPattern?: string;
    /** `None` or `ManagedIdentity`. */
    auth: string;
    managedIdentityResource?: string;
}

/** Each component's shared private endpoints; kept off the class so they are not schema outputs. */
const ENDPOINTS = new WeakMap<ServerlessSignalR, SharedPrivateEndpoint[]>();

const KEY_VAULT_TYPE = "Microsoft.KeyVault/vaults";

/**
 * What the Key Vault re-read waits for of one shared private endpoint: only its link when the target
 * is known now and is not a vault (a Function app's approval does not change how SignalR reaches Key
 * Vault), else the whole endpoint with its approval, since SignalR reads a private vault through
 * that link and a read before the approval fails until the next re-read 30 minutes later.
 */
function reReadWaitsFor(endpoint: SharedPrivateEndpoint, targetResourceId: pulumi.Input<string> | undefined): pulumi.Resource {
    const knownNotVault = typeof targetResourceId === "string" && !sameResourceType(parseResourceId("targetResourceId", targetResourceId).resourceType, KEY_VAULT_TYPE);
    return knownNotVault ? sharedPrivateLinkOf(endpoint) : endpoint;
}

/**
 * Azure SignalR Service in serverless mode with ordered upstream templates, Key Vault references
 * read by a managed identity, and (see SharedPrivateEndpoint) private upstream traffic.
 *
 * Order of creation: identity → Key Vault grants → service → geo-replicas one at a time → shared
 * private links one at a time (each approved beside what follows) → inbound private endpoints,
 * each with its network ACL entry → upstream refresh (the re-read once the grants have applied and
 * every Key Vault link is approved) → each replica's region endpoint, turned on once its copies of
 * the links are approved (created `Disabled` when there are links) → lock. Every write to the service follows the one before. With a system-assigned identity the
 * grants can only follow the service (its principal does not exist before).
 */
export class ServerlessSignalR extends pulumi.ComponentResource {
    /** Resource id of the SignalR service. */
    public readonly serviceId: pulumi.Output<string>;
    /** Name of the SignalR service. */
    public readonly serviceName: pulumi.Output<string>;
    /** Public host name, e.g. `contoso.service.signalr.net`. */
    public readonly hostName: pulumi.Output<string>;
    /** Principal (object) id of the service's identity; empty when it has none. */
    public readonly identityPrincipalId: pulumi.Output<string>;
    /** Resource id of the user-assigned identity; empty for a system-assigned identity or none. */
    public readonly identityId: pulumi.Output<string>;
    /** The upstream templates as configured, in order. */
    public readonly upstreamTemplates: pulumi.Output<UpstreamTemplateOutput[]>;

    /** Resource ids of the inbound private endpoints, in the order of `privateEndpoints`. */
    public readonly privateEndpointIds: pulumi.Output<string[]>;

    /** Status of each shared private endpoint by name: `Approved` once SignalR reports it. */
    public readonly sharedPrivateEndpointStatuses: pulumi.Output<{ [name: string]: string }>;

    /** The geo-replicas, in the order of `replicas`: id, name, location and each shared private endpoint's status on the replica. */
    public readonly replicas: pulumi.Output<SignalRReplicaOutput[]>;

    /** The SignalR resource (for dependsOn and advanced wiring). */
    public readonly service: signalrservice.SignalR;
    /** The shared private endpoint children, in the order given (a method: not part of the schema). */
    public sharedPrivateEndpoints(): SharedPrivateEndpoint[] {
        return ENDPOINTS.get(this) ?? [];
    }

    constructor(name: string, args: ServerlessSignalRArgs, opts?: pulumi.ComponentResourceOptions) {
        // Bad input fails here, before the component or any child is registered.
        validateServerlessSignalRArgs(args);
        super("signalr-serverless:index:ServerlessSignalR", name, {}, opts);

        const templates = args.upstreamTemplates ?? [];
        // Plain tag values and resource group names were checked by the rule table; Output ones are checked once known.
        args = {
            ...args,
            resourceGroupName: checkedInput(args.resourceGroupName, (known) => checkResourceGroupName("resourceGroupName", known)),
            tags: args.tags && Object.fromEntries(Object.entries(args.tags).map(([k, v]) => [k, checkedInput(v, (known) => checkTagValue(`tags[${JSON.stringify(k)}]`, known))])),
        };
        const keyVaultAccess = args.keyVaultAccess ?? [];
        const allowPlaintext = args.allowPlaintextUpstreamSecrets ?? false;
        const identity = resolveIdentity(this, name, args, templates);

        const upstreamBlocks = templates.map((t, i) => {
            const field = `upstreamTemplates[${i}]`;
            // Plain values were checked by the rule table already; Outputs are checked once known.
            const url = isPlainInput(t.urlTemplate)
                ? t.urlTemplate
                : checkedInput(t.urlTemplate, (known) => {
                      checkTemplateArgs(field, { ...t, urlTemplate: known, managedIdentityResource: undefined }, allowPlaintext);
                      if (identity.kind === "none" && parseKeyVaultReferences(known, `${field}.urlTemplate`).length > 0) {
                          throw new ValidationError(
                              `${field}.urlTemplate`,
                              "holds a Key Vault reference, so the service needs an identity: add a keyVaultAccess entry for the vault (the component then creates an identity) or set identity",
                              known,
                          );
                      }
                  });
            const audience =
                t.managedIdentityResource === undefined || isPlainInput(t.managedIdentityResource)
                    ? t.managedIdentityResource
                    : checkedInput(t.managedIdentityResource, (known) =>
                          checkTemplateArgs(field, { ...t, urlTemplate: "https://placeholder.invalid/", managedIdentityResource: known }, allowPlaintext),
                      );
            // With plaintext secrets allowed, the URL may hold one: keep it encrypted in state.
            return upstreamTemplateBlock({ ...t, managedIdentityResource: audience }, allowPlaintext ? pulumi.secret(url) : url);
        });

        const grantsBefore = identity.kind === "user" ? keyVaultAccess.flatMap((access, i) => createKeyVaultGrants(name, i, access, identity.principal, { parent: this })) : [];

        const serviceInputs: signalrservice.SignalRArgs = {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            resourceName: args.serviceName,
            tags: args.tags,
            ...serviceSettings(args),
            identity: identity.block,
            upstream: { templates: upstreamBlocks },
        };
        this.service = new signalrservice.SignalR(`${name}-service`, serviceInputs, {
            parent: this,
            dependsOn: grantsBefore,
            // The inbound endpoints' entries belong to their PrivateEndpointNetworkAcl resources. A refresh
            // folds them into the service's inputs (azure-native's Read); kept as stored, an update writes
            // them back instead of dropping them, and the next up shows no change (see PRIVATE_ENDPOINT_ACL_PATH).
            ignoreChanges: [PRIVATE_ENDPOINT_ACL_PATH],
            ...(allowPlaintext ? { additionalSecretOutputs: ["upstream"] } : {}),
        });

        // A system-assigned identity's principal exists only once the service does.
        const systemPrincipal: GrantPrincipal | undefined =
            identity.kind === "system"
                ? { principalId: this.service.identity.apply((i) => i?.principalId ?? ""), tenantId: this.service.identity.apply((i) => i?.tenantId ?? "") }
                : undefined;
        const grantsAfter = systemPrincipal
            ? keyVaultAccess.flatMap((access, i) => createKeyVaultGrants(name, i, access, systemPrincipal, { parent: this, dependsOn: [this.service] }))
            : [];
        const grants = [...grantsBefore, ...grantsAfter];

        warnAboutUncoveredVaults(this, templates, args);

        const endpointEntries = args.sharedPrivateEndpoints ?? [];
        // With shared private endpoints, the replicas are created Disabled and their region endpoints
        // set once the copies are approved: one fact, for both places that must agree on it.
        const endpointAfterApproval = endpointEntries.length > 0;

        // Geo-replicas before the shared private links, one at a time: SignalR copies a link created
        // while replicas exist to each of them (the SignalR team, azure-rest-api-specs PR #28259).
        const replicas = createReplicas(
            {
                name,
                service: this.service,
                resourceGroupName: args.resourceGroupName,
                serviceName: args.serviceName,
                location: args.location,
                sku: args.sku ?? DEFAULT_SKU,
                tags: args.tags,
                parent: this,
                endpointAfterApproval,
            },
            args.replicas ?? [],
        );
        const replicaNames = replicas.map((r) => r.name);

        // One at a time: SignalR refuses a second shared private link operation while one runs.
        const endpoints: SharedPrivateEndpoint[] = [];
        ENDPOINTS.set(this, endpoints);
        for (const [i, entry] of endpointEntries.entries()) {
            const previous: pulumi.Resource | undefined = endpoints.length > 0 ? sharedPrivateLinkOf(endpoints[endpoints.length - 1]) : replicas[replicas.length - 1];
            endpoints.push(
                new SharedPrivateEndpoint(
                    `${name}-${entry.name}`,
                    withReplicaNames(
                        argsFromEntry(
                            {
                                resourceGroupName: args.resourceGroupName,
                                signalRName: this.service.name,
                                targetResourceId: entry.targetResourceId,
                                groupId: entry.groupId,
                                requestMessage: entry.requestMessage,
                                approve: entry.approve,
                                approvalTimeoutSeconds: entry.approvalTimeoutSeconds,
                                approvalConfirmationSeconds: entry.approvalConfirmationSeconds,
                                approvalPollIntervalSeconds: entry.approvalPollIntervalSeconds,
                                approvalMaxPollIntervalSeconds: entry.approvalMaxPollIntervalSeconds,
                                sharedPrivateLinkResourceName: entry.name,
                            },
                            `sharedPrivateEndpoints[${i}]`,
                        ),
                        replicaNames,
                    ),
                    { parent: this, dependsOn: previous ? [previous] : [] },
                ),
            );
        }

        // Inbound private endpoints after the shared ones, each followed by its network ACL entry.
        const inbound = createInboundPrivateEndpoints(
            {
                name,
                service: { id: this.service.id, name: this.service.name, location: this.service.location },
                resourceGroupName: args.resourceGroupName,
                tags: args.tags,
                revision: (args.privateEndpoints ?? []).length > 0 ? serviceRevision(serviceInputs as pulumi.Inputs) : "",
                parent: this,
                after: endpoints.length > 0 ? sharedPrivateLinkOf(endpoints[endpoints.length - 1]) : replicas[replicas.length - 1],
            },
            args.privateEndpoints ?? [],
            args.privateDnsZone,
        );

        // The service's first reads may come before the grants apply (Azure RBAC: up to 10 minutes;
        // a system-assigned identity's grants even follow the service). A change of upstream
        // settings makes it read again: once the grants have surely applied, and after the shared
        // private links, so that no two operations on the service overlap (SignalR runs one at a
        // time); the settle wait then runs beside the approvals.
        let refresh: pulumi.CustomResource | undefined;
        if (grants.length > 0 && templates.length > 0 && (args.refreshUpstreamAfterGrants ?? true)) {
            const endpoint = configuredResourceManagerEndpoint();
            refresh = newUpstreamRefresh(
                `${name}-upstream-refresh`,
                {
                    serviceId: this.service.id,
                    templates: upstreamBlocks,
                    triggers: grants.map((g) => g.id),
                    grantsCreatedOn: grants
                        .filter((g): g is authorization.RoleAssignment => g instanceof authorization.RoleAssignment)
                        .map((g) => g.createdOn.apply((c) => c ?? "")),
                    ...(endpoint ? { resourceManagerEndpoint: endpoint } : {}),
                    ...(args.keyVaultGrantSettleSeconds !== undefined ? { settleSeconds: args.keyVaultGrantSettleSeconds } : {}),
                    ...(args.upstreamRefreshPollIntervalSeconds !== undefined ? { operationPollIntervalSeconds: args.upstreamRefreshPollIntervalSeconds } : {}),
                    // Its check refuses plaintext secrets as this component does, unless allowed here too.
                    ...(allowPlaintext ? { allowPlaintextUpstreamSecrets: true } : {}),
                },
                // After the links, not their approvals (bench/RESULTS.md, section 7): an approval writes to the
                // target, not to the service. But SignalR reads Key Vault through a link to a vault, so the
                // re-read waits for the approval of every link whose target may be a vault.
                {
                    parent: this,
                    dependsOn: [
                        ...grants,
                        ...replicas,
                        ...endpoints.map((e, i) => reReadWaitsFor(e, args.sharedPrivateEndpoints?.[i]?.targetResourceId)),
                        ...inbound.serviceWrites,
                    ],
                },
            );
        }

        // Each replica's region endpoint, once its copies of the links are approved: after the
        // approvals and after every other write to the service (the re-read, the inbound ACL entries).
        const regionEndpoints = endpointAfterApproval
            ? createReplicaRegionEndpoints(name, replicas, args.replicas ?? [], {
                  parent: this,
                  after: [...endpoints, ...inbound.serviceWrites, ...(refresh ? [refresh] : [])],
                  operationPollIntervalSeconds: args.replicaRegionEndpointPollIntervalSeconds,
              })
            : [];

        const roleAssignments = createServiceRoleAssignments(name, this.service.id, args.roleAssignments ?? [], { parent: this });
        const diagnostics = createDiagnosticSettings(name, this.service.id, this.service.name, args.diagnosticSettings ?? [], { parent: this });
        if (args.lock) {
            // Last: a ReadOnly lock refuses every later write to the service (links, refresh, key listing).
            createServiceLock(name, this.service.id, this.service.name, args.lock, {
                parent: this,
                dependsOn: [...replicas, ...endpoints, ...inbound.all, ...roleAssignments, ...diagnostics, ...(refresh ? [refresh] : []), ...regionEndpoints],
            });
        }

        this.privateEndpointIds = pulumi.all(inbound.endpoints.map((e) => e.id));
        this.replicas = replicaOutputs(
            replicas,
            endpoints.map((e, i) => ({ name: args.sharedPrivateEndpoints![i].name, replicaStatuses: e.replicaStatuses })),
        );
        this.sharedPrivateEndpointStatuses = pulumi.all(Object.fromEntries(endpoints.map((e, i) => [args.sharedPrivateEndpoints![i].name, e.status])));

        this.serviceId = this.service.id;
        this.serviceName = this.service.name;
        this.hostName = this.service.hostName;
        this.identityPrincipalId = pulumi.output(systemPrincipal?.principalId ?? (identity.kind === "user" ? identity.principal.principalId : ""));
        this.identityId = pulumi.output(identity.kind === "user" ? identity.id : "");
        this.upstreamTemplates = this.service.upstream.apply((u) =>
            (u?.templates ?? []).map((t) => ({
                urlTemplate: t.urlTemplate,
                hubPattern: t.hubPattern,
                categoryPattern: t.categoryPattern,
                eventPattern: t.eventPattern,
                auth: t.auth?.type ?? UpstreamAuth.None,
                managedIdentityResource: t.auth?.managedIdentity?.resource,
            })),
        );

        this.registerOutputs({
            serviceId: this.serviceId,
            serviceName: this.serviceName,
            hostName: this.hostName,
            identityPrincipalId: this.identityPrincipalId,
            identityId: this.identityId,
            upstreamTemplates: this.upstreamTemplates,
            sharedPrivateEndpointStatuses: this.sharedPrivateEndpointStatuses,
            privateEndpointIds: this.privateEndpointIds,
            replicas: this.replicas,
        });
    }
}

type ResolvedIdentity =
    | { kind: "none"; block: undefined }
    | { kind: "system"; block: { type: "SystemAssigned" } }
    | { kind: "user"; block: { type: "UserAssigned"; userAssignedIdentities: pulumi.Input<string>[] }; id: pulumi.Input<string>; principal: GrantPrincipal };

/** Whether any upstream needs the service to have an identity, judged from plain values. */
function needsIdentity(args: ServerlessSignalRArgs, templates: UpstreamTemplateArgs[]): boolean {
    return (
        (args.keyVaultAccess?.length ?? 0) > 0 ||
        templates.some((t) => t.auth === UpstreamAuth.ManagedIdentity || (typeof t.urlTemplate === "string" && parseKeyVaultReferences(t.urlTemplate).length > 0))
    );
}

/**
 * Decides the service's identity: the system-assigned one, the given user-assigned one (looked up
 * for its principal when grants need it), or a user-assigned identity created here when an
 * upstream needs one and none was given.
 */
function resolveIdentity(parent: pulumi.ComponentResource, name: string, args: ServerlessSignalRArgs, templates: UpstreamTemplateArgs[]): ResolvedIdentity {
    if (args.identity?.systemAssigned) {
        return { kind: "system", block: { type: "SystemAssigned" } };
    }
    const givenId = args.identity?.userAssignedIdentityId;
    if (givenId !== undefined) {
        const field = "identity.userAssignedIdentityId";
        const id = pulumi.output(checkedInput(givenId, (known) => parseResourceId(field, known)));
        const parsed = id.apply((known) => parseResourceId(field, known));
        const found = managedidentity.getUserAssignedIdentityOutput({ resourceGroupName: parsed.resourceGroupName, resourceName: parsed.name }, { parent });
        const principal: GrantPrincipal = { principalId: found.principalId, tenantId: found.tenantId };
        return { kind: "user", block: { type: "UserAssigned", userAssignedIdentities: [id] }, id, principal };
    }
    if (!needsIdentity(args, templates)) {
        return { kind: "none", block: undefined };
    }
    const created = new managedidentity.UserAssignedIdentity(
        `${name}-identity`,
        { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags },
        { parent },
    );
    return {
        kind: "user",
        block: { type: "UserAssigned", userAssignedIdentities: [created.id] },
        id: created.id,
        principal: { principalId: created.principalId, tenantId: created.tenantId },
    };
}

/** Logs a warning on the component for each Key Vault reference that keyVaultAccess does not cover. */
function warnAboutUncoveredVaults(resource: pulumi.Resource, templates: UpstreamTemplateArgs[], args: ServerlessSignalRArgs): void {
    if (templates.length === 0) return;
    const access = args.keyVaultAccess ?? [];
    // One flat list, so that plain values are judged at once and Outputs once all are known.
    const flat: pulumi.Input<string>[] = [...templates.map((t) => t.urlTemplate), ...access.map((k) => k.keyVaultId), ...access.flatMap((k) => k.secretNames ?? [])];
    mapInputs(flat, (values) => {
        let cursor = templates.length + access.length;
        try {
            const granted = access.map((k, i) => ({
                vaultName: parseResourceId("keyVaultId", values[templates.length + i]).name,
                secretNames: k.secretNames ? values.slice(cursor, (cursor += k.secretNames.length)) : undefined,
            }));
            const urls = values.slice(0, templates.length).map((urlTemplate, i) => ({ field: `upstreamTemplates[${i}].urlTemplate`, urlTemplate }));
            uncoveredKeyVaultReferences(urls, granted).forEach((m) => void pulumi.log.warn(m, resource));
        } catch {
            // Malformed values fail their own resources with a precise message; nothing to add here.
        }
    });
}
