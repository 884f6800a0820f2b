import type { StackValidationPolicy } from "@pulumi/policy";
import { Props, TYPES } from "./resourceTypes";

const lower = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : undefined);

/** The SignalR service in the stack a private endpoint connects to, by the service's id. */
function signalRTargetOf(endpoint: Props, services: { props: Props }[]): { props: Props } | undefined {
    const connections: { privateLinkServiceId?: unknown; groupIds?: unknown }[] = [
        ...(endpoint.privateLinkServiceConnections ?? []),
        ...(endpoint.manualPrivateLinkServiceConnections ?? []),
    ];
    const targets = connections.map((c) => lower(c.privateLinkServiceId)).filter((t): t is string => t !== undefined);
    return services.find((s) => lower(s.props.id) !== undefined && targets.includes(lower(s.props.id)!));
}

export const privateEndpointHasAclEntry: StackValidationPolicy = {
    name: "signalr-private-endpoint-has-acl-entry",
    description:
        "An inbound private endpoint to a SignalR service whose network ACLs deny by default carries only what its network ACL entry allows; the entry names a connection Azure creates with the endpoint, so the stack must write it (PrivateEndpointNetworkAcl).",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Create the endpoint through ServerlessSignalR's privateEndpoints (it writes the entry), or add a PrivateEndpointNetworkAcl with the endpoint's id and the request types to allow.",
    validateStack: (args, report) => {
        const services = args.resources.filter((r) => r.type === TYPES.signalR);
        const entries = args.resources.filter((r) => r.type === TYPES.networkAcl);
        for (const endpoint of args.resources.filter((r) => r.type === TYPES.privateEndpoint)) {
            const service = signalRTargetOf(endpoint.props, services);
            if (!service || service.props.networkACLs?.defaultAction === "Allow") continue;
            const id = lower(endpoint.props.id);
            // While the endpoint's id is not known (a first preview), an entry whose endpoint is not known either may be its.
            const covered = entries.some((e) => (id === undefined ? typeof e.props.privateEndpointId !== "string" : lower(e.props.privateEndpointId) === id));
            if (!covered) {
                report(
                    `Private endpoint ${endpoint.name} connects to SignalR service ${service.props.name ?? ""}, whose network ACLs deny by default, but no network ACL entry in this stack allows anything through it.`,
                    endpoint.urn,
                );
            }
        }
    },
};
