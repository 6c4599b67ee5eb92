#!/usr/bin/env bash
# Full-mode fuzzing (issue #16, item 3): the suite's fuzz test (tests/ParticipationRegistry.Tests/Fuzz/)
# with 100,000 calls, or the number given: ./tests/fuzz.sh [calls] [seed]. Every method of every
# service, enumerated from the contract's descriptors, gets fuzzed bodies as raw bytes over real gRPC
# against the server as a child process; it fails on any UNKNOWN, INTERNAL, DEADLINE_EXCEEDED (10 s)
# or lost connection, a server not SERVING at the end, resident memory over the test's bound, or a
# database digest changed by the calls that had to be refused. It prints the counts by service and status.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export REGISTRY_FUZZ_CALLS="${1:-100000}"
export REGISTRY_FUZZ_SEED="${2:-20261130}"
dotnet build tests/ParticipationRegistry.Tests -c Release -warnaserror --nologo -v q
dotnet test tests/ParticipationRegistry.Tests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~ParticipationRegistry.Tests.Fuzz.FuzzTests.Every_method" \
  --logger "console;verbosity=detailed"
