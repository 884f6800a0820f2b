/**
 * How the ARM-backed resources poll a SignalR operation when Azure sends no Retry-After (the
 * upstream re-read's PATCHes, a replica's region endpoint PATCH): one rule for their inputs and for
 * the component arguments that set them, so the bound and the default cannot drift apart.
 */
import { CheckFailure, isUnknown } from "./lifecycle";

/** The wait between polls when none is given (seconds). */
export const DEFAULT_OPERATION_POLL_SECONDS = 5;

/** The longest wait between polls accepted (seconds): beyond it a finished operation goes unseen too long. */
export const MAX_OPERATION_POLL_SECONDS = 60;

/** Whether a value is an accepted wait between polls: a number of seconds above 0, at most the maximum. */
export const isOperationPollSeconds = (value: unknown): value is number => typeof value === "number" && value > 0 && value <= MAX_OPERATION_POLL_SECONDS;

/** What the rule says of a value that breaks it. */
export const OPERATION_POLL_RULE = `must be a number of seconds above 0 and at most ${MAX_OPERATION_POLL_SECONDS}`;

/** The wait the ARM client is given (ms), from the input (seconds) or the default. */
export const operationPollIntervalMs = (seconds: number | undefined): number => (seconds ?? DEFAULT_OPERATION_POLL_SECONDS) * 1000;

/** The check of a resource's `operationPollIntervalSeconds` input; unknown (preview) values are not judged. */
export function operationPollFailures(poll: unknown): CheckFailure[] {
    if (poll === undefined || isUnknown(poll) || isOperationPollSeconds(poll)) return [];
    return [{ property: "operationPollIntervalSeconds", reason: `\`operationPollIntervalSeconds\` ${OPERATION_POLL_RULE}, got ${JSON.stringify(poll)}` }];
}
