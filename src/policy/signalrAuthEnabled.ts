import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const signalrAuthEnabled: ResourceValidationPolicy = {
    name: "signalr-some-auth-enabled",
    description:
        "A SignalR service must keep at least one way to authenticate: with both disableLocalAuth and disableAadAuth true no server, Function binding or client can connect. Companion of Azure Policy f70eecba-335d-4bbc-81d5-5b17b03d498f, whose remedy is disabling local auth only.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Keep Microsoft Entra authentication on (disableAadAuth: false, ServerlessSignalR's default) when access keys are disabled.",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "signalR")) return;
        if (args.props.disableLocalAuth === true && args.props.disableAadAuth === true)
            report("SignalR disables both access keys (disableLocalAuth) and Microsoft Entra ID (disableAadAuth): nothing could connect.");
    }),
};
