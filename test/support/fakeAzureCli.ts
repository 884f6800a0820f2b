// A stand-in for the Azure CLI: a real executable named `az` on PATH that answers
// `az account get-access-token` and `az account show` the way the CLI does, so processes spawned
// by the tests sign in through @azure/identity's AzureCliCredential, the last of azure-native's
// methods, and find the CLI's active cloud as azure-native does.
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { FAKE_CLI_TOKEN, FakeResourceManager } from "./fakeResourceManager";

export interface FakeAzureCliOptions {
    /** The active cloud `az account show` reports. @default "AzureCloud" */
    environmentName?: string;
    /** What `az cloud show --name <cloud>` prints for clouds registered with `az cloud register`. */
    clouds?: Record<string, object>;
}

/** Writes the fake `az` into a new folder and returns the folder, to put first on PATH. Calls are logged to `<folder>/calls.log`. */
export function fakeAzureCli(o: FakeAzureCliOptions = {}): string {
    const dir = mkdtempSync(path.join(tmpdir(), "fake-az-"));
    const expires = Math.floor(Date.now() / 1000) + 3600;
    writeFileSync(
        path.join(dir, "az"),
        `#!/bin/sh
echo "$@" >> "${dir}/calls.log"
case "$1 $2" in
  "account get-access-token")
    echo '{"accessToken":"${FAKE_CLI_TOKEN}","expiresOn":"2099-01-01 00:00:00.000000","expires_on":${expires},"subscription":"00000000-0000-0000-0000-000000000000","tenant":"33333333-3333-3333-3333-333333333333","tokenType":"Bearer"}'
    ;;
  "account show")
    echo '{"environmentName":"${o.environmentName ?? "AzureCloud"}","id":"00000000-0000-0000-0000-000000000000","isDefault":true,"name":"Fake subscription","state":"Enabled","tenantId":"33333333-3333-3333-3333-333333333333","user":{"name":"dev@contoso.com","type":"user"}}'
    ;;
  "cloud show")
    case "$4" in
${Object.entries(o.clouds ?? {})
    .map(([name, cloud]) => `      "${name}") echo '${JSON.stringify(cloud)}' ;;`)
    .join("\n")}
      *) echo "ERROR: Unknown cloud '$4'" >&2; exit 1 ;;
    esac
    ;;
  *) echo "fake az: unsupported: $*" >&2; exit 2 ;;
esac
`,
    );
    chmodSync(path.join(dir, "az"), 0o755);
    return dir;
}

/**
 * The environment a spawned provider gets here: signed in only through the fake `az` (no `ARM_*`
 * or `AZURE_*` variable of this machine), trusting the fake Resource Manager's certificate.
 */
export function signedInThroughAzureCli(arm: FakeResourceManager): NodeJS.ProcessEnv {
    const caFile = path.join(mkdtempSync(path.join(tmpdir(), "ca-")), "fake-arm-ca.pem");
    writeFileSync(caFile, arm.ca);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${fakeAzureCli()}:${process.env.PATH}`, NODE_EXTRA_CA_CERTS: caFile };
    for (const k of Object.keys(env)) if (/^(ARM|AZURE)_/.test(k)) delete env[k];
    return env;
}
