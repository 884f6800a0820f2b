// The repository as a user who runs `pulumi package add <checkout>` has it: the files a clone of
// this tree holds (git's tracked and not-ignored files, with their content in the work tree, so
// the tests see uncommitted edits too, but never dist/, node_modules/ or anything else ignored),
// then built. Made once per test run and shared by every language suite.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { root } from "../../support/consumerProject";

let checkout: string | undefined;

/** The files a fresh clone of this tree holds, relative to the root (a deleted, uncommitted file is none). */
export function clonedFiles(): string[] {
    const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
    return listed
        .split("\0")
        .filter((f) => f !== "" && existsSync(path.join(root, f)))
        .sort();
}

/**
 * The folder `signalr-serverless` of a new scratch directory: the files of a fresh clone, with
 * `node_modules` linked to this checkout's (installed by `npm ci` from the same package-lock.json;
 * a second `npm ci` measured 82 s here, the link none) and the clone's own `npm run build`, the
 * `prepare` step `npm ci` runs, which writes package.json `main` (dist/provider/main.js).
 */
export function userCheckout(): string {
    if (checkout) return checkout;
    const scratch = mkdtempSync(path.join(tmpdir(), "signalr-serverless-checkout-"));
    const dir = path.join(scratch, "signalr-serverless");
    for (const f of clonedFiles()) {
        mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        copyFileSync(path.join(root, f), path.join(dir, f));
    }
    symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    execFileSync("npm", ["run", "build"], { cwd: dir, stdio: "ignore" });
    const main = (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { main: string }).main;
    if (!existsSync(path.join(dir, main))) throw new Error(`the checkout's build wrote no ${main}, the entry the nodejs host runs`);
    process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
    checkout = dir;
    return dir;
}

/** Every file under `dir` (links not followed) with its size and modification time, to tell what a command wrote there. */
export function snapshotFiles(dir: string): Map<string, string> {
    const files = new Map<string, string>();
    for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (f.isDirectory()) continue;
        const file = path.join(f.parentPath, f.name);
        const s = lstatSync(file);
        files.set(path.relative(dir, file), `${s.size}:${s.mtimeMs}`);
    }
    return files;
}

/** The files added, changed or removed under `dir` since `before` (snapshotFiles), sorted. */
export function changedFiles(dir: string, before: Map<string, string>): string[] {
    const after = snapshotFiles(dir);
    const names = new Set([...before.keys(), ...after.keys()]);
    return [...names].filter((f) => before.get(f) !== after.get(f)).sort();
}
