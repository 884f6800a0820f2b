import * as pulumi from "@pulumi/pulumi";

/**
 * Inputs stay plain values whenever they are known at construction: plain values are checked at
 * once (errors before anything is registered) and cost nothing at evaluation, where every Output
 * and apply adds promise bookkeeping per instance (see bench/RESULTS.md).
 */

/** Whether an Input is a plain value (not an Output, not a promise). */
export function isPlainInput<T>(value: pulumi.Input<T>): value is T {
    return !pulumi.Output.isInstance(value) && !(typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function");
}

/** `fn` of the inputs: a plain value when every input is plain, else an Output. */
export function mapInputs<T extends unknown[], R>(inputs: { [K in keyof T]: pulumi.Input<T[K]> }, fn: (values: T) => R): pulumi.Input<R> {
    if (inputs.every((i) => isPlainInput(i))) return fn(inputs as unknown as T);
    return pulumi.all(inputs as pulumi.Input<unknown>[]).apply((values) => fn(values as unknown as T)) as pulumi.Output<R>;
}

/**
 * Validates an Input now when it is a plain value, or once known when it is an Output: the returned
 * Output carries the checked value, so a failing check fails the deployment of whatever uses it,
 * with the same message a plain value gets at construction.
 */
export function checkedInput<T>(value: pulumi.Input<T>, check: (known: T) => void): pulumi.Input<T> {
    return mapInputs([value] as [pulumi.Input<T>], ([known]) => {
        check(known as T);
        return known as T;
    });
}
