// Recording Pulumi mocks for tests: the same recorder `npm run plan` uses, answering with its
// realistic fake Azure outputs.
import type * as pulumi from "@pulumi/pulumi";
export { RecordedResource, ResourceRecorder as MockRecorder } from "../../src/plan/recorder";

/** The value of an Output, once known. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}
