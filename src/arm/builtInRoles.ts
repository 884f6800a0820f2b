import { ValidationError } from "../upstream/validationError";

/**
 * Built-in roles that make sense on a SignalR service, by name, with their role definition GUIDs
 * (Microsoft's "Azure built-in roles"; the same names the Azure Verified Module accepts).
 */
export const BUILT_IN_ROLES: Readonly<Record<string, string>> = {
    Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    "SignalR AccessKey Reader": "04165923-9d83-45d5-8227-78b77b0a687e",
    "SignalR App Server": "420fcaa2-552c-430f-98ca-3264be4806c7",
    "SignalR REST API Owner": "fd53cd77-2268-407a-8f46-7e7863d0f521",
    "SignalR REST API Reader": "ddde6b66-c0df-4114-a159-3618637b3035",
    "SignalR Service Owner": "7e4f1700-ea5a-4f59-8f37-079cfe29dce3",
    "SignalR/Web PubSub Contributor": "8cf5e20a-e4b2-4e9d-b3a1-5ceb692c2761",
    "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE_DEFINITION_ID = /^(\/subscriptions\/[0-9a-f-]{36})?\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]{36})$/i;

/** A role given by name, GUID or id, as the role definition GUID; throws naming the field. Pure. */
export function roleDefinitionGuid(field: string, roleDefinitionIdOrName: unknown): string {
    if (typeof roleDefinitionIdOrName === "string") {
        if (Object.prototype.hasOwnProperty.call(BUILT_IN_ROLES, roleDefinitionIdOrName)) return BUILT_IN_ROLES[roleDefinitionIdOrName];
        if (GUID.test(roleDefinitionIdOrName)) return roleDefinitionIdOrName.toLowerCase();
        const id = ROLE_DEFINITION_ID.exec(roleDefinitionIdOrName);
        if (id && GUID.test(id[2])) return id[2].toLowerCase();
    }
    throw new ValidationError(
        field,
        `must be a built-in role name (${Object.keys(BUILT_IN_ROLES).join(", ")}), a role definition GUID, or a role definition id (/providers/Microsoft.Authorization/roleDefinitions/<guid>)`,
        roleDefinitionIdOrName,
    );
}
