#!/usr/bin/env bash
# Regenerates every client from protos/ (the single source of truth). Generated code is never
# committed, so it cannot go stale: the C# types are compiled from protos/ at every build
# (Grpc.Tools in src/ParticipationRegistry.Contracts), and the test command regenerates the Python
# and TypeScript code before their tests run. Run this after changing a .proto to see every
# client's output at once. Usage: clients/generate.sh
# Needs: the .NET SDK; Debian's protobuf-compiler, libprotobuf-dev and protobuf-compiler-grpc
# (Python); Node.js and npm (TypeScript). tests/run-all.sh installs them when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

echo "==> C#: src/ParticipationRegistry.Contracts (generated into obj/ by Grpc.Tools)"
dotnet build "$root/src/ParticipationRegistry.Contracts" -c Release --nologo -v quiet

echo "==> Python: clients/python/generated/"
bash "$here/python/generate.sh"

echo "==> TypeScript: clients/typescript/src/gen/ (buf generate with the local protoc-gen-es)"
cd "$here/typescript"
[[ -x node_modules/.bin/buf && -x node_modules/.bin/protoc-gen-es ]] || npm ci --no-audit --no-fund --loglevel=error
npm run --silent generate

echo "generate.sh: every client regenerated from protos/"
