using System.Globalization;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Benchmarks;

/// <summary>How big a run is.</summary>
public sealed record Sizes(int People, int SmallPeople, IReadOnlyList<int> ReportSeats, int ImportRows, int ReportCalls, double Warmup, double Duration, int Rounds)
{
    public static readonly Sizes Full = new(1_000_000, 10_000, [100_000, 200_000, 300_000, 1_000_000], 100_000, 5, 2, 10, 5);
    public static readonly Sizes Quick = new(2_000, 1_000, [1_000, 2_000, 3_000, 10_000], 2_000, 3, 0.5, 1, 1);

    /// <summary>The full run's shape scaled to <paramref name="people"/>: meetings of a tenth to all of them, a registry a hundredth as large for (i).</summary>
    public static Sizes Scaled(int people) =>
        new(people, Math.Max(1_000, people / 100), [people / 10, people / 5, people * 3 / 10, people], Math.Max(1_000, people / 10), 5, 2, 10, 5);

    public string Label(bool quick) => quick ? "quick" : this == Full ? "full" : $"--people {People:N0}";
}

/// <summary>The command line, parsed.</summary>
public sealed record BenchOptions(
    bool Quick, bool Latency, Sizes Sizes, string DataFolder, int Connections, int Concurrency, TimeSpan Warmup, TimeSpan Duration,
    int Rounds, string Only, string ServerDll, int ImportParallel, StorageEngine Engine, string Postgres)
{
    // Every call as the bootstrap admin, with the rate limit off: the benchmark measures the server, not its limit.
    public string AdminKey { get; } = ApiKeySecrets.New();

    public static BenchOptions Parse(string[] args)
    {
        var known = new[] { "--full", "--quick", "--latency", "--data", "--connections", "--concurrency", "--warmup", "--duration", "--rounds", "--only", "--server-dll", "--engine", "--postgres", "--people" };
        for (var i = 0; i < args.Length; i++)
        {
            if (!known.Contains(args[i]))
            {
                throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }

            if (args[i] is not ("--full" or "--quick" or "--latency"))
            {
                i++;
            }
        }

        string Text(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        double Number(string name, double fallback) =>
            double.TryParse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"{name} takes a positive number.");
        var quick = args.Contains("--quick");
        var sizes = quick ? Sizes.Quick : args.Contains("--people") ? Sizes.Scaled((int)Number("--people", 0)) : Sizes.Full;
        var engine = Text("--engine", "sqlite") switch
        {
            "sqlite" => StorageEngine.Sqlite,
            "postgres" => StorageEngine.Postgres,
            var other => throw new ArgumentException($"--engine takes sqlite or postgres, not '{other}'."),
        };
        var postgres = Text("--postgres", Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") ?? Environment.GetEnvironmentVariable("BENCH_POSTGRES") ?? "");
        if (engine == StorageEngine.Postgres && DatabaseLocation.Parse(postgres is { Length: > 0 } ? postgres : "sqlite:none").Engine != StorageEngine.Postgres)
        {
            throw new ArgumentException("--engine postgres needs a postgres:// URI of a database the benchmark may create schemas in: --postgres URI, or REGISTRY_TEST_POSTGRES / BENCH_POSTGRES (tests/postgres.sh start gives one).");
        }

        return new BenchOptions(
            quick,
            args.Contains("--latency"),
            sizes,
            Path.GetFullPath(Text("--data", Path.Combine(Path.GetTempPath(), "registry-bench-data"))),
            (int)Number("--connections", 4),
            (int)Number("--concurrency", 64),
            TimeSpan.FromSeconds(Number("--warmup", sizes.Warmup)),
            TimeSpan.FromSeconds(Number("--duration", sizes.Duration)),
            (int)Number("--rounds", sizes.Rounds),
            Text("--only", ""),
            Path.GetFullPath(Text("--server-dll", DefaultServerDll())),
            ImportParallel: 4,
            engine,
            postgres);
    }

    // The server built in the benchmark's own configuration, found from the repository root up the tree.
    private static string DefaultServerDll()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ParticipationRegistry.sln")))
        {
            folder = folder.Parent;
        }

        return folder is null
            ? throw new ArgumentException("The repository root (ParticipationRegistry.sln) is not above the benchmark; give --server-dll.")
            : Path.Combine(folder.FullName, "src", "ParticipationRegistry.Server", "bin", configuration, "net10.0", "ParticipationRegistry.Server.dll");
    }
}
