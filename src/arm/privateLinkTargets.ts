import { ValidationError, fieldPath } from "../upstream/validationError";
import { parseResourceId, sameResourceType } from "./resourceId";

/**
 * Target types a shared private endpoint can be approved on: the private link group id and the
 * stable api-version of the target's `privateEndpointConnections`. Adding a type is one row.
 */
export interface PrivateLinkTarget {
    resourceType: string;
    groupId: string;
    connectionsApiVersion: string;
}

export const PRIVATE_LINK_TARGETS: readonly PrivateLinkTarget[] = [
    { resourceType: "Microsoft.Web/sites", groupId: "sites", connectionsApiVersion: "2024-04-01" },
    { resourceType: "Microsoft.KeyVault/vaults", groupId: "vault", connectionsApiVersion: "2023-07-01" },
];

/** The table row for a resource type, if any. */
export function findPrivateLinkTarget(resourceType: string): PrivateLinkTarget | undefined {
    return PRIVATE_LINK_TARGETS.find((t) => sameResourceType(t.resourceType, resourceType));
}

/**
 * The group id for a target: inferred from the table, or the explicit one, which must agree with
 * the table for known types. Unknown types need an explicit group id.
 */
export function resolveGroupId(field: string, targetResourceId: string, groupId: string | undefined): string {
    const target = parseResourceId(fieldPath(field, "targetResourceId"), targetResourceId);
    const row = findPrivateLinkTarget(target.resourceType);
    if (groupId !== undefined && (typeof groupId !== "string" || groupId.trim() === "")) {
        throw new ValidationError(fieldPath(field, "groupId"), "must be a non-empty private link group id", groupId);
    }
    if (row && groupId !== undefined && groupId !== row.groupId) {
        throw new ValidationError(fieldPath(field, "groupId"), `must be \`${row.groupId}\` for a ${row.resourceType} target`, groupId);
    }
    if (!row && groupId === undefined) {
        throw new ValidationError(
            fieldPath(field, "groupId"),
            `must be given for a ${target.resourceType} target (it is inferred only for ${PRIVATE_LINK_TARGETS.map((t) => t.resourceType).join(", ")})`,
            groupId,
        );
    }
    return groupId ?? row!.groupId;
}
