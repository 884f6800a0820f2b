package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// packageJSON is what the stand-in reads of a package.json.
type packageJSON struct {
	Name         string                  `json:"name"`
	Version      string                  `json:"version"`
	Pulumi       plugin.PulumiPluginJSON `json:"pulumi"`
	Dependencies map[string]string       `json:"dependencies"`
}

// GetRequiredPackages finds, as the real host does, every installed package whose package.json has
// `"pulumi": { "resource": true }`: the provider plugins the program's SDKs talk to, named by
// `pulumi.name` (else the `@pulumi/` package's own name) at `pulumi.version` (else the package's
// version). The stand-in walks the node_modules trees under the program directory (the real host
// walks every folder there, skipping policy packs; only node_modules holds packages).
func (h *host) GetRequiredPackages(_ context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := requiredPackages(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, fmt.Errorf("stand-in nodejs host: %w", err)
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

// GetRequiredPlugins answers the older form of the same question for CLIs that still ask it.
func (h *host) GetRequiredPlugins(_ context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := requiredPackages(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, fmt.Errorf("stand-in nodejs host: %w", err)
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, d := range deps {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: d.Name, Kind: d.Kind, Version: d.Version, Server: d.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// requiredPackages walks dir/node_modules (scoped folders and nested node_modules included), each
// package folder once, and returns the plugin packages sorted by name and version.
func requiredPackages(dir string) ([]*pulumirpc.PackageDependency, error) {
	seen := map[string]bool{}
	visited := map[string]bool{}
	var deps []*pulumirpc.PackageDependency
	var walk func(modules string) error
	walk = func(modules string) error {
		entries, err := os.ReadDir(modules)
		if os.IsNotExist(err) {
			return nil
		} else if err != nil {
			return err
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			folder := filepath.Join(modules, name)
			if strings.HasPrefix(name, "@") {
				if err := walk(folder); err != nil {
					return err
				}
				continue
			}
			real, err := filepath.EvalSymlinks(folder)
			if err != nil || visited[real] {
				continue
			}
			visited[real] = true
			var info packageJSON
			if err := readJSON(filepath.Join(real, "package.json"), &info); err != nil {
				continue // not a package folder (e.g. .bin)
			}
			if dep, err := packageDependency(info); err != nil {
				return fmt.Errorf("%s: %w", filepath.Join(real, "package.json"), err)
			} else if dep != nil && !seen[dep.Name+"@"+dep.Version] {
				seen[dep.Name+"@"+dep.Version] = true
				deps = append(deps, dep)
			}
			if err := walk(filepath.Join(real, "node_modules")); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(filepath.Join(dir, "node_modules")); err != nil {
		return nil, err
	}
	sort.Slice(deps, func(i, j int) bool {
		if deps[i].Name != deps[j].Name {
			return deps[i].Name < deps[j].Name
		}
		return deps[i].Version < deps[j].Version
	})
	return deps, nil
}

// packageDependency is the plugin a package.json asks for, or nil when it asks for none.
func packageDependency(info packageJSON) (*pulumirpc.PackageDependency, error) {
	if !info.Pulumi.Resource {
		return nil, nil
	}
	name := info.Pulumi.Name
	if name == "" {
		if !strings.HasPrefix(info.Name, "@pulumi/") {
			return nil, fmt.Errorf("package %q asks for a plugin but names none (pulumi.name)", info.Name)
		}
		name = strings.TrimPrefix(info.Name, "@pulumi/")
	}
	version := info.Pulumi.Version
	if version == "" {
		version = info.Version
	}
	if version == "" {
		return nil, fmt.Errorf("package %q has no version", info.Name)
	}
	if !strings.HasPrefix(version, "v") {
		version = "v" + version
	}
	dep := &pulumirpc.PackageDependency{Name: name, Kind: "resource", Version: version, Server: info.Pulumi.Server}
	if p := info.Pulumi.Parameterization; p != nil {
		dep.Parameterization = &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
	}
	return dep, nil
}

func readJSON(file string, into any) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, into); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
