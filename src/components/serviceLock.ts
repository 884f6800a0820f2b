import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { ValidationError, fieldPath } from "../upstream/validationError";
import { checkExtensionResourceName, checkKnownKeys, checkObject, checkOneOf } from "./argChecks";
import { SignalRLockArgs } from "./serverlessSignalRArgs";

export const LOCK_KINDS = ["CanNotDelete", "ReadOnly", "None"] as const;

export function checkLock(field: string, lock: unknown): void {
    checkObject(field, lock);
    if (lock === undefined) return;
    const l = lock as SignalRLockArgs;
    checkKnownKeys(field, l, ["kind", "name"]);
    if (l.kind === undefined) throw new ValidationError(fieldPath(field, "kind"), `is required: one of ${LOCK_KINDS.join(", ")}`, undefined);
    checkOneOf(fieldPath(field, "kind"), l.kind, LOCK_KINDS);
    checkExtensionResourceName(fieldPath(field, "name"), l.name);
}

/**
 * A management lock at the service's scope, created after everything else the component writes
 * to the service: a ReadOnly lock refuses every later write, including key listing (a POST).
 */
export function createServiceLock(
    name: string,
    serviceId: pulumi.Input<string>,
    serviceName: pulumi.Input<string>,
    lock: SignalRLockArgs,
    opts: pulumi.CustomResourceOptions,
): authorization.ManagementLockByScope | undefined {
    if (lock.kind === "None") return undefined;
    return new authorization.ManagementLockByScope(
        `${name}-lock`,
        {
            scope: serviceId,
            level: lock.kind,
            lockName: lock.name ?? pulumi.interpolate`lock-${serviceName}`,
            notes:
                lock.kind === "CanNotDelete" ? "Cannot delete the SignalR service or its child resources." : "Cannot delete or modify the SignalR service or its child resources.",
        },
        opts,
    );
}
