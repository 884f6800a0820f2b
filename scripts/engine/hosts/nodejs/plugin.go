package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strconv"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RunPlugin runs a plugin written in TypeScript from its source folder (the CLI's newPlugin in
// sdk/v3 go/common/resource/plugin/plugin.go, for a folder with PulumiPlugin.yaml or
// PulumiPolicy.yaml). The plugin's stdout and stderr are streamed back; the stream ends when the
// plugin exits, with its exit code.
//
//   - a provider (PulumiPlugin.yaml): `node <@pulumi/pulumi/cmd/run-plugin> <plugin dir> <args>`
//     in the CLI's working directory;
//   - a policy pack (kind analyzer, from NewPolicyAnalyzer in sdk/v3
//     go/common/resource/plugin/analyzer_plugin.go): `node <@pulumi/pulumi/cmd/run-policy-pack>
//     <args> <pack dir>` in the pack's folder. That entry point learns the stack from PULUMI_NODEJS_*
//     variables and PULUMI_CONFIG, which the engine only sends later over gRPC (ConfigureStack), so
//     the SDK's PolicyProxy (sdk/v3 policy_proxy.go) answers the engine first, and the pack is
//     started with that configuration and then attached behind the proxy.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	info := req.GetInfo()
	dir := info.GetProgramDirectory()
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("stand-in nodejs host: could not find node on the $PATH: %w", err)
	}
	opts, err := parseOptions(info.GetOptions())
	if err != nil {
		return err
	}
	env := append(append([]string{}, req.GetEnv()...), opts.env()...)
	policyPack := req.GetKind() == string(apitype.AnalyzerPlugin)
	entry := "@pulumi/pulumi/cmd/run-plugin"
	if policyPack {
		entry = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	runPath, err := locateModule(ctx, nodeBin, dir, entry)
	if err != nil {
		return err
	}
	args := append(append([]string{}, opts.nodeArgs...), runPath)
	if policyPack {
		args = append(append(args, req.GetArgs()...), dir)
	} else {
		args = append(append(args, dir), req.GetArgs()...)
	}

	if !policyPack {
		cmd := exec.CommandContext(ctx, nodeBin, args...)
		cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = req.GetPwd(), env, stdout, stderr
		if err := cmd.Run(); err != nil {
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				return fmt.Errorf("stand-in nodejs host: could not run the plugin in %s: %w", dir, err)
			}
			if err := closer.Close(); err != nil {
				return err
			}
			return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(exit.ExitCode())}})
		}
		return closer.Close()
	}

	proxy, proxiedStdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("stand-in nodejs host: policy pack proxy: %w", err)
	}
	stack, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("stand-in nodejs host: stack configuration for the policy pack: %w", err)
	}
	if stack != nil {
		set := func(k, v string) {
			if v != "" {
				env = append(env, k+"="+v)
			}
		}
		set("PULUMI_NODEJS_ORGANIZATION", stack.GetOrganization())
		set("PULUMI_NODEJS_PROJECT", stack.GetProject())
		set("PULUMI_NODEJS_STACK", stack.GetStack())
		set("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stack.GetDryRun()))
		if cfg := stack.GetConfig(); cfg != nil {
			b, err := json.Marshal(cfg)
			if err != nil {
				return err
			}
			set("PULUMI_CONFIG", string(b))
		}
	}
	// Not tied to the stream's context: the proxy waits on the process itself; it is ended below
	// when the engine closes the stream.
	cmd := exec.Command(nodeBin, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, proxiedStdout, stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("stand-in nodejs host: could not start the policy pack in %s: %w", dir, err)
	}
	if err := proxy.Attach(ctx, cmd); err != nil {
		_ = cmd.Process.Kill()
		return fmt.Errorf("stand-in nodejs host: could not attach to the policy pack: %w", err)
	}
	// The stream lives as long as the engine uses the pack.
	<-ctx.Done()
	_ = cmd.Process.Kill()
	return nil
}
