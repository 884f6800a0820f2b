import { functionAppRule } from "./functionAppHardening";

export const functionAppManagedIdentity = functionAppRule(
    {
        name: "function-app-managed-identity",
        description:
            "A Function app reached by a shared private endpoint should have a managed identity, so its SignalR binding and Key Vault references need no stored secret. Mirrors PSRule Azure.AppService.ManagedIdentity (AZR-000082) and Checkov CKV_AZURE_16.",
        severity: "medium",
        enforcementLevel: "advisory",
        remediationSteps: 'Set identity: { type: "SystemAssigned" } (or a user-assigned identity) on the WebApp.',
    },
    (props) => {
        const type: unknown = props.identity?.type;
        const ok = typeof type === "string" && type.split(",").some((t) => ["systemassigned", "userassigned"].includes(t.trim().toLowerCase()));
        return ok ? undefined : `identity is ${typeof type === "string" ? type : "unset"}.`;
    },
);
