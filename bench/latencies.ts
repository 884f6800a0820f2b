// Azure's latencies for what a ServerlessSignalR deployment waits on, each with where it comes
// from (or, where nothing documents it, the assumption), in real seconds. The deployment benchmark
// runs them scaled by one factor, so a run takes minutes instead of a quarter of an hour.
import type { LatencyModel } from "../test/support/armLatency";

export interface Latency {
    key: keyof LatencyModel;
    what: string;
    /** Real seconds. */
    seconds: number;
    source: string;
}

export const AZURE_LATENCIES: readonly Latency[] = [
    {
        key: "requestMs",
        what: "one Resource Manager request (round trip)",
        seconds: 0.2,
        source: "no published figure; assumed 200 ms per request (Resource Manager's own processing and the network)",
    },
    {
        key: "signalRCreateMs",
        what: "SignalR create (PUT's long-running operation)",
        seconds: 120,
        source: "azurerm acceptance tests, hashicorp/terraform-provider-azurerm PR #33372 (TeamCity build 739731): `TestAccSignalRService_list_basic` 150.8 s for resource group, service, list and destroy; assumed 120 s of it for the create",
    },
    {
        key: "signalRUpdateMs",
        what: "SignalR update (PATCH of the upstream settings)",
        seconds: 15,
        source: "no published figure (the REST spec 2024-03-01 marks SignalR_Update long-running, final state via Location); assumed 15 s",
    },
    {
        key: "linkProvisionMs",
        what: "shared private link provisioning (PUT's long-running operation)",
        seconds: 180,
        source: "azurerm PR #16187: `TestAccSignalrSharedPrivateLinkResource_basicSites` 569.9 s for service, plan, web app, link and destroy; with ~120 s for the service and ~90 s each for the web app and the destroy, assumed 180 s for the link. Microsoft's shared private endpoints how-to: a long-running operation, polled until Succeeded",
    },
    {
        key: "linkDeleteMs",
        what: "shared private link delete",
        seconds: 60,
        source: "not on `pulumi up`'s path; assumed 60 s",
    },
    {
        key: "connectionAppearMs",
        what: "the connection appearing on the target, after the link's PUT",
        seconds: 180,
        source: "Microsoft's shared private endpoints how-to: once the link's provisioning Succeeded, the connection is Pending on the target; no figure for it alone, so assumed equal to the link's provisioning",
    },
    {
        key: "approvalWriteMs",
        what: "the approval's write on the target (PUT of the connection)",
        seconds: 5,
        source: "no published figure (Microsoft.Web answers 200 or 202, REST spec 2024-04-01 ApproveOrRejectSitePrivateEndpointConnection); assumed 5 s",
    },
    {
        key: "approvalPropagationMs",
        what: "the approval reaching SignalR (link reported Approved)",
        seconds: 120,
        source: 'Microsoft\'s shared private endpoints how-to: "The approval takes a few minutes to propagate to the SignalR Service"; assumed 2 minutes',
    },
    {
        key: "keyVaultRbacMs",
        what: "Key Vault RBAC propagation (role assignment effective)",
        seconds: 600,
        source: 'Microsoft\'s Key Vault RBAC guide, "Known limits": up to 10 minutes (the documented bound; nothing shorter can be relied on)',
    },
    {
        key: "replicaCreateMs",
        what: "SignalR geo-replica create (PUT's long-running operation)",
        seconds: 120,
        source: "no published figure (Microsoft's SignalR geo-replication how-to and reliability guide give none; the REST spec 2024-03-01 marks SignalRReplicas_CreateOrUpdate long-running); a replica is a Premium unit in another region, so assumed as long as the service's create, 120 s, holding the service (one operation at a time)",
    },
    {
        key: "replicaConnectionAppearMs",
        what: "a replica's copy of a link: its connection appearing on the target, after the primary link's PUT",
        seconds: 180,
        source: "the SignalR team (azure-rest-api-specs PR #28259): a link created while replicas exist is copied to each, each copy with its own managed private endpoint and Pending connection; no figure, so assumed made in parallel with the primary's and appearing as late (180 s)",
    },
    {
        key: "replicaUpdateMs",
        what: "SignalR geo-replica update (PATCH of the replica: its region endpoint turned on)",
        seconds: 15,
        source: "no published figure (the REST spec 2024-03-01 marks SignalRReplicas_Update long-running: 202 + Location, final-state-via location); a change of one setting like the service's own update, so assumed as long as it, 15 s, holding the service (one operation at a time)",
    },
];

/** The model with every latency multiplied by `scale` (e.g. 0.1: ten times faster than Azure). */
export function scaledModel(scale: number): LatencyModel {
    return Object.fromEntries(AZURE_LATENCIES.map((l) => [l.key, l.seconds * 1000 * scale])) as unknown as LatencyModel;
}

/**
 * ARM's documented read budget (MicrosoftDocs azure-docs, articles/azure-resource-manager/management/request-limits-and-throttling.md):
 * per subscription and principal, a bucket of 250 reads refilled at 25 per second since 2024; 12,000 reads per hour in the classic model.
 */
export const ARM_READ_BUDGET = { bucket: 250, refillPerSecond: 25, classicPerHour: 12_000 } as const;
