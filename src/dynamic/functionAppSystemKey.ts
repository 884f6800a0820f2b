/**
 * Entry point `signalr-serverless/dynamic/functionAppSystemKey`: the dynamic provider of FunctionAppSystemKey.
 * This module's exports *are* the provider, so Pulumi serializes it as one
 * `require("signalr-serverless/dynamic/functionAppSystemKey")` of the installed package instead of inlining
 * the code: a few hundred bytes of state per resource, the same across library versions.
 */
import { systemKeyLifecycle } from "../resources/functionAppSystemKey";
import { dynamicMethods, hostLog } from "./adapter";

const methods = dynamicMethods(systemKeyLifecycle({ log: hostLog }));
export const { check, diff, create, read, update } = methods;
const remove = methods.delete;
export { remove as delete };
