import { SIGNALR_SKUS } from "../components/serverlessSignalRRules";

/**
 * What the component analyzer cannot see in the TypeScript types: closed sets of strings become
 * documented enums, and secret inputs are marked secret, so every language's SDK offers the allowed
 * values and keeps secrets secret.
 */
const T = (name: string) => `signalr-serverless:index:${name}`;
const ref = (name: string) => `#/types/${T(name)}`;

const SKU_DESCRIPTIONS: Record<string, string> = {
    Standard_S1: "Standard tier: 1,000 concurrent connections per unit, shared private endpoints.",
    Premium_P1: "Premium tier: Standard plus availability zones, autoscale and custom domains.",
    Premium_P2: "Premium tier for large scale: 100,000 connections per 100 units.",
};

/** Request types the public network may carry in serverless mode (an app server's `ServerConnection` has no place). */
export const PUBLIC_REQUEST_TYPE_DESCRIPTIONS: Record<string, string> = {
    ClientConnection: "Client connections (WebSocket, SSE, long polling).",
    RESTAPI: "The data-plane REST API (send messages, manage groups).",
    Trace: "Live trace connections.",
};

const CATEGORY_PATTERNS: Record<string, string> = {
    "*": "Every category.",
    connections: "Connection events: `connected`, `disconnected`.",
    messages: "Messages that clients invoke.",
    "connections,messages": "Both categories.",
};

const ENUM_DESCRIPTIONS: Record<string, Record<string, string>> = {
    AclAction: { Allow: "Requests no rule mentions are allowed.", Deny: "Requests no rule allows are denied." },
    PublicNetworkAccess: { Enabled: "The public endpoint accepts the requests the ACLs allow.", Disabled: "Only private endpoints are accepted." },
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const enumType = (description: string, values: Record<string, string>) => ({
    type: "string",
    description,
    enum: Object.entries(values).map(([value, d]) => ({ name: value.replace(/[^A-Za-z0-9]/g, "") || "Any", value, description: d })),
});

export function refineComponentSchema(spec: Json): Json {
    spec.types ??= {};
    spec.types[T("SignalRSku")] = enumType(
        "A paid SignalR tier (Free_F1 cannot have shared private endpoints).",
        Object.fromEntries(Object.keys(SIGNALR_SKUS).map((k) => [k, SKU_DESCRIPTIONS[k] ?? k])),
    );
    spec.types[T("PublicRequestType")] = enumType("A request type the public network may carry.", PUBLIC_REQUEST_TYPE_DESCRIPTIONS);
    spec.types[T("UpstreamCategoryPattern")] = enumType("Which categories an upstream template serves.", CATEGORY_PATTERNS);
    for (const [name, values] of Object.entries(ENUM_DESCRIPTIONS)) {
        for (const v of spec.types[T(name)]?.enum ?? []) v.description ??= values[v.value];
    }

    const signalr = spec.resources?.[T("ServerlessSignalR")];
    if (signalr?.inputProperties?.sku) signalr.inputProperties.sku = { ...signalr.inputProperties.sku, type: undefined, $ref: ref("SignalRSku") };
    const acls = spec.types[T("SignalRNetworkAclsArgs")]?.properties;
    if (acls?.publicNetworkAllow) acls.publicNetworkAllow.items = { $ref: ref("PublicRequestType"), plain: true };
    const template = spec.types[T("UpstreamTemplateArgs")]?.properties;
    if (template?.categoryPattern) template.categoryPattern = { ...template.categoryPattern, type: undefined, $ref: ref("UpstreamCategoryPattern") };
    const key = spec.resources?.[T("SignalRExtensionKey")]?.inputProperties;
    if (key?.value) key.value.secret = true;
    // Go's codegen emits an object type's input struct (`XArgs`) only where it sees the type used
    // as a non-plain input, yet a plain component input of that type is typed with it: without
    // this option `ServerlessSignalRArgs.DiagnosticSettings []SignalRDiagnosticSettingArgsArgs`
    // names a struct that is never generated and the Go SDK does not compile (the class of
    // pulumi/pulumi#9427). The option keeps every input struct (pkg/codegen/go importer.go).
    spec.language = { ...spec.language, go: { ...spec.language?.go, generateExtraInputTypes: true } };
    // C#'s codegen writes a NuGet reference only for the packages the schema lists
    // (pkg/codegen/dotnet gen.go genProjectFile), so `service`'s type, azure-native's SignalR,
    // needs its package named at the version the schema depends on.
    const azureNative = (spec.dependencies as { name: string; version: string }[] | undefined)?.find((d) => d.name === "azure-native");
    if (azureNative) {
        const csharp = spec.language.csharp ?? {};
        spec.language.csharp = { ...csharp, packageReferences: { ...csharp.packageReferences, "Pulumi.AzureNative": `[${azureNative.version},4)` } };
    }
    return JSON.parse(JSON.stringify(spec)); // drops the `type: undefined` left by the replacements
}
