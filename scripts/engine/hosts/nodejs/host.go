package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// host serves the LanguageRuntime service. Methods it does not implement (code generation, packing,
// templates, prompts) answer Unimplemented through the embedded type.
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func newHost(engineAddress string) *host { return &host{engineAddress: engineAddress} }

// Handshake records the engine's address (newer CLIs pass it here rather than on the command line).
func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetPluginInfo reports the stamped version, whose `-standin.` suffix names this host a stand-in.
func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// About names node and, in its metadata, that this host is a stand-in.
func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("stand-in nodejs host: node is not on PATH: %w", err)
	}
	out, err := exec.CommandContext(ctx, nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("stand-in nodejs host: %s --version: %w", nodeBin, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    strings.TrimSpace(string(out)),
		Metadata:   map[string]string{"languageHost": standInNotice},
	}, nil
}

// GetProgramDependencies lists the program's own dependencies as its package.json declares them
// (the real host asks the package manager; the stand-in reads node_modules/<name>/package.json).
func (h *host) GetProgramDependencies(_ context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	var manifest packageJSON
	if err := readJSON(filepath.Join(dir, "package.json"), &manifest); err != nil {
		return nil, fmt.Errorf("stand-in nodejs host: %w", err)
	}
	var deps []*pulumirpc.DependencyInfo
	for _, name := range sortedKeys(manifest.Dependencies) {
		var installed packageJSON
		if err := readJSON(filepath.Join(dir, "node_modules", name, "package.json"), &installed); err != nil {
			return nil, fmt.Errorf("stand-in nodejs host: dependency %s is not installed: %w", name, err)
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: installed.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// InstallDependencies installs nothing (nothing may be fetched here): it succeeds when the program
// or plugin already has a node_modules folder in its directory or above it, and otherwise says
// what to run.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	closer, stdout, _, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := req.GetInfo().GetProgramDirectory()
	found, ok := findUp(dir, "node_modules")
	if !ok {
		return fmt.Errorf("the stand-in nodejs language host installs no dependencies and %s has no node_modules: run `npm install` there", dir)
	}
	fmt.Fprintf(stdout, "stand-in nodejs host: dependencies already installed in %s; nothing to install\n", found)
	return closer.Close()
}

// findUp returns the first `dir/name`, `dir/../name`, … that exists.
func findUp(dir, name string) (string, bool) {
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, name)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// locateModule resolves a module (e.g. @pulumi/pulumi/cmd/run) the way node resolves it from dir,
// so the program runs the entry point of the SDK it installed.
func locateModule(ctx context.Context, nodeBin, dir, module string) (string, error) {
	script := fmt.Sprintf("process.stdout.write(require.resolve(%q))", module)
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("%s does not resolve from %s (is @pulumi/pulumi installed there? run `npm install`): %s",
				module, dir, strings.TrimSpace(string(exit.Stderr)))
		}
		return "", err
	}
	return string(out), nil
}
