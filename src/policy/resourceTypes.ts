/** Type tokens the policies look at, and small readers of their properties. */
export const TYPES = {
    signalR: "azure-native:signalrservice:SignalR",
    sharedPrivateLink: "azure-native:signalrservice:SignalRSharedPrivateLinkResource",
    keyVault: "azure-native:keyvault:Vault",
    webApp: "azure-native:web:WebApp",
    appServicePlan: "azure-native:web:AppServicePlan",
    approval: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval",
    privateEndpoint: "azure-native:network:PrivateEndpoint",
    networkAcl: "pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointNetworkAcl",
} as const;

/** A resource as stack policies see it: type, name and properties. */
interface StackResource {
    type: string;
    name: string;
    props: Props;
}

/**
 * The shared private link among `resources` that targets this web app, by the app's id or, while
 * the id is not known, by its name. Values not known yet never match.
 */
export function linkTargeting<R extends StackResource>(app: StackResource, resources: readonly R[]): R | undefined {
    const id = String(app.props.id ?? "").toLowerCase();
    const name = String(app.props.name ?? "").toLowerCase();
    return resources.find((r) => {
        if (r.type !== TYPES.sharedPrivateLink || typeof r.props.privateLinkResourceId !== "string") return false;
        const target = r.props.privateLinkResourceId.toLowerCase();
        return (id !== "" && target === id) || (name !== "" && target.endsWith(`/microsoft.web/sites/${name}`));
    });
}

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

/**
 * The templates of a SignalR resource whose URL is a known string, with the field path used in
 * messages. Values still unknown during preview are skipped rather than judged.
 */
export function knownUrlTemplates(type: string, props: Props): { field: string; url: string; template: UpstreamTemplateProps }[] {
    if (type !== TYPES.signalR) return [];
    return upstreamTemplates(props)
        .filter(({ template }) => typeof template.urlTemplate === "string")
        .map(({ index, template }) => ({ field: `upstream.templates[${index}]`, url: template.urlTemplate as string, template }));
}
