/**
 * Why a plan could not even start: the program or its configuration cannot be found or read.
 * Distinct from a plan that runs and finds errors (those are results, not exceptions).
 */
export type PlanErrorCode = "usage" | "program-not-found" | "stack-not-found" | "unsupported-runtime" | "invalid-yaml" | "typescript-unavailable" | "pulumi-sdk-mismatch";

export class PlanError extends Error {
    constructor(
        readonly code: PlanErrorCode,
        message: string,
        /** The file the problem is in, when there is one. */
        readonly file?: string,
        readonly line?: number,
    ) {
        super(message);
        this.name = "PlanError";
    }
}
