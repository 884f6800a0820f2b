import * as pulumi from "@pulumi/pulumi";
import type { MockCallArgs } from "@pulumi/pulumi/runtime/mocks";
import { fakeCall, fakeResource } from "./fakeAzure";
import { unwrapSecrets, wrapSecrets } from "../provider/secrets";

/** One registration seen under mocks: what `pulumi up` would ask the engine to create. */
export interface RecordedResource {
    type: string;
    name: string;
    /** Resolved inputs (secrets included: never print them without a summary). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are whatever the program passed
    inputs: Record<string, any>;
    /** Logical name of the parent resource. */
    parent?: string;
    /** `type::name` of the parent resource (names alone can repeat across types). */
    parentKey?: string;
    /** Logical names of explicit dependsOn resources. */
    dependsOn: string[];
    /** Inputs the resource's later updates leave as they are in state (its `ignoreChanges`). */
    ignoreChanges: string[];
    /** Fake id answered to the program. */
    id: string;
    /** Top-level input names that hold a secret (unwrapped in `inputs`: never print them). */
    secretInputs: string[];
    /** The resource's `additionalSecretOutputs`: outputs the engine keeps secret. */
    additionalSecretOutputs: string[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- internal: wait for outstanding registrations
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

const nameOf = (r: unknown): string => (r as { __name?: string }).__name ?? "?";
const keyOf = (r: unknown): string => `${(r as { __pulumiType?: string }).__pulumiType ?? "?"}::${nameOf(r)}`;

/**
 * Installs Pulumi mocks that answer with realistic fake Azure outputs and record every
 * registration with its parent and explicit dependencies (seen through a transformation). Outputs
 * are secret where the engine would make them secret: secret inputs and `additionalSecretOutputs`.
 */
export class ResourceRecorder {
    readonly resources: RecordedResource[] = [];
    readonly calls: MockCallArgs[] = [];
    private readonly options = new Map<string, { parent?: string; parentKey?: string; dependsOn: string[]; ignoreChanges: string[]; additionalSecretOutputs: string[] }>();

    constructor(project = "project", stack = "stack", preview = false) {
        void pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    const { plain: inputs, secretKeys } = unwrapSecrets(args.inputs);
                    const result = fakeResource({ ...args, inputs });
                    const opts = this.options.get(`${args.type}::${args.name}`);
                    const additionalSecretOutputs = opts?.additionalSecretOutputs ?? [];
                    this.resources.push({
                        type: args.type,
                        name: args.name,
                        inputs,
                        parent: opts?.parent,
                        parentKey: opts?.parentKey,
                        dependsOn: opts?.dependsOn ?? [],
                        ignoreChanges: opts?.ignoreChanges ?? [],
                        id: result.id ?? "",
                        secretInputs: [...secretKeys],
                        additionalSecretOutputs,
                    });
                    // As the engine answers: an output is secret when its input was, or when the
                    // resource lists it in additionalSecretOutputs (RandomPassword.result, say).
                    return { ...result, state: wrapSecrets(result.state, [...secretKeys, ...additionalSecretOutputs]) };
                },
                call: (args) => {
                    this.calls.push(args);
                    return fakeCall(args);
                },
            },
            project,
            stack,
            preview,
        );
    }

    /** Pass in a component's `transformations` (or register on the stack) to see parents and dependencies. */
    readonly transformation: pulumi.ResourceTransformation = (args) => {
        const dependsOn = args.opts.dependsOn;
        const list = Array.isArray(dependsOn) ? dependsOn : dependsOn ? [dependsOn] : [];
        this.options.set(`${args.type}::${args.name}`, {
            parent: args.opts.parent ? nameOf(args.opts.parent) : undefined,
            parentKey: args.opts.parent ? keyOf(args.opts.parent) : undefined,
            dependsOn: (list as unknown[]).map(nameOf),
            ignoreChanges: args.opts.ignoreChanges ?? [],
            additionalSecretOutputs: (args.opts as pulumi.CustomResourceOptions).additionalSecretOutputs ?? [],
        });
        return undefined;
    };

    /** Waits until every registration, including those made from applies, has been answered. */
    async settle(): Promise<void> {
        let last = -1;
        for (let round = 0; round < 100 && last !== this.resources.length + this.calls.length; round++) {
            last = this.resources.length + this.calls.length;
            // A registration whose inputs failed validation never completes: do not wait for it forever.
            await Promise.race([settings.waitForRPCs().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))]);
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
    }

    byType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    one(type: string, name?: string): RecordedResource {
        const found = this.resources.filter((r) => r.type === type && (name === undefined || r.name === name));
        if (found.length !== 1) {
            throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.map((r) => r.name).join(", ") || "none"}`);
        }
        return found[0];
    }
}
