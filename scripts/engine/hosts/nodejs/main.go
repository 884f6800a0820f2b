// Command pulumi-language-nodejs is signalr-serverless's STAND-IN for Pulumi's nodejs language
// host. The Go module proxy refuses the real one (github.com/pulumi/pulumi/sdk/nodejs/cmd/
// pulumi-language-nodejs/v3), so the engine tests run their Pulumi.yaml projects, the package's
// source-based provider (PulumiPlugin.yaml) and the policy pack through this one instead. It
// implements the LanguageRuntime gRPC service (sdk/v3 proto/go, pulumirpc) as far as the Pulumi CLI
// needs it to run a program, a provider plugin and a policy pack: it starts `node` on the entry
// points the SDK ships (@pulumi/pulumi/cmd/run, cmd/run-plugin, cmd/run-policy-pack), resolved from
// the program's directory, with the arguments and environment those entry points read. What it
// does is written from the protocol and from reading the real host (pulumi/pulumi
// sdk/nodejs/cmd/pulumi-language-nodejs/main.go); it installs nothing and generates no code.
//
// The CLI finds it next to its own binary (sdk/v3 go/common/workspace IsPluginBundled), where
// scripts/engine/toolchain.sh puts it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is stamped by scripts/engine/toolchain.sh: the CLI's version with a `-standin.…` suffix,
// so `pulumi about` and every plugin listing show this is not Pulumi's host.
var version = "0.0.0-standin.signalr-serverless"

// standInNotice is the line this host logs when it starts (the CLI shows plugin stderr with -v).
const standInNotice = "pulumi-language-nodejs: signalr-serverless stand-in for Pulumi's nodejs language host " +
	"(the Go module proxy does not serve the real one); see scripts/engine/hosts/nodejs"

func main() {
	showVersion := flag.Bool("version", false, "print the stand-in's version and exit")
	// The CLI passes these to every language host; the stand-in accepts and ignores them.
	flag.String("tracing", "", "tracing endpoint (ignored by the stand-in)")
	flag.String("runtime", "nodejs", "runtime (the stand-in runs node only)")
	flag.String("root", "", "root of the program (ignored: the CLI sends it in every request too)")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return
	}
	logging.InitLogging(false, 0, false)
	logging.V(1).Infoln(standInNotice)

	var engineAddress string
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[0]
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		stop()
		close(cancel)
	}()
	if engineAddress != "" {
		// Exit when the engine goes away, as every plugin does.
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, stop); err != nil {
			cmdutil.Exit(fmt.Errorf("stand-in nodejs host: health check of the engine: %w", err))
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, newHost(engineAddress))
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("stand-in nodejs host: could not serve: %w", err))
	}
	// The CLI reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("stand-in nodejs host stopped serving: %w", err))
	}
}
