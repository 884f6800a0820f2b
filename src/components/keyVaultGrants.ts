import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { deterministicGuid } from "../arm/deterministicGuid";
import { ResourceId, parseResourceId } from "../arm/resourceId";
import { checkedInput, mapInputs } from "./plainOrOutput";
import { checkKeyVaultId, checkSecretName } from "./serverlessSignalRRules";
import { KeyVaultAccessArgs } from "./serverlessSignalRArgs";

/** Built-in role "Key Vault Secrets User": read secret contents. */
export const KEY_VAULT_SECRETS_USER_ROLE_ID = "4633458b-17de-408a-b874-0445c86b69e6";

/** The principal that receives the grants. */
export interface GrantPrincipal {
    principalId: pulumi.Input<string>;
    tenantId: pulumi.Input<string>;
}

/**
 * Creates the read grants of one keyVaultAccess entry: an RBAC assignment of Key Vault Secrets User
 * at vault scope or per named secret, or a vault access policy with `get` on secrets. Role
 * assignments are named by a GUID of scope + principal + role, so re-runs never duplicate them.
 */
export function createKeyVaultGrants(
    name: string,
    index: number,
    access: KeyVaultAccessArgs,
    principal: GrantPrincipal,
    opts: pulumi.CustomResourceOptions,
): pulumi.CustomResource[] {
    const field = `keyVaultAccess[${index}].keyVaultId`;
    const vaultId = checkedInput(access.keyVaultId, (id) => checkKeyVaultId(field, id));
    const vault = (pick: (v: ResourceId) => string) => mapInputs([vaultId], ([id]) => pick(parseResourceId(field, id)));

    if (access.useAccessPolicy) {
        return [
            new keyvault.AccessPolicy(
                `${name}-kv${index}-policy`,
                {
                    resourceGroupName: vault((v) => v.resourceGroupName),
                    vaultName: vault((v) => v.name),
                    policy: { tenantId: principal.tenantId, objectId: principal.principalId, permissions: { secrets: ["get"] } },
                },
                opts,
            ),
        ];
    }

    const roleDefinitionId = vault((v) => `/subscriptions/${v.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER_ROLE_ID}`);
    const scopes: { role: string; scope: pulumi.Input<string> }[] = access.secretNames
        ? access.secretNames.map((secret, j) => ({
              role: `${name}-kv${index}-secret${j}-reader`,
              // A name that is an Output is checked once known, with the message a plain one gets at construction.
              scope: mapInputs([vaultId, checkedInput(secret, (s) => checkSecretName(`keyVaultAccess[${index}].secretNames[${j}]`, s))], ([id, s]) => `${id}/secrets/${s}`),
          }))
        : [{ role: `${name}-kv${index}-reader`, scope: vaultId }];
    return scopes.map(
        ({ role, scope }) =>
            new authorization.RoleAssignment(
                role,
                {
                    scope,
                    principalId: principal.principalId,
                    // A fresh identity may not have replicated yet; with the type given ARM skips the lookup.
                    principalType: "ServicePrincipal",
                    roleDefinitionId,
                    roleAssignmentName: mapInputs([scope, principal.principalId], ([s, p]) => deterministicGuid(s, p, KEY_VAULT_SECRETS_USER_ROLE_ID)),
                    description: "signalr-serverless: SignalR reads upstream secrets",
                },
                opts,
            ),
    );
}
