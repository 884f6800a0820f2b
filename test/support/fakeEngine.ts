// The Pulumi engine's side of a provider's `construct`, on loopback: the resource monitor and engine
// services a provider process calls while it builds a component. Resources of packages the test
// serves with a provider process are checked and created on that process, the way the engine does
// with the provider it picks; every other resource is answered with the offline plan's fake Azure.
//
// The provider it picks follows the engine's rules (pulumi/pulumi, pkg/resource/deploy):
// - a registration that names a provider reference uses that provider;
// - otherwise the default provider for the package: its version and plugin download URL as the
//   registration states them, each missing one taken from what the program declares it uses (the
//   language host's required packages) — default_providers.go, normalizeProviderRequest. A
//   request that normalizes to something else loads a second default provider (another plugin
//   process, or none found); the fake refuses it instead, naming what it was asked for.
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { fakeCall, fakeResource } from "../../src/plan/fakeAzure";
import { unwrapSecrets } from "../../src/provider/secrets";
import type { ProviderProcess } from "./grpcProvider";
/* eslint-disable @typescript-eslint/no-require-imports -- the SDK's generated protobuf modules are CommonJS without types */
const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

type Props = Record<string, unknown>;

/** What selects a default provider: the package's version and plugin download URL. */
export interface PackageDeclaration {
    version?: string;
    pluginDownloadURL?: string;
}

/** One RegisterResource call as the provider process sent it. */
export interface Registration {
    type: string;
    name: string;
    urn: string;
    custom: boolean;
    parent: string;
    version: string;
    pluginDownloadURL: string;
    packageRef: string;
    provider: string;
    /** Inputs on the wire (secrets still wrapped). */
    inputs: Props;
}

/** Plays Azure for a resource the fake answers itself (e.g. creates what its PUT would create). */
export type AzureSideEffect = (registration: { type: string; name: string; inputs: Props; id: string }) => { id: string; outputs?: Props } | undefined;

/** The wire value of an unknown (computed) property. */
export const UNKNOWN = pulumi.runtime.unknownValue;

/** A provider process as the engine knows it: by default-provider request, or by explicit reference. */
interface ServedPackage {
    process: ProviderProcess;
    /** The request the program's own registration of the component normalized to. */
    request: Required<PackageDeclaration>;
    /** Explicit provider references (`urn::id`) that are this process. */
    references: string[];
}

export class FakeEngine {
    readonly registrations: Registration[] = [];
    readonly logs: { severity: number; message: string; urn: string }[] = [];
    /** Custom resources the engine created on a served provider process, in order. */
    readonly created: { urn: string; id: string; outputs: Props }[] = [];
    /** Custom resources the engine checked on a served provider process, in order. */
    readonly checked: { urn: string; inputs: Props }[] = [];
    /** A preview (`pulumi preview`): resources are checked, not created, and what Azure would assign is unknown. */
    dryRun = false;
    private server?: grpc.Server;
    private port = 0;
    private readonly served = new Map<string, ServedPackage>();
    private readonly qualifiedTypes = new Map<string, string>();

    constructor(
        readonly project: string,
        readonly stack: string,
        /** What the program declares it uses, per package (the language host's required packages). */
        private readonly declared: Record<string, PackageDeclaration>,
        private readonly azure: AzureSideEffect = () => undefined,
    ) {}

    get address(): string {
        return `127.0.0.1:${this.port}`;
    }

    get stackUrn(): string {
        return `urn:pulumi:${this.stack}::${this.project}::pulumi:pulumi:Stack::${this.project}-${this.stack}`;
    }

    /** Makes `process` the provider of `pkg`: its default provider for the program's declaration, and any explicit references. */
    serve(pkg: string, process: ProviderProcess, references: string[] = []): void {
        this.served.set(pkg, { process, request: this.normalize(pkg, {}), references });
    }

    /** The engine's normalizeProviderRequest: each missing part from the program's declaration. */
    normalize(pkg: string, asked: PackageDeclaration): Required<PackageDeclaration> {
        const declared = this.declared[pkg] ?? {};
        return {
            version: asked.version || declared.version || "",
            pluginDownloadURL: (asked.pluginDownloadURL || declared.pluginDownloadURL || "").replace(/\/$/, ""),
        };
    }

    async start(): Promise<void> {
        const server = new grpc.Server();
        server.addService(resrpc.ResourceMonitorService, {
            supportsFeature: (call: Call, cb: Callback) => {
                const r = new resproto.SupportsFeatureResponse();
                r.setHassupport(["secrets", "resourceReferences"].includes(call.request.getId()));
                cb(null, r);
            },
            registerResource: (call: Call, cb: Callback) =>
                this.register(call.request).then(
                    (r) => cb(null, r),
                    (e) => cb(asGrpcError(e)),
                ),
            registerResourceOutputs: (_call: Call, cb: Callback) => cb(null, new Empty()),
            invoke: (call: Call, cb: Callback) => {
                const r = new provproto.InvokeResponse();
                const args = unwrapSecrets(call.request.getArgs()?.toJavaScript()).plain;
                r.setReturn(Struct.fromJavaScript(fakeCall({ token: call.request.getTok(), inputs: args, provider: "" } as never)));
                cb(null, r);
            },
        });
        server.addService(engrpc.EngineService, {
            log: (call: Call, cb: Callback) => {
                this.logs.push({ severity: call.request.getSeverity(), message: call.request.getMessage(), urn: call.request.getUrn() });
                cb(null, new Empty());
            },
            getRootResource: (_call: Call, cb: Callback) => {
                const r = new engproto.GetRootResourceResponse();
                r.setUrn(this.stackUrn);
                cb(null, r);
            },
            setRootResource: (_call: Call, cb: Callback) => cb(null, new engproto.SetRootResourceResponse()),
        });
        this.port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, port) => (e ? reject(e) : resolve(port))),
        );
        this.server = server;
    }

    stop(): void {
        this.server?.forceShutdown();
    }

    private urnOf(type: string, name: string, parent: string): string {
        const parentType = parent && parent !== this.stackUrn ? this.qualifiedTypes.get(parent) : undefined;
        const qualified = parentType ? `${parentType}$${type}` : type;
        const urn = `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
        this.qualifiedTypes.set(urn, qualified);
        return urn;
    }

    /** The provider process the engine would use for this registration, or why it would load another. */
    private providerFor(pkg: string, req: RegisterRequest): ProviderProcess | undefined {
        const served = this.served.get(pkg);
        if (!served) return undefined;
        const explicit = req.getProvider();
        if (explicit) {
            if (served.references.includes(explicit)) return served.process;
            throw new Error(`${req.getType()} ${req.getName()} names provider ${explicit}, which the program never created`);
        }
        if (req.getPackageref()) throw new Error(`${req.getType()} ${req.getName()} names package reference ${req.getPackageref()}, which was never registered`);
        const asked = this.normalize(pkg, { version: req.getVersion(), pluginDownloadURL: req.getPlugindownloadurl() });
        if (asked.version !== served.request.version || asked.pluginDownloadURL !== served.request.pluginDownloadURL) {
            throw new Error(
                `${req.getType()} ${req.getName()} asks for ${pkg} ${JSON.stringify(asked)}, not the provider the component was constructed on ` +
                    `(${JSON.stringify(served.request)}): the engine would load a second default provider`,
            );
        }
        return served.process;
    }

    private async register(req: RegisterRequest): Promise<unknown> {
        const type: string = req.getType();
        const name: string = req.getName();
        const custom: boolean = req.getCustom();
        const urn = this.urnOf(type, name, req.getParent());
        const inputs: Props = req.getObject()?.toJavaScript() ?? {};
        let id = "";
        let outputs: Props = {};
        if (custom) {
            const pkg = type.split(":")[0];
            const process = this.providerFor(pkg, req);
            if (process) {
                const checked = await process.check(urn, {}, inputs);
                if (checked.failures.length) throw new Error(`check of ${urn} failed: ${JSON.stringify(checked.failures)}`);
                this.checked.push({ urn, inputs: checked.inputs });
                if (this.dryRun) {
                    outputs = checked.inputs;
                } else {
                    const created = await process.create(urn, checked.inputs);
                    ({ id, properties: outputs } = created);
                    this.created.push({ urn, id, outputs });
                }
            } else {
                const plain = unwrapSecrets(inputs).plain;
                const fake = fakeResource({ type, name, inputs: plain, custom: true } as never);
                if (this.dryRun) {
                    // The inputs as given; everything else (the id included) known only once created.
                    outputs = { ...Object.fromEntries(Object.keys(fake.state as Props).map((k) => [k, UNKNOWN])), ...inputs };
                } else {
                    const azure = this.azure({ type, name, inputs: plain, id: fake.id ?? "" });
                    id = azure?.id ?? fake.id ?? "";
                    outputs = JSON.parse(JSON.stringify({ ...(fake.state as Props), ...azure?.outputs, id }));
                }
            }
        }
        this.registrations.push({
            type,
            name,
            urn,
            custom,
            parent: req.getParent(),
            version: req.getVersion(),
            pluginDownloadURL: req.getPlugindownloadurl(),
            packageRef: req.getPackageref(),
            provider: req.getProvider(),
            inputs,
        });
        const r = new resproto.RegisterResourceResponse();
        r.setUrn(urn);
        r.setId(id);
        r.setObject(Struct.fromJavaScript(outputs));
        return r;
    }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated protobuf classes without types
type RegisterRequest = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Call = { request: any };
type Callback = (error: grpc.ServiceError | null, response?: unknown) => void;

function asGrpcError(e: unknown): grpc.ServiceError {
    const message = e instanceof Error ? e.message : String(e);
    return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata: new grpc.Metadata() });
}
