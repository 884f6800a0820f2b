import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults, stringList } from "./policyConfig";
import { ofKind, resourceName } from "./resourceTypes";
import { UNKNOWN, judge, knownString, read, sameText } from "./unknowns";

const configSchema: PolicyConfigSchema = {
    properties: {
        tagName: { type: "string", default: "environment", description: "The stack tag that says what environment a stack is." },
        productionValues: stringList("Values of that tag that mean production (compared ignoring case).", ["production", "prod"]),
        minimumReplicas: { type: "integer", minimum: 1, maximum: 8, default: 1, description: "Replicas each production service should have (a service has at most 8)." },
    },
};

export const signalrProductionReplicas: StackValidationPolicy = {
    name: "signalr-production-replicas",
    description:
        "On a stack tagged as production, each SignalR service should be Premium with at least one geo-replica, so a regional outage does not stop every client (Microsoft's Azure SignalR reliability guide; replicas are Premium only). The tag and its values are configurable.",
    severity: "low",
    enforcementLevel: "advisory",
    configSchema,
    remediationSteps: "Use sku Premium_P1 (or P2) and give ServerlessSignalR replicas in a second region (their shared private endpoints are approved too).",
    validateStack: (args, report) => {
        const config = configWithDefaults<{ tagName: string; productionValues: string[]; minimumReplicas: number }>(configSchema, args);
        const environment = args.stackTags.get(config.tagName);
        if (!config.productionValues.some((v) => sameText(v, environment))) return;
        const replicas = ofKind(args.resources, "signalRReplica");
        for (const service of ofKind(args.resources, "signalR")) {
            judge(() => {
                const sku = knownString(() => service.props.sku?.name) ?? "";
                const tier = knownString(() => service.props.sku?.tier) ?? "";
                const name = resourceName(service);
                if (name === undefined) return;
                if (replicas.some((r) => read(() => r.props.resourceName) === UNKNOWN)) return; // a replica's service not known yet
                const count = replicas.filter((r) =>
                    sameText(
                        knownString(() => r.props.resourceName),
                        name,
                    ),
                ).length;
                const premium = /^premium/i.test(sku) || sameText(tier, "Premium");
                if (!premium || count < config.minimumReplicas)
                    report(
                        `SignalR service ${service.name} runs a production stack (${config.tagName}=${environment}) on ${premium ? "Premium" : `SKU ${sku || "?"}`} with ${count} replica(s); use Premium with at least ${config.minimumReplicas}.`,
                        service.urn,
                    );
            });
        }
    },
};
