/**
 * Entry point `signalr-serverless/dynamic/privateEndpointNetworkAcl`: the dynamic provider of
 * PrivateEndpointNetworkAcl. This module's exports *are* the provider, so Pulumi serializes it as one
 * `require("signalr-serverless/dynamic/privateEndpointNetworkAcl")` of the installed package.
 */
import { privateEndpointNetworkAclLifecycle } from "../resources/privateEndpointNetworkAcl";
import { dynamicMethods, hostLog } from "./adapter";

const methods = dynamicMethods(privateEndpointNetworkAclLifecycle({ log: hostLog }));
export const { check, diff, create, read, update } = methods;
const remove = methods.delete;
export { remove as delete };
