// Speaks to a provider process over gRPC the way the Pulumi engine does: spawn it, read the port
// it prints, then call Configure/GetSchema/Check/Diff/Create/Read/Update/Delete.
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
/* eslint-disable @typescript-eslint/no-require-imports -- the SDK's generated protobuf modules are CommonJS without types */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

type Props = Record<string, unknown>;

export class ProviderProcess {
    stderr = "";
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: grpc.Client & Record<string, (req: unknown, cb: (e: Error | null, r: unknown) => void) => void>,
    ) {}

    /** Starts the process and waits (bounded) for the port on its first stdout line. */
    static async start(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ProviderProcess> {
        const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr!.on("data", (d) => (stderr += d));
        const port = await new Promise<string>((resolve, reject) => {
            let out = "";
            const timer = setTimeout(() => reject(new Error(`no port from ${command} ${args.join(" ")} within the limit; stderr: ${stderr}`)), options.timeoutMs ?? 120_000);
            child.stdout!.on("data", (d) => {
                out += d;
                const line = out.split("\n").find((l) => /^\d+$/.test(l.trim()));
                if (line) {
                    clearTimeout(timer);
                    resolve(line.trim());
                }
            });
            child.on("exit", (code) => reject(new Error(`${command} exited with ${code}: ${stderr}`)));
        });
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const p = new ProviderProcess(child, client);
        child.stderr!.on("data", (d) => (p.stderr += d));
        return p;
    }

    /** The package's plugin as the language host starts it: `provider.ts` through the SDK's run-plugin, the engine's address as argument. */
    static startPackagePlugin(root: string, engineAddress: string, env: NodeJS.ProcessEnv): Promise<ProviderProcess> {
        return ProviderProcess.start(process.execPath, [path.join(root, "node_modules/@pulumi/pulumi/cmd/run-plugin"), "provider.ts", engineAddress], {
            cwd: root,
            env,
            timeoutMs: 240_000,
        });
    }

    private call<T>(method: string, request: unknown): Promise<T> {
        return new Promise((resolve, reject) => this.client[method](request, (e, r) => (e ? reject(e) : resolve(r as T))));
    }

    async configure(args: Props = {}): Promise<void> {
        const req = new provproto.ConfigureRequest();
        req.setArgs(Struct.fromJavaScript(args));
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        await this.call("configure", req);
    }

    async getSchema(): Promise<Record<string, unknown>> {
        const req = new provproto.GetSchemaRequest();
        req.setVersion(0);
        return JSON.parse((await this.call<{ getSchema(): string }>("getSchema", req)).getSchema());
    }

    async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
        const req = new provproto.CheckRequest();
        req.setUrn(urn);
        req.setOlds(Struct.fromJavaScript(olds));
        req.setNews(Struct.fromJavaScript(news));
        const r = await this.call<{ getInputs(): { toJavaScript(): Props }; getFailuresList(): { getProperty(): string; getReason(): string }[] }>("check", req);
        return { inputs: r.getInputs().toJavaScript(), failures: r.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    }

    async diff(urn: string, id: string, olds: Props, news: Props): Promise<{ changes: number; replaces: string[] }> {
        const req = new provproto.DiffRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setOlds(Struct.fromJavaScript(olds));
        req.setNews(Struct.fromJavaScript(news));
        const r = await this.call<{ getChanges(): number; getReplacesList(): string[] }>("diff", req);
        return { changes: r.getChanges(), replaces: r.getReplacesList() };
    }

    async create(urn: string, props: Props): Promise<{ id: string; properties: Props }> {
        const req = new provproto.CreateRequest();
        req.setUrn(urn);
        req.setProperties(Struct.fromJavaScript(props));
        const r = await this.call<{ getId(): string; getProperties(): { toJavaScript(): Props } }>("create", req);
        return { id: r.getId(), properties: r.getProperties().toJavaScript() };
    }

    async read(urn: string, id: string, props: Props): Promise<{ id: string; properties: Props }> {
        const req = new provproto.ReadRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setProperties(Struct.fromJavaScript(props));
        const r = await this.call<{ getId(): string; getProperties(): { toJavaScript(): Props } | undefined }>("read", req);
        return { id: r.getId(), properties: r.getProperties()?.toJavaScript() ?? {} };
    }

    async update(urn: string, id: string, olds: Props, news: Props): Promise<Props> {
        const req = new provproto.UpdateRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setOlds(Struct.fromJavaScript(olds));
        req.setNews(Struct.fromJavaScript(news));
        return (await this.call<{ getProperties(): { toJavaScript(): Props } }>("update", req)).getProperties().toJavaScript();
    }

    async delete(urn: string, id: string, props: Props): Promise<void> {
        const req = new provproto.DeleteRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setProperties(Struct.fromJavaScript(props));
        await this.call("delete", req);
    }

    async pluginVersion(): Promise<string> {
        return (await this.call<{ getVersion(): string }>("getPluginInfo", new (require("google-protobuf/google/protobuf/empty_pb").Empty)())).getVersion(); // eslint-disable-line @typescript-eslint/no-require-imports
    }

    stop(): void {
        this.client.close();
        this.child.kill();
    }
}

/** The DIFF_SOME value of DiffResponse.changes. */
export const DIFF_SOME = provproto.DiffResponse.DiffChanges.DIFF_SOME as number;
export const DIFF_NONE = provproto.DiffResponse.DiffChanges.DIFF_NONE as number;
export const urnOf = (type: string, name: string) => `urn:pulumi:dev::consumer::${type}::${name}`;
