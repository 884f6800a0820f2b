import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "./resourceTypes";
import { knownString, skipUnknowns } from "./unknowns";

/**
 * SignalR service names: 3-63 characters, letters, digits and hyphens, starting with a letter and
 * ending with a letter or digit (the REST spec's path pattern, 2024-03-01; PSRule Azure.SignalR.Name).
 */
export const SIGNALR_SERVICE_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,61}[a-zA-Z0-9]$/;

export const signalrNameValid: ResourceValidationPolicy = {
    name: "signalr-name-valid",
    description:
        "A SignalR service's explicit name (resourceName) must meet the service's naming rule, or Resource Manager refuses the deployment: 3-63 characters, letters, digits and hyphens, starting with a letter, ending with a letter or digit. Mirrors PSRule Azure.SignalR.Name (AZR-000180).",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Choose a name like `chat-service-prod` (ServerlessSignalR's serviceName), or leave it unset to have one generated.",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "signalR")) return;
        const name = knownString(() => args.props.resourceName);
        if (name !== undefined && !SIGNALR_SERVICE_NAME.test(name))
            report(`resourceName ${JSON.stringify(name)} is not a valid SignalR name: 3-63 letters, digits and hyphens, starting with a letter and ending with a letter or digit.`);
    }),
};
