#!/usr/bin/env bash
# Generates the Python client (messages and gRPC stubs) from protos/ alone, with Debian's protoc
# (protobuf-compiler; its well-known types come from libprotobuf-dev) and the gRPC Python plugin
# (protobuf-compiler-grpc). Usage: clients/python/generate.sh [OUT_DIR]
# OUT_DIR defaults to clients/python/generated/ (gitignored; emptied first).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
protoc="${PROTOC:-protoc}"
plugin="${GRPC_PYTHON_PLUGIN:-/usr/bin/grpc_python_plugin}"

if [[ $# -gt 0 ]]; then
  out="$1"
else
  out="$here/generated"
  rm -rf "$out"
fi
mkdir -p "$out"

command -v "$protoc" >/dev/null || { echo "generate.sh: $protoc not found (apt-get install protobuf-compiler libprotobuf-dev)" >&2; exit 1; }
[[ -x "$plugin" ]] || { echo "generate.sh: $plugin not found (apt-get install protobuf-compiler-grpc)" >&2; exit 1; }

cd "$root"
# Our API and the vendored googleapis protos it imports (google/rpc/status.proto and
# error_details.proto are what a client needs to read rich errors). google/protobuf/* ships with
# protoc itself and, as Python modules, with the protobuf runtime.
mapfile -t protos < <(find protos/participation protos/google -name '*.proto' | sort)
"$protoc" -I protos \
  --python_out="$out" \
  --grpc_out="$out" \
  --plugin=protoc-gen-grpc="$plugin" \
  "${protos[@]}"
echo "generate.sh: ${#protos[@]} protos -> $out"
