import type { StackValidationPolicy } from "@pulumi/policy";
import { TYPES } from "./resourceTypes";

/** Whether a Function app's SignalR binding connects with a managed identity. */
function bindingUsesIdentity(props: Record<string, unknown>): boolean {
    const settings = (props.siteConfig as { appSettings?: { name?: string; value?: unknown }[] })?.appSettings ?? [];
    return settings.some((s) => typeof s.name === "string" && /__credential$/i.test(s.name) && String(s.value).toLowerCase() === "managedidentity");
}

export const localAuthDisabled: StackValidationPolicy = {
    name: "signalr-local-auth-disabled",
    description: "When the Function binding connects with a managed identity, SignalR's access-key authentication should be disabled so no key can connect.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps: "Set disableLocalAuth: true (ServerlessSignalR's default).",
    validateStack: (args, report) => {
        if (!args.resources.some((r) => r.type === TYPES.webApp && bindingUsesIdentity(r.props))) return;
        for (const r of args.resources) {
            if (r.type === TYPES.signalR && r.props.disableLocalAuth !== true)
                report(`SignalR ${r.name} still accepts access keys although the Function binding uses its identity.`, r.urn);
        }
    },
};
