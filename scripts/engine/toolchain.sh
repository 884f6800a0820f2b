#!/usr/bin/env bash
# Builds the engine toolchain the engine tests (test/engine/) run: the real Pulumi CLI at the one
# version pinned in scripts/engine/pulumi-cli/go.mod, built from the Go module proxy, plus the
# `pulumi-resource-pulumi-nodejs` launcher the CLI distribution ships for dynamic providers.
# Cached by version outside the checkout and rebuilt only when missing.
#
#   scripts/engine/toolchain.sh           build what is missing, print the toolchain's bin directory
#   scripts/engine/toolchain.sh --locate  print the bin directory if the toolchain is there, else exit 3
#
# Cache: ${SIGNALR_SERVERLESS_TOOLCHAIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/signalr-serverless}/pulumi-v<version>/bin
#
# Why a wrapper module: `go install …/pkg/v3/cmd/pulumi@v…` refuses pulumi/pulumi's pkg/go.mod
# because it has replace directives; see scripts/engine/pulumi-cli/go.mod. The build flags are the
# release build's (pulumi/pulumi .goreleaser.yml: -trimpath, tags osusergo and grpcnotrace, the
# version stamped into sdk/v3/go/common/version.Version).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module="$here/pulumi-cli"
version=$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' "$module/go.mod")
[ -n "$version" ] || { echo "toolchain: no github.com/pulumi/pulumi/pkg/v3 requirement in $module/go.mod" >&2; exit 1; }
cache_root=${SIGNALR_SERVERLESS_TOOLCHAIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/signalr-serverless}
dir="$cache_root/pulumi-$version"
bin="$dir/bin"

# The toolchain is complete when the CLI reports the pinned version and the launcher is there.
complete() {
    [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-resource-pulumi-nodejs" ] &&
        [ "$("$bin/pulumi" version 2>/dev/null)" = "$version" ]
}

if [ "${1:-}" = "--locate" ]; then
    if complete; then echo "$bin"; exit 0; fi
    exit 3
fi
if complete; then
    echo "toolchain: pulumi $version already built in $bin" >&2
    echo "$bin"
    exit 0
fi

command -v go >/dev/null || { echo "toolchain: needs Go (go.mod asks for $(awk '$1 == "go" { print $2 }' "$module/go.mod"))" >&2; exit 1; }
mkdir -p "$cache_root"
staging=$(mktemp -d "$cache_root/.pulumi-$version.XXXXXX")
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/bin"

echo "toolchain: building pulumi $version (Go module proxy, go.sum in $module)" >&2
started=$(date +%s)
# nice: the build shares the machine's cores with everything else running on it.
(cd "$module" && GOFLAGS="-mod=readonly -buildvcs=false" nice -n 19 go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$staging/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)

# The dynamic-provider launcher. The CLI distribution ships one beside the CLI (pulumi/pulumi
# sdk/nodejs/dist/pulumi-resource-pulumi-nodejs): the engine starts it, in the program's
# directory, for resources of the `pulumi-nodejs` provider, and it runs the dynamic-provider host
# of the @pulumi/pulumi that the program itself resolves.
cat >"$staging/bin/pulumi-resource-pulumi-nodejs" <<'LAUNCHER'
#!/bin/sh
# Dynamic-provider launcher (signalr-serverless scripts/engine/toolchain.sh): runs the
# dynamic-provider host of the @pulumi/pulumi that resolves from the working directory.
script=$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
exec node "$script" "$@"
LAUNCHER
chmod +x "$staging/bin/pulumi-resource-pulumi-nodejs"

built=$("$staging/bin/pulumi" version)
[ "$built" = "$version" ] || { echo "toolchain: built CLI reports $built, expected $version" >&2; exit 1; }
rm -rf "$dir"
mv "$staging" "$dir"
trap - EXIT
echo "toolchain: pulumi $version built in $(($(date +%s) - started)) s into $bin" >&2
echo "$bin"
