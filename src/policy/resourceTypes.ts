import { UNKNOWN, knownString, read, sameText } from "./unknowns";

/**
 * Type tokens the policies look at, each kind with every token it is registered under: the
 * ARM-backed resources are dynamic resources in a TypeScript program and the package provider's
 * custom resources everywhere else (src/components/armBackedResources.ts, DYNAMIC_TYPES and
 * PACKAGE_TYPES), and azure-native keeps the old module of a renamed resource as an alias.
 */
export const TYPES = {
    signalR: ["azure-native:signalrservice:SignalR"],
    signalRReplica: ["azure-native:signalrservice:SignalRReplica"],
    sharedPrivateLink: ["azure-native:signalrservice:SignalRSharedPrivateLinkResource"],
    keyVault: ["azure-native:keyvault:Vault"],
    webApp: ["azure-native:web:WebApp"],
    appServicePlan: ["azure-native:web:AppServicePlan"],
    privateEndpoint: ["azure-native:network:PrivateEndpoint"],
    privateDnsZoneGroup: ["azure-native:network:PrivateDnsZoneGroup"],
    // azure-native v3 moved DiagnosticSetting from `insights` to `monitor` (the alias in monitor/diagnosticSetting.js).
    diagnosticSetting: ["azure-native:monitor:DiagnosticSetting", "azure-native:insights:DiagnosticSetting"],
    approval: ["pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointConnectionApproval", "signalr-serverless:index:PrivateEndpointConnectionApproval"],
    networkAcl: ["pulumi-nodejs:dynamic/signalr-serverless:PrivateEndpointNetworkAcl", "signalr-serverless:index:PrivateEndpointNetworkAcl"],
} as const satisfies Record<string, readonly string[]>;

export type ResourceKind = keyof typeof TYPES;

/** Whether a type token is one of a kind's tokens. */
export function isType(type: string, kind: ResourceKind): boolean {
    return (TYPES[kind] as readonly string[]).includes(type);
}

/** The resources of one kind. */
export function ofKind<R extends { type: string }>(resources: readonly R[], kind: ResourceKind): R[] {
    return resources.filter((r) => isType(r.type, kind));
}

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
    return linksTo(app, "Microsoft.Web/sites", resources)[0];
}

/**
 * The shared private links among `resources` whose target is `target` (a resource of the given ARM
 * type): by the target's id or, while the id is not known, by its name. Unknown values never match.
 */
export function linksTo<R extends StackResource>(target: StackResource, armType: string, resources: readonly R[]): R[] {
    const id = knownString(() => target.props.id)?.toLowerCase();
    const name = resourceName(target)?.toLowerCase();
    const suffix = `/providers/${armType.toLowerCase()}/${name}`;
    return ofKind(resources, "sharedPrivateLink").filter((r) => {
        const linked = knownString(() => r.props.privateLinkResourceId)?.toLowerCase();
        return linked !== undefined && ((id !== undefined && linked === id) || (name !== undefined && linked.endsWith(suffix)));
    });
}

/**
 * A resource's Azure name: azure-native's explicit name input (`resourceName`, `vaultName`, `name`),
 * else the last segment of its id once known (an autonamed resource). Undefined while unknown.
 */
export function resourceName(r: { props: Props }): string | undefined {
    for (const key of ["resourceName", "vaultName", "name"]) {
        const v = knownString(() => r.props[key]);
        if (v !== undefined) return v;
    }
    return (
        knownString(() => r.props.id)
            ?.split("/")
            .pop() || undefined
    );
}

/** The resource among `candidates` whose id is `id` (compared ignoring case, as ARM does). */
export function byId<R extends { props: Props }>(candidates: readonly R[], id: unknown): R | undefined {
    return candidates.find((c) =>
        sameText(
            knownString(() => c.props.id),
            id,
        ),
    );
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
    const templates = read(() => props.upstream?.templates as UpstreamTemplateProps[] | undefined);
    if (!Array.isArray(templates)) return [];
    // Read one by one: a template not known yet is skipped, the others are still judged.
    return Array.from({ length: templates.length }, (_, index) => ({ index, template: read(() => templates[index]) })).filter(
        (t): t is { index: number; template: UpstreamTemplateProps } => t.template !== UNKNOWN && t.template !== undefined,
    );
}

/**
 * The templates of a SignalR resource whose URL is a known string, with the field path used in
 * messages. Values still unknown during preview are skipped rather than judged.
 */
export function knownUrlTemplates(type: string, props: Props): { field: string; url: string; template: UpstreamTemplateProps }[] {
    if (!isType(type, "signalR")) return [];
    return upstreamTemplates(props).flatMap(({ index, template }) => {
        const url = knownString(() => template.urlTemplate);
        return url === undefined ? [] : [{ field: `upstream.templates[${index}]`, url, template }];
    });
}
