import { functionAppRule } from "./functionAppHardening";

/** Versions that meet "at least TLS 1.2" (Checkov CKV_AZURE_15's expected values). */
const ACCEPTED = ["1.2", "1.3"];

export const functionAppMinTls = functionAppRule(
    {
        name: "function-app-min-tls",
        description:
            "A Function app reached by a shared private endpoint should refuse TLS older than 1.2 (siteConfig.minTlsVersion 1.2 or 1.3; unset is the platform's 1.2 default, as Checkov CKV_AZURE_145 treats it). Mirrors PSRule Azure.AppService.MinTLS (AZR-000073) and Checkov CKV_AZURE_15 / CKV_AZURE_145.",
        severity: "medium",
        enforcementLevel: "advisory",
        remediationSteps: 'Set siteConfig.minTlsVersion: "1.2" (or "1.3") on the WebApp.',
    },
    (props) => {
        const version: unknown = props.siteConfig?.minTlsVersion;
        return version === undefined || ACCEPTED.includes(String(version)) ? undefined : `siteConfig.minTlsVersion is ${String(version)}; use 1.2 or later.`;
    },
);
