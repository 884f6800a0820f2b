import type * as pulumi from "@pulumi/pulumi";
import type * as signalrservice from "@pulumi/azure-native/signalrservice";
import type * as inputs from "@pulumi/azure-native/types/input";
import { DEFAULT_SKU } from "./serverlessSignalRRules";
import { ServerlessSignalRArgs, SignalRLogCategoriesArgs, UpstreamAuth, UpstreamTemplateArgs } from "./serverlessSignalRArgs";

type SignalRInputs = Omit<signalrservice.SignalRArgs, "resourceGroupName" | "location" | "resourceName" | "tags" | "identity" | "upstream">;

/** Secure defaults of the service settings; each is overridable through ServerlessSignalRArgs. */
export const SERVICE_DEFAULTS = {
    publicNetworkAccess: "Enabled",
    networkDefaultAction: "Deny",
    publicNetworkAllow: ["ClientConnection", "RESTAPI"],
    corsAllowedOrigins: [] as string[],
    disableLocalAuth: true,
    disableAadAuth: false,
    clientCertEnabled: false,
    serverlessConnectionTimeoutSeconds: 30,
    resourceLogs: { connectivityLogs: true, messagingLogs: false, httpRequestLogs: false },
    liveTrace: { connectivityLogs: false, messagingLogs: false, httpRequestLogs: false },
} as const;

const CATEGORY_NAMES: Record<keyof SignalRLogCategoriesArgs, string> = {
    connectivityLogs: "ConnectivityLogs",
    messagingLogs: "MessagingLogs",
    httpRequestLogs: "HttpRequestLogs",
};

/** Log categories as the service expects them: names with "true"/"false" strings. */
function categories(given: SignalRLogCategoriesArgs | undefined, defaults: Required<SignalRLogCategoriesArgs>) {
    return (Object.keys(CATEGORY_NAMES) as (keyof SignalRLogCategoriesArgs)[]).map((key) => ({
        name: CATEGORY_NAMES[key],
        enabled: String(given?.[key] ?? defaults[key]),
    }));
}

/** The SKU block: tier follows from the name. */
export function skuBlock(sku: string | undefined, capacity: number | undefined): inputs.signalrservice.ResourceSkuArgs {
    const name = sku ?? DEFAULT_SKU;
    return { name, tier: name.startsWith("Premium") ? "Premium" : "Standard", ...(capacity !== undefined ? { capacity } : {}) };
}

/** Every service setting except identity and upstream, with the secure defaults filled in. */
export function serviceSettings(args: ServerlessSignalRArgs): SignalRInputs {
    const d = SERVICE_DEFAULTS;
    const liveTrace = categories(args.liveTrace, d.liveTrace);
    return {
        kind: "SignalR",
        sku: skuBlock(args.sku, args.capacity),
        features: [{ flag: "ServiceMode", value: "Serverless" }],
        publicNetworkAccess: args.publicNetworkAccess ?? d.publicNetworkAccess,
        networkACLs: {
            defaultAction: args.networkAcls?.defaultAction ?? d.networkDefaultAction,
            publicNetwork: { allow: args.networkAcls?.publicNetworkAllow ?? [...d.publicNetworkAllow] },
            ...(args.networkAcls?.ipRules ? { ipRules: args.networkAcls.ipRules.map((r) => ({ value: r.value, action: r.action ?? "Allow" })) } : {}),
        },
        cors: { allowedOrigins: args.corsAllowedOrigins ?? [...d.corsAllowedOrigins] },
        disableLocalAuth: args.disableLocalAuth ?? d.disableLocalAuth,
        disableAadAuth: args.disableAadAuth ?? d.disableAadAuth,
        tls: { clientCertEnabled: args.clientCertEnabled ?? d.clientCertEnabled },
        serverless: { connectionTimeoutInSeconds: args.serverlessConnectionTimeoutSeconds ?? d.serverlessConnectionTimeoutSeconds },
        liveTraceConfiguration: { enabled: String(liveTrace.some((c) => c.enabled === "true")), categories: liveTrace },
        resourceLogConfiguration: { categories: categories(args.resourceLogs, d.resourceLogs) },
    };
}

/**
 * One upstream template in azure-native's shape. `urlTemplate` and `managedIdentityResource` are
 * passed as given (already wrapped by the caller's checks when Output-typed).
 */
export function upstreamTemplateBlock(t: UpstreamTemplateArgs, urlTemplate: pulumi.Input<string>): inputs.signalrservice.UpstreamTemplateArgs {
    return {
        urlTemplate,
        ...(t.hubPattern !== undefined ? { hubPattern: t.hubPattern } : {}),
        ...(t.categoryPattern !== undefined ? { categoryPattern: t.categoryPattern } : {}),
        ...(t.eventPattern !== undefined ? { eventPattern: t.eventPattern } : {}),
        ...(t.auth === UpstreamAuth.ManagedIdentity
            ? { auth: { type: "ManagedIdentity", ...(t.managedIdentityResource !== undefined ? { managedIdentity: { resource: t.managedIdentityResource } } : {}) } }
            : {}),
    };
}
