// Recording Pulumi mocks: every registration with its inputs, parent and explicit dependencies,
// answered with the realistic fake outputs that `npm run plan` uses too.
import * as pulumi from "@pulumi/pulumi";
import type { MockCallArgs } from "@pulumi/pulumi/runtime/mocks";
import { fakeCall, fakeResource } from "../../src/plan/fakeAzure";

export interface RecordedResource {
    type: string;
    name: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are asserted field by field
    inputs: Record<string, any>;
    /** Logical name of the parent, from the resource options. */
    parent?: string;
    /** Logical names of the explicit dependsOn resources. */
    dependsOn: string[];
    id: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

const nameOf = (r: unknown): string => (r as { __name?: string }).__name ?? "?";

/** Installs recording mocks for one test; call `settle()` before asserting. */
export class MockRecorder {
    readonly resources: RecordedResource[] = [];
    readonly calls: MockCallArgs[] = [];
    private readonly options = new Map<string, { parent?: string; dependsOn: string[] }>();

    constructor(preview = false) {
        void pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    const result = fakeResource(args);
                    const opts = this.options.get(`${args.type}::${args.name}`);
                    this.resources.push({ type: args.type, name: args.name, inputs: args.inputs, parent: opts?.parent, dependsOn: opts?.dependsOn ?? [], id: result.id ?? "" });
                    return result;
                },
                call: (args) => {
                    this.calls.push(args);
                    return fakeCall(args);
                },
            },
            "project",
            "stack",
            preview,
        );
    }

    /** A transformation to pass in the component's options: it sees each child's parent and dependsOn. */
    readonly transformation: pulumi.ResourceTransformation = (args) => {
        const dependsOn = args.opts.dependsOn;
        const list = Array.isArray(dependsOn) ? dependsOn : dependsOn ? [dependsOn] : [];
        this.options.set(`${args.type}::${args.name}`, {
            parent: args.opts.parent ? nameOf(args.opts.parent) : undefined,
            dependsOn: (list as unknown[]).map(nameOf),
        });
        return undefined;
    };

    /** Waits until every registration, including those made from applies, has been answered. */
    async settle(): Promise<void> {
        let last = -1;
        for (let round = 0; round < 50 && last !== this.resources.length + this.calls.length; round++) {
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

/** The value of an Output, once known. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}
