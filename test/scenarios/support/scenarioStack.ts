// One stack whose state persists across `up`, `refresh` and `destroy`, run the way the Pulumi engine
// runs them (pulumi/pulumi pkg/resource/deploy/step_generator.go): the program runs under Pulumi's
// mocks, and each registration becomes a step: the old state found by name (or through an alias),
// `ignoreChanges` paths reset to the stored inputs (processIgnoreChanges), check, then create, or
// diff and update / replace / nothing; resources the program no longer registers are deleted after it,
// dependents first. Our ARM-backed resources run their real lifecycle; azure-native's resources run
// its modelled lifecycle (azureNativeModel.ts); anything else is kept as the offline plan's fake.
// All of them talk to one FakeResourceManager, whose state is the "Azure" of the whole scenario.
import * as pulumi from "@pulumi/pulumi";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { DYNAMIC_TYPES } from "../../../src/components/armBackedResources";
import { fakeResource } from "../../../src/plan/fakeAzure";
import { unwrapSecrets } from "../../../src/provider/secrets";
import type { ResourceLifecycle } from "../../../src/resources/lifecycle";
import { privateEndpointNetworkAclLifecycle } from "../../../src/resources/privateEndpointNetworkAcl";
import { replicaRegionEndpointLifecycle } from "../../../src/resources/replicaRegionEndpoint";
import { fakeClock } from "../../support/fakeClock";
import { FakeResourceManager, TEST_SUBSCRIPTION, fakeCredential } from "../../support/fakeResourceManager";
import type { LifecycleDependencies } from "../../../src/resources/approval";
import { AzureNativeModel, ModelledType } from "./azureNativeModel";

type Props = Record<string, unknown>;

/** What the engine keeps of one resource between operations. */
export interface StateEntry {
    type: string;
    name: string;
    id: string;
    inputs: Props;
    outputs: Props;
    /** The `replacementTrigger` option's value when it was last stepped. */
    replacementTrigger?: unknown;
}

/** What one operation did to a resource (`same`: diffed, nothing to do). */
export type StepOp = "create" | "update" | "replace" | "same" | "delete" | "refresh";

export interface Step {
    op: StepOp;
    type: string;
    name: string;
}

/** A program: builds the stack's resources with the options the engine's transformation needs. */
export type Program = (opts: pulumi.ComponentResourceOptions) => void;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- internal: wait for outstanding registrations
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/**
 * The engine's processIgnoreChanges for dotted paths: the new value at each path becomes the stored
 * one, or goes when none is stored (pulumi/pulumi sdk/go/common/resource/properties_path.go, Reset).
 */
export function resetIgnoredPaths(news: Props, olds: Props, paths: readonly string[]): Props {
    const out = structuredClone(news);
    for (const path of paths) {
        const keys = path.split(".");
        let n: Props | undefined = out;
        let o: Props | undefined = olds;
        for (const k of keys.slice(0, -1)) {
            n = n?.[k] as Props | undefined;
            o = o?.[k] as Props | undefined;
        }
        const leaf = keys[keys.length - 1];
        if (!n || typeof n !== "object") continue;
        if (o && typeof o === "object" && leaf in o) n[leaf] = structuredClone(o[leaf]);
        else delete n[leaf];
    }
    return out;
}

export class ScenarioStack {
    /** The stack's state, in creation order. */
    readonly state = new Map<string, StateEntry>();
    readonly azureNative: AzureNativeModel;
    readonly logs: string[] = [];
    private readonly lifecycles: Record<string, ResourceLifecycle<Props, Props>>;

    /**
     * A further scenario (e.g. a shared private link replaced, then approved again) adds its types:
     * our lifecycles by dynamic type (built over `deps`, e.g. `approvalLifecycle`), and azure-native
     * types by their token (the link: path inputs `resourceGroupName`, `resourceName`,
     * `sharedPrivateLinkResourceName`, so a new name replaces delete-first, as azure-native does).
     */
    constructor(
        readonly arm: FakeResourceManager,
        more: { lifecycles?: (deps: LifecycleDependencies) => Record<string, unknown>; azureNativeTypes?: Record<string, ModelledType> } = {},
    ) {
        this.azureNative = new AzureNativeModel(arm, TEST_SUBSCRIPTION, more.azureNativeTypes);
        const deps: LifecycleDependencies = { credential: fakeCredential, ca: arm.ca, retryDelayInMs: 1, clock: fakeClock(Date.now()), log: (m) => void this.logs.push(m) };
        this.lifecycles = {
            [DYNAMIC_TYPES.networkAcl]: privateEndpointNetworkAclLifecycle(deps),
            [DYNAMIC_TYPES.regionEndpoint]: replicaRegionEndpointLifecycle(deps),
            ...more.lifecycles?.(deps),
        } as unknown as Record<string, ResourceLifecycle<Props, Props>>;
    }

    /** Resources of a type in state. */
    ofType(type: string): StateEntry[] {
        return [...this.state.values()].filter((e) => e.type === type);
    }

    /**
     * `pulumi up`: runs the program; returns every step, `same` included. With `target` (logical
     * names, `pulumi up --target`), only those resources are stepped; the others keep their state.
     * With `replace` (logical names, `pulumi up --replace`), those are replaced whatever their diff
     * says: the engine's diff blames `id` and leaves delete-before-replace to the `deleteBeforeReplace`
     * option (pulumi/pulumi pkg/resource/deploy/step_generator.go, diff and the replace step).
     */
    async up(program: Program, o: { target?: string[]; replace?: string[] } = {}): Promise<Step[]> {
        const steps: Step[] = [];
        const errors: unknown[] = [];
        const registered = new Set<string>();
        const options = new Map<string, pulumi.CustomResourceOptions>();
        const capture: pulumi.ResourceTransformation = (a) => {
            options.set(`${a.type}::${a.name}`, a.opts);
            return undefined;
        };
        await pulumi.runtime.setMocks(
            {
                newResource: async (args) => {
                    this.inFlight++;
                    try {
                        const old = this.state.get(`${args.type}::${args.name}`);
                        if (o.target && args.custom && !o.target.includes(args.name)) {
                            registered.add(`${args.type}::${args.name}`);
                            return old ? { id: old.id, state: old.outputs } : { id: "", state: {} };
                        }
                        return await this.register(args, options.get(`${args.type}::${args.name}`) ?? {}, registered, steps, o.replace?.includes(args.name) ?? false);
                    } catch (e) {
                        errors.push(e);
                        throw e;
                    } finally {
                        this.inFlight--;
                    }
                },
                call: () => ({}),
            },
            "project",
            "stack",
            false,
        );
        program({ transformations: [capture] });
        await this.settle(steps);
        if (errors.length > 0) throw errors[0];
        for (const [key, entry] of [...this.state.entries()].reverse()) {
            if (registered.has(key)) continue;
            await this.remove(entry);
            this.state.delete(key);
            steps.push({ op: "delete", type: entry.type, name: entry.name });
        }
        return steps;
    }

    /** `pulumi refresh`: reads every resource; what is gone leaves the state. */
    async refresh(): Promise<void> {
        for (const [key, entry] of [...this.state.entries()]) {
            const lifecycle = this.lifecycles[entry.type];
            if (lifecycle) {
                const read = await lifecycle.read(entry.id, entry.outputs);
                if (!read.id) this.state.delete(key);
                else entry.outputs = read.props;
            } else if (this.azureNative.handles(entry.type)) {
                const read = await this.azureNative.read(entry.type, entry.id, entry.inputs, entry.outputs);
                if (!read) this.state.delete(key);
                else Object.assign(entry, read);
            }
        }
    }

    /** `pulumi destroy`: deletes everything, dependents first. */
    async destroy(): Promise<void> {
        for (const [key, entry] of [...this.state.entries()].reverse()) {
            await this.remove(entry);
            this.state.delete(key);
        }
    }

    private async register(args: MockResourceArgs, opts: pulumi.CustomResourceOptions, registered: Set<string>, steps: Step[], forceReplace: boolean) {
        if (!args.custom) return { id: undefined, state: args.inputs };
        const key = `${args.type}::${args.name}`;
        registered.add(key);
        let old = this.state.get(key);
        for (const alias of opts.aliases ?? []) {
            const name = typeof alias === "object" && "name" in alias ? alias.name : undefined;
            const aliased = typeof name === "string" ? this.state.get(`${args.type}::${name}`) : undefined;
            if (old || !aliased) continue;
            // The engine takes the aliased resource over under its new name.
            old = { ...aliased, name: args.name };
            this.state.delete(`${args.type}::${name}`);
            this.state.set(key, old);
        }
        let news: Props = unwrapSecrets(args.inputs).plain as Props;
        delete news.__provider;
        const lifecycle = this.lifecycles[args.type];
        if (lifecycle && news.resourceManagerEndpoint === undefined) news.resourceManagerEndpoint = this.arm.endpoint;
        if (args.type.startsWith("pulumi-nodejs:dynamic/") && !lifecycle) throw new Error(`no lifecycle for ${args.type} in the scenario`);
        if (old && opts.ignoreChanges) news = resetIgnoredPaths(news, old.inputs, opts.ignoreChanges);
        // The SDK sends a registration once its replacement trigger is known (runtime/resource.js).
        const trigger = opts.replacementTrigger === undefined ? undefined : await (pulumi.output(opts.replacementTrigger) as unknown as { promise(): Promise<unknown> }).promise();
        const forced = (d: { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } | undefined) =>
            old && (forceReplace || triggersReplace(trigger, old.replacementTrigger))
                ? { changes: true, replaces: ["id"], deleteBeforeReplace: opts.deleteBeforeReplace ?? false }
                : d && opts.deleteBeforeReplace !== undefined && d.replaces.length > 0
                  ? { ...d, deleteBeforeReplace: opts.deleteBeforeReplace }
                  : d;

        let op: StepOp = "create";
        let entry: StateEntry;
        if (lifecycle) {
            const checked = await lifecycle.check(old?.outputs, news);
            if (checked.failures.length > 0) throw new Error(`check of ${key} failed: ${JSON.stringify(checked.failures)}`);
            news = checked.inputs;
            const diff = forced(old && (await lifecycle.diff(old.id, old.outputs, news)));
            if (old && diff && !diff.changes) op = "same";
            else if (old && diff && diff.replaces.length === 0) op = "update";
            else if (old) op = "replace";
            if (op === "same") entry = old!;
            else if (op === "update") entry = { ...old!, inputs: news, outputs: (await lifecycle.update(old!.id, old!.outputs, news)).outs };
            else {
                if (old && diff?.deleteBeforeReplace) await lifecycle.delete(old.id, old.outputs);
                const created = await lifecycle.create(news);
                if (old && !diff?.deleteBeforeReplace) await lifecycle.delete(old.id, old.outputs);
                entry = { type: args.type, name: args.name, id: created.id, inputs: news, outputs: created.outs };
            }
        } else if (this.azureNative.handles(args.type)) {
            news = this.azureNative.check(args.type, news);
            const diff = forced(old && this.azureNative.diff(args.type, old.inputs, news));
            if (old && diff && !diff.changes) op = "same";
            else if (old && diff && diff.replaces.length === 0) op = "update";
            else if (old) op = "replace";
            if (op === "same") entry = old!;
            else {
                if (old && op === "replace" && diff?.deleteBeforeReplace) await this.azureNative.delete(args.type, old.id, old.inputs);
                const written = await this.azureNative.write(args.type, news, { create: op !== "update" });
                // Create-before-delete: the old one goes after the new one exists (by its own id, as the engine deletes it).
                if (old && op === "replace" && !diff?.deleteBeforeReplace) await this.azureNative.delete(args.type, old.id, old.inputs);
                entry = { type: args.type, name: args.name, id: written.id, inputs: news, outputs: written.outputs };
            }
        } else {
            // Not modelled: the offline plan's fake outputs; a change of inputs is an update.
            op = !old ? "create" : forced(undefined) ? "replace" : JSON.stringify(old.inputs) === JSON.stringify(news) ? "same" : "update";
            // A replacement is a new resource: e.g. a new random value (the fake's is derived from the name).
            const generation = (this.generations.get(key) ?? 0) + (op === "replace" ? 1 : 0);
            this.generations.set(key, generation);
            const fake = fakeResource({ ...args, name: generation === 0 ? args.name : `${args.name}#${generation}`, inputs: news });
            entry = op === "same" ? old! : { type: args.type, name: args.name, id: fake.id ?? "", inputs: news, outputs: { ...(fake.state as Props), id: fake.id } };
        }
        entry.replacementTrigger = trigger;
        this.state.set(key, entry);
        steps.push({ op, type: args.type, name: args.name });
        return { id: entry.id, state: entry.outputs };
    }

    private async remove(entry: StateEntry): Promise<void> {
        const lifecycle = this.lifecycles[entry.type];
        if (lifecycle) await lifecycle.delete(entry.id, entry.outputs);
        else if (this.azureNative.handles(entry.type)) await this.azureNative.delete(entry.type, entry.id, entry.inputs);
    }

    private inFlight = 0;
    /** How often each unmodelled resource was replaced. */
    private readonly generations = new Map<string, number>();

    /**
     * Waits until the program's registrations are all answered (or failed): none in flight and no
     * new one for three rounds in a row (a registration waiting on another's outputs is sent soon after it is answered).
     */
    private async settle(steps: Step[]): Promise<void> {
        let last = -1;
        for (let quiet = 0, round = 0; quiet < 3 && round < 1000; round++) {
            await Promise.race([settings.waitForRPCs().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 200))]);
            await new Promise((resolve) => setTimeout(resolve, 50));
            quiet = this.inFlight === 0 && last === steps.length ? quiet + 1 : 0;
            last = steps.length;
        }
    }
}

/**
 * The engine's shouldTriggerReplace (pulumi/pulumi pkg/resource/deploy/step_generator.go): a trigger
 * that differs from the recorded one replaces; none recorded, or none now, replaces nothing.
 */
export function triggersReplace(news: unknown, olds: unknown): boolean {
    if (news === undefined || news === null || olds === undefined || olds === null) return false;
    return JSON.stringify(news) !== JSON.stringify(olds);
}

/** The steps that changed something (a run with nothing to do has none). */
export const changes = (steps: Step[]): string[] => steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`);
