#!/usr/bin/env bash
# Runs every test: the C# tests (dotnet test: server, C# client, `registry` CLI, and the declaration
# form in Debian's Chromium through Playwright for .NET with axe-core), buf lint and
# buf breaking over protos/, `dotnet pack` of the C# client (its README example then built in a new
# console project on that package and run against a live server) and of the `registry` tool (installed
# and run), the Python client tests against a live server, the TypeScript client tests (Node over
# gRPC, and a page in Debian's Chromium over gRPC-Web), clients/generate.sh, and the benchmark's
# quick mode on each engine (one test each: it prints its table and no call fails; it never judges time).
# Every storage, service and client test runs on both engines: first on SQLite files, then on a
# throwaway PostgreSQL cluster (tests/postgres.sh: Debian's postgresql, in a temp folder, on a free
# loopback port, stopped and deleted on exit) with REGISTRY_TEST_POSTGRES set: `dotnet test --filter
# "Engine!=SqliteOnly"` (tests about the SQLite file itself are left out; the SQLite pass leaves out
# Engine=PostgresOnly: shared snapshots, several servers on one database) and the Python and
# TypeScript client tests again. A PostgreSQL that cannot be installed or started fails the run.
# Every dotnet test runs with --blame-hang-timeout: a hung test fails (and leaves a dump in the
# results folder) instead of hanging CI.
# Needs only the .NET SDK: Debian packages for the client tests, the benchmark and the PostgreSQL
# pass (sqlite3, chromium, postgresql), buf and axe-core (npm, into .tools/) and the TypeScript
# client's npm packages are installed when missing. The last line is `N passed, N failed`.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
# shellcheck source=tests/postgres.sh
source tests/postgres.sh
# The SQLite passes run on SQLite whatever the caller's environment says.
unset REGISTRY_TEST_POSTGRES
# The test hosts start hundreds of servers, and each would watch appsettings*.json with an inotify
# instance of its own: the per-user limit (fs.inotify.max_user_instances, 128 by default, shared with
# every other process of the user) runs out and servers fail to start. No test reloads configuration.
export DOTNET_hostBuilder__reloadConfigOnChange=false
results="$root/.artifacts/test-results"
server_dll="$root/src/ParticipationRegistry.Server/bin/Release/net10.0/ParticipationRegistry.Server.dll"
buf_version="1.75.0"
buf="$root/.tools/node_modules/.bin/buf"
# The browser tests' accessibility check (axe-core, npm, into .tools/ with buf).
axe_version="4.14.1"
axe_js="$root/.tools/node_modules/axe-core/axe.min.js"
apt_packages=(protobuf-compiler libprotobuf-dev protobuf-compiler-grpc python3-grpcio python3-protobuf python3-pytest tzdata sqlite3 chromium)

step() { printf '\n==> %s\n' "$*"; }

client_tools_present() {
  command -v protoc >/dev/null &&
    [[ -x /usr/bin/grpc_python_plugin ]] &&
    # protoc's well-known types (google/protobuf/*.proto) come with libprotobuf-dev on Debian.
    [[ -f /usr/include/google/protobuf/timestamp.proto ]] &&
    # The meeting time zone tests need the IANA database (tzdata), which slim images leave out.
    [[ -f /usr/share/zoneinfo/Asia/Baku ]] &&
    [[ -x /usr/bin/python3 ]] &&
    /usr/bin/python3 -c 'import grpc, google.protobuf, pytest' 2>/dev/null &&
    # The benchmark's storage ceiling is Debian's sqlite3 CLI.
    command -v sqlite3 >/dev/null &&
    # The TypeScript client's browser test drives Debian's Chromium (no browser can be downloaded here).
    [[ -x /usr/bin/chromium ]] &&
    # buf, axe-core and the TypeScript client come from npm (Node 18 or later; Debian's when missing).
    command -v npm >/dev/null && command -v node >/dev/null
}

install_client_tools() {
  if client_tools_present; then
    return
  fi
  # Node.js and npm: the machine's own when it has them (a newer Node than Debian's), Debian's otherwise.
  if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    apt_packages+=(nodejs npm)
  fi
  step "Installing Debian packages for the client tests and the benchmark: ${apt_packages[*]}"
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${apt_packages[@]}" ||
    echo "tests/run-all.sh: installing ${apt_packages[*]} failed; the client tests and the benchmark will fail" >&2
}

# buf, and axe-core for the browser tests (tests/ParticipationRegistry.Browser.Tests, which drive
# Debian's Chromium and find axe-core through AXE_CORE_JS): one npm install of both, pinned.
install_buf() {
  if [[ -x "$buf" && "$("$buf" --version 2>/dev/null)" == "$buf_version" && -f "$axe_js" ]] &&
    grep -q "\"version\": \"$axe_version\"" "$root/.tools/node_modules/axe-core/package.json"; then
    return
  fi
  step "Installing @bufbuild/buf@$buf_version and axe-core@$axe_version into .tools/"
  npm install --prefix "$root/.tools" --no-audit --no-fund --loglevel=error "@bufbuild/buf@$buf_version" "axe-core@$axe_version" ||
    echo "tests/run-all.sh: installing @bufbuild/buf and axe-core failed; buf lint and the browser tests will fail" >&2
}

# Counts `outcome="..."` on the UnitTestResult elements of one TRX file: "passed failed skipped".
count_trx() {
  local results_elements passed failed skipped
  results_elements="$(grep -o '<UnitTestResult [^>]*>' "$1" || true)"
  passed="$(grep -c 'outcome="Passed"' <<<"$results_elements" || true)"
  failed="$(grep -cE 'outcome="(Failed|Error|Timeout|Aborted)"' <<<"$results_elements" || true)"
  skipped="$(grep -c 'outcome="NotExecuted"' <<<"$results_elements" || true)"
  echo "${passed:-0} ${failed:-0} ${skipped:-0}"
}

# Reads tests/failures/errors/skipped from the <testsuite> elements of a JUnit XML:
# "passed failed skipped".
count_junit() {
  local suite attr tests=0 failures=0 errors=0 skipped=0
  while read -r suite; do
    for attr in tests failures errors skipped; do
      local value
      value="$(grep -oE " $attr=\"[0-9]+\"" <<<"$suite" | grep -oE '[0-9]+' || true)"
      (( ${attr} += ${value:-0} ))
    done
  done < <(grep -oE '<testsuite [^>]*>' "$1")
  echo "$(( tests - failures - errors - skipped )) $(( failures + errors )) $skipped"
}

# Reads the closing counts that Node's JUnit reporter writes as comments (<!-- pass N -->, ...):
# "passed failed skipped"; a cancelled test (its suite's setup failed) counts as failed.
count_node_junit() {
  local name pass=0 fail=0 cancelled=0 skipped=0 value
  for name in pass fail cancelled skipped; do
    value="$(grep -oE "<!-- $name [0-9]+ -->" "$1" | grep -oE '[0-9]+' || true)"
    printf -v "$name" '%d' "${value:-0}"
  done
  echo "$pass $(( fail + cancelled )) $skipped"
}

passed=0
failed=0
skipped=0
report=()
add() { # name passed failed [skipped]
  passed=$(( passed + $2 ))
  failed=$(( failed + $3 ))
  skipped=$(( skipped + ${4:-0} ))
  report+=("$(printf '  %-37s %4d passed, %d failed, %d skipped' "$1" "$2" "$3" "${4:-0}")")
}
failures=()
# Names each failed test of one TRX file, with the first line of its message: "  name: message".
failed_in_trx() {
  /usr/bin/python3 - "$1" <<'PY' || true
import re, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError:
    sys.exit(0)
for result in root.iterfind(".//t:UnitTestResult", ns):
    if result.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
        message = result.find("t:Output/t:ErrorInfo/t:Message", ns)
        first = (message.text or "").strip().splitlines()[0][:300] if message is not None and message.text else ""
        print(f"{result.get('testName')}: {first}")
PY
}
summary() {
  step "Summary"
  printf '%s\n' "${report[@]}"
  if (( ${#failures[@]} > 0 )); then
    echo "  failed tests:"
    printf '    %s\n' "${failures[@]}"
  fi
  if (( skipped > 0 )); then
    echo "  $skipped skipped test(s) not counted: a skip must be explained in the README"
  fi
  echo "$passed passed, $failed failed"
}

rm -rf "$results"
mkdir -p "$results"

install_client_tools
install_buf

step "dotnet build ParticipationRegistry.sln -c Release"
if ! dotnet build ParticipationRegistry.sln -c Release; then
  echo "tests/run-all.sh: BUILD FAILED (see the errors above); no tests were run." >&2
  add "build" 0 1
  summary
  exit 1
fi

set +e

# One `dotnet test` pass over the solution, counted from its TRX files: name, results folder, then
# extra arguments for dotnet test. Environment (REGISTRY_TEST_POSTGRES) comes from the caller.
run_dotnet_tests() {
  local name="$1" directory="$2"
  shift 2
  step "$name"
  mkdir -p "$directory"
  AXE_CORE_JS="$axe_js" dotnet test ParticipationRegistry.sln -c Release --no-build \
    --blame-hang-timeout 10m --blame-hang-dump-type mini \
    --logger "trx;LogFilePrefix=results" --results-directory "$directory" "$@"
  local exit_code=$? passed_here=0 failed_here=0 skipped_here=0 trx p f s trx_files test_projects
  shopt -s nullglob
  trx_files=("$directory"/*.trx)
  shopt -u nullglob
  for trx in "${trx_files[@]}"; do
    read -r p f s < <(count_trx "$trx")
    passed_here=$(( passed_here + p ))
    failed_here=$(( failed_here + f ))
    skipped_here=$(( skipped_here + s ))
    if (( f > 0 )); then
      local line
      while IFS= read -r line; do
        [[ -n "$line" ]] && failures+=("$name: $line")
      done < <(failed_in_trx "$trx")
    fi
    # A test host that crashed or was stopped by --blame-hang-timeout leaves a TRX that may hold no
    # result at all (not even its passed tests): the crash counts as one failed test.
    if grep -q 'Test host process crashed' "$trx"; then
      echo "tests/run-all.sh: $name: a test host crashed or hung ($trx)" >&2
      failed_here=$(( failed_here + 1 ))
    fi
  done
  # Every test project writes one TRX; a missing one means its test host crashed.
  test_projects="$(grep -rlE --include='*.csproj' 'Include="Microsoft\.NET\.Test\.Sdk"|<IsTestProject>true' src tests 2>/dev/null | grep -cvE '/(bin|obj)/')"
  if (( ${#trx_files[@]} < test_projects )); then
    echo "tests/run-all.sh: $name: $test_projects test project(s) but ${#trx_files[@]} TRX file(s): counting each missing one as failed" >&2
    failed_here=$(( failed_here + test_projects - ${#trx_files[@]} ))
  fi
  local dumps
  dumps="$(find "$directory" -name '*_hangdump.dmp' 2>/dev/null)"
  if [[ -n "$dumps" ]]; then
    echo "tests/run-all.sh: $name: a test ran for 10 minutes and its host was stopped (dotnet test printed the" \
      "test that was running); mini dumps: $dumps" >&2
  fi
  if (( exit_code != 0 && failed_here == 0 )); then
    echo "tests/run-all.sh: $name exited $exit_code with no failed test recorded: counting it as failed" >&2
    failed_here=1
  fi
  add "$name" "$passed_here" "$failed_here" "$skipped_here"
}

run_dotnet_tests "dotnet test" "$results/dotnet" --filter "Engine!=PostgresOnly"
# What the suite's fuzz and crash tests ran (their own output, kept in the TRX): shown here, not only in the files.
/usr/bin/python3 - "$results/dotnet" <<'PY' || true
import glob, html, re, sys
wanted = ("fuzz:", "refused phase:", "server peak", "crash:")
for trx in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for out in re.findall(r"<StdOut>(.*?)</StdOut>", open(trx, encoding="utf-8").read(), re.S):
        for line in html.unescape(out).splitlines():
            if line.startswith(wanted):
                print("  " + line)
PY

step "PostgreSQL for the second pass (tests/postgres.sh)"
postgres_started=0
if postgres_start; then
  postgres_started=1
else
  echo "tests/run-all.sh: PostgreSQL could not be installed or started: the run fails, and each PostgreSQL pass counts as failed" >&2
  add "PostgreSQL start" 0 1
fi

if (( postgres_started )); then
  REGISTRY_TEST_POSTGRES="$postgres_uri" run_dotnet_tests "dotnet test (PostgreSQL)" "$results/dotnet-postgres" \
    --filter "Engine!=SqliteOnly"
else
  add "dotnet test (PostgreSQL)" 0 1
fi

step "buf lint"
if (cd protos && "$buf" lint); then
  echo "buf lint: no findings"
  add "buf lint" 1 0
else
  add "buf lint" 0 1
fi

step "buf breaking (against protos/baseline/v1.binpb, the released v1)"
if (cd protos && "$buf" breaking --against baseline/v1.binpb); then
  echo "buf breaking: no breaking change"
  add "buf breaking" 1 0
else
  add "buf breaking" 0 1
fi

step "dotnet pack the C# client (clients/dotnet)"
if dotnet pack clients/dotnet/ParticipationRegistry.Client -c Release -o "$results/packages"; then
  add "client pack" 1 0
else
  add "client pack" 0 1
fi

step "dotnet pack the registry tool (clients/cli), install it from the package and run registry --help"
cli_tool="$(mktemp -d)"
if dotnet pack clients/cli -c Release -o "$results/packages" &&
  # A package folder of its own: a 1.0.0 cached by an earlier run would be installed instead of this one.
  NUGET_PACKAGES="$cli_tool/nuget" dotnet tool install --tool-path "$cli_tool/bin" --add-source "$results/packages" ParticipationRegistry.Cli &&
  "$cli_tool/bin/registry" --help >/dev/null; then
  add "cli pack" 1 0
else
  add "cli pack" 0 1
fi
rm -rf "$cli_tool"

step "tests/client-package-example.sh: the C# client's README example in a new console project on the packed package, against a live server"
if bash tests/client-package-example.sh "$results/packages" "$server_dll"; then
  add "client package example" 1 0
else
  add "client package example" 0 1
fi

# The Python client tests (pytest, /usr/bin/python3): name, JUnit XML file. The servers they start
# use REGISTRY_TEST_POSTGRES from the caller (a schema each) or SQLite files.
run_python_tests() {
  local name="$1" junit="$2"
  step "$name (pytest, /usr/bin/python3)"
  REGISTRY_SERVER_DLL="$server_dll" /usr/bin/python3 -m pytest clients/python/tests \
    -p no:cacheprovider --junitxml="$junit"
  local exit_code=$? passed_here=0 failed_here=0 skipped_here=0
  if [[ -f "$junit" ]]; then
    read -r passed_here failed_here skipped_here < <(count_junit "$junit")
  fi
  if (( exit_code != 0 && failed_here == 0 )); then
    # 5 = no test ran; others = pytest could not start or collect.
    echo "tests/run-all.sh: $name: pytest exited $exit_code with no failed test recorded: counting it as failed" >&2
    failed_here=1
  fi
  add "$name" "$passed_here" "$failed_here" "$skipped_here"
}

# The TypeScript client tests (Node over gRPC, Chromium over gRPC-Web): name, JUnit XML copy, then
# extra arguments for npm test. npm ci has run.
run_typescript_tests() {
  local name="$1" junit="$2"
  shift 2
  step "$name (clients/typescript: npm test; Node over gRPC, Chromium over gRPC-Web)"
  local ts_junit="$root/clients/typescript/test-results/junit.xml"
  rm -f "$ts_junit"
  mkdir -p "$(dirname "$ts_junit")"
  (cd clients/typescript && REGISTRY_SERVER_DLL="$server_dll" npm test --silent "$@")
  local exit_code=$? passed_here=0 failed_here=0 skipped_here=0
  if [[ -f "$ts_junit" ]]; then
    cp "$ts_junit" "$junit"
    read -r passed_here failed_here skipped_here < <(count_node_junit "$junit")
  fi
  if (( exit_code != 0 && failed_here == 0 )); then
    # Generation, the page's bundle or the type check failed, or the runner could not start.
    echo "tests/run-all.sh: $name: npm test exited $exit_code with no failed test recorded: counting it as failed" >&2
    failed_here=1
  fi
  add "$name" "$passed_here" "$failed_here" "$skipped_here"
}

run_python_tests "Python client tests" "$results/python.xml"
if (( postgres_started )); then
  REGISTRY_TEST_POSTGRES="$postgres_uri" run_python_tests "Python client tests (PostgreSQL)" "$results/python-postgres.xml"
else
  add "Python client tests (PostgreSQL)" 0 1
fi

step "TypeScript client: npm ci"
if (cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error); then
  run_typescript_tests "TypeScript client tests" "$results/typescript.xml"
  if (( postgres_started )); then
    # --ignore-scripts: the first pass has generated, bundled and type-checked (npm's pretest).
    REGISTRY_TEST_POSTGRES="$postgres_uri" run_typescript_tests "TypeScript client tests (PostgreSQL)" \
      "$results/typescript-postgres.xml" --ignore-scripts
  else
    add "TypeScript client tests (PostgreSQL)" 0 1
  fi
else
  echo "tests/run-all.sh: npm ci in clients/typescript failed: counting the TypeScript tests as failed" >&2
  add "TypeScript client tests" 0 1
  add "TypeScript client tests (PostgreSQL)" 0 1
fi

step "clients/generate.sh (regenerates every client from protos/; none is committed, so none can be stale)"
if bash clients/generate.sh; then
  add "generate" 1 0
else
  add "generate" 0 1
fi

# The quick benchmark on one engine (sqlite or postgres): one counted test.
run_benchmark() {
  local name="$1" engine="$2"
  step "$name (prints figures; fails only when a call fails)"
  local bench_data bench_log bench_exit
  bench_data="$(mktemp -d)"
  bench_log="$results/$name.txt"
  bench_log="${bench_log// /-}"
  dotnet run -c Release --no-build --project tests/ParticipationRegistry.Benchmarks -- --quick --data "$bench_data" --engine "$engine" 2>&1 | tee "$bench_log"
  bench_exit=${PIPESTATUS[0]}
  rm -rf "$bench_data"
  if (( bench_exit == 0 )) && grep -q '^| measurement |' "$bench_log"; then
    add "$name" 1 0
  else
    echo "tests/run-all.sh: $name exited $bench_exit or printed no table" >&2
    add "$name" 0 1
  fi
}

run_benchmark "benchmark" sqlite
if (( postgres_started )); then
  REGISTRY_TEST_POSTGRES="$postgres_uri" run_benchmark "benchmark (PostgreSQL)" postgres
else
  add "benchmark (PostgreSQL)" 0 1
fi

summary
(( failed == 0 ))
