import type { StackValidationPolicy } from "@pulumi/policy";
import { ofKind } from "./resourceTypes";
import { UNKNOWN, judge, read, sameText } from "./unknowns";

export const signalrReplicaLinksApproved: StackValidationPolicy = {
    name: "signalr-replica-links-approved-by-stack",
    description:
        "Each geo-replica's copy of every shared private link of its service should be approved by the stack: replicas do not inherit shared private endpoint approvals (Microsoft's Azure SignalR reliability guide), so without it the replica's upstream calls fail until someone approves its connection by hand. An approval covers a replica when its `replicaNames` name it, or when it has none (then it approves every replica Resource Manager lists).",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps: "Give the replicas as ServerlessSignalR's `replicas` (its approvals then cover each one), or leave a standalone approval's replicaNames unset.",
    validateStack: (args, report) => {
        const approvals = ofKind(args.resources, "approval").map((a) => ({
            message: read(() => a.props.requestMessage),
            target: read(() => a.props.targetResourceId),
            replicas: read(() => a.props.replicaNames as unknown),
        }));
        const links = ofKind(args.resources, "sharedPrivateLink");
        for (const replica of ofKind(args.resources, "signalRReplica")) {
            judge(() => {
                const service = read(() => replica.props.resourceName);
                const name = read(() => replica.props.replicaName);
                if (service === UNKNOWN || name === UNKNOWN) return;
                for (const link of links) {
                    const linkService = read(() => link.props.resourceName);
                    const message = read(() => link.props.requestMessage);
                    const target = read(() => link.props.privateLinkResourceId);
                    if ([linkService, message, target].includes(UNKNOWN) || !sameText(linkService, service)) continue;
                    // Any value not known yet may be the one that matches: not judged.
                    if (approvals.some((a) => a.message === UNKNOWN || a.target === UNKNOWN || a.replicas === UNKNOWN)) return;
                    const covers = approvals.some(
                        (a) =>
                            a.message === message &&
                            sameText(a.target, target) &&
                            (a.replicas === undefined || (Array.isArray(a.replicas) && a.replicas.some((r) => name !== undefined && sameText(r, name)))),
                    );
                    if (!covers)
                        report(
                            `Replica ${replica.name}'s copy of shared private link ${link.name} has no approval in this stack; its connection stays Pending until approved by hand.`,
                            replica.urn,
                        );
                }
            });
        }
    },
};
