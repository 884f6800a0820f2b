import { ArmError } from "./armClient";
import type { Clock } from "./clock";

/**
 * Runs a write again while Resource Manager answers 409 Conflict, e.g. SignalR running another
 * operation on the same service (it runs one at a time), with a growing pause, until the deadline.
 * Any other error, or a 409 at the deadline, is thrown as it is.
 */
export async function retryOnConflict<T>(
    write: () => Promise<T>,
    o: { deadline: number; what: string; clock: Clock; log: (m: string) => void; firstDelayMs?: number },
): Promise<T> {
    let delay = o.firstDelayMs ?? 5000;
    for (;;) {
        try {
            return await write();
        } catch (e) {
            const remaining = o.deadline - o.clock.now();
            if (!(e instanceof ArmError && e.statusCode === 409) || remaining <= delay) throw e;
            o.log(`${o.what}: the service is busy with another operation (409 Conflict); trying again in ${Math.round(delay / 1000)} s.`);
            await o.clock.sleep(delay);
            delay = Math.min(delay * 2, 60_000);
        }
    }
}
