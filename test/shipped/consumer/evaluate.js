// Runs inside the consumer project (its own node_modules): evaluates a compiled Pulumi program
// under Pulumi mocks and prints every registration (type, name, inputs, outputs) as JSON.
// Usage: node evaluate.js <program.js> <out.json> <project>
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const pulumi = require("@pulumi/pulumi");

const [program, outFile, project] = process.argv.slice(2);
const registered = [];
// Resource ids shaped like Azure's, for the types whose ids programs pass on.
const ARM_TYPES = {
    "azure-native:keyvault:Vault": "Microsoft.KeyVault/vaults",
    "azure-native:web:WebApp": "Microsoft.Web/sites",
    "azure-native:web:AppServicePlan": "Microsoft.Web/serverfarms",
    "azure-native:signalrservice:SignalR": "Microsoft.SignalRService/signalR",
    "azure-native:managedidentity:UserAssignedIdentity": "Microsoft.ManagedIdentity/userAssignedIdentities",
    "azure-native:storage:StorageAccount": "Microsoft.Storage/storageAccounts",
    "azure-native:resources:ResourceGroup": "",
};
const armId = (type, name) => {
    const group = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${type === "azure-native:resources:ResourceGroup" ? name : "rg"}`;
    const armType = ARM_TYPES[type];
    return armType === "" ? group : `${group}/providers/${armType ?? "Test.Provider/things"}/${name}`;
};
pulumi.runtime.setMocks(
    {
        newResource(args) {
            // Answer like Azure would where programs read outputs: identities have principals.
            const state = {
                ...args.inputs,
                principalId: "11111111-1111-1111-1111-111111111111",
                clientId: "22222222-2222-2222-2222-222222222222",
                tenantId: "33333333-3333-3333-3333-333333333333",
            };
            if (args.type === "azure-native:signalrservice:SignalR")
                state.identity = { principalId: state.principalId, tenantId: state.tenantId, type: args.inputs.identity?.type };
            if (args.type.endsWith("PrivateEndpointConnectionApproval"))
                Object.assign(state, { connectionId: `${args.inputs.targetResourceId}/privateEndpointConnections/c1`, connectionName: "c1", status: "Approved" });
            registered.push({ type: args.type, name: args.name, inputs: args.inputs, outputs: state });
            return { id: armId(args.type, args.name), state: { ...state, id: armId(args.type, args.name) } };
        },
        call: (args) => ({
            ...args.inputs,
            id: args.inputs.resourceGroupName
                ? `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${args.inputs.resourceGroupName}/providers/Microsoft.Web/sites/${args.inputs.name}`
                : undefined,
        }),
    },
    project,
    "dev",
    false,
);
const errors = [];
process.on("unhandledRejection", (e) => errors.push(String(e && e.message ? e.message : e)));
pulumi.runtime
    .runInPulumiStack(async () => require(path.resolve(program)))
    .catch((e) => errors.push(String(e && e.message ? e.message : e)))
    .finally(() =>
        setTimeout(() => {
            fs.writeFileSync(outFile, JSON.stringify({ registered, errors }));
            process.exit(0);
        }, 1500),
    );
