/**
 * Entry point `signalr-serverless/dynamic/upstreamSettingsRefresh`: the dynamic provider of UpstreamSettingsRefresh.
 * This module's exports *are* the provider, so Pulumi serializes it as one
 * `require("signalr-serverless/dynamic/upstreamSettingsRefresh")` of the installed package instead of inlining
 * the code: a few hundred bytes of state per resource, the same across library versions.
 */
import { upstreamRefreshLifecycle } from "../resources/upstreamRefresh";
import { dynamicMethods, hostLog } from "./adapter";

const methods = dynamicMethods(upstreamRefreshLifecycle({ log: hostLog }));
export const { check, diff, create, read, update } = methods;
const remove = methods.delete;
export { remove as delete };
