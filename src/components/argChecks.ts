import { ValidationError } from "../upstream/validationError";
import { OPERATION_POLL_RULE, isOperationPollSeconds } from "../resources/operationPolling";

/** Small checks shared by the components' rule tables; each throws a ValidationError naming the field. */

export function checkKnownKeys(field: string, value: object, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
        if (!known.includes(key) && (value as Record<string, unknown>)[key] !== undefined) {
            throw new ValidationError(field ? `${field}.${key}` : key, `is not a known argument; the arguments are ${known.join(", ")}`, (value as Record<string, unknown>)[key]);
        }
    }
}

export function checkOneOf(field: string, value: unknown, allowed: readonly string[]): void {
    if (value !== undefined && !allowed.includes(value as string)) {
        throw new ValidationError(field, `must be one of ${allowed.join(", ")}`, value);
    }
}

export function checkBoolean(field: string, value: unknown): void {
    if (value !== undefined && typeof value !== "boolean") {
        throw new ValidationError(field, "must be true or false (a plain boolean: it decides which resources exist)", value);
    }
}

export function checkIntegerInRange(field: string, value: unknown, min: number, max: number): void {
    if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)) {
        throw new ValidationError(field, `must be a whole number from ${min} to ${max}`, value);
    }
}

/** A wait between polls of a SignalR operation without Retry-After, as the ARM-backed resources check it: above 0, at most 60 seconds. */
export function checkOperationPollSeconds(field: string, value: unknown): void {
    if (value !== undefined && !isOperationPollSeconds(value)) {
        throw new ValidationError(field, OPERATION_POLL_RULE, value);
    }
}

export function checkArray(field: string, value: unknown): void {
    if (value !== undefined && !Array.isArray(value)) {
        throw new ValidationError(field, "must be a list", value);
    }
}

/** Names of locks and diagnostic settings: 1-260 characters without `<>*%&:\?/#|`. */
const EXTENSION_RESOURCE_NAME = /^[^<>*%&:\\?/#|]{1,260}$/;

export function checkExtensionResourceName(field: string, value: unknown): void {
    if (value !== undefined && (typeof value !== "string" || !EXTENSION_RESOURCE_NAME.test(value))) {
        throw new ValidationError(field, "must be 1-260 characters without < > * % & : \\ ? / # |", value);
    }
}

export function checkObject(field: string, value: unknown): void {
    if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) {
        throw new ValidationError(field, "must be an object", value);
    }
}
