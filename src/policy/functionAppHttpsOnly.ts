import { functionAppRule } from "./functionAppHardening";

export const functionAppHttpsOnly = functionAppRule(
    {
        name: "function-app-https-only",
        description:
            "A Function app reached by a shared private endpoint should accept HTTPS only (httpsOnly: true). Mirrors PSRule Azure.AppService.UseHTTPS (AZR-000084) and Checkov CKV_AZURE_14 / CKV_AZURE_70.",
        severity: "medium",
        enforcementLevel: "advisory",
        remediationSteps: "Set httpsOnly: true on the WebApp.",
    },
    (props) => (props.httpsOnly === true ? undefined : `httpsOnly is ${props.httpsOnly ?? "unset"}, so plain HTTP is accepted.`),
);
