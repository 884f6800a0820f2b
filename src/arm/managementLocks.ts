/**
 * Management locks as Resource Manager lists them at a resource
 * (`GET {resourceId}/providers/Microsoft.Authorization/locks`, api-version 2020-05-01: the locks at
 * that scope and those it inherits). A CanNotDelete lock lets a resource be changed but refuses to
 * delete it or anything under it; ReadOnly refuses both. Deleting an inbound private endpoint
 * deletes its connection on the service, so either kind on the service makes that fail (ScopeLocked).
 */
export const MANAGEMENT_LOCKS_API_VERSION = "2020-05-01";

export interface ManagementLock {
    id?: string;
    name?: string;
    properties?: { level?: string };
}

/** The first lock that refuses deletes, if any. */
export function deleteBlockingLock(locks: readonly ManagementLock[] | undefined): ManagementLock | undefined {
    return (locks ?? []).find((l) => l.properties?.level === "CanNotDelete" || l.properties?.level === "ReadOnly");
}

/** What to do about a lock that refuses removing an inbound private endpoint (the README's Troubleshooting row). */
export function lockedRemovalMessage(lock: ManagementLock, serviceName: string, endpointName: string): string {
    return (
        `The ${lock.properties?.level} lock ${lock.name ?? lock.id} is on SignalR service ${serviceName}: Azure refuses to delete the connection of ` +
        `private endpoint ${endpointName} under it (ScopeLocked), so nothing was removed. If the component made the lock, set \`lock: { kind: "None" }\` ` +
        "in the same update that removes the endpoint (the lock is deleted before it) and put the lock back in the next update; " +
        "otherwise remove that lock, run `pulumi up`, and restore it."
    );
}
