#!/usr/bin/env bash
# Full-mode crash test (issue #16, item 4): the suite's crash test (tests/ParticipationRegistry.Tests/Storage/
# CrashTests.cs) with 100 kills, or the number given: ./tests/crash.sh [kills] [seed]. 16 callers create people
# (with request ids), update them with etags, delete them, batch-create them and seat them singly and in batches
# on the real server as a child process, which is SIGKILLed at seeded random moments and restarted on the same
# file. After each kill: every acknowledged write present, no batch half-applied, no seat without its person,
# PRAGMA integrity_check ok; after each restart every in-flight create is replayed with its request id and must
# exist exactly once. It prints the writes acknowledged and in flight at each kill, and the replays' outcome.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export REGISTRY_CRASH_KILLS="${1:-100}"
export REGISTRY_CRASH_SEED="${2:-20261130}"
dotnet build tests/ParticipationRegistry.Tests -c Release -warnaserror --nologo -v q
dotnet test tests/ParticipationRegistry.Tests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~ParticipationRegistry.Tests.Storage.CrashTests" \
  --logger "console;verbosity=detailed"
