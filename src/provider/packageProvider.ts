import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { PACKAGE_TYPES, constructWithPackageProviderResources } from "../components/armBackedResources";
import { hostLog } from "../dynamic/adapter";
import { LifecycleDependencies, approvalLifecycle } from "../resources/approval";
import { SYSTEM_KEY_SECRET_FIELDS, systemKeyLifecycle } from "../resources/functionAppSystemKey";
import type { ResourceLifecycle } from "../resources/lifecycle";
import { UPSTREAM_REFRESH_SECRET_FIELDS, upstreamRefreshLifecycle } from "../resources/upstreamRefresh";
import { privateEndpointNetworkAclLifecycle } from "../resources/privateEndpointNetworkAcl";
import { replicaRegionEndpointLifecycle } from "../resources/replicaRegionEndpoint";
import { CUSTOM_RESOURCES, CUSTOM_RESOURCE_TYPES } from "./customResourceSchema";
import { refineComponentSchema } from "./schemaRefinements";
import { unwrapSecrets, wrapSecrets } from "./secrets";
import { AZURE_NATIVE_SECRET_SETTINGS } from "../arm/armSettings";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyLifecycle = ResourceLifecycle<any, any>;

/** A custom resource the provider serves: its lifecycle and the inputs that are always secret. */
interface ServedResource {
    lifecycle: AnyLifecycle;
    secretFields: readonly string[];
}

/** The custom resources, over the given dependencies (tests inject a credential and a CA). */
export function servedResources(deps: LifecycleDependencies = { log: hostLog }): Record<string, ServedResource> {
    return {
        [PACKAGE_TYPES.approval]: { lifecycle: approvalLifecycle(deps), secretFields: [] },
        [PACKAGE_TYPES.systemKey]: { lifecycle: systemKeyLifecycle(deps), secretFields: SYSTEM_KEY_SECRET_FIELDS },
        [PACKAGE_TYPES.upstreamRefresh]: { lifecycle: upstreamRefreshLifecycle(deps), secretFields: UPSTREAM_REFRESH_SECRET_FIELDS },
        [PACKAGE_TYPES.networkAcl]: { lifecycle: privateEndpointNetworkAclLifecycle(deps), secretFields: [] },
        [PACKAGE_TYPES.regionEndpoint]: { lifecycle: replicaRegionEndpointLifecycle(deps), secretFields: [] },
    };
}

/** An ARM-backed resource's settings are secret in state when they hold a secret setting, however they arrived. */
const signInSecrets = (props: Record<string, unknown>): string[] => {
    const settings = props.azureNativeConfig as Record<string, unknown> | undefined;
    return settings && AZURE_NATIVE_SECRET_SETTINGS.some((k) => settings[k] !== undefined) ? ["azureNativeConfig"] : [];
};

/** The resource type in a URN: `urn:pulumi:stack::project::parent$type::name`. */
export function typeOfUrn(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").pop() ?? "";
}

export interface PackageProviderOptions {
    /** Folder with the package's package.json and sources (the component analyzer reads them). */
    dirname: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    components: (new (name: string, args: any, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource)[];
    resources?: Record<string, ServedResource>;
}

/**
 * The package's provider, what every Pulumi language uses: `construct` for the components (their
 * schema generated from their TypeScript types), create/read/update/delete for the custom
 * resources that talk to Resource Manager, and one schema for both.
 */
export class SignalRServerlessProvider implements pulumi.provider.Provider {
    readonly version: string;
    private readonly components: ComponentProvider;
    private readonly resources: Record<string, ServedResource>;
    private cachedSchema?: string;

    constructor(options: PackageProviderOptions) {
        this.components = new ComponentProvider({ name: "signalr-serverless", dirname: options.dirname, components: options.components });
        this.version = this.components.version;
        this.resources = options.resources ?? servedResources();
    }

    async getSchema(): Promise<string> {
        if (!this.cachedSchema) {
            const spec = refineComponentSchema(JSON.parse(await this.components.getSchema()));
            spec.resources = { ...spec.resources, ...CUSTOM_RESOURCES };
            spec.types = { ...spec.types, ...CUSTOM_RESOURCE_TYPES };
            this.cachedSchema = JSON.stringify(spec);
        }
        return this.cachedSchema;
    }

    async construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<pulumi.provider.ConstructResult> {
        return constructWithPackageProviderResources(() => this.components.construct(name, type, inputs, options));
    }

    private served(urn: string): ServedResource {
        const type = typeOfUrn(urn);
        const served = this.resources[type];
        if (!served) throw new Error(`signalr-serverless does not serve resources of type ${type}`);
        return served;
    }

    async check(urn: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.provider.CheckResult> {
        const { lifecycle, secretFields } = this.served(urn);
        const n = unwrapSecrets(news);
        const result = await lifecycle.check(unwrapSecrets(olds).plain, n.plain);
        return { inputs: wrapSecrets(result.inputs, [...n.secretKeys, ...secretFields, ...signInSecrets(result.inputs)]), failures: result.failures };
    }

    async diff(id: string, urn: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.provider.DiffResult> {
        const result = await this.served(urn).lifecycle.diff(id, unwrapSecrets(olds).plain, unwrapSecrets(news).plain);
        return { changes: result.changes, replaces: result.replaces, deleteBeforeReplace: result.deleteBeforeReplace };
    }

    async create(urn: string, inputs: Record<string, unknown>): Promise<pulumi.provider.CreateResult> {
        const { lifecycle, secretFields } = this.served(urn);
        const i = unwrapSecrets(inputs);
        const result = await lifecycle.create(i.plain);
        return { id: result.id, outs: wrapSecrets(result.outs, [...i.secretKeys, ...secretFields, ...signInSecrets(result.outs)]) };
    }

    async read(id: string, urn: string, props: Record<string, unknown>): Promise<pulumi.provider.ReadResult> {
        const { lifecycle, secretFields } = this.served(urn);
        const p = unwrapSecrets(props);
        const result = await lifecycle.read(id, p.plain);
        return { id: result.id, props: wrapSecrets(result.props, [...p.secretKeys, ...secretFields, ...signInSecrets(result.props)]) };
    }

    async update(id: string, urn: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.provider.UpdateResult> {
        const { lifecycle, secretFields } = this.served(urn);
        const n = unwrapSecrets(news);
        const result = await lifecycle.update(id, unwrapSecrets(olds).plain, n.plain);
        return { outs: wrapSecrets(result.outs, [...n.secretKeys, ...secretFields, ...signInSecrets(result.outs)]) };
    }

    async delete(id: string, urn: string, props: Record<string, unknown>): Promise<void> {
        await this.served(urn).lifecycle.delete(id, unwrapSecrets(props).plain);
    }
}
