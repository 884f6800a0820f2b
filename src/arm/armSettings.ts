/**
 * azure-native's sign-in and cloud settings, each a stack config key (`azure-native:<key>`) read
 * before its environment variable, exactly as the azure-native provider reads them
 * (pulumi/pulumi-azure-native provider/pkg/provider/auth_azidentity.go `readAuthConfig` and
 * `getCloud`; provider.go `getConfig`: a key present in the provider's config wins, even empty,
 * else the variable). The ARM-backed resources sign in with the same values, so they act as the
 * identity azure-native acted as.
 */
export const AZURE_NATIVE_SETTINGS = {
    clientId: ["ARM_CLIENT_ID"],
    tenantId: ["ARM_TENANT_ID"],
    subscriptionId: ["ARM_SUBSCRIPTION_ID"],
    auxiliaryTenantIds: ["ARM_AUXILIARY_TENANT_IDS"],
    clientSecret: ["ARM_CLIENT_SECRET"],
    clientCertificatePath: ["ARM_CLIENT_CERTIFICATE_PATH"],
    clientCertificatePassword: ["ARM_CLIENT_CERTIFICATE_PASSWORD"],
    useMsi: ["ARM_USE_MSI"],
    useOidc: ["ARM_USE_OIDC"],
    oidcAudience: ["ARM_OIDC_AUDIENCE"],
    oidcToken: ["ARM_OIDC_TOKEN"],
    oidcTokenFilePath: ["ARM_OIDC_TOKEN_FILE_PATH"],
    oidcRequestToken: ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
    oidcRequestUrl: ["ACTIONS_ID_TOKEN_REQUEST_URL"],
    useDefaultAzureCredential: ["ARM_USE_DEFAULT_AZURE_CREDENTIAL"],
    // getCloud: `environment` or ARM_ENVIRONMENT, then `environment` or AZURE_ENVIRONMENT.
    environment: ["ARM_ENVIRONMENT", "AZURE_ENVIRONMENT"],
} as const;

export type AzureNativeSetting = keyof typeof AZURE_NATIVE_SETTINGS;

/** The settings that hold secrets: only ever carried as Pulumi secrets, never shown in a message. */
export const AZURE_NATIVE_SECRET_SETTINGS: readonly AzureNativeSetting[] = ["clientSecret", "clientCertificatePassword", "oidcToken", "oidcRequestToken"];

export const AZURE_NATIVE_SETTING_NAMES = Object.keys(AZURE_NATIVE_SETTINGS) as AzureNativeSetting[];

/** azure-native's settings as the stack configures them (`azure-native:<key>`): only the keys that are set. */
export type AzureNativeConfig = Partial<Record<AzureNativeSetting, string>>;

/** The settings in effect: each from the stack config when set there, else from its variable. */
export interface ArmSettings {
    get(setting: AzureNativeSetting): string | undefined;
    /** Where a setting is read, for messages: `azure-native:clientId or ARM_CLIENT_ID`. */
    source(setting: AzureNativeSetting): string;
    /** Where the value in effect came from: `azure-native:environment`, `ARM_ENVIRONMENT`, …; undefined when unset. */
    origin(setting: AzureNativeSetting): string | undefined;
    /** `auxiliaryTenantIds`: a JSON array of tenant ids, as azure-native parses it. */
    auxiliaryTenantIds(): string[];
}

/** The settings of this stack config and environment, as azure-native resolves them. */
export function armSettings(config: AzureNativeConfig | undefined, env: NodeJS.ProcessEnv): ArmSettings {
    const source = (setting: AzureNativeSetting) => [`azure-native:${setting}`, ...AZURE_NATIVE_SETTINGS[setting]].join(" or ");
    const origin = (setting: AzureNativeSetting): string | undefined => {
        const configured = config?.[setting];
        if (configured !== undefined && configured !== null) return `azure-native:${setting}`;
        return AZURE_NATIVE_SETTINGS[setting].find((variable) => env[variable]);
    };
    const get = (setting: AzureNativeSetting): string | undefined => {
        const from = origin(setting);
        return from === undefined ? undefined : from.startsWith("azure-native:") ? String(config![setting]) : env[from];
    };
    return {
        get,
        source,
        origin,
        auxiliaryTenantIds() {
            const text = get("auxiliaryTenantIds");
            if (!text) return [];
            let parsed: unknown;
            try {
                parsed = JSON.parse(text);
            } catch {
                parsed = undefined;
            }
            if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === "string")) {
                throw new Error(`${source("auxiliaryTenantIds")} must be a JSON array of tenant ids, such as ["<tenant-id>"], got ${JSON.stringify(text)}`);
            }
            return parsed;
        },
    };
}

/** Only azure-native's settings, as plain strings (a host's inputs may carry anything). */
export function pickAzureNativeConfig(value: unknown): AzureNativeConfig | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    const picked: AzureNativeConfig = {};
    for (const key of AZURE_NATIVE_SETTING_NAMES) {
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined && v !== null) picked[key] = String(v);
    }
    return Object.keys(picked).length > 0 ? picked : undefined;
}
