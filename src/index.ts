// Package root: re-exports only.

// Pure core: upstream templates, rules, Key Vault references, validation.
export * from "./upstream";
// Serverless upstream protocol: headers, bodies, X-ASRS-Signature.
export * from "./protocol";
// Resource Manager pieces: resource ids, clouds, credentials, client.
export * from "./arm";
export * from "./arm/cloud";
export { ArmClient, ArmClientOptions, ArmError } from "./arm/armClient";
export { ArmSignInMethod, armSignInMethod, defaultArmCredential, pfxToPem } from "./arm/credentials";
// Approval engine and its dynamic resource.
export * from "./approval/connections";
export { approvePrivateEndpointConnection, ApprovalOptions, ApprovalResult, SIGNALR_API_VERSION } from "./approval/engine";
export { ApprovalDeleteBehavior, ApprovalInputs, ApprovalOutputs, LifecycleDependencies, approvalLifecycle } from "./resources/approval";
export { SystemKeyInputs, systemKeyLifecycle } from "./resources/functionAppSystemKey";
export { ArmUpstreamTemplate, UpstreamRefreshInputs, upstreamRefreshLifecycle } from "./resources/upstreamRefresh";
export { PrivateEndpointAclInputs, PrivateEndpointAclOutputs, privateEndpointNetworkAclLifecycle } from "./resources/privateEndpointNetworkAcl";
export { ReplicaRegionEndpointInputs, ReplicaRegionEndpointOutputs, replicaRegionEndpointLifecycle } from "./resources/replicaRegionEndpoint";
export { ResourceLifecycle } from "./resources/lifecycle";
export {
    FunctionAppSystemKey,
    FunctionAppSystemKeyArgs,
    PrivateEndpointConnectionApproval,
    PrivateEndpointConnectionApprovalArgs,
    PrivateEndpointNetworkAcl,
    PrivateEndpointNetworkAclArgs,
    ReplicaRegionEndpoint,
    ReplicaRegionEndpointArgs,
    UpstreamSettingsRefresh,
    UpstreamSettingsRefreshArgs,
    createApprovalProvider,
    createSystemKeyProvider,
    createUpstreamRefreshProvider,
    createNetworkAclProvider,
    createRegionEndpointProvider,
} from "./components/armBackedResources";
// Components.
export * from "./components/serverlessSignalRArgs";
export * from "./components/serverlessSignalRRules";
export { ServerlessSignalR, UpstreamTemplateOutput } from "./components/serverlessSignalR";
export { SignalRReplicaOutput } from "./components/replicas";
export { MAX_REPLICAS, normalizeLocation } from "./components/replicaRules";
export { SharedPrivateEndpoint, SharedPrivateEndpointArgs, validateSharedPrivateEndpointArgs } from "./components/sharedPrivateEndpoint";
export { SHARED_PRIVATE_ENDPOINT_ARG_NAMES } from "./components/sharedPrivateEndpointArgNames";
export { KEY_VAULT_SECRETS_USER_ROLE_ID } from "./components/keyVaultGrants";
export { SERVICE_DEFAULTS } from "./components/signalRProperties";
export { SignalRExtensionKey, SignalRExtensionKeyArgs } from "./components/signalRExtensionKey";
