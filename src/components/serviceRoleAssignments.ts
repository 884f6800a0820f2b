import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { roleDefinitionGuid } from "../arm/builtInRoles";
import { deterministicGuid } from "../arm/deterministicGuid";
import { parseResourceId } from "../arm/resourceId";
import { ValidationError, fieldPath } from "../upstream/validationError";
import { checkArray, checkKnownKeys, checkObject, checkOneOf } from "./argChecks";
import { mapInputs } from "./plainOrOutput";
import { SignalRRoleAssignmentArgs } from "./serverlessSignalRArgs";

export const PRINCIPAL_TYPES = ["ServicePrincipal", "Group", "User", "ForeignGroup", "Device"] as const;

/** Checks `roleAssignments` (AVM's shape); duplicates of role + plain principal are refused. */
export function checkRoleAssignments(field: string, list: unknown): void {
    checkArray(field, list);
    const seen = new Set<string>();
    ((list as SignalRRoleAssignmentArgs[] | undefined) ?? []).forEach((r, i) => {
        const item = `${field}[${i}]`;
        checkObject(item, r);
        checkKnownKeys(item, r, ["roleDefinitionIdOrName", "principalId", "principalType", "description"]);
        const role = roleDefinitionGuid(fieldPath(item, "roleDefinitionIdOrName"), r.roleDefinitionIdOrName);
        if (r.principalId === undefined || r.principalId === "") throw new ValidationError(fieldPath(item, "principalId"), "is required", r.principalId);
        checkOneOf(fieldPath(item, "principalType"), r.principalType, PRINCIPAL_TYPES);
        if (r.description !== undefined && typeof r.description !== "string") throw new ValidationError(fieldPath(item, "description"), "must be a string", r.description);
        if (typeof r.principalId === "string") {
            const key = `${role}|${r.principalId.toLowerCase()}`;
            if (seen.has(key)) throw new ValidationError(item, "assigns the same role to the same principal as an earlier entry", r.roleDefinitionIdOrName);
            seen.add(key);
        }
    });
}

/**
 * One role assignment per entry at the service's scope, named by a GUID of service + principal +
 * role, so re-runs and imports never duplicate an assignment.
 */
export function createServiceRoleAssignments(
    name: string,
    serviceId: pulumi.Input<string>,
    list: SignalRRoleAssignmentArgs[],
    opts: pulumi.CustomResourceOptions,
): authorization.RoleAssignment[] {
    return list.map((r, i) => {
        const role = roleDefinitionGuid(`roleAssignments[${i}].roleDefinitionIdOrName`, r.roleDefinitionIdOrName);
        return new authorization.RoleAssignment(
            `${name}-role${i}`,
            {
                scope: serviceId,
                principalId: r.principalId,
                ...(r.principalType ? { principalType: r.principalType } : {}),
                roleDefinitionId: mapInputs(
                    [serviceId],
                    ([id]) => `/subscriptions/${parseResourceId("serviceId", id).subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
                ),
                roleAssignmentName: mapInputs([serviceId, r.principalId], ([id, principal]) => deterministicGuid(id, principal, role)),
                ...(r.description ? { description: r.description } : {}),
            },
            opts,
        );
    });
}
