#!/usr/bin/env bash
# Builds the engine toolchain the engine tests (test/engine/) run: the real Pulumi CLI at the one
# version pinned in scripts/engine/pulumi-cli/go.mod, built from the Go module proxy, plus the
# `pulumi-resource-pulumi-nodejs` launcher the CLI distribution ships for dynamic providers, plus
# the language hosts the CLI finds beside its binary (see "Language hosts" below).
# Cached by version outside the checkout and rebuilt only when missing.
#
#   scripts/engine/toolchain.sh           build what is missing, print the toolchain's bin directory
#   scripts/engine/toolchain.sh --locate  print the bin directory if the toolchain is there, else exit 3
#   scripts/engine/toolchain.sh --host-files  print where each language host's binary belongs in the cache
#
# Cache: ${SIGNALR_SERVERLESS_TOOLCHAIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/signalr-serverless}/pulumi-v<version>/bin
# (the language hosts in hosts/<name>-<key>/ beside it, linked into that bin directory)
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

# The CLI is complete when it reports the pinned version and the launcher is there.
cli_complete() {
    [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-resource-pulumi-nodejs" ] &&
        [ "$("$bin/pulumi" version 2>/dev/null)" = "$version" ]
}

# --- Language hosts: the nodejs stand-in and the real YAML host ------------------------------------
# The CLI looks for `pulumi-language-<runtime>` next to its own binary (sdk/v3 go/common/workspace
# IsPluginBundled). Each host is built into a folder of its own under $cache_root/hosts, named by
# what determines it, and hard-linked into $bin (a symbolic link would resolve elsewhere, and the CLI
# then warns that the host on $PATH is not the bundled one); it is rebuilt only when that folder is
# missing.
#  - nodejs: signalr-serverless's own STAND-IN (scripts/engine/hosts/nodejs), since the Go module
#    proxy refuses the real host's module; keyed by a hash of its source and of the CLI version
#    stamped into it (`<cli version>-standin.signalr-serverless`).
#  - yaml: the real host, `go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@<v>`
#    (its own go.mod and go.sum decide its dependencies), with the flags of pulumi-yaml's own
#    .goreleaser.yml (CGO off, -s -w, the tag stamped into pkg/version.Version); keyed by version.
hosts_root="$cache_root/hosts"
nodejs_host_src="$here/hosts/nodejs"
nodejs_host_version="${version#v}-standin.signalr-serverless"
yaml_host_version=v1.25.0
nodejs_host_key() {
    (cd "$nodejs_host_src" && { find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) | LC_ALL=C sort | xargs sha256sum; echo "$nodejs_host_version"; } | sha256sum | cut -c1-16)
}
nodejs_host_dir="$hosts_root/nodejs-$(nodejs_host_key)"
yaml_host_dir="$hosts_root/yaml-$yaml_host_version"

# host_linked NAME DIR: $bin/NAME is DIR/NAME (the same file) and executable.
host_linked() {
    [ -x "$2/$1" ] && [ ! -L "$bin/$1" ] && [ "$bin/$1" -ef "$2/$1" ]
}
hosts_complete() {
    host_linked pulumi-language-nodejs "$nodejs_host_dir" && host_linked pulumi-language-yaml "$yaml_host_dir"
}

# build_host NAME DIR COMMAND…: runs COMMAND with $out set to a staging folder, checks that it left
# an executable NAME there, moves it to DIR and links it into $bin (a copy where it cannot link).
build_host() {
    local name=$1 to=$2 started
    shift 2
    if [ ! -x "$to/$name" ]; then
        mkdir -p "$hosts_root"
        out=$(mktemp -d "$hosts_root/.$name.XXXXXX")
        started=$(date +%s)
        echo "toolchain: building $name into $to" >&2
        if ! "$@" || [ ! -x "$out/$name" ]; then rm -rf "$out"; echo "toolchain: building $name failed" >&2; exit 1; fi
        rm -rf "$to"
        mv "$out" "$to"
        echo "toolchain: $name built in $(($(date +%s) - started)) s" >&2
    fi
    rm -f "$bin/$name"
    ln "$to/$name" "$bin/$name" 2>/dev/null || cp "$to/$name" "$bin/$name"
}
build_nodejs_host() {
    (cd "$nodejs_host_src" && GOFLAGS="-mod=readonly -buildvcs=false" nice -n 19 go build -trimpath \
        -ldflags "-w -s -X main.version=$nodejs_host_version" -o "$out/pulumi-language-nodejs" .)
}
build_yaml_host() {
    (cd "$out" && GOFLAGS="-buildvcs=false" GOBIN="$out" CGO_ENABLED=0 nice -n 19 go install -trimpath \
        -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml_host_version" \
        "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$yaml_host_version")
}
build_hosts() {
    build_host pulumi-language-nodejs "$nodejs_host_dir" build_nodejs_host
    build_host pulumi-language-yaml "$yaml_host_dir" build_yaml_host
}
# --- end of language hosts ---------------------------------------------------------------------------

complete() { cli_complete && hosts_complete; }

# --host-files: where each host's binary belongs in the cache (what --locate expects to find linked).
if [ "${1:-}" = "--host-files" ]; then
    echo "$nodejs_host_dir/pulumi-language-nodejs"
    echo "$yaml_host_dir/pulumi-language-yaml"
    exit 0
fi

# ---- Stand-in language hosts (scripts/engine/hosts/{python,go,dotnet}; see their main.go) ---------
# Pulumi's Python and Go hosts are modules the Go module proxy refuses, so the engine tests run
# this project's stand-ins: Go programs on sdk/v3's LanguageRuntime protocol that generate SDKs
# with pkg/v3's codegen at the CLI's version. Cached beside the CLI, keyed by a hash of their
# source, and built when missing.
#   scripts/engine/toolchain.sh --locate-hosts  print their bin directory if built, else exit 3
language_hosts_src="$here/hosts"
language_hosts="python go dotnet"
hosts_hash=$( (echo "$version"; cd "$language_hosts_src" && find standin $language_hosts -type f ! -name '*_test.go' | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16)
hosts_bin="$cache_root/language-hosts-$hosts_hash/bin"

language_hosts_complete() {
    local h
    for h in $language_hosts; do [ -x "$hosts_bin/pulumi-language-$h" ] || return 1; done
    [ -x "$hosts_bin/pulumi-language-python-exec" ]
}

build_language_hosts() {
    language_hosts_complete && return 0
    command -v go >/dev/null || { echo "toolchain: the language hosts need Go" >&2; exit 1; }
    mkdir -p "$cache_root"
    local staging h started
    staging=$(mktemp -d "$cache_root/.language-hosts-$hosts_hash.XXXXXX")
    started=$(date +%s)
    echo "toolchain: building the stand-in language hosts ($language_hosts) at pulumi $version" >&2
    for h in $language_hosts; do
        (cd "$language_hosts_src/$h" && GOFLAGS="-mod=readonly -buildvcs=false" nice -n 19 go build -trimpath -tags osusergo,grpcnotrace \
            -ldflags "-w -s -X signalr-serverless.invalid/engine/hosts/standin.Version=${version#v}-standin -X main.Version=${version#v}-standin" \
            -o "$staging/bin/pulumi-language-$h" .) || { rm -rf "$staging"; exit 1; }
    done
    install -m 755 "$language_hosts_src/python/pulumi-language-python-exec" "$staging/bin/"
    rm -rf "$(dirname "$hosts_bin")"
    mv "$staging" "$(dirname "$hosts_bin")"
    echo "toolchain: language hosts built in $(($(date +%s) - started)) s into $hosts_bin" >&2
}

if [ "${1:-}" = "--locate-hosts" ]; then
    if language_hosts_complete; then echo "$hosts_bin"; exit 0; fi
    exit 3
fi
# ---- end of the stand-in language hosts ---------------------------------------------------------

if [ "${1:-}" = "--locate" ]; then
    if complete; then echo "$bin"; exit 0; fi
    exit 3
fi
if complete; then
    echo "toolchain: pulumi $version and its language hosts already built in $bin" >&2
    build_language_hosts
    echo "$bin"
    exit 0
fi
command -v go >/dev/null || { echo "toolchain: needs Go (go.mod asks for $(awk '$1 == "go" { print $2 }' "$module/go.mod"))" >&2; exit 1; }
if cli_complete; then
    build_hosts
    build_language_hosts
    echo "$bin"
    exit 0
fi

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
build_hosts
build_language_hosts
echo "$bin"
