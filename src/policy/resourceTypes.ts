/** Type tokens the policies look at, and small readers of their properties. */
export const TYPES = {
    signalR: "azure-native:signalrservice:SignalR",
    sharedPrivateLink: "azure-native:signalrservice:SignalRSharedPrivateLinkResource",
    keyVault: "azure-native:keyvault:Vault",
    webApp: "azure-native:web:WebApp",
    approval: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval",
} as const;

/** An upstream template as it appears in a SignalR resource's properties. */
export interface UpstreamTemplateProps {
    urlTemplate?: string;
    auth?: { type?: string; managedIdentity?: { resource?: string } };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- resource properties are untyped
export type Props = Record<string, any>;

/** The upstream templates of a SignalR resource, each with its index. */
export function upstreamTemplates(props: Props): { index: number; template: UpstreamTemplateProps }[] {
    const templates: UpstreamTemplateProps[] = props.upstream?.templates ?? [];
    return templates.map((template, index) => ({ index, template }));
}

/** Plain-string URL templates only (an unknown value during preview is skipped). */
export function knownUrl(t: UpstreamTemplateProps): string | undefined {
    return typeof t.urlTemplate === "string" ? t.urlTemplate : undefined;
}
