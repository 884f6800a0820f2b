// Output-typed values are validated once known; a failing check rejects the resource's input
// resolution, which the Pulumi runtime reports as the deployment's error. These helpers catch it.

/** Runs `body` and returns the messages of the promise rejections it left unhandled. */
export async function unhandledRejectionsDuring(body: () => Promise<void>): Promise<string[]> {
    const saved = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const messages: string[] = [];
    const listener = (reason: unknown) => messages.push(reason instanceof Error ? reason.message : String(reason));
    process.on("unhandledRejection", listener);
    try {
        await body();
        await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
        process.removeListener("unhandledRejection", listener);
        saved.forEach((l) => process.on("unhandledRejection", l));
    }
    return messages;
}

/** Replaces pulumi.log.warn while `body` runs and returns what was warned. */
export async function warningsDuring(log: { warn: (msg: string, ...rest: never[]) => Promise<void> }, body: () => Promise<void>): Promise<string[]> {
    const original = log.warn;
    const warnings: string[] = [];
    log.warn = async (msg: string) => {
        warnings.push(msg);
    };
    try {
        await body();
    } finally {
        log.warn = original;
    }
    return warnings;
}
