import type { ResourceValidationPolicy } from "@pulumi/policy";
import { findPrivateLinkTarget } from "../arm/privateLinkTargets";
import { isType } from "./resourceTypes";
import { skipUnknowns } from "./unknowns";

export const sharedPrivateLinkGroupId: ResourceValidationPolicy = {
    name: "signalr-shared-private-link-group-id",
    description: "A shared private link resource's groupId must match its target type (sites for Function/Web apps, vault for Key Vault).",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Leave groupId unset in SharedPrivateEndpoint to have it inferred, or use the target type's group id.",
    validateResource: skipUnknowns((args, report) => {
        if (!isType(args.type, "sharedPrivateLink")) return;
        const target = args.props.privateLinkResourceId;
        if (typeof target !== "string") return;
        const type = target.split("/providers/")[1]?.split("/").slice(0, 2).join("/");
        const row = type ? findPrivateLinkTarget(type) : undefined;
        if (row && args.props.groupId !== row.groupId) report(`groupId is ${args.props.groupId} but a ${row.resourceType} target needs ${row.groupId}.`);
    }),
};
