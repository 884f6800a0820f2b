import type { StackValidationPolicy } from "@pulumi/policy";
import { ofKind } from "./resourceTypes";
import { UNKNOWN, judge, knownString, read, sameText } from "./unknowns";

/** Whether a diagnostic setting sends (or, with values not known yet, may send) at least one log category or group: the built-in's existence condition. */
function sendsLogs(setting: { props: Record<string, unknown> }): boolean {
    const logs = read(() => setting.props.logs);
    if (logs === UNKNOWN) return true;
    if (!Array.isArray(logs)) return false;
    const enabled = Array.from({ length: logs.length }, (_, i) => read(() => (logs[i] as { enabled?: unknown } | undefined)?.enabled));
    return enabled.some((e) => e === true || e === UNKNOWN || sameText(e, "true"));
}

export const signalrDiagnosticLogs: StackValidationPolicy = {
    name: "signalr-diagnostic-logs",
    description:
        "Each SignalR service should have a diagnostic setting that sends at least one log category (or category group), so connections and upstream calls can be audited. Mirrors Azure Policy d9f1f9a9-8795-49f9-9e7b-e11db14caeb2 (Azure SignalR Service should enable diagnostic logs, AuditIfNotExists).",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Give ServerlessSignalR diagnosticSettings (allLogs to a Log Analytics workspace by default), or add a DiagnosticSetting whose resourceUri is the service's id.",
    validateStack: (args, report) => {
        const settings = ofKind(args.resources, "diagnosticSetting");
        // A setting whose scope is not known yet (a first preview) may be any service's: then no service is judged.
        if (settings.some((s) => knownString(() => s.props.resourceUri) === undefined)) return;
        for (const service of ofKind(args.resources, "signalR")) {
            judge(() => {
                const id = knownString(() => service.props.id);
                if (id === undefined) return; // not known yet: its settings cannot be matched
                if (
                    !settings.some(
                        (s) =>
                            sameText(
                                knownString(() => s.props.resourceUri),
                                id,
                            ) && sendsLogs(s),
                    )
                )
                    report(`SignalR service ${service.name} has no diagnostic setting that sends logs.`, service.urn);
            });
        }
    },
};
