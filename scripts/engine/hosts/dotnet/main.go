// Stand-in for pulumi-language-dotnet that serves GeneratePackage only: `pulumi package gen-sdk
// --language dotnet` generates the C# SDK with pkg/v3's C# codegen (pkg/codegen/dotnet at
// v3.228.0, see go.mod). Nothing is compiled or run: this machine reaches no NuGet feed.
// Written from the LanguageRuntime protocol (sdk/v3 proto/go language.proto).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"

	dotnet "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Version is stamped by scripts/engine/toolchain.sh: the CLI's version with a `standin` tag.
var Version = "0.0.0-standin"

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

func (h *host) Handshake(context.Context, *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	self, _ := os.Executable()
	return &pulumirpc.AboutResponse{Executable: self, Version: Version, Metadata: map[string]string{
		"standIn": "signalr-serverless stand-in for pulumi-language-dotnet (scripts/engine/hosts/dotnet): GeneratePackage only",
	}}, nil
}

// GeneratePackage binds the schema against the engine's loader and writes the C# codegen's files.
func (h *host) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	client, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}
	files, err := dotnet.GeneratePackage("pulumi-language-dotnet", pkg, req.ExtraFiles, req.LocalDependencies)
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

// offlineLogo answers the one request the C# codegen makes, for the NuGet package's icon
// (pkg/codegen/dotnet gen.go getLogo fetches the schema's logoUrl, by default Pulumi's logo on
// GitHub), with a blank 64x64 PNG drawn here: this machine reaches no such host. Any other
// request is refused.
type offlineLogo struct{}

func (offlineLogo) RoundTrip(req *http.Request) (*http.Response, error) {
	if !bytes.HasSuffix([]byte(req.URL.Path), []byte(".png")) {
		return nil, fmt.Errorf("the dotnet stand-in makes no network requests (asked for %s)", req.URL)
	}
	var blank bytes.Buffer
	if err := png.Encode(&blank, image.NewNRGBA(image.Rect(0, 0, 64, 64))); err != nil {
		return nil, err
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"image/png"}}, Body: io.NopCloser(&blank), Request: req}, nil
}

func main() {
	http.DefaultTransport = offlineLogo{}
	flag.String("tracing", "", "ignored by this stand-in")
	flag.Parse()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{Init: func(srv *grpc.Server) error {
		pulumirpc.RegisterLanguageRuntimeServer(srv, &host{})
		return nil
	}})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("dotnet stand-in: %w", err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("dotnet stand-in: %w", err))
	}
}
