/**
 * Entry point `signalr-serverless/dynamic/approval`: the dynamic provider of PrivateEndpointConnectionApproval.
 * This module's exports *are* the provider, so Pulumi serializes it as one
 * `require("signalr-serverless/dynamic/approval")` of the installed package instead of inlining
 * the code: a few hundred bytes of state per resource, the same across library versions.
 */
import { approvalLifecycle } from "../resources/approval";
import { dynamicMethods, hostLog } from "./adapter";

const methods = dynamicMethods(approvalLifecycle({ log: hostLog }));
export const { check, diff, create, read, update } = methods;
const remove = methods.delete;
export { remove as delete };
