import { SIGNALR_API_VERSION, createArmClient } from "../approval/engine";
import { parseResourceId, sameResourceType } from "../arm/resourceId";
import { toggleKeyVaultReferenceSlashes } from "../upstream/keyVaultReference";
import { ValidationError } from "../upstream/validationError";
import type { LifecycleDependencies } from "./approval";
import { ResourceLifecycle, changedKeys, checkFailures, isUnknown } from "./lifecycle";

/** An upstream template in ARM's JSON shape (the same as azure-native's input). */
export interface ArmUpstreamTemplate {
    urlTemplate: string;
    hubPattern?: string;
    categoryPattern?: string;
    eventPattern?: string;
    auth?: { type: string; managedIdentity?: { resource?: string } };
}

/** Inputs of UpstreamSettingsRefresh (stored in state: ids and templates; secret when the templates are). */
export interface UpstreamRefreshInputs {
    /** Resource id of the SignalR service. */
    serviceId: string;
    /** The service's upstream templates, re-submitted as they are. */
    templates: ArmUpstreamTemplate[];
    /** Anything whose change should cause another re-read, e.g. the grants' ids. */
    triggers: string[];
    resourceManagerEndpoint?: string;
}

export type UpstreamRefreshOutputs = UpstreamRefreshInputs;

function checkServiceId(serviceId: string): string {
    const service = parseResourceId("serviceId", serviceId);
    if (!sameResourceType(service.resourceType, "Microsoft.SignalRService/signalR")) {
        throw new ValidationError("serviceId", "must be a SignalR service (Microsoft.SignalRService/signalR) id", serviceId);
    }
    return service.name;
}

/**
 * UpstreamSettingsRefresh: makes the service re-read its Key Vault references now. The service
 * re-reads them every 30 minutes, or when its upstream settings change; this PATCHes
 * `properties.upstream` twice: first with every reference's trailing slash toggled (same secrets,
 * different settings: a real change), then with the settings as declared, so the service ends
 * exactly as azure-native configured it.
 */
export function upstreamRefreshLifecycle(deps: LifecycleDependencies = {}): ResourceLifecycle<UpstreamRefreshInputs, UpstreamRefreshOutputs> {
    const log = deps.log ?? (() => undefined);
    const patch = async (inputs: UpstreamRefreshInputs) => {
        const serviceName = checkServiceId(inputs.serviceId);
        const client = createArmClient({ ...inputs, ...deps });
        log(`Changing the upstream settings of ${serviceName} and back, so that it re-reads its Key Vault references now.`);
        const url = client.url(inputs.serviceId, SIGNALR_API_VERSION);
        const toggled = inputs.templates.map((t, i) => ({ ...t, urlTemplate: toggleKeyVaultReferenceSlashes(t.urlTemplate, `templates[${i}].urlTemplate`) }));
        await client.putAndWait(url, { properties: { upstream: { templates: toggled } } }, "PATCH");
        await client.putAndWait(url, { properties: { upstream: { templates: inputs.templates } } }, "PATCH");
    };
    return {
        async check(_olds, news) {
            const failures = isUnknown(news.serviceId) ? [] : checkFailures(() => checkServiceId(news.serviceId), "serviceId");
            if (!Array.isArray(news.templates)) failures.push({ property: "templates", reason: "`templates` must be a list of upstream templates" });
            return { inputs: news, failures };
        },
        async create(inputs) {
            await patch(inputs);
            return { id: `${inputs.serviceId}/upstreamRefresh`, outs: inputs };
        },
        async read(id, props) {
            return { id, props }; // nothing to read: the settings belong to the service
        },
        async diff(_id, olds, news) {
            return { changes: changedKeys(olds, news).length > 0, replaces: olds.serviceId !== news.serviceId ? ["serviceId"] : [], deleteBeforeReplace: false };
        },
        async update(_id, _olds, news) {
            await patch(news);
            return { outs: news };
        },
        async delete() {
            // Nothing to undo: the settings belong to the service.
        },
    };
}
