// Pulumi YAML projects of the component package from this checkout (yamlPackage.test.ts,
// providerHostedComponent.test.ts): the project's head, whose `packages:` names the checkout, and
// the ServerlessSignalR of serverlessSignalR.test.ts as a YAML resource with what its world needs.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { root } from "../support/consumerProject";

/** The plugin entry the CLI runs for `packages:` (package.json main): `npm ci` builds it (prepare); a checkout without dist builds it here. */
export function buildPluginEntry(): void {
    if (!existsSync(path.join(root, "dist/provider/main.js"))) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
}

/** `name`, `runtime: yaml`, `packages:` naming this checkout and each config key, a string. */
export function yamlPackageProjectHead(project: string, config: string[]): string {
    return [`name: ${project}`, "runtime: yaml", "packages:", `  signalr-serverless: ${root}`, "config:", ...config.flatMap((key) => [`  ${key}:`, "    type: string"]), ""].join(
        "\n",
    );
}

/**
 * The resource `chat`: a ServerlessSignalR with an upstream that is one Key Vault reference (config
 * `secretUri`), read access to that vault (`keyVaultId`) and one shared private endpoint `func-pe`
 * to a Function app (`functionAppId`). `endpoint` lines go into that endpoint's entry, `properties`
 * and `options` lines into the resource's, each at its indentation.
 */
export function keyVaultReferencedChat(o: { serviceName: string; endpoint: string[]; properties?: string[]; options?: string[] }): string {
    return [
        "  chat:",
        "    type: signalr-serverless:ServerlessSignalR",
        "    properties:",
        "      resourceGroupName: app-rg",
        "      location: westeurope",
        `      serviceName: ${o.serviceName}`,
        "      upstreamTemplates:",
        '        - urlTemplate: "{@Microsoft.KeyVault(SecretUri=${secretUri})}"',
        "          hubPattern: chat",
        "      keyVaultAccess:",
        "        - keyVaultId: ${keyVaultId}",
        "      sharedPrivateEndpoints:",
        "        - name: func-pe",
        "          targetResourceId: ${functionAppId}",
        ...o.endpoint.map((line) => `          ${line}`),
        ...(o.properties ?? []).map((line) => `      ${line}`),
        ...(o.options ? ["    options:", ...o.options.map((line) => `      ${line}`)] : []),
        "",
    ].join("\n");
}
