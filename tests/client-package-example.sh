#!/usr/bin/env bash
# The C# client's README example as a user would run it (one test of tests/run-all.sh, "client package
# example"): a new console project in a temp folder that references the package `dotnet pack` wrote to
# PACKAGES (ParticipationRegistry.Client from there only, by package source mapping, into a package
# folder of its own: a 1.0.0 cached by an earlier run would otherwise be used instead of this one), with
# clients/dotnet/examples/Quickstart.cs and the README's one-line Program.cs, run against a live server
# (SERVER_DLL on SQLite, free loopback ports, stopped at the end). Its other packages come from the
# machine's NuGet cache, else nuget.org. Exits 0 when the example prints the README's first line.
#
#   tests/client-package-example.sh PACKAGES SERVER_DLL
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
packages="$(cd "${1:?PACKAGES}" && pwd)"
server_dll="${2:?SERVER_DLL}"
dir="$(mktemp -d)"
server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

main() {
  local key address="" exit_code=1 i
  key="prk_$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')"
  mkdir -p "$dir/app"
  cat >"$dir/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="packed" value="$packages" />
    <add key="cache" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="packed"><package pattern="ParticipationRegistry.*" /></packageSource>
    <packageSource key="cache"><package pattern="*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
  cat >"$dir/app/Quickstart.App.csproj" <<'PROJECT'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ParticipationRegistry.Client" Version="1.0.0" />
  </ItemGroup>
</Project>
PROJECT
  echo 'await ParticipationRegistry.Examples.Quickstart.RunAsync(args[0], args[1], Console.Out);' >"$dir/app/Program.cs"
  cp clients/dotnet/examples/Quickstart.cs "$dir/app/"
  if ! (cd "$dir" && NUGET_PACKAGES="$dir/nuget" dotnet build app -c Release); then
    echo "tests/client-package-example.sh: the console project on the package did not build" >&2
    return 1
  fi
  REGISTRY_BOOTSTRAP_ADMIN_KEY="$key" dotnet "$server_dll" --grpc-url http://127.0.0.1:0 --http-url http://127.0.0.1:0 \
    --database "$dir/registry.db" >"$dir/server.log" 2>&1 &
  server_pid=$!
  for (( i = 0; i < 600; i++ )); do
    address="$(sed -nE 's/^ *gRPC \(h2c\): *(http:\/\/[^ ]+) *$/\1/p' "$dir/server.log")"
    [[ -n "$address" ]] || ! kill -0 "$server_pid" 2>/dev/null && break
    sleep 0.1
  done
  if [[ -n "$address" ]]; then
    (cd "$dir" && NUGET_PACKAGES="$dir/nuget" dotnet run --project app -c Release --no-build -- "$address" "$key") | tee "$dir/example.txt"
    # The README's first line of output: the seed workshop's balance check.
    [[ ${PIPESTATUS[0]} -eq 0 ]] && grep -q '^Quo Vadis IGF – or Evolution of IGF: Unbalanced (score 75)$' "$dir/example.txt" && exit_code=0
  else
    echo "tests/client-package-example.sh: the server printed no gRPC address:" >&2
    cat "$dir/server.log" >&2
  fi
  return "$exit_code"
}

main
