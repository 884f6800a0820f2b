import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { checkResourceGroupName, parseResourceIdOfType } from "../arm/resourceId";
import { checkTags } from "../arm/tags";
import { ValidationError, fieldPath } from "../upstream/validationError";
import { checkArray, checkKnownKeys, checkObject } from "./argChecks";
import { newPrivateEndpointNetworkAcl } from "./armBackedResources";
import { configuredResourceManagerEndpoint } from "./configuredCloud";
import { signalRPrivateDnsZoneName } from "./privateDnsZoneName";
import { checkedInput, isPlainInput } from "./plainOrOutput";
import { checkServerlessRequestTypes } from "./requestTypes";
import { PrivateDnsZoneGroupArgs, SignalRPrivateDnsZoneArgs, SignalRPrivateEndpointArgs } from "./serverlessSignalRArgs";

/** What an inbound private endpoint carries unless told otherwise: clients and REST API calls (the Functions output binding). */
export const DEFAULT_PRIVATE_ENDPOINT_REQUEST_TYPES = ["ClientConnection", "RESTAPI"];
/** The group id (sub-resource) of a SignalR private endpoint. */
export const SIGNALR_GROUP_ID = "signalr";
/** Azure's limit of private DNS zones in one zone group. */
export const MAX_ZONES_PER_GROUP = 5;

/** Microsoft.Network names (private endpoints: 64, network interfaces: 80): letters, digits, `_`, `.`, `-`, starting with a letter or digit, ending with one or `_`. */
function checkNetworkName(field: string, value: unknown, maxLength: number): void {
    const pattern = new RegExp(`^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,${maxLength - 2}}[a-zA-Z0-9_]$`);
    if (value !== undefined && (typeof value !== "string" || !pattern.test(value))) {
        throw new ValidationError(field, `must be 2-${maxLength} letters, digits, \`_\`, \`.\` or \`-\`, starting with a letter or digit and ending with one or \`_\``, value);
    }
}

/** The id types these arguments take, with the words errors use for them. */
const SUBNET = { type: "Microsoft.Network/virtualNetworks/subnets", what: "a subnet" };
const ZONE = { type: "Microsoft.Network/privateDnsZones", what: "a private DNS zone" };
const VNET = { type: "Microsoft.Network/virtualNetworks", what: "a virtual network" };

const parseId = (field: string, value: unknown, kind: { type: string; what: string }) => parseResourceIdOfType(field, value, kind.type, kind.what);
/** An Input id checked now when plain, else once known (the error then fails what uses it). */
const checkedId = (field: string, value: pulumi.Input<string>, kind: { type: string; what: string }) => checkedInput(value, (known) => void parseId(field, known, kind));

/** Checks an id now when plain (the Output case is checked once known, where it is used). */
function checkIdIfPlain(field: string, value: unknown, kind: { type: string; what: string }): void {
    if (value === undefined) throw new ValidationError(field, "is required", value);
    if (typeof value === "string") parseId(field, value, kind);
}

function checkZoneGroup(field: string, group: PrivateDnsZoneGroupArgs | undefined): void {
    checkObject(field, group);
    if (!group) return;
    checkKnownKeys(field, group, ["name", "privateDnsZoneGroupConfigs"]);
    const configs = fieldPath(field, "privateDnsZoneGroupConfigs");
    checkArray(configs, group.privateDnsZoneGroupConfigs);
    const list = group.privateDnsZoneGroupConfigs ?? [];
    if (list.length === 0 || list.length > MAX_ZONES_PER_GROUP)
        throw new ValidationError(configs, `must hold 1 to ${MAX_ZONES_PER_GROUP} zones (Azure's limit per zone group)`, list);
    list.forEach((c, j) => {
        checkObject(`${configs}[${j}]`, c);
        checkKnownKeys(`${configs}[${j}]`, c, ["name", "privateDnsZoneResourceId"]);
        checkIdIfPlain(`${configs}[${j}].privateDnsZoneResourceId`, c.privateDnsZoneResourceId, ZONE);
    });
}

/** Checks `privateEndpoints` and `privateDnsZone`: ids of the right types, known request types, unique names. */
export function checkInboundPrivateEndpoints(list: unknown, zone: unknown): void {
    checkArray("privateEndpoints", list);
    const endpoints = (list as SignalRPrivateEndpointArgs[] | undefined) ?? [];
    const seen = new Map<string, number>();
    endpoints.forEach((e, i) => {
        const item = `privateEndpoints[${i}]`;
        checkObject(item, e);
        checkKnownKeys(item, e, ["name", "subnetResourceId", "location", "resourceGroupName", "customNetworkInterfaceName", "privateDnsZoneGroup", "allowedRequestTypes", "tags"]);
        checkNetworkName(`${item}.name`, e.name, 64);
        if (e.name !== undefined) {
            const earlier = seen.get(e.name.toLowerCase());
            if (earlier !== undefined)
                throw new ValidationError(`${item}.name`, `names the same private endpoint as privateEndpoints[${earlier}] (names are case-insensitive)`, e.name);
            seen.set(e.name.toLowerCase(), i);
        }
        checkIdIfPlain(`${item}.subnetResourceId`, e.subnetResourceId, SUBNET);
        if (typeof e.resourceGroupName === "string") checkResourceGroupName(`${item}.resourceGroupName`, e.resourceGroupName);
        checkNetworkName(`${item}.customNetworkInterfaceName`, e.customNetworkInterfaceName, 80);
        checkZoneGroup(`${item}.privateDnsZoneGroup`, e.privateDnsZoneGroup);
        checkServerlessRequestTypes(`${item}.allowedRequestTypes`, e.allowedRequestTypes);
        if (e.allowedRequestTypes !== undefined && e.allowedRequestTypes.length === 0) {
            throw new ValidationError(`${item}.allowedRequestTypes`, "must allow at least one request type: an endpoint that carries nothing is not needed", e.allowedRequestTypes);
        }
        checkTags(`${item}.tags`, e.tags);
    });

    checkObject("privateDnsZone", zone);
    if (zone === undefined) return;
    const z = zone as SignalRPrivateDnsZoneArgs;
    checkKnownKeys("privateDnsZone", z, ["virtualNetworkResourceIds", "resourceGroupName"]);
    if (typeof z.resourceGroupName === "string") checkResourceGroupName("privateDnsZone.resourceGroupName", z.resourceGroupName);
    if (endpoints.length === 0)
        throw new ValidationError("privateDnsZone", "is used only with privateEndpoints: add an inbound private endpoint, or leave the zone to whoever creates the endpoints", z);
    checkArray("privateDnsZone.virtualNetworkResourceIds", z.virtualNetworkResourceIds);
    if ((z.virtualNetworkResourceIds ?? []).length === 0) {
        throw new ValidationError(
            "privateDnsZone.virtualNetworkResourceIds",
            "must name at least one virtual network: a zone linked to none resolves nothing",
            z.virtualNetworkResourceIds,
        );
    }
    z.virtualNetworkResourceIds.forEach((v, j) => checkIdIfPlain(`privateDnsZone.virtualNetworkResourceIds[${j}]`, v, VNET));
}

/**
 * A short digest of what the component sends to the service: it changes exactly when the service
 * resource is written again, and such a full write may drop the private endpoint ACL entries it does
 * not list, so each entry is written again after it. Secret when any input is.
 */
export function serviceRevision(serviceInputs: pulumi.Inputs): pulumi.Output<string> {
    return pulumi.output(serviceInputs).apply((known) => createHash("sha256").update(JSON.stringify(known)).digest("hex").slice(0, 16));
}

export interface InboundPrivateEndpointsContext {
    /** The component's name (children are named after it). */
    name: string;
    service: { id: pulumi.Output<string>; name: pulumi.Output<string>; location: pulumi.Output<string> };
    resourceGroupName: pulumi.Input<string>;
    tags?: { [key: string]: pulumi.Input<string> };
    revision: pulumi.Input<string>;
    parent: pulumi.Resource;
    /** The last write to the service before these (e.g. the last shared private link): writes never overlap. */
    after?: pulumi.Resource;
}

export interface InboundPrivateEndpoints {
    endpoints: network.PrivateEndpoint[];
    /** Every resource that writes to the service (the ACL entries), in order: the last is the last write. */
    serviceWrites: pulumi.CustomResource[];
    /** Everything created, for dependsOn of what must come after (a lock). */
    all: pulumi.CustomResource[];
}

/**
 * The inbound private endpoints, one after another (SignalR runs one operation at a time): each
 * endpoint, its DNS zone group, then its network ACL entry; plus the private DNS zone and its
 * virtual network links when asked.
 */
export function createInboundPrivateEndpoints(
    ctx: InboundPrivateEndpointsContext,
    list: SignalRPrivateEndpointArgs[],
    zoneArgs: SignalRPrivateDnsZoneArgs | undefined,
): InboundPrivateEndpoints {
    const out: InboundPrivateEndpoints = { endpoints: [], serviceWrites: [], all: [] };
    if (list.length === 0) return out;
    const opts = { parent: ctx.parent };

    let zone: privatedns.PrivateZone | undefined;
    if (zoneArgs) {
        const zoneGroup = zoneArgs.resourceGroupName ?? ctx.resourceGroupName;
        zone = new privatedns.PrivateZone(
            `${ctx.name}-dns-zone`,
            { resourceGroupName: zoneGroup, privateZoneName: signalRPrivateDnsZoneName(ctx.parent), location: "global", tags: ctx.tags },
            opts,
        );
        out.all.push(zone);
        zoneArgs.virtualNetworkResourceIds.forEach((vnet, j) => {
            const field = `privateDnsZone.virtualNetworkResourceIds[${j}]`;
            const id = checkedId(field, vnet, VNET);
            out.all.push(
                new privatedns.VirtualNetworkLink(
                    `${ctx.name}-dns-link${j}`,
                    {
                        resourceGroupName: zoneGroup,
                        privateZoneName: zone!.name,
                        virtualNetworkLinkName: pulumi.output(id).apply((known) => `${parseId(field, known, VNET).name}-link`),
                        location: "global",
                        virtualNetwork: { id },
                        registrationEnabled: false,
                        tags: ctx.tags,
                    },
                    opts,
                ),
            );
        });
    }

    const endpoint = configuredResourceManagerEndpoint();
    let previous = ctx.after;
    list.forEach((e, i) => {
        const item = `privateEndpoints[${i}]`;
        const peName = e.name ?? pulumi.interpolate`pep-${ctx.service.name}-${SIGNALR_GROUP_ID}-${i}`;
        const resourceGroupName = e.resourceGroupName ?? ctx.resourceGroupName;
        const subnetId = isPlainInput(e.subnetResourceId) ? e.subnetResourceId : checkedId(`${item}.subnetResourceId`, e.subnetResourceId, SUBNET);
        const pe = new network.PrivateEndpoint(
            `${ctx.name}-pe${i}`,
            {
                resourceGroupName,
                privateEndpointName: peName,
                location: e.location ?? ctx.service.location,
                subnet: { id: subnetId },
                privateLinkServiceConnections: [{ name: peName, privateLinkServiceId: ctx.service.id, groupIds: [SIGNALR_GROUP_ID] }],
                ...(e.customNetworkInterfaceName ? { customNetworkInterfaceName: e.customNetworkInterfaceName } : {}),
                tags: e.tags ?? ctx.tags,
            },
            { ...opts, dependsOn: previous ? [previous] : [] },
        );
        out.endpoints.push(pe);
        out.all.push(pe);

        const configs = e.privateDnsZoneGroup
            ? e.privateDnsZoneGroup.privateDnsZoneGroupConfigs.map((c, j) => {
                  const field = `${item}.privateDnsZoneGroup.privateDnsZoneGroupConfigs[${j}].privateDnsZoneResourceId`;
                  const zoneId = checkedId(field, c.privateDnsZoneResourceId, ZONE);
                  return { name: c.name ?? pulumi.output(zoneId).apply((known) => parseId(field, known, ZONE).name), privateDnsZoneId: zoneId };
              })
            : zone
              ? [{ name: zone.name, privateDnsZoneId: zone.id }]
              : [];
        if (configs.length > 0) {
            out.all.push(
                new network.PrivateDnsZoneGroup(
                    `${ctx.name}-pe${i}-dns`,
                    { resourceGroupName, privateEndpointName: pe.name, privateDnsZoneGroupName: e.privateDnsZoneGroup?.name ?? "default", privateDnsZoneConfigs: configs },
                    opts,
                ),
            );
        }

        const acl = newPrivateEndpointNetworkAcl(
            `${ctx.name}-pe${i}-acl`,
            {
                serviceId: ctx.service.id,
                privateEndpointId: pe.id,
                allow: e.allowedRequestTypes ?? DEFAULT_PRIVATE_ENDPOINT_REQUEST_TYPES,
                serviceRevision: ctx.revision,
                ...(endpoint ? { resourceManagerEndpoint: endpoint } : {}),
            },
            { ...opts, dependsOn: [pe] },
        );
        out.serviceWrites.push(acl);
        out.all.push(acl);
        previous = acl;
    });
    return out;
}
