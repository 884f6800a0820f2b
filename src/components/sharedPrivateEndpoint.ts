import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as signalrservice from "@pulumi/azure-native/signalrservice";
import { ApprovalDeleteBehavior } from "../resources/approval";
import { ApprovalHandle, newApproval } from "./armBackedResources";
import { normalizeResourceManagerEndpoint } from "../arm/cloud";
import { configuredResourceManagerEndpoint } from "./configuredCloud";
import { ValidationError } from "../upstream/validationError";
import { checkBoolean, checkKnownKeys } from "./argChecks";
import { checkedInput, mapInputs } from "./plainOrOutput";
import { checkSharedPrivateEndpointEntry, checkTargetResourceId } from "./serverlessSignalRRules";
import { checkResourceGroupName } from "../arm/resourceId";
import { SHARED_PRIVATE_ENDPOINT_ARG_NAMES } from "./sharedPrivateEndpointArgNames";

/** Arguments of SharedPrivateEndpoint. */
export interface SharedPrivateEndpointArgs {
    /** Resource group of the SignalR service. */
    resourceGroupName: pulumi.Input<string>;
    /** Name of the SignalR service (a paid tier). */
    signalRName: pulumi.Input<string>;
    /** Resource id of the target: a Function/Web app (`Microsoft.Web/sites`) or a Key Vault. */
    targetResourceId: pulumi.Input<string>;
    /** Private link group id. @default inferred: `sites` for Microsoft.Web/sites, `vault` for Key Vault */
    groupId?: string;
    /**
     * Message shown with the pending connection; the approval recognises the connection by it, so
     * it must be unique among the target's connections. @default "signalr-serverless <name> <random nonce>"
     */
    requestMessage?: string;
    /** Approve the connection on the target and wait until SignalR reports it Approved. @default true */
    approve?: boolean;
    /** Seconds to wait for the connection to appear, be approved and be reported Approved. @default 900 */
    approvalTimeoutSeconds?: number;
    /**
     * Seconds SignalR has, after the approval, to report the link Approved; otherwise the connection
     * approved is rejected again, since it may be a stranger's carrying a copied request message.
     * Within approvalTimeoutSeconds. @default 600
     */
    approvalConfirmationSeconds?: number;
    /**
     * First wait between the approval's reads (the target's connections, then SignalR's link),
     * growing by half up to approvalMaxPollIntervalSeconds. @default 20
     */
    approvalPollIntervalSeconds?: number;
    /** Cap of the wait between the approval's reads (at least approvalPollIntervalSeconds). @default 30 */
    approvalMaxPollIntervalSeconds?: number;
    /** Name of the shared private link resource in SignalR. @default the component name */
    sharedPrivateLinkResourceName?: string;
    /** Reject the connection on the target when this component is deleted. @default false: it is left as it is */
    rejectOnDelete?: boolean;
    /** Resource Manager endpoint for the approval. @default from `azure-native:environment`, else the cloud azure-native uses where the engine runs */
    resourceManagerEndpoint?: string;
}

/** Checks SharedPrivateEndpoint's arguments; an Output-typed target is checked when known. */
export function validateSharedPrivateEndpointArgs(name: string, args: SharedPrivateEndpointArgs): void {
    if (typeof args !== "object" || args === null) throw new ValidationError("args", "must be an object", args);
    checkKnownKeys("", args, SHARED_PRIVATE_ENDPOINT_ARG_NAMES);
    for (const key of ["resourceGroupName", "signalRName"] as const) {
        if (args[key] === undefined || args[key] === "") throw new ValidationError(key, "is required", args[key]);
    }
    if (typeof args.resourceGroupName === "string") checkResourceGroupName("resourceGroupName", args.resourceGroupName);
    checkSharedPrivateEndpointEntry(
        "",
        {
            name: args.sharedPrivateLinkResourceName ?? name,
            targetResourceId: args.targetResourceId,
            groupId: args.groupId,
            requestMessage: args.requestMessage,
            approve: args.approve,
            approvalTimeoutSeconds: args.approvalTimeoutSeconds,
            approvalConfirmationSeconds: args.approvalConfirmationSeconds,
            approvalPollIntervalSeconds: args.approvalPollIntervalSeconds,
            approvalMaxPollIntervalSeconds: args.approvalMaxPollIntervalSeconds,
        },
        // Named as the user wrote it: the argument, or the component's own name when that is the default.
        args.sharedPrivateLinkResourceName !== undefined ? "sharedPrivateLinkResourceName" : "name",
    );
    checkBoolean("rejectOnDelete", args.rejectOnDelete);
    if (args.resourceManagerEndpoint !== undefined) normalizeResourceManagerEndpoint(args.resourceManagerEndpoint);
}

/**
 * What makes a shared private link a new one: its resource group, service, name (azure-native
 * replaces a link whose path changes, delete-first when the name is explicit: pulumi-azure-native
 * provider/pkg/provider/provider.go, Diff), its target and group id. The nonce's replacement
 * trigger: the engine replaces the nonce when this changes, and not when an existing nonce gets
 * the trigger for the first time (pulumi/pulumi pkg/resource/deploy/step_generator.go,
 * shouldTriggerReplace: a null old trigger never replaces), so upgrading keeps every message.
 */
export function linkIdentity(...parts: pulumi.Input<string>[]): pulumi.Output<string> {
    return pulumi.all(parts).apply((values) => values.join("|"));
}

/** Where a parent component's user wrote these arguments (e.g. `sharedPrivateEndpoints[1]`), for error paths. */
const FIELD_PREFIXES = new WeakMap<SharedPrivateEndpointArgs, string>();

/** Marks arguments a parent component built from its own entry, so errors name the path the user wrote. */
export function argsFromEntry(args: SharedPrivateEndpointArgs, prefix: string): SharedPrivateEndpointArgs {
    FIELD_PREFIXES.set(args, prefix);
    return args;
}

/** Replica names a parent component gives its endpoints' approvals (kept off the arguments: not part of the schema). */
const REPLICA_NAMES = new WeakMap<SharedPrivateEndpointArgs, pulumi.Input<string>[]>();

/**
 * Marks arguments a parent component built for a service with these geo-replicas: the approval
 * approves each replica's copy of the link too, and runs again when the set changes. Without it the
 * approval approves the copies of every replica Resource Manager lists.
 */
export function withReplicaNames(args: SharedPrivateEndpointArgs, names: pulumi.Input<string>[]): SharedPrivateEndpointArgs {
    if (names.length > 0) REPLICA_NAMES.set(args, names);
    return args;
}

/** Each component's link resource; kept off the class so it is not part of the component's schema. */
const LINKS = new WeakMap<SharedPrivateEndpoint, signalrservice.SignalRSharedPrivateLinkResource>();

/** The shared private link resource of a SharedPrivateEndpoint, to order other links of the same service after it. */
export function sharedPrivateLinkOf(endpoint: SharedPrivateEndpoint): signalrservice.SignalRSharedPrivateLinkResource {
    return LINKS.get(endpoint)!;
}

/**
 * A shared private endpoint from a SignalR service to a Function app or Key Vault, with the
 * target-side connection approved automatically and safely (see approvePrivateEndpointConnection).
 */
export class SharedPrivateEndpoint extends pulumi.ComponentResource {
    /** Resource id of the shared private link resource in SignalR. */
    public readonly sharedPrivateLinkResourceId: pulumi.Output<string>;
    /** Resource id of the private endpoint connection on the target; empty when not approved here. */
    public readonly connectionId: pulumi.Output<string>;
    /** Name of that connection; empty when not approved here. */
    public readonly connectionName: pulumi.Output<string>;
    /** Connection status as SignalR reports it: `Approved` once approved, else `Pending`. */
    public readonly status: pulumi.Output<string>;
    /** The request message the connection carries. */
    public readonly requestMessage: pulumi.Output<string>;
    /** Status of each geo-replica's copy of the link, by replica name, as SignalR reports it; empty without replicas or with approve false. */
    public readonly replicaStatuses: pulumi.Output<{ [replica: string]: string }>;

    constructor(name: string, args: SharedPrivateEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        validateSharedPrivateEndpointArgs(name, args);
        super("signalr-serverless:index:SharedPrivateEndpoint", name, {}, opts);
        const approve = args.approve ?? true;
        // One check of the target yields its group id; an Output-typed target that fails it fails both.
        const prefix = FIELD_PREFIXES.get(args) ?? "";
        const checkedTarget = mapInputs([args.targetResourceId], ([id]) => ({ id, groupId: checkTargetResourceId(prefix, id, args.groupId, approve) }));
        const target = mapInputs([checkedTarget], ([t]) => t.id);
        const groupId = mapInputs([checkedTarget], ([t]) => t.groupId);

        const linkName = args.sharedPrivateLinkResourceName ?? name;
        const requestMessage: pulumi.Output<string> =
            args.requestMessage !== undefined
                ? pulumi.output(args.requestMessage)
                : new random.RandomString(
                      `${name}-nonce`,
                      { length: 12, special: false, upper: false },
                      // A new link gets a new nonce, so no connection of an earlier link carries its message.
                      { parent: this, replacementTrigger: linkIdentity(args.resourceGroupName, args.signalRName, linkName, target, groupId) },
                  ).result.apply((nonce) => `signalr-serverless ${name} ${nonce}`);

        const link = new signalrservice.SignalRSharedPrivateLinkResource(
            `${name}-link`,
            {
                resourceGroupName: checkedInput(args.resourceGroupName, (known) => checkResourceGroupName("resourceGroupName", known)),
                resourceName: args.signalRName,
                sharedPrivateLinkResourceName: linkName,
                privateLinkResourceId: target,
                groupId,
                requestMessage,
            },
            // What the component waits for, its link waits for: e.g. another link of the same
            // service (SignalR runs one shared private link operation at a time). Delete-first on every
            // replacement: the link's name is explicit, and `pulumi up --replace` (the recovery a
            // Rejected link names) leaves the order to this option; create-first would find the old
            // link under the same id and fail (pulumi-azure-native provider/pkg/provider/provider.go,
            // defaultCreate: CanCreate; pulumi/pulumi pkg/resource/deploy/step_generator.go, diff).
            { parent: this, dependsOn: opts?.dependsOn, deleteBeforeReplace: true },
        );
        LINKS.set(this, link);

        let approval: ApprovalHandle | undefined;
        if (approve) {
            const endpoint = args.resourceManagerEndpoint ?? configuredResourceManagerEndpoint();
            approval = newApproval(
                `${name}-approval`,
                {
                    targetResourceId: target,
                    requestMessage,
                    sharedPrivateLinkResourceId: link.id,
                    timeoutSeconds: args.approvalTimeoutSeconds ?? 900,
                    // Only when set: an approval's state from before this setting existed stays as it is.
                    ...(args.approvalConfirmationSeconds !== undefined ? { confirmationSeconds: args.approvalConfirmationSeconds } : {}),
                    ...(args.approvalPollIntervalSeconds !== undefined ? { pollIntervalSeconds: args.approvalPollIntervalSeconds } : {}),
                    ...(args.approvalMaxPollIntervalSeconds !== undefined ? { maxPollIntervalSeconds: args.approvalMaxPollIntervalSeconds } : {}),
                    onDelete: args.rejectOnDelete ? ApprovalDeleteBehavior.Reject : ApprovalDeleteBehavior.Keep,
                    ...(endpoint ? { resourceManagerEndpoint: endpoint } : {}),
                    // Only with replicas: approvals of services without any keep their inputs as they were.
                    ...(REPLICA_NAMES.has(args) ? { replicaNames: pulumi.all(REPLICA_NAMES.get(args)!).apply((names) => [...names].sort()) } : {}),
                },
                { parent: this },
            );
            if (!pulumi.runtime.isDryRun()) {
                link.id.apply((id) =>
                    pulumi.log.info(
                        `Shared private link ${id.split("/").pop()} created; approving its connection on the target and waiting for SignalR to report it Approved (up to ${args.approvalTimeoutSeconds ?? 900} s).`,
                        this,
                    ),
                );
            }
        }

        this.sharedPrivateLinkResourceId = link.id;
        this.requestMessage = requestMessage;
        this.connectionId = approval ? approval.connectionId : pulumi.output("");
        this.connectionName = approval ? approval.connectionName : pulumi.output("");
        this.status = approval ? approval.status : link.status;
        this.replicaStatuses = approval ? approval.replicaStatuses.apply((s) => s ?? {}) : pulumi.output<{ [replica: string]: string }>({});
        this.registerOutputs({
            replicaStatuses: this.replicaStatuses,
            sharedPrivateLinkResourceId: this.sharedPrivateLinkResourceId,
            connectionId: this.connectionId,
            connectionName: this.connectionName,
            status: this.status,
            requestMessage: this.requestMessage,
        });
    }
}
