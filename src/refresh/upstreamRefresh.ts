import * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/azure-native/types/input";
import { SIGNALR_API_VERSION, ArmDependencies, armDependencies, createArmClient } from "../approval/engine";
import { parseResourceId, sameResourceType } from "../arm/resourceId";
import { toggleKeyVaultReferenceSlashes } from "../upstream/keyVaultReference";

/** An upstream template in ARM's JSON shape (the same as azure-native's input). */
export interface ArmUpstreamTemplate {
    urlTemplate: string;
    hubPattern?: string;
    categoryPattern?: string;
    eventPattern?: string;
    auth?: { type: string; managedIdentity?: { resource?: string } };
}

/** Inputs of UpstreamSettingsRefresh (stored in state: ids, templates, no secret). */
export interface UpstreamRefreshInputs {
    /** Resource id of the SignalR service. */
    serviceId: string;
    /** The service's upstream templates, re-submitted as they are. */
    templates: ArmUpstreamTemplate[];
    /** Anything whose change should cause another re-read, e.g. the grants' ids. */
    triggers: string[];
    resourceManagerEndpoint?: string;
}

/** Runtime-only dependencies, for tests (never in state). */
export interface UpstreamRefreshDependencies extends ArmDependencies {
    log?: (message: string) => void;
}

/**
 * Makes the service re-read its Key Vault references now. The service re-reads them every 30
 * minutes, or when its upstream settings change; right after the grants of a system-assigned
 * identity exist, this PATCHes `properties.upstream` twice: first with every reference's trailing
 * slash toggled (same secrets, different settings: a real change), then with the settings as
 * declared, so the service ends exactly as azure-native configured it.
 */
export function createUpstreamRefreshProvider(deps: UpstreamRefreshDependencies = {}): pulumi.dynamic.ResourceProvider {
    const log = deps.log ?? ((message: string) => void pulumi.log.info(message));
    const patch = async (inputs: UpstreamRefreshInputs) => {
        const service = parseResourceId("serviceId", inputs.serviceId);
        if (!sameResourceType(service.resourceType, "Microsoft.SignalRService/signalR")) {
            throw new Error(`serviceId must be a SignalR service id, got ${inputs.serviceId}`);
        }
        const client = createArmClient({ ...inputs, ...armDependencies(deps) });
        log(`Changing the upstream settings of ${service.name} and back, so that it re-reads its Key Vault references now.`);
        const url = client.url(inputs.serviceId, SIGNALR_API_VERSION);
        const toggled = inputs.templates.map((t, i) => ({ ...t, urlTemplate: toggleKeyVaultReferenceSlashes(t.urlTemplate, `templates[${i}].urlTemplate`) }));
        await client.putAndWait(url, { properties: { upstream: { templates: toggled } } }, "PATCH");
        await client.putAndWait(url, { properties: { upstream: { templates: inputs.templates } } }, "PATCH");
    };
    return {
        async create(inputs: UpstreamRefreshInputs) {
            await patch(inputs);
            return { id: `${inputs.serviceId}/upstreamRefresh`, outs: inputs };
        },
        async diff(_id: string, olds: UpstreamRefreshInputs, news: UpstreamRefreshInputs) {
            return { changes: JSON.stringify(olds) !== JSON.stringify(news), replaces: olds.serviceId !== news.serviceId ? ["serviceId"] : [] };
        },
        async update(_id: string, _olds: UpstreamRefreshInputs, news: UpstreamRefreshInputs) {
            await patch(news);
            return { outs: news };
        },
        async delete() {
            // Nothing to undo: the settings belong to the service.
        },
    };
}

/** One provider instance for every refresh (the SDK serializes once per instance). */
export const sharedUpstreamRefreshProvider = createUpstreamRefreshProvider();

/** Inputs of UpstreamSettingsRefresh, as Pulumi inputs (templates in azure-native's shape). */
export interface UpstreamSettingsRefreshArgs {
    serviceId: pulumi.Input<string>;
    templates: pulumi.Input<inputs.signalrservice.UpstreamTemplateArgs>[];
    triggers: pulumi.Input<string>[];
    resourceManagerEndpoint?: pulumi.Input<string>;
}

/** See createUpstreamRefreshProvider. */
export class UpstreamSettingsRefresh extends pulumi.dynamic.Resource {
    constructor(name: string, args: UpstreamSettingsRefreshArgs, opts?: pulumi.CustomResourceOptions, provider: pulumi.dynamic.ResourceProvider = sharedUpstreamRefreshProvider) {
        super(provider, name, args, opts, "signalr-serverless", "UpstreamSettingsRefresh");
    }
}
