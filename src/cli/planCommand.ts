import { evaluatePolicies } from "../policy/evaluate";
import { runPlan } from "../plan/runPlan";
import type { CliIo } from "./cliIo";
import { renderPlanText } from "./renderPlan";

export interface PlanCommandOptions {
    program: string;
    /** Given by the user: its configuration file must exist. */
    stack?: string;
    json: boolean;
    verbose: boolean;
}

/** Plans the program, runs the policy pack on the result and prints it; returns the exit code. */
export async function planCommand(options: PlanCommandOptions, io: CliIo): Promise<number> {
    const logs: { severity: string; message: string }[] = [];
    const result = await runPlan({
        program: options.program,
        stack: options.stack ?? "dev",
        stackRequired: options.stack !== undefined,
        onLog: options.verbose
            ? (severity, message) => {
                  if (options.json) logs.push({ severity, message });
                  else io.err(`[${severity}] ${message}`);
              }
            : undefined,
    });
    const policies = evaluatePolicies(result.recorded);
    const failed = result.errors.length > 0 || policies.mandatoryViolations > 0;
    if (options.json) {
        const { recorded: _recorded, ...plain } = result;
        io.out(JSON.stringify({ ok: !failed, ...plain, policies, ...(options.verbose ? { logs } : {}) }, null, 2));
    } else {
        io.out(renderPlanText(result, policies, failed));
    }
    return failed ? 1 : 0;
}
