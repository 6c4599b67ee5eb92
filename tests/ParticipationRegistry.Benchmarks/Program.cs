using System.Diagnostics;
using ParticipationRegistry.Benchmarks;

// The real server as a child process, loaded by a load generator on Grpc.Net.Client; prints one
// table of figures, each with its ceiling from the same run. Decides nothing about time: the exit code
// is 1 only when a call failed. See the README, "Benchmark", and Usage below.
const string Usage = """
    ParticipationRegistry benchmark (build the solution first in the same configuration).
      --full              the documented run (default): 1,000,000 people, meetings of 100k-1M seats, 10 s per measurement
      --quick             seconds: 2,000 people, small meetings, 1 s per measurement (the test command runs this)
      --people N          the full run's shape scaled to N people (meetings of N/10 to N seats; (i) against N/100)
      --engine E          sqlite (default) or postgres: each cached registry is copied into a fresh schema of --postgres
      --postgres URI      postgres://user@host:port/db the benchmark may create schemas in
                          (default: $REGISTRY_TEST_POSTGRES, else $BENCH_POSTGRES; tests/postgres.sh start gives one)
      --latency           one call at a time instead (the earlier measurements), on the same data
      --data DIR          cache of generated registries, reused between runs (default: <temp>/registry-bench-data)
      --connections N     HTTP/2 connections (default 4); --concurrency N calls in flight (default 64)
      --warmup S          seconds of warm-up (default 2); --duration S  seconds measured (default 10)
      --rounds N          measurements of a group taken in turns, N slices each (default 5): drift hits them alike
      --only TEXT         only the measurements whose name contains TEXT, e.g. "(b)" or "Suggest"
      --server-dll PATH   the server to run (default src/ParticipationRegistry.Server/bin/<config>/net10.0/...)
    """;
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n\n{Usage}");
    return 2;
}

var clock = Stopwatch.StartNew();
var sizes = options.Sizes;
var engine = Engines.Describe(options);
Console.WriteLine($"ParticipationRegistry benchmark ({sizes.Label(options.Quick)}) on {engine}: machine {Environment.ProcessorCount} cores, .NET {Environment.Version}; server {options.ServerDll}");
var large = Generator.Ensure(options.DataFolder, new DataShape(sizes.People, sizes.ReportSeats));
if (options.Latency)
{
    await new LatencyMode(options).Run(large);
    return 0;
}

var small = Generator.Ensure(options.DataFolder, new DataShape(sizes.SmallPeople, []));
var table = new ResultTable($"Engine: {engine}; {sizes.Label(options.Quick)} ({sizes.People:N0} people)");
table.Note($"{options.Concurrency} calls in flight over {options.Connections} HTTP/2 connections; {options.Warmup.TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured in {options.Rounds} turn(s) with the others of its group; (g) p99 is the slowest of {sizes.ReportCalls} calls.");
table.Note("CPU: /proc/<pid>/stat utime+stime over the measured window (server: the child process; client: this load generator, on the same cores). RSS: VmRSS after the measurement.");
await new Throughput(options, table).Run(large, small);
table.Print();
Console.WriteLine($"total {clock.Elapsed.TotalSeconds:F0} s");
return table.Errors == 0 ? 0 : 1;
