import { SIGNALR_API_VERSION, armDependencies, createArmClient, writeDeadline } from "../approval/engine";
import { REGION_ENDPOINT_VALUES, RegionEndpointValue, regionEndpointStep } from "../approval/replicaRegionEndpoint";
import type { ArmClient } from "../arm/armClient";
import { systemClock } from "../arm/clock";
import { parseResourceIdOfType } from "../arm/resourceId";
import { retryOnConflict } from "../arm/retryOnConflict";
import { ValidationError } from "../upstream/validationError";
import type { LifecycleDependencies } from "./approval";
import { CheckFailure, ResourceLifecycle, changedKeys, checkFailures, isUnknown } from "./lifecycle";
import { operationPollFailures, operationPollIntervalMs } from "./operationPolling";
import { SignInSettingsInput, withSignInSettings } from "./signInSettings";

/** Inputs of ReplicaRegionEndpoint (an id and a value: nothing secret). */
export interface ReplicaRegionEndpointInputs extends SignInSettingsInput {
    /** Resource id of the geo-replica (`…/Microsoft.SignalRService/signalR/{service}/replicas/{replica}`). */
    replicaId: string;
    /** The replica's `regionEndpointEnabled` wanted: `Enabled` only once every copy of the shared private links is Approved. */
    regionEndpointEnabled: RegionEndpointValue;
    /** Wait between polls of the PATCH's SignalR operation when Azure sends no Retry-After. @default 5 */
    operationPollIntervalSeconds?: number;
    resourceManagerEndpoint?: string;
}

export interface ReplicaRegionEndpointOutputs extends ReplicaRegionEndpointInputs {
    /** Whether the replica holds `regionEndpointEnabled` as wanted (a refresh may find it changed). */
    inEffect: boolean;
    /** The replica's copies of the shared private links and their status, as last written after. */
    sharedPrivateLinks: { [link: string]: string };
}

/** What the REST spec 2024-03-01 `Replica` and `SharedPrivateLinkResource` carry that is read here. */
interface LiveReplica {
    location?: string;
    properties?: { regionEndpointEnabled?: string };
}
interface LiveLink {
    id?: string;
    name?: string;
    properties?: { status?: string };
}

const OUTPUT_ONLY = ["inEffect", "sharedPrivateLinks"];
const REPLICA_TYPE = "Microsoft.SignalRService/signalR/replicas";

/** The replica's and its service's names and the service's id, from the replica's id. */
export function parseReplicaId(replicaId: string): { replica: string; service: string; serviceId: string } {
    const parsed = parseResourceIdOfType("replicaId", replicaId, REPLICA_TYPE, "a SignalR geo-replica");
    return { replica: parsed.name, service: parsed.names[0], serviceId: replicaId.slice(0, replicaId.toLowerCase().lastIndexOf("/replicas/")) };
}

function checkInputs(i: ReplicaRegionEndpointInputs): CheckFailure[] {
    const failures = isUnknown(i.replicaId) ? [] : checkFailures(() => parseReplicaId(i.replicaId), "replicaId");
    if (!isUnknown(i.regionEndpointEnabled) && !(REGION_ENDPOINT_VALUES as readonly unknown[]).includes(i.regionEndpointEnabled)) {
        failures.push({
            property: "regionEndpointEnabled",
            reason: `\`regionEndpointEnabled\` must be ${REGION_ENDPOINT_VALUES.join(" or ")}, got ${JSON.stringify(i.regionEndpointEnabled)}`,
        });
    }
    return [...failures, ...operationPollFailures(i.operationPollIntervalSeconds)];
}

const linkName = (l: LiveLink) => l.name || (l.id ?? "").split("/").filter(Boolean).pop() || "";
const holds = (replica: LiveReplica, value: string) => (replica.properties?.regionEndpointEnabled ?? "Enabled").toLowerCase() === value.toLowerCase();

/**
 * ReplicaRegionEndpoint: a geo-replica's `regionEndpointEnabled`, owned here instead of by the
 * replica's own resource, which the component creates `Disabled` when the service has shared
 * private endpoints (Microsoft: "Do not enable the replica until its shared private endpoint has
 * been approved"). Runs after the approvals: it turns the endpoint on only when every link of the
 * primary has a copy on the replica that SignalR reports Approved (an error naming the replica and
 * the copies otherwise: nothing is enabled), and off whenever asked, by a PATCH of the replica
 * (REST spec 2024-03-01 `SignalRReplicas_Update`; 409 busy: sent again). Read reports whether the
 * replica still holds the value, and diff reads the replica too (one GET, never a write), so a value
 * changed by any other write (the replica's own update sends its stored value) is written again.
 * Delete writes nothing: the replica goes, or keeps what it has.
 */
export function replicaRegionEndpointLifecycle(deps: LifecycleDependencies = {}): ResourceLifecycle<ReplicaRegionEndpointInputs, ReplicaRegionEndpointOutputs> {
    const log = deps.log ?? (() => undefined);
    const clock = deps.clock ?? systemClock;
    const client = (inputs: ReplicaRegionEndpointInputs) =>
        createArmClient({
            ...inputs,
            ...armDependencies(deps),
            deadline: writeDeadline(),
            operationPollIntervalMs: operationPollIntervalMs(inputs.operationPollIntervalSeconds),
        });
    const replicaUrl = (arm: ArmClient, replicaId: string) => arm.url(replicaId, SIGNALR_API_VERSION, [], "replicaId");
    const readReplica = async (arm: ArmClient, inputs: ReplicaRegionEndpointInputs): Promise<LiveReplica> => {
        const live = await arm.get<LiveReplica>(replicaUrl(arm, inputs.replicaId));
        if (!live) throw new ValidationError("replicaId", "names a SignalR geo-replica that does not exist", inputs.replicaId);
        return live;
    };

    /** Reads the replica and, for `Enabled`, its copies and the primary's links; writes the value when allowed (again on 409, reading anew). */
    const apply = async (inputs: ReplicaRegionEndpointInputs): Promise<ReplicaRegionEndpointOutputs> => {
        const { replica, serviceId } = parseReplicaId(inputs.replicaId);
        const arm = await client(inputs);
        return retryOnConflict(
            async () => {
                const live = await readReplica(arm, inputs);
                const copies = (await arm.list<LiveLink>(arm.url(inputs.replicaId, SIGNALR_API_VERSION, ["sharedPrivateLinkResources"], "replicaId"))).map((l) => ({
                    name: linkName(l),
                    status: l.properties?.status ?? "Unknown",
                }));
                const primaryLinks = (await arm.list<LiveLink>(arm.url(serviceId, SIGNALR_API_VERSION, ["sharedPrivateLinkResources"], "replicaId"))).map(linkName);
                const step = regionEndpointStep({ replica, desired: inputs.regionEndpointEnabled, live: live.properties?.regionEndpointEnabled, primaryLinks, copies });
                if (step.kind === "refuse") {
                    throw new Error(
                        `The region endpoint of replica ${replica} (${inputs.replicaId}) stays ${live.properties?.regionEndpointEnabled ?? "as it is"}: not every copy of the shared private links on it is Approved (${step.pending.join(", ")}), and Microsoft says "Do not enable the replica until its shared private endpoint has been approved". Approve the connection of each copy on its target (a shared private endpoint with \`approve: false\` is yours to approve), then run up again.`,
                    );
                }
                if (step.kind === "write") {
                    log(
                        `Setting the region endpoint of replica ${replica} to ${step.value}${step.value === "Enabled" ? ` (its ${copies.length} shared private link copies are Approved)` : ""}.`,
                    );
                    // The spec's Replica body: TrackedResource's `location` with just the property changed.
                    await arm.putAndWait(replicaUrl(arm, inputs.replicaId), { location: live.location, properties: { regionEndpointEnabled: step.value } }, "PATCH");
                }
                return { ...inputs, inEffect: true, sharedPrivateLinks: Object.fromEntries(copies.map((c) => [c.name, c.status])) };
            },
            { deadline: writeDeadline(clock.now()), what: `Region endpoint of replica ${replica}`, clock, log, firstDelayMs: deps.retryDelayInMs },
        );
    };

    /** The replica as Resource Manager reports it (one GET); undefined when it is gone. */
    const liveReplica = async (inputs: ReplicaRegionEndpointInputs) => {
        parseReplicaId(inputs.replicaId);
        const arm = await client(inputs);
        return arm.get<LiveReplica>(replicaUrl(arm, inputs.replicaId));
    };

    return withSignInSettings({
        async check(_olds, news) {
            return { inputs: news, failures: checkInputs(news) };
        },
        async create(inputs) {
            return { id: `${inputs.replicaId}/regionEndpoint`, outs: await apply(inputs) };
        },
        async read(id, props) {
            const live = await liveReplica(props);
            if (!live) return { id: "", props: {} }; // the replica is gone, and its endpoint with it
            return { id, props: { ...props, inEffect: holds(live, props.regionEndpointEnabled) } };
        },
        async diff(_id, olds, news) {
            const replaces = (olds.replicaId ?? "").toLowerCase() !== (news.replicaId ?? "").toLowerCase() ? ["replicaId"] : [];
            const result = { changes: true, replaces, deleteBeforeReplace: false };
            if (replaces.length > 0 || changedKeys(olds, news, OUTPUT_ONLY).length > 0 || olds.inEffect === false || isUnknown(news.replicaId)) return result;
            // State says the value holds, but the replica's own update (azure-native PUTs its stored
            // inputs) or a change outside the stack may have changed it: one GET tells.
            const live = await liveReplica(news);
            if (live && holds(live, news.regionEndpointEnabled)) return { ...result, changes: false };
            log(`The region endpoint of replica ${parseReplicaId(news.replicaId).replica} is not ${news.regionEndpointEnabled} as wanted: it is written again.`);
            return result;
        },
        async update(_id, _olds, news) {
            return { outs: await apply(news) };
        },
        async delete() {
            // Nothing to write: a removed replica goes with its endpoint, and one kept keeps its value.
        },
    });
}
