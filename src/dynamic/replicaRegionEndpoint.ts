/**
 * Entry point `signalr-serverless/dynamic/replicaRegionEndpoint`: the dynamic provider of
 * ReplicaRegionEndpoint. This module's exports *are* the provider, so Pulumi serializes it as one
 * `require("signalr-serverless/dynamic/replicaRegionEndpoint")` of the installed package.
 */
import { replicaRegionEndpointLifecycle } from "../resources/replicaRegionEndpoint";
import { dynamicMethods, hostLog } from "./adapter";

const methods = dynamicMethods(replicaRegionEndpointLifecycle({ log: hostLog }));
export const { check, diff, create, read, update } = methods;
const remove = methods.delete;
export { remove as delete };
