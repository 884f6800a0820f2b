// Package root: re-exports only.
export * from "./upstream";
export * from "./protocol";
export * from "./arm";
export * from "./components/serverlessSignalRArgs";
export * from "./components/serverlessSignalRRules";
export { ServerlessSignalR, UpstreamTemplateOutput } from "./components/serverlessSignalR";
export { KEY_VAULT_SECRETS_USER_ROLE_ID } from "./components/keyVaultGrants";
export { SERVICE_DEFAULTS } from "./components/signalRProperties";
