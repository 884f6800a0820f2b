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

# ---- Stand-in language hosts (scripts/engine/hosts/{python,go,dotnet}; see their main.go) ---------
# Pulumi's Python and Go hosts are modules the Go module proxy refuses, so the engine tests run
# this project's stand-ins: Go programs on sdk/v3's LanguageRuntime protocol that generate SDKs
# with pkg/v3's codegen at the CLI's version. Cached beside the CLI, keyed by a hash of their
# source, and built when missing.
#   scripts/engine/toolchain.sh --locate-hosts  print their bin directory if built, else exit 3
hosts_root="$here/hosts"
language_hosts="python go dotnet"
hosts_hash=$( (echo "$version"; cd "$hosts_root" && find standin $language_hosts -type f ! -name '*_test.go' | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16)
hosts_bin="$cache_root/language-hosts-$hosts_hash/bin"

hosts_complete() {
    local h
    for h in $language_hosts; do [ -x "$hosts_bin/pulumi-language-$h" ] || return 1; done
    [ -x "$hosts_bin/pulumi-language-python-exec" ]
}

build_language_hosts() {
    hosts_complete && return 0
    command -v go >/dev/null || { echo "toolchain: the language hosts need Go" >&2; exit 1; }
    mkdir -p "$cache_root"
    local staging h started
    staging=$(mktemp -d "$cache_root/.language-hosts-$hosts_hash.XXXXXX")
    started=$(date +%s)
    echo "toolchain: building the stand-in language hosts ($language_hosts) at pulumi $version" >&2
    for h in $language_hosts; do
        (cd "$hosts_root/$h" && GOFLAGS="-mod=readonly -buildvcs=false" nice -n 19 go build -trimpath -tags osusergo,grpcnotrace \
            -ldflags "-w -s -X signalr-serverless.invalid/engine/hosts/standin.Version=${version#v}-standin -X main.Version=${version#v}-standin" \
            -o "$staging/bin/pulumi-language-$h" .) || { rm -rf "$staging"; exit 1; }
    done
    install -m 755 "$hosts_root/python/pulumi-language-python-exec" "$staging/bin/"
    rm -rf "$(dirname "$hosts_bin")"
    mv "$staging" "$(dirname "$hosts_bin")"
    echo "toolchain: language hosts built in $(($(date +%s) - started)) s into $hosts_bin" >&2
}

if [ "${1:-}" = "--locate-hosts" ]; then
    if hosts_complete; then echo "$hosts_bin"; exit 0; fi
    exit 3
fi
# ---- end of the stand-in language hosts ---------------------------------------------------------

if [ "${1:-}" = "--locate" ]; then
    if complete; then echo "$bin"; exit 0; fi
    exit 3
fi
if complete; then
    echo "toolchain: pulumi $version already built in $bin" >&2
    build_language_hosts
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
build_language_hosts
echo "$bin"
