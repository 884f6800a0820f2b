import { ServerlessSignalR } from "./serverlessSignalR";
import { SharedPrivateEndpoint } from "./sharedPrivateEndpoint";
import { SignalRExtensionKey } from "./signalRExtensionKey";

/** The components the package offers to other Pulumi languages (their type tokens are public contract). */
export const COMPONENTS = [ServerlessSignalR, SharedPrivateEndpoint, SignalRExtensionKey];
