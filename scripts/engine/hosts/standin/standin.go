// Package standin is what this project's stand-in language hosts share: serving the
// LanguageRuntime protocol (sdk/v3 proto/go language.proto) the way the engine starts a language
// plugin (print the port, health-check the engine), naming themselves stand-ins, generating an SDK
// with pkg/v3's codegen for the language, and loading a linked package's schema from the engine's
// loader. Written from the protocol and from reading pulumi/pulumi's hosts
// (sdk/python/cmd/pulumi-language-python/main.go, sdk/go/pulumi-language-go/main.go), not copied.
package standin

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Version is what GetPluginInfo and About report: the Pulumi version the CLI is built at with a
// `standin` pre-release tag, stamped by scripts/engine/toolchain.sh.
var Version = "0.0.0-standin"

// Base answers the calls every stand-in host answers the same way.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	// Language is the runtime name (python, go, dotnet).
	Language string
	// EngineAddress is the engine's gRPC address (from the command line or Handshake).
	EngineAddress string
}

// Description is how each host names itself wherever it shows.
func (b *Base) Description() string {
	return fmt.Sprintf("signalr-serverless stand-in for pulumi-language-%s (scripts/engine/hosts/%s), not Pulumi's host", b.Language, b.Language)
}

func (b *Base) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	b.EngineAddress = req.EngineAddress
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (b *Base) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	self, _ := os.Executable()
	return &pulumirpc.AboutResponse{Executable: self, Version: Version, Metadata: map[string]string{"standIn": b.Description()}}, nil
}

// The engine asks for packages, not plugins (GetRequiredPackages); the old call is not served.
func (b *Base) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (b *Base) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// Serve starts the gRPC server as the engine expects of a language plugin: the engine's address
// as the only argument, the chosen port on the first line of stdout, and an exit when the engine
// goes away.
func Serve(language string, server func(engineAddress string) pulumirpc.LanguageRuntimeServer) {
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.String("tracing", "", "ignored by this stand-in")
	flag.Parse()
	if *showVersion {
		fmt.Println(Version)
		return
	}
	engineAddress := flag.Arg(0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("%s stand-in: health check of the engine: %w", language, err))
		}
	}
	done := make(chan bool)
	go func() {
		<-ctx.Done()
		close(done)
	}()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: done,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, server(engineAddress))
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("%s stand-in: serving: %w", language, err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("%s stand-in: %w", language, err))
	}
}

// Generator is one language's pkg/v3 codegen entry point, given the bound package and the loader.
type Generator func(pkg *schema.Package, extraFiles map[string][]byte, loader schema.ReferenceLoader) (map[string][]byte, error)

// GeneratePackage binds the schema the CLI sends against the engine's schema loader (so
// dependencies such as azure-native resolve to their plugins' schemas) and writes the files the
// language's codegen returns into the requested directory.
func GeneratePackage(req *pulumirpc.GeneratePackageRequest, generate Generator) (*pulumirpc.GeneratePackageResponse, error) {
	client, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, fmt.Errorf("the schema sent is not JSON: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}
	files, err := generate(pkg, req.ExtraFiles, loader)
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		out := filepath.Join(req.Directory, name)
		if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(out, data, 0o600); err != nil {
			return nil, err
		}
	}
	return response, nil
}

// LinkedPackage loads the schema of one package `pulumi package add` links, through the engine's
// loader, with the language's own schema section imported.
func LinkedPackage(ctx context.Context, loaderTarget string, dep *pulumirpc.LinkRequest_LinkDependency, language string, importer schema.Language) (*schema.Package, error) {
	client, err := schema.NewLoaderClient(loaderTarget)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	desc := &schema.PackageDescriptor{Name: dep.Package.Name, DownloadURL: dep.Package.Server}
	if v, err := semver.ParseTolerant(dep.Package.Version); err == nil {
		desc.Version = &v
	}
	if p := dep.Package.Parameterization; p != nil {
		desc.Parameterization = &schema.ParameterizationDescriptor{Name: p.Name, Value: p.Value}
		if v, err := semver.ParseTolerant(p.Version); err == nil {
			desc.Parameterization.Version = v
		}
	}
	ref, err := schema.LoadPackageReferenceV2(ctx, schema.NewCachedLoader(client), desc)
	if err != nil {
		return nil, err
	}
	pkg, err := ref.Definition()
	if err != nil {
		return nil, err
	}
	if err := pkg.ImportLanguages(map[string]schema.Language{language: importer}); err != nil {
		return nil, err
	}
	return pkg, nil
}

// Config is the program's configuration and its secret keys as the SDKs read them from the
// environment (PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS: sdk/go/pulumi/run.go, the Python SDK's
// runtime/config.py).
func Config(req *pulumirpc.RunRequest) (config, secretKeys string, err error) {
	c, err := json.Marshal(req.GetConfig())
	if err != nil {
		return "", "", err
	}
	keys := req.GetConfigSecretKeys()
	if keys == nil {
		keys = []string{}
	}
	k, err := json.Marshal(keys)
	return string(c), string(k), err
}
