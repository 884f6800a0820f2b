import type { Clock } from "../../src/arm/clock";

/** A clock that moves only when slept on, recording each sleep: waits in tests take no time. */
export function fakeClock(start: number): Clock & { slept: number[] } {
    let now = start;
    const slept: number[] = [];
    return {
        slept,
        now: () => now,
        sleep: async (ms) => {
            slept.push(ms);
            now += ms;
        },
    };
}
