// SignalR trigger handlers of the reference deployment (Azure Functions Node.js v4 model).
import { InvocationContext, app, trigger } from "@azure/functions";
import { SignalRInvocation, inspectUpstreamCall } from "../upstreamCheck";

const hubName = process.env.SIGNALR_HUB ?? "chat";
/** The binding connects with the app's identity (AzureSignalRConnectionString__serviceUri/__credential). */
const connectionStringSetting = "AzureSignalRConnectionString";

function register(name: string, category: "connections" | "messages", event: string, respond: (invocation: SignalRInvocation) => unknown): void {
    app.generic(name, {
        trigger: trigger.generic({
            type: "signalRTrigger",
            name: "invocation",
            hubName,
            category,
            event,
            connectionStringSetting,
            parameterNames: category === "messages" ? ["message"] : [],
        }),
        handler: async (invocation: unknown, context: InvocationContext) => {
            const report = inspectUpstreamCall(invocation as SignalRInvocation, process.env.SIGNALR_ACCESS_KEYS);
            if (!report.signatureValid) {
                context.error(`Rejected ${category}/${event}: X-ASRS-Signature does not match the service's access keys`, report);
                throw new Error("invalid upstream signature");
            }
            context.log(
                `${category}/${event} from connection ${report.connectionId}: via ${report.viaPrivateAddress ? "a private" : "a PUBLIC"} address (${report.forwardedFor ?? "no X-Forwarded-For"})`,
            );
            return respond(invocation as SignalRInvocation);
        },
    });
}

register("connected", "connections", "connected", () => undefined);
register("disconnected", "connections", "disconnected", (i) => ({ error: i.Error ?? i.error ?? "" }));
register("broadcast", "messages", "broadcast", (i) => ({ echoed: i.Arguments ?? i.arguments ?? [] }));
