import type { Clock } from "../arm/clock";

/**
 * Azure RBAC role assignments take up to 10 minutes to apply to Key Vault (Microsoft's Key Vault
 * RBAC guide, "Known limits"). A re-read of the service's Key Vault references is only sure to
 * succeed once that time has passed since the newest grant was created.
 */
export const KEY_VAULT_RBAC_SETTLE_SECONDS = 600;

/**
 * Milliseconds still to wait before grants created at `createdOn` (ISO times, e.g. role
 * assignments' `createdOn`) have certainly applied. A time that is missing or unreadable counts as
 * `now`: the wait is then the whole settle time, never shorter than it should be. Pure.
 */
export function remainingSettleMs(createdOn: readonly string[], settleSeconds: number, now: number): number {
    if (createdOn.length === 0) return 0;
    const times = createdOn.map((t) => {
        const ms = typeof t === "string" && t !== "" ? Date.parse(t) : NaN;
        return Number.isFinite(ms) ? Math.min(ms, now) : now; // a clock ahead of ours counts as now
    });
    return Math.max(0, Math.max(...times) + settleSeconds * 1000 - now);
}

/** Waits out the rest of the settle time, logging what it waits for once a minute. */
export async function waitForGrantsToApply(createdOn: readonly string[], settleSeconds: number, clock: Clock, log: (m: string) => void): Promise<void> {
    for (let remaining = remainingSettleMs(createdOn, settleSeconds, clock.now()); remaining > 0; remaining = remainingSettleMs(createdOn, settleSeconds, clock.now())) {
        log(
            `Waiting ${Math.ceil(remaining / 1000)} s more for the Key Vault role assignments to apply (Azure RBAC takes up to ${settleSeconds} s) before the service re-reads its references.`,
        );
        await clock.sleep(Math.min(remaining, 60_000));
    }
}
