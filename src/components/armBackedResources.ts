import * as pulumi from "@pulumi/pulumi";
import type * as azureInputs from "@pulumi/azure-native/types/input";
import * as approvalProvider from "../dynamic/approval";
import * as systemKeyProvider from "../dynamic/functionAppSystemKey";
import * as upstreamRefreshProvider from "../dynamic/upstreamSettingsRefresh";
import * as networkAclProvider from "../dynamic/privateEndpointNetworkAcl";
import * as regionEndpointProvider from "../dynamic/replicaRegionEndpoint";
import { dynamicMethods } from "../dynamic/adapter";
import { ApprovalInputs, LifecycleDependencies, approvalLifecycle } from "../resources/approval";
import { systemKeyLifecycle } from "../resources/functionAppSystemKey";
import { upstreamRefreshLifecycle } from "../resources/upstreamRefresh";
import { PrivateEndpointAclInputs, privateEndpointNetworkAclLifecycle } from "../resources/privateEndpointNetworkAcl";
import { ReplicaRegionEndpointInputs, replicaRegionEndpointLifecycle } from "../resources/replicaRegionEndpoint";
import { AZURE_NATIVE_SECRET_SETTINGS, AzureNativeSetting } from "../arm/armSettings";
import { AzureNativeConfigInput, configuredAzureNativeConfig } from "./configuredCloud";

/** The sign-in settings input every ARM-backed resource takes (see configuredAzureNativeConfig). */
export interface SignInSettingsArgs {
    /**
     * azure-native's sign-in and cloud settings (`clientId`, `clientSecret`, `useOidc`, …, the keys of
     * `azure-native:<key>`), read before the `ARM_*` environment, as azure-native reads them. Pass
     * secrets as Pulumi secrets. @default the stack's `azure-native:*` configuration
     */
    azureNativeConfig?: pulumi.Input<AzureNativeConfigInput>;
}

/**
 * The args with azure-native's settings from the stack config when none are given (none set: no
 * key, so nothing changes for stacks without them). Given settings have their secret ones made
 * Pulumi secrets (all of them, when they come as one Output), so no secret is ever plain in state.
 */
function withSignInSettings<T extends SignInSettingsArgs>(args: T): T {
    const given = args.azureNativeConfig;
    if (given === undefined) {
        const configured = configuredAzureNativeConfig();
        return configured === undefined ? args : { ...args, azureNativeConfig: configured };
    }
    if (pulumi.Output.isInstance(given) || given instanceof Promise) return { ...args, azureNativeConfig: pulumi.secret(given) };
    const secret = Object.fromEntries(
        Object.entries(given).map(([k, v]) => [k, AZURE_NATIVE_SECRET_SETTINGS.includes(k as AzureNativeSetting) && v !== undefined ? pulumi.secret(v) : v]),
    );
    return { ...args, azureNativeConfig: secret };
}

/**
 * The resources that talk to Resource Manager, as Pulumi resources. In a TypeScript program they
 * are dynamic resources whose provider is an entry point of the installed package; inside the
 * package's provider (every other language) they are its own custom resources, with the same
 * lifecycle behind both.
 */
export const PACKAGE_TYPES = {
    approval: "signalr-serverless:index:PrivateEndpointConnectionApproval",
    systemKey: "signalr-serverless:index:FunctionAppSystemKey",
    upstreamRefresh: "signalr-serverless:index:UpstreamSettingsRefresh",
    networkAcl: "signalr-serverless:index:PrivateEndpointNetworkAcl",
    regionEndpoint: "signalr-serverless:index:ReplicaRegionEndpoint",
} as const;

/** The same resources' types as dynamic resources (part of the public contract: state refers to them). */
export const DYNAMIC_TYPES = {
    approval: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval",
    systemKey: "pulumi-nodejs:dynamic/signalr-serverless:FunctionAppSystemKey",
    upstreamRefresh: "pulumi-nodejs:dynamic/signalr-serverless:UpstreamSettingsRefresh",
    networkAcl: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointNetworkAcl",
    regionEndpoint: "pulumi-nodejs:dynamic/signalr-serverless:ReplicaRegionEndpoint",
} as const;

let servedByPackageProvider = false;

/**
 * Runs a component constructor so that it registers the package provider's custom resources
 * instead of dynamic ones. Components create their children synchronously in their constructor,
 * so the setting holds exactly for the construction.
 */
export function constructWithPackageProviderResources<T>(construct: () => T): T {
    const previous = servedByPackageProvider;
    servedByPackageProvider = true;
    try {
        return construct();
    } finally {
        servedByPackageProvider = previous;
    }
}

/** Dynamic providers over explicit dependencies, for tests; programs use the package's entry points. */
export const createApprovalProvider = (deps: LifecycleDependencies = {}): pulumi.dynamic.ResourceProvider => dynamicMethods(approvalLifecycle(deps));
export const createSystemKeyProvider = (deps: LifecycleDependencies = {}): pulumi.dynamic.ResourceProvider => dynamicMethods(systemKeyLifecycle(deps));
export const createUpstreamRefreshProvider = (deps: LifecycleDependencies = {}): pulumi.dynamic.ResourceProvider => dynamicMethods(upstreamRefreshLifecycle(deps));
export const createNetworkAclProvider = (deps: LifecycleDependencies = {}): pulumi.dynamic.ResourceProvider => dynamicMethods(privateEndpointNetworkAclLifecycle(deps));
export const createRegionEndpointProvider = (deps: LifecycleDependencies = {}): pulumi.dynamic.ResourceProvider => dynamicMethods(replicaRegionEndpointLifecycle(deps));

/** The approval's output-only properties, registered unset so the resource exposes them. */
const APPROVAL_OUTPUTS = {
    connectionId: undefined,
    connectionName: undefined,
    status: undefined,
    approvalMark: undefined,
    replicaConnections: undefined,
    replicaStatuses: undefined,
};

/** Inputs of PrivateEndpointConnectionApproval. */
export type PrivateEndpointConnectionApprovalArgs = Omit<{ [K in keyof ApprovalInputs]: pulumi.Input<ApprovalInputs[K]> }, "azureNativeConfig"> & SignInSettingsArgs;

/**
 * Approves the pending private endpoint connection a shared private link resource created on its
 * target, and waits until SignalR reports it Approved. azure-native cannot: its create refuses a
 * connection that already exists.
 */
export class PrivateEndpointConnectionApproval extends pulumi.dynamic.Resource {
    declare public readonly connectionId: pulumi.Output<string>;
    declare public readonly connectionName: pulumi.Output<string>;
    declare public readonly status: pulumi.Output<string>;
    declare public readonly approvalMark: pulumi.Output<string | undefined>;
    declare public readonly replicaConnections: pulumi.Output<{ [replica: string]: string } | undefined>;
    declare public readonly replicaStatuses: pulumi.Output<{ [replica: string]: string } | undefined>;

    constructor(name: string, args: PrivateEndpointConnectionApprovalArgs, opts?: pulumi.CustomResourceOptions, provider: pulumi.dynamic.ResourceProvider = approvalProvider) {
        super(provider, name, { ...withSignInSettings(args), ...APPROVAL_OUTPUTS }, opts, "signalr-serverless", "PrivateEndpointConnectionApproval");
    }
}

export interface FunctionAppSystemKeyArgs extends SignInSettingsArgs {
    /** Resource id of the Function app. */
    functionAppId: pulumi.Input<string>;
    /** System key name. @default "signalr_extension" */
    keyName?: pulumi.Input<string>;
    /** The key value: pass a secret (e.g. a random.RandomPassword result); it stays secret in state. */
    value: pulumi.Input<string>;
    /** Resource Manager endpoint. @default the cloud azure-native uses where the engine runs (resolveArmTarget) */
    resourceManagerEndpoint?: pulumi.Input<string>;
}

/** A Function app system key with a value we set, through Resource Manager. */
export class FunctionAppSystemKey extends pulumi.dynamic.Resource {
    declare public readonly keyName: pulumi.Output<string>;

    constructor(name: string, args: FunctionAppSystemKeyArgs, opts?: pulumi.CustomResourceOptions, provider: pulumi.dynamic.ResourceProvider = systemKeyProvider) {
        super(provider, name, systemKeyProps(args), { ...opts, additionalSecretOutputs: ["value"] }, "signalr-serverless", "FunctionAppSystemKey");
    }
}

const systemKeyProps = (args: FunctionAppSystemKeyArgs) => ({ ...withSignInSettings(args), keyName: args.keyName ?? "signalr_extension", value: pulumi.secret(args.value) });

/** Inputs of UpstreamSettingsRefresh, as Pulumi inputs (templates in azure-native's shape). */
export interface UpstreamSettingsRefreshArgs extends SignInSettingsArgs {
    serviceId: pulumi.Input<string>;
    templates: pulumi.Input<azureInputs.signalrservice.UpstreamTemplateArgs>[];
    triggers: pulumi.Input<string>[];
    /** `createdOn` of the Key Vault role assignments: the re-read waits until they have surely applied. */
    grantsCreatedOn?: pulumi.Input<string>[];
    /** How long role assignments take to apply. @default 600 */
    settleSeconds?: pulumi.Input<number>;
    /** Wait between polls of each PATCH's SignalR operation when Azure sends no Retry-After. @default 5 */
    operationPollIntervalSeconds?: pulumi.Input<number>;
    resourceManagerEndpoint?: pulumi.Input<string>;
    /** Accept literal credentials in the templates (the component's option, passed through). @default false */
    allowPlaintextUpstreamSecrets?: boolean;
}

/** Makes the service re-read its Key Vault references now (see upstreamRefreshLifecycle). */
export class UpstreamSettingsRefresh extends pulumi.dynamic.Resource {
    constructor(name: string, args: UpstreamSettingsRefreshArgs, opts?: pulumi.CustomResourceOptions, provider: pulumi.dynamic.ResourceProvider = upstreamRefreshProvider) {
        super(provider, name, withSignInSettings(args), opts, "signalr-serverless", "UpstreamSettingsRefresh");
    }
}

/** The network ACL entry's output-only properties, registered unset so the resource exposes them. */
const NETWORK_ACL_OUTPUTS = { connectionName: undefined, connectionId: undefined, inEffect: undefined };

/** Inputs of PrivateEndpointNetworkAcl. */
export type PrivateEndpointNetworkAclArgs = Omit<{ [K in keyof PrivateEndpointAclInputs]: pulumi.Input<PrivateEndpointAclInputs[K]> }, "azureNativeConfig"> & SignInSettingsArgs;

/**
 * The SignalR network ACL entry of one inbound private endpoint (see
 * privateEndpointNetworkAclLifecycle): with the default action Deny, an endpoint carries only the
 * request types its entry allows, and the entry can only be written once the endpoint exists.
 */
export class PrivateEndpointNetworkAcl extends pulumi.dynamic.Resource {
    declare public readonly connectionName: pulumi.Output<string>;
    declare public readonly connectionId: pulumi.Output<string>;
    declare public readonly inEffect: pulumi.Output<boolean>;

    constructor(name: string, args: PrivateEndpointNetworkAclArgs, opts?: pulumi.CustomResourceOptions, provider: pulumi.dynamic.ResourceProvider = networkAclProvider) {
        super(provider, name, { ...withSignInSettings(args), ...NETWORK_ACL_OUTPUTS }, opts, "signalr-serverless", "PrivateEndpointNetworkAcl");
    }
}

/** The region endpoint's output-only properties, registered unset so the resource exposes them. */
const REGION_ENDPOINT_OUTPUTS = { inEffect: undefined, sharedPrivateLinks: undefined };

/** Inputs of ReplicaRegionEndpoint. */
export type ReplicaRegionEndpointArgs = Omit<{ [K in keyof ReplicaRegionEndpointInputs]: pulumi.Input<ReplicaRegionEndpointInputs[K]> }, "azureNativeConfig"> & SignInSettingsArgs;

/**
 * A geo-replica's `regionEndpointEnabled` (see replicaRegionEndpointLifecycle): turned on only
 * once every copy of the service's shared private links on the replica is Approved.
 */
export class ReplicaRegionEndpoint extends pulumi.dynamic.Resource {
    declare public readonly inEffect: pulumi.Output<boolean>;
    declare public readonly sharedPrivateLinks: pulumi.Output<{ [link: string]: string }>;

    constructor(name: string, args: ReplicaRegionEndpointArgs, opts?: pulumi.CustomResourceOptions, provider: pulumi.dynamic.ResourceProvider = regionEndpointProvider) {
        super(provider, name, { ...withSignInSettings(args), ...REGION_ENDPOINT_OUTPUTS }, opts, "signalr-serverless", "ReplicaRegionEndpoint");
    }
}

/**
 * A custom resource of the package's own provider, with its outputs as properties. It states no
 * version or download URL: the engine then fills both from the program's declaration of the
 * package (pulumi/pulumi pkg/resource/deploy/default_providers.go, normalizeProviderRequest), the
 * same the component's own registration resolved to, so it lands on the provider process that
 * constructed the component. A provider the program gave the component is inherited from it.
 */
class PackageResource extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
        super(type, name, props, opts);
    }
    output<T>(key: string): pulumi.Output<T> {
        return (this as unknown as Record<string, pulumi.Output<T>>)[key];
    }
}

/** What a component needs of an approval, whichever host serves it. */
export interface ApprovalHandle {
    connectionId: pulumi.Output<string>;
    connectionName: pulumi.Output<string>;
    status: pulumi.Output<string>;
    /** Each replica's copy of the link as SignalR reports it, by replica name (undefined without replicas). */
    replicaStatuses: pulumi.Output<{ [replica: string]: string } | undefined>;
}

/** Registers the approval with the host the program runs under (dynamic resource or package provider). */
export function newApproval(name: string, args: PrivateEndpointConnectionApprovalArgs, opts: pulumi.CustomResourceOptions): ApprovalHandle {
    if (!servedByPackageProvider) return new PrivateEndpointConnectionApproval(name, args, opts);
    const r = new PackageResource(PACKAGE_TYPES.approval, name, { ...withSignInSettings(args), ...APPROVAL_OUTPUTS }, opts);
    return { connectionId: r.output("connectionId"), connectionName: r.output("connectionName"), status: r.output("status"), replicaStatuses: r.output("replicaStatuses") };
}

/** Registers a Function app system key with the host the program runs under. */
export function newSystemKey(name: string, args: FunctionAppSystemKeyArgs, opts: pulumi.CustomResourceOptions): { keyName: pulumi.Output<string> } {
    if (!servedByPackageProvider) return new FunctionAppSystemKey(name, args, opts);
    const r = new PackageResource(PACKAGE_TYPES.systemKey, name, systemKeyProps(args), { ...opts, additionalSecretOutputs: ["value"] });
    return { keyName: r.output("keyName") };
}

/** Registers an upstream settings refresh with the host the program runs under. */
export function newUpstreamRefresh(name: string, args: UpstreamSettingsRefreshArgs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
    return servedByPackageProvider ? new PackageResource(PACKAGE_TYPES.upstreamRefresh, name, withSignInSettings(args), opts) : new UpstreamSettingsRefresh(name, args, opts);
}

/** Registers an inbound private endpoint's network ACL entry with the host the program runs under. */
export function newPrivateEndpointNetworkAcl(name: string, args: PrivateEndpointNetworkAclArgs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
    return servedByPackageProvider
        ? new PackageResource(PACKAGE_TYPES.networkAcl, name, { ...withSignInSettings(args), ...NETWORK_ACL_OUTPUTS }, opts)
        : new PrivateEndpointNetworkAcl(name, args, opts);
}

/** Registers a geo-replica's region endpoint with the host the program runs under. */
export function newReplicaRegionEndpoint(name: string, args: ReplicaRegionEndpointArgs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
    return servedByPackageProvider
        ? new PackageResource(PACKAGE_TYPES.regionEndpoint, name, { ...withSignInSettings(args), ...REGION_ENDPOINT_OUTPUTS }, opts)
        : new ReplicaRegionEndpoint(name, args, opts);
}
