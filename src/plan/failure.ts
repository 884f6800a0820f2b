import * as path from "node:path";

/** Strips the runtime's wrapping ("error serializing property …: ") so the user sees the real message. */
function cleanMessage(message: string): string {
    return message.replace(/^(error serializing property "[^"]*": )+/, "").replace(/^Running program '[^']*' failed with an unhandled exception:\s*/, "");
}

/**
 * The place in the user's program a failure came from: the first stack frame inside the program
 * folder and outside `node_modules`, as `file:line:column` relative to the working directory.
 * Stack traces are source-mapped by the TypeScript loader, so this is a line of the `.ts` file.
 */
export function programLocation(error: unknown, programDir: string): string | undefined {
    const stack = error instanceof Error ? error.stack : undefined;
    if (!stack) return undefined;
    for (const line of stack.split("\n").slice(1)) {
        const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
        if (!match) continue;
        const file = match[1].replace(/^file:\/\//, "");
        const inside = !path.relative(programDir, file).startsWith("..") && !file.split(path.sep).includes("node_modules");
        if (inside) return `${path.relative(process.cwd(), file)}:${match[2]}:${match[3]}`;
    }
    return undefined;
}

/** A failure of the program as one line: the message, and where in the program it was thrown. */
export function describeFailure(error: unknown, programDir: string): string {
    const message = cleanMessage(error instanceof Error ? error.message : String(error));
    const at = programLocation(error, programDir);
    return at && !message.includes(at) ? `${message} (at ${at})` : message;
}
