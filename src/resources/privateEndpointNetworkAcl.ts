import { SIGNALR_API_VERSION, armDependencies, createArmClient, writeDeadline } from "../approval/engine";
import type { ArmClient } from "../arm/armClient";
import { systemClock } from "../arm/clock";
import {
    SIGNALR_REQUEST_TYPES,
    SignalRNetworkAcls,
    SignalRPrivateEndpointConnection,
    connectionOfPrivateEndpoint,
    entryMatches,
    privateEndpointAclOf,
    withPrivateEndpointAcl,
    withoutPrivateEndpointAcl,
} from "../arm/privateEndpointAcl";
import { parseResourceIdOfType } from "../arm/resourceId";
import { retryOnConflict } from "../arm/retryOnConflict";
import { ValidationError } from "../upstream/validationError";
import type { LifecycleDependencies } from "./approval";
import { CheckFailure, ResourceLifecycle, changedKeys, checkFailures, isUnknown } from "./lifecycle";
import { SignInSettingsInput, withSignInSettings } from "./signInSettings";
import { checkServiceId } from "./upstreamRefresh";

/** Inputs of PrivateEndpointNetworkAcl (ids and request types: nothing secret). */
export interface PrivateEndpointAclInputs extends SignInSettingsInput {
    /** Resource id of the SignalR service. */
    serviceId: string;
    /** Resource id of the private endpoint (`Microsoft.Network/privateEndpoints`) whose connection the entry is for. */
    privateEndpointId: string;
    /** The request types allowed through this private endpoint; every other type is denied. */
    allow: string[];
    /**
     * Changes whenever the service is written again by its own resource: a full write of the service
     * may drop entries it does not list, so the entry is written again after it. @default none
     */
    serviceRevision?: string;
    /** Seconds for the endpoint's connection to show on the service. @default 600 */
    timeoutSeconds?: number;
    resourceManagerEndpoint?: string;
}

export interface PrivateEndpointAclOutputs extends PrivateEndpointAclInputs {
    /** The SignalR-side connection the entry names (`<endpoint>.<guid>`). */
    connectionName: string;
    /** Its resource id. */
    connectionId: string;
    /** Whether the service's ACLs hold the entry as written (a refresh may find it gone or changed). */
    inEffect: boolean;
}

/** What a GET of the service tells about its ACLs and inbound connections. */
interface ServiceNetworking {
    properties?: { networkACLs?: SignalRNetworkAcls; privateEndpointConnections?: SignalRPrivateEndpointConnection[] };
}

export const DEFAULT_CONNECTION_TIMEOUT_SECONDS = 600;
const OUTPUT_ONLY = ["connectionName", "connectionId", "inEffect"];

function checkInputs(i: PrivateEndpointAclInputs): CheckFailure[] {
    const failures = [
        ...(isUnknown(i.serviceId) ? [] : checkFailures(() => checkServiceId(i.serviceId), "serviceId")),
        ...(isUnknown(i.privateEndpointId)
            ? []
            : checkFailures(
                  () => parseResourceIdOfType("privateEndpointId", i.privateEndpointId, "Microsoft.Network/privateEndpoints", "a private endpoint"),
                  "privateEndpointId",
              )),
    ];
    if (!isUnknown(i.allow)) {
        failures.push(
            ...checkFailures(() => {
                if (!Array.isArray(i.allow) || i.allow.length === 0) throw new ValidationError("allow", `must list at least one of ${SIGNALR_REQUEST_TYPES.join(", ")}`, i.allow);
                const unknown = i.allow.find((t) => !(SIGNALR_REQUEST_TYPES as readonly string[]).includes(t));
                if (unknown !== undefined) throw new ValidationError("allow", `holds ${JSON.stringify(unknown)}; request types are ${SIGNALR_REQUEST_TYPES.join(", ")}`, i.allow);
            }, "allow"),
        );
    }
    if (i.timeoutSeconds !== undefined && !isUnknown(i.timeoutSeconds) && !(Number.isInteger(i.timeoutSeconds) && i.timeoutSeconds >= 1 && i.timeoutSeconds <= 3600)) {
        failures.push({ property: "timeoutSeconds", reason: `\`timeoutSeconds\` must be a whole number of seconds from 1 to 3600, got ${JSON.stringify(i.timeoutSeconds)}` });
    }
    return failures;
}

/**
 * PrivateEndpointNetworkAcl: the service's network ACL entry for one inbound private endpoint. With
 * the default action Deny, an endpoint without an entry carries nothing; the entry names the
 * connection Azure made for the endpoint, so it is written once the endpoint exists, by PATCHing
 * the service's `networkACLs` as read, with just this entry set (409 busy: sent again). Read
 * reports whether the entry is still as written, so a refresh that finds it dropped makes the next
 * update write it again; delete removes just this entry.
 */
export function privateEndpointNetworkAclLifecycle(deps: LifecycleDependencies = {}): ResourceLifecycle<PrivateEndpointAclInputs, PrivateEndpointAclOutputs> {
    const log = deps.log ?? (() => undefined);
    const clock = deps.clock ?? systemClock;
    // Each client bounds its own requests by the real clock (15 minutes); waits and retries follow `clock`.
    const client = (inputs: PrivateEndpointAclInputs) => createArmClient({ ...inputs, ...armDependencies(deps), deadline: writeDeadline() });
    const serviceUrl = (arm: ArmClient, serviceId: string) => arm.url(serviceId, SIGNALR_API_VERSION, [], "serviceId");

    /** Reads the service, changes its ACLs and PATCHes them back; again on 409, reading anew (15 minutes at most). */
    const patchAcls = async (inputs: PrivateEndpointAclInputs, change: (acls: SignalRNetworkAcls | undefined) => SignalRNetworkAcls | undefined) => {
        const serviceName = checkServiceId(inputs.serviceId);
        const deadline = writeDeadline(clock.now());
        const arm = await client(inputs);
        const url = serviceUrl(arm, inputs.serviceId);
        await retryOnConflict(
            async () => {
                const service = await arm.get<ServiceNetworking>(url);
                if (!service) throw new ValidationError("serviceId", "names a SignalR service that does not exist", inputs.serviceId);
                const networkACLs = change(service.properties?.networkACLs);
                if (networkACLs) await arm.putAndWait(url, { properties: { networkACLs } }, "PATCH");
            },
            { deadline, what: `Network ACLs of ${serviceName}`, clock, log, firstDelayMs: deps.retryDelayInMs },
        );
    };

    /** Waits (bounded) until the endpoint's connection shows on the service, then writes its entry. */
    const apply = async (inputs: PrivateEndpointAclInputs): Promise<PrivateEndpointAclOutputs> => {
        const serviceName = checkServiceId(inputs.serviceId);
        const timeoutSeconds = inputs.timeoutSeconds ?? DEFAULT_CONNECTION_TIMEOUT_SECONDS;
        const deadline = clock.now() + timeoutSeconds * 1000;
        let delayMs = 2000;
        for (;;) {
            const arm = await client(inputs);
            const service = await arm.get<ServiceNetworking>(serviceUrl(arm, inputs.serviceId));
            if (!service) throw new ValidationError("serviceId", "names a SignalR service that does not exist", inputs.serviceId);
            const connection = connectionOfPrivateEndpoint(service.properties?.privateEndpointConnections, inputs.privateEndpointId);
            if (connection) {
                log(`Allowing ${inputs.allow.join(", ")} through private endpoint connection ${connection.name} on ${serviceName} (${connection.status}).`);
                await patchAcls(inputs, (acls) => withPrivateEndpointAcl(acls, connection.name, inputs.allow));
                return { ...inputs, connectionName: connection.name, connectionId: connection.id, inEffect: true };
            }
            if (clock.now() + delayMs > deadline) {
                throw new Error(
                    `No private endpoint connection from ${inputs.privateEndpointId} showed on ${serviceName} within ${timeoutSeconds} s. ` +
                        "Check that the private endpoint's private link service connection targets this service with group id `signalr`.",
                );
            }
            log(`Waiting for the connection of private endpoint ${inputs.privateEndpointId.split("/").pop()} to show on ${serviceName}.`);
            await clock.sleep(delayMs);
            delayMs = Math.min(delayMs * 2, 30_000);
        }
    };

    return withSignInSettings({
        async check(_olds, news) {
            return { inputs: news, failures: checkInputs(news) };
        },
        async create(inputs) {
            const outs = await apply(inputs);
            return { id: `${inputs.serviceId}/privateEndpointConnections/${outs.connectionName}/networkAcl`, outs };
        },
        async read(id, props) {
            checkServiceId(props.serviceId);
            const arm = await client(props);
            const service = await arm.get<ServiceNetworking>(serviceUrl(arm, props.serviceId));
            const connection = service && connectionOfPrivateEndpoint(service.properties?.privateEndpointConnections, props.privateEndpointId);
            if (!service || !connection) return { id: "", props: {} }; // the service or the endpoint is gone: so is the entry
            const inEffect = entryMatches(privateEndpointAclOf(service.properties?.networkACLs, connection.name), props.allow);
            return { id, props: { ...props, connectionName: connection.name, connectionId: connection.id, inEffect } };
        },
        async diff(_id, olds, news) {
            const replaces = (["serviceId", "privateEndpointId"] as const).filter((k) => (olds[k] ?? "").toLowerCase() !== (news[k] ?? "").toLowerCase());
            return { changes: changedKeys(olds, news, OUTPUT_ONLY).length > 0 || olds.inEffect === false, replaces, deleteBeforeReplace: false };
        },
        async update(_id, _olds, news) {
            return { outs: await apply(news) };
        },
        async delete(_id, props) {
            if (!props.connectionName) return;
            checkServiceId(props.serviceId);
            const arm = await client(props);
            const service = await arm.get<ServiceNetworking>(serviceUrl(arm, props.serviceId));
            if (!service || !privateEndpointAclOf(service.properties?.networkACLs, props.connectionName)) return; // nothing left to remove
            log(`Removing the network ACL entry of private endpoint connection ${props.connectionName}.`);
            await patchAcls(props, (acls) => (privateEndpointAclOf(acls, props.connectionName) ? withoutPrivateEndpointAcl(acls, props.connectionName) : undefined));
        },
    });
}
