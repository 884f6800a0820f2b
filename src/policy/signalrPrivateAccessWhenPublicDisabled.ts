import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./policyConfig";
import { Props, ofKind } from "./resourceTypes";
import { UNKNOWN, judge, knownString, read, sameText } from "./unknowns";

/** The targets (ids, lower case) and group ids of a private endpoint's connections; undefined when any is unknown. */
function connectionsOf(endpoint: Props): { target?: string; groups: string[] }[] | undefined {
    const all = read(() => [...(endpoint.privateLinkServiceConnections ?? []), ...(endpoint.manualPrivateLinkServiceConnections ?? [])]);
    if (!Array.isArray(all)) return undefined;
    const out: { target?: string; groups: string[] }[] = [];
    for (const c of all) {
        const target = read(() => c.privateLinkServiceId);
        const groups = read(() => (Array.isArray(c.groupIds) ? ([...c.groupIds] as unknown[]) : []));
        if (target === UNKNOWN || groups === UNKNOWN) return undefined;
        out.push({ target: typeof target === "string" ? target.toLowerCase() : undefined, groups: groups.filter((g): g is string => typeof g === "string") });
    }
    return out;
}

const configSchema: PolicyConfigSchema = {
    properties: {
        requireDnsZoneGroup: {
            type: "boolean",
            default: true,
            description:
                "Require the endpoint's private DNS zone group in the stack. Set false where Azure Policy b0e86710-7fb7-4a6c-a064-32e9b829509e (DeployIfNotExists, as in Azure landing zones) creates the zone groups.",
        },
    },
};

export const signalrPrivateAccessWhenPublicDisabled: StackValidationPolicy = {
    name: "signalr-private-access-when-public-disabled",
    description:
        "A SignalR service with public network access disabled must have an inbound private endpoint (group `signalr`) with a private DNS zone group, or no client and no Function output binding can reach it. Anchors: Azure Policy 2393d2cf-a342-44cd-a2e2-fe0188fd1234 (Azure SignalR Service should use private link) and b0e86710-7fb7-4a6c-a064-32e9b829509e (private DNS zones for private endpoints to SignalR).",
    severity: "high",
    enforcementLevel: "mandatory",
    configSchema,
    remediationSteps:
        "Give ServerlessSignalR privateEndpoints and privateDnsZone (the endpoint, its zone group in privatelink.service.signalr.net and its network ACL entry), or keep publicNetworkAccess Enabled until clients come through a private endpoint.",
    validateStack: (args, report) => {
        const { requireDnsZoneGroup } = configWithDefaults<{ requireDnsZoneGroup: boolean }>(configSchema, args);
        const endpoints = ofKind(args.resources, "privateEndpoint").map((e) => ({ e, connections: connectionsOf(e.props) }));
        const zoneGroups = ofKind(args.resources, "privateDnsZoneGroup");
        for (const service of ofKind(args.resources, "signalR")) {
            judge(() => {
                if (
                    !sameText(
                        read(() => service.props.publicNetworkAccess),
                        "Disabled",
                    )
                )
                    return;
                const id = knownString(() => service.props.id)?.toLowerCase();
                // The service's id or an endpoint's target not known yet (a first preview): not judged.
                if (id === undefined || endpoints.some(({ connections }) => connections === undefined)) return;
                const inbound = endpoints.filter(({ connections }) => connections!.some((c) => c.target === id && c.groups.some((g) => sameText(g, "signalr"))));
                if (inbound.length === 0) {
                    report(`SignalR service ${service.name} disables public network access but no private endpoint (group signalr) in this stack reaches it.`, service.urn);
                    return;
                }
                if (!requireDnsZoneGroup) return;
                const withZone = inbound.filter(({ e }) => {
                    const endpointName = knownString(() => e.props.privateEndpointName ?? e.props.name);
                    const endpointId = knownString(() => e.props.id)?.toLowerCase();
                    return zoneGroups.some((g) => {
                        const groupEndpoint = knownString(() => g.props.privateEndpointName);
                        const groupId = knownString(() => g.props.id)?.toLowerCase();
                        return groupEndpoint === undefined || sameText(groupEndpoint, endpointName) || (endpointId !== undefined && groupId?.startsWith(`${endpointId}/`));
                    });
                });
                if (withZone.length === 0)
                    report(
                        `SignalR service ${service.name} disables public network access; its private endpoint ${inbound[0].e.name} has no private DNS zone group, so its host name does not resolve to the private address.`,
                        service.urn,
                    );
            });
        }
    },
};
