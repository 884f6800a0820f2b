// Package root: re-exports only.
export * from "./upstream";
export * from "./protocol";
export * from "./arm";
export * from "./components/serverlessSignalRArgs";
export * from "./components/serverlessSignalRRules";
export { ServerlessSignalR, UpstreamTemplateOutput } from "./components/serverlessSignalR";
export { KEY_VAULT_SECRETS_USER_ROLE_ID } from "./components/keyVaultGrants";
export { SERVICE_DEFAULTS } from "./components/signalRProperties";
export * from "./approval/connections";
export { approvePrivateEndpointConnection, ApprovalOptions, ApprovalResult, SIGNALR_API_VERSION } from "./approval/engine";
export { ArmClient, ArmClientOptions, ArmError } from "./arm/armClient";
export * from "./arm/cloud";
export { defaultArmCredential } from "./arm/credentials";
export { SharedPrivateEndpoint, SharedPrivateEndpointArgs, validateSharedPrivateEndpointArgs } from "./components/sharedPrivateEndpoint";
export {
    ApprovalDeleteBehavior,
    ApprovalInputs,
    ApprovalOutputs,
    PrivateEndpointConnectionApproval,
    PrivateEndpointConnectionApprovalArgs,
    createApprovalProvider,
} from "./approval/approvalResource";
