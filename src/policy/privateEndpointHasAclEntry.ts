import type { StackValidationPolicy } from "@pulumi/policy";
import { Props, ofKind, resourceName } from "./resourceTypes";
import { UNKNOWN, judge, read, sameText } from "./unknowns";

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
        "An inbound private endpoint to a SignalR service whose network ACLs deny by default carries only what its network ACL entry allows; the entry names a connection Azure creates with the endpoint, so the stack must write it (PrivateEndpointNetworkAcl, as a dynamic resource or the package provider's resource).",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Create the endpoint through ServerlessSignalR's privateEndpoints (it writes the entry), or add a PrivateEndpointNetworkAcl with the endpoint's id and the request types to allow.",
    validateStack: (args, report) => {
        const services = ofKind(args.resources, "signalR");
        const entries = ofKind(args.resources, "networkAcl").map((e) => read(() => e.props.privateEndpointId));
        for (const endpoint of ofKind(args.resources, "privateEndpoint")) {
            judge(() => {
                const service = signalRTargetOf(endpoint.props, services);
                if (
                    !service ||
                    sameText(
                        read(() => service.props.networkACLs?.defaultAction),
                        "Allow",
                    )
                )
                    return;
                const id = read(() => endpoint.props.id);
                // An entry whose endpoint is not known yet may be this one's; while this endpoint's id is not
                // known (a first preview), so may an entry without a known endpoint.
                const covered = entries.some((e) => e === UNKNOWN || (typeof id === "string" ? sameText(e, id) : typeof e !== "string"));
                if (!covered) {
                    report(
                        `Private endpoint ${endpoint.name} connects to SignalR service ${resourceName(service) ?? ""}, whose network ACLs deny by default, but no network ACL entry in this stack allows anything through it.`,
                        endpoint.urn,
                    );
                }
            });
        }
    },
};
