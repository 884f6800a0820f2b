import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { redactUrlsInText } from "../upstream/redactUrl";
import { describeFailure } from "./failure";
import { prepareProgramLoading } from "./programLoader";
import { locateProject, readYamlFile } from "./project";
import { RecordedResource, ResourceRecorder } from "./recorder";
import { summarizeInputs } from "./summaries";

/** One resource of the plan, without secrets. */
export interface PlannedResource {
    type: string;
    name: string;
    parent?: string;
    /** `type::name` of the parent. */
    parentKey?: string;
    dependsOn: string[];
    summary: Record<string, unknown>;
}

export interface PlanResult {
    project: string;
    stack: string;
    /** The program file that was evaluated, relative to the working directory. */
    program: string;
    resources: PlannedResource[];
    /** Resource count per type. */
    counts: Record<string, number>;
    warnings: string[];
    /** Validation errors: the program would fail `pulumi up`. */
    errors: string[];
    /** The stack configuration file used, relative to the working directory; none when the stack has none. */
    configFile?: string;
    /** Stack outputs, secrets shown as `[secret]`. */
    outputs: Record<string, unknown>;
    /** Full recordings (with inputs), for tests and policies; not printed. */
    recorded: RecordedResource[];
}

export interface PlanOptions {
    /** A directory with Pulumi.yaml (its `main` is honoured), or a program file. @default "." */
    program?: string;
    /** Stack whose `Pulumi.<stack>.yaml` config is used. @default "dev" */
    stack?: string;
    /** A missing `Pulumi.<stack>.yaml` is an error instead of an empty configuration. */
    stackRequired?: boolean;
    /** Receives the program's and the components' info logs as they happen (the SDK's own debug logs are left out). */
    onLog?: (severity: "info", message: string) => void;
}

/** Loads stack config; encrypted values cannot be read offline and become `[secret]` secrets. */
function loadConfig(configFile: string | undefined): { config: Record<string, string>; secretKeys: string[] } {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    if (!configFile) return { config, secretKeys };
    const values = ((readYamlFile(configFile) as { config?: Record<string, unknown> })?.config ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(values)) {
        if (value && typeof value === "object" && "secure" in (value as object)) {
            config[key] = "[secret]";
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config, secretKeys };
}

/**
 * Evaluates a Pulumi program in this process under mocks that answer like Azure would, and
 * returns what `pulumi up` would create. No network, no credentials, no Pulumi CLI. One plan per
 * process: Pulumi's runtime state is global.
 */
export async function runPlan(options: PlanOptions = {}): Promise<PlanResult> {
    const stack = options.stack ?? "dev";
    const project = locateProject(options.program ?? ".", stack, { stackRequired: options.stackRequired });
    const { config, secretKeys } = loadConfig(project.configFile);
    prepareProgramLoading(project);
    const recorder = new ResourceRecorder(project.name, stack, false);
    pulumi.runtime.setAllConfig(config, secretKeys);

    const warnings: string[] = [];
    const errors: string[] = [];
    const log = pulumi.log as unknown as Record<"warn" | "error" | "info" | "debug", (msg: string) => Promise<void>>;
    const saved = { warn: log.warn, error: log.error, info: log.info, debug: log.debug };
    // What the plan prints never quotes a URL's query value, user information or fragment.
    log.warn = async (msg) => void warnings.push(redactUrlsInText(msg));
    log.error = async (msg) => void errors.push(redactUrlsInText(msg));
    log.info = async (msg) => options.onLog?.("info", redactUrlsInText(msg));
    log.debug = async () => undefined;
    const savedListeners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const onRejection = (reason: unknown) => errors.push(redactUrlsInText(describeFailure(reason, project.dir)));
    process.on("unhandledRejection", onRejection);

    let outputs: Record<string, unknown> = {};
    try {
        // The program's exports as it made them: the stack's own outputs are resolved to plain
        // values on the way (the SDK's massage), which loses which of them were secret.
        let exported: unknown;
        const stackOutputs = pulumi.runtime.runInPulumiStack(async () => {
            pulumi.runtime.registerStackTransformation(recorder.transformation);
            // A fresh evaluation each time, even when this process planned the program before.
            delete require.cache[require.resolve(project.entry)];
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program is loaded like `pulumi up` loads it
            exported = require(project.entry);
            return exported as Record<string, unknown>;
        });
        stackOutputs.catch((e: unknown) => errors.push(redactUrlsInText(describeFailure(e, project.dir))));
        await recorder.settle();
        outputs = await maskedOutputs(stackOutputs, exported);
    } finally {
        process.removeListener("unhandledRejection", onRejection);
        savedListeners.forEach((l) => process.on("unhandledRejection", l));
        Object.assign(log, saved);
    }

    const resources = recorder.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
    const counts: Record<string, number> = {};
    for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    return {
        project: project.name,
        stack,
        program: path.relative(process.cwd(), project.entry),
        configFile: project.configFile && path.relative(process.cwd(), project.configFile),
        resources: resources.map((r) => ({ type: r.type, name: r.name, parent: r.parent, parentKey: r.parentKey, dependsOn: r.dependsOn, summary: summarizeInputs(r) })),
        counts,
        warnings: [...new Set(warnings)],
        errors: [...new Set(errors)],
        outputs,
        recorded: resources,
    };
}

/** Stack outputs with every secret shown as `[secret]`; gives up after a few seconds on outputs that never resolve. */
async function maskedOutputs(stackOutputs: Promise<unknown>, exported: unknown): Promise<Record<string, unknown>> {
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => setTimeout(() => resolve(TIMED_OUT), 3000));
    const done = await Promise.race([stackOutputs.then(() => true).catch(() => false), timeout]);
    if (done !== true || typeof exported !== "object" || exported === null) return {};
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(exported)) result[key] = await masked(value, timeout);
    return result;
}

const TIMED_OUT = Symbol("timed out");

/**
 * A value as `pulumi up` shows it: a secret Output as `[secret]`, everything else resolved,
 * inside objects and arrays too.
 */
async function masked(value: unknown, timeout: Promise<typeof TIMED_OUT>, depth = 0): Promise<unknown> {
    if (depth > 20) return undefined;
    if (pulumi.Output.isInstance(value)) {
        const out = value as pulumi.Output<unknown> & { isSecret: Promise<boolean> };
        const secret = await Promise.race([out.isSecret, timeout]);
        if (secret === true) return "[secret]";
        const resolved = await Promise.race([new Promise((resolve) => out.apply((v) => resolve(v))), timeout]);
        return resolved === TIMED_OUT ? undefined : masked(resolved, timeout, depth + 1);
    }
    if (value instanceof Promise) {
        const resolved = await Promise.race([value, timeout]);
        return resolved === TIMED_OUT ? undefined : masked(resolved, timeout, depth + 1);
    }
    if (Array.isArray(value)) return Promise.all(value.map((v) => masked(v, timeout, depth + 1)));
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).filter(([k]) => !k.startsWith("__"));
        return Object.fromEntries(await Promise.all(entries.map(async ([k, v]) => [k, await masked(v, timeout, depth + 1)] as const)));
    }
    return value;
}
