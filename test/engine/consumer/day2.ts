// The engine's day-2 scenarios' program, compiled in the consumer project against the installed
// package: one ServerlessSignalR whose arguments are the stack config `args` (JSON), so each step of
// a scenario changes the program the way a user edits it. With `withoutIgnoreChanges` the service
// loses its ignoreChanges (a transformation), to reproduce what that option prevents.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessSignalR, ServerlessSignalRArgs } from "signalr-serverless";

export default async function program() {
    const config = new pulumi.Config();
    const args = JSON.parse(config.require("args")) as ServerlessSignalRArgs;
    const withoutIgnore: pulumi.ResourceTransformation = (a) =>
        a.type === "azure-native:signalrservice:SignalR" ? { props: a.props, opts: { ...a.opts, ignoreChanges: [] } } : undefined;
    const signalR = new ServerlessSignalR("chat", args, config.getBoolean("withoutIgnoreChanges") ? { transformations: [withoutIgnore] } : {});
    return { serviceId: signalR.serviceId, sharedPrivateEndpointStatuses: signalR.sharedPrivateEndpointStatuses };
}
