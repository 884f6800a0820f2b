import type { StackValidationPolicy } from "@pulumi/policy";
import { ofKind, resourceName } from "./resourceTypes";
import { UNKNOWN, judge, knownString, read, sameText } from "./unknowns";

/** Whether a SKU block is Premium (by name or tier, ignoring case); undefined while unknown. */
function isPremium(sku: () => { name?: unknown; tier?: unknown } | undefined): boolean | undefined {
    const name = read(() => sku()?.name);
    const tier = read(() => sku()?.tier);
    if (name === UNKNOWN || tier === UNKNOWN) return undefined;
    return /^premium_/i.test(String(name ?? "")) || sameText(tier, "Premium");
}

export const signalrReplicasPremium: StackValidationPolicy = {
    name: "signalr-replicas-premium",
    description:
        "A SignalR geo-replica and the service it replicates must both be Premium: geo-replication requires the Premium tier (Microsoft's Azure SignalR reliability guide, Geo-replication requirements), and Resource Manager refuses a replica otherwise.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Use sku Premium_P1 or Premium_P2 for the service and each replica (ServerlessSignalR's `sku` and `replicas[].sku`).",
    validateStack: (args, report) => {
        const services = ofKind(args.resources, "signalR");
        for (const replica of ofKind(args.resources, "signalRReplica")) {
            judge(() => {
                if (isPremium(() => replica.props.sku) === false) {
                    report(
                        `SignalR replica ${replica.name} uses SKU ${String(read(() => replica.props.sku?.name) ?? "?")}; replicas must be Premium (Premium_P1 or Premium_P2).`,
                        replica.urn,
                    );
                }
                const serviceName = knownString(() => replica.props.resourceName);
                if (serviceName === undefined) return;
                const service = services.find((s) => sameText(resourceName(s), serviceName));
                if (service && isPremium(() => service.props.sku) === false) {
                    report(
                        `SignalR replica ${replica.name} replicates service ${service.name}, which uses SKU ${String(read(() => service.props.sku?.name) ?? "?")}; geo-replication requires the Premium tier.`,
                        replica.urn,
                    );
                }
            });
        }
    },
};
