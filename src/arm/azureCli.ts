import { execFile } from "node:child_process";

/** The part of `az account show -o json` that says which cloud and subscription the CLI signs in to. */
export interface AzureCliAccount {
    environmentName: string;
    id?: string;
}

/** The part of `az cloud show --name <cloud> -o json` that says how to reach a cloud (e.g. a registered custom cloud). */
export interface AzureCliCloud {
    name?: string;
    endpoints: { activeDirectory?: string; activeDirectoryResourceId?: string; resourceManager?: string };
}

/** What the resources ask the Azure CLI, as the azure-native provider asks it (its azure_cli.go). */
export interface AzureCliQueries {
    accountShow(subscriptionId?: string): Promise<AzureCliAccount>;
    cloudShow(name: string): Promise<AzureCliCloud>;
}

/** Bound of one `az` call: the CLI answers these from its local profile. */
const AZ_TIMEOUT_MS = 60_000;

/** Runs `az <args> -o json` without a shell and parses its output; the error names the command and what `az` said. */
function runAz(args: string[]): Promise<unknown> {
    const command = `az ${args.join(" ")}`;
    return new Promise((resolve, reject) => {
        execFile("az", [...args, "-o", "json"], { timeout: AZ_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) {
                const said = String(stderr).trim();
                const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the Azure CLI (`az`) is not on PATH" : said || error.message;
                reject(new Error(`${command} failed: ${why}. The Azure CLI is the sign-in method when no ARM_* method is configured (see the README's Credentials).`));
                return;
            }
            try {
                resolve(JSON.parse(String(stdout)));
            } catch {
                reject(new Error(`${command} did not print JSON: ${JSON.stringify(String(stdout).slice(0, 120))}`));
            }
        });
    });
}

/**
 * Each question asked once per process, `az` and profile (`PATH`, `AZURE_CONFIG_DIR`), as
 * azure-native asks once when it is configured; a failed answer is asked again next time.
 */
const answers = new Map<string, Promise<unknown>>();
function askOnce(args: string[]): Promise<unknown> {
    const key = [process.env.PATH, process.env.AZURE_CONFIG_DIR, ...args].join("\0");
    let answer = answers.get(key);
    if (!answer) {
        answer = runAz(args);
        answers.set(key, answer);
        answer.catch(() => answers.delete(key));
    }
    return answer;
}

/** The real Azure CLI on PATH. */
export const azureCli: AzureCliQueries = {
    async accountShow(subscriptionId) {
        const account = (await askOnce(["account", "show", ...(subscriptionId ? ["--subscription", subscriptionId] : [])])) as Partial<AzureCliAccount>;
        if (typeof account?.environmentName !== "string" || account.environmentName === "") {
            throw new Error("az account show printed no environmentName: sign in with `az login`.");
        }
        return { environmentName: account.environmentName, id: account.id };
    },
    async cloudShow(name) {
        return (await askOnce(["cloud", "show", "--name", name])) as AzureCliCloud;
    },
};
