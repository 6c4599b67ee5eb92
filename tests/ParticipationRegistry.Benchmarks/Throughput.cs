using System.Diagnostics;
using Grpc.Health.V1;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Benchmarks;

/// <summary>
/// The throughput run: one server on the large registry for (a)–(h) and the 1M half of (i), then one
/// on the small registry for the other half of (i); every figure next to its ceiling from the same run.
/// </summary>
public sealed class Throughput(BenchOptions options, ResultTable table)
{
    private const string Health = "(a) Health/Check";
    private const double PeakMemoryTargetMb = 300;
    private static readonly string[] Countries = ["KE", "BR", "DE", "IN", "JP", "US", "FR", "NG", "AR", "ID"];

    private readonly Sizes sizes = options.Sizes;

    public async Task Run(string largeFile, string smallFile)
    {
        var large = $"{sizes.People:N0} people";
        var small = $"{sizes.SmallPeople:N0} people";
        LoadResult? check1M, suggest1M;
        using (var server = await Servers.Start(options, largeFile))
        using (var load = new LoadGenerator(server.Process, options.AdminKey, options.Connections))
        {
            var health = await Load(load, Health, (_, c) => Call(() => c.Health.CheckAsync(new HealthCheckRequest(), c.Anonymous).ResponseAsync));
            var ceiling = health is null ? ((string, double)?)null : ("(a)", health.Rate);
            void Ratio(string name, LoadResult? result, string target)
            {
                if (result is not null)
                {
                    table.AddLoad(name, result, ceiling, target);
                }
            }

            if (health is not null) table.AddLoad(Health + ", no key (the transport ceiling)", health, null, "—");
            Ratio("(a) Health/Check with the admin key (what authentication costs)",
                await Load(load, "(a) Health/Check, key", (_, c) => Call(() => c.Health.CheckAsync(new HealthCheckRequest(), c.Options).ResponseAsync)), "—");
            Ratio($"(b) GetStakeholder, random of {large}", await Load(load, "(b) GetStakeholder", Get), "≥ 0.6");
            check1M = await Load(load, "(e) and (i) CheckPanelBalance", CheckPanel);
            suggest1M = await Load(load, "(i) SuggestPanelists", Suggest);
            var reports = await new Reports(options, table).Run(load.First, server.Process);
            var create = await Load(load, "(c) CreateStakeholder", Create);
            var update = await Load(load, "(d) UpdateStakeholder", Update);
            var seat = await Load(load, "(f) CreateParticipant", CreateParticipant);
            Ratio("(c) CreateStakeholder with request_id", create, "≥ 0.4");
            Ratio("(d) UpdateStakeholder with etag", update, "≥ 0.4");
            Ratio($"(e) CheckPanelBalance, stored 6-person panel, default policy, {large}", check1M, "≥ 0.6");
            Ratio("(f) CreateParticipant, new seats on fresh sessions", seat, "≥ 0.4");
            reports();
            if (Selected("(h) import"))
            {
                await new ImportCeiling(options, table).Run(load.First, server.Process, server.Database);
            }

            PeakMemory(server, large);
        }

        using (var server = await Servers.Start(options, smallFile))
        using (var load = new LoadGenerator(server.Process, options.AdminKey, options.Connections))
        {
            var check10k = await Load(load, "(i) CheckPanelBalance", CheckPanel);
            var suggest10k = await Load(load, "(i) SuggestPanelists", Suggest);
            foreach (var (call, at10k, at1M, same, target) in new[]
            {
                ("CheckPanelBalance", check10k, check1M, " (the (e) measurement)", "≥ 0.8"),
                ("SuggestPanelists, page of 10", suggest10k, suggest1M, "", "≥ 0.8; p99 ≤ 200 ms"),
            })
            {
                if (at10k is not null) table.AddLoad($"(i) {call}, {small}", at10k, null, "—");
                if (at1M is not null) table.AddLoad($"(i) {call}, {large}{same}", at1M, at10k is null ? null : ($"{small}", at10k.Rate), target);
            }

            PeakMemory(server, small);
        }
    }

    private void PeakMemory(Servers server, string registry)
    {
        var peak = server.Process.Stats().PeakRssMb;
        table.Add(new Row(
            $"server peak memory (VmHWM), the server on {registry}", $"{ResultTable.F(peak, "F0")} MB", double.NaN, double.NaN,
            $"target {PeakMemoryTargetMb} MB", peak / PeakMemoryTargetMb, "≤ 1", 0, "0", null, null, null));
    }

    private bool Selected(string name) => name.Contains(options.Only, StringComparison.OrdinalIgnoreCase);

    private async Task<LoadResult?> Load(LoadGenerator load, string name, Func<int, Clients, Task<Func<Task>>> worker)
    {
        if (!Selected(name))
        {
            return null;
        }

        Console.WriteLine($"{name}: {options.Concurrency} calls in flight over {options.Connections} connections, {options.Warmup.TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured");
        return await load.Run(options.Concurrency, options.Warmup, options.Duration, worker);
    }

    private static Task<Func<Task>> Call(Func<Task> call) => Task.FromResult(call);

    private Task<Func<Task>> Get(int worker, Clients c)
    {
        var random = new Random(worker);
        return Call(() => c.Stakeholders.GetStakeholderAsync(
            new GetStakeholderRequest { Name = $"stakeholders/{Generator.PersonId(random.Next(sizes.People))}" }, c.Options).ResponseAsync);
    }

    private static string PanelSession(Random random) =>
        $"meetings/{Generator.PanelMeeting}/sessions/s{random.Next(Generator.PanelSessions):D3}";

    private static Task<Func<Task>> CheckPanel(int worker, Clients c)
    {
        var random = new Random(worker);
        return Call(() => c.Balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = PanelSession(random) }, c.Options).ResponseAsync);
    }

    private static Task<Func<Task>> Suggest(int worker, Clients c)
    {
        var random = new Random(worker);
        return Call(() => c.Balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = PanelSession(random), PageSize = 10 }, c.Options).ResponseAsync);
    }

    private static Task<Func<Task>> Create(int worker, Clients c)
    {
        var k = 0;
        return Call(() =>
        {
            k++;
            return c.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder
                {
                    DisplayName = $"Load {worker}-{k}",
                    StakeholderGroup = (StakeholderGroup)(1 + k % 5),
                    CountryCode = Countries[k % Countries.Length],
                    Gender = k % 2 == 0 ? Gender.Woman : Gender.Man,
                },
                RequestId = Guid.NewGuid().ToString(),
            }, c.Options).ResponseAsync;
        });
    }

    // Each worker updates its own people, each with the etag its last update returned, so no etag is stale.
    private async Task<Func<Task>> Update(int worker, Clients c)
    {
        const int Own = 16;
        var names = new string[Own];
        var etags = new string[Own];
        for (var j = 0; j < Own; j++)
        {
            names[j] = $"stakeholders/{Generator.PersonId((sizes.People - 1 - (worker * Own) - j + sizes.People) % sizes.People)}";
            etags[j] = (await c.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = names[j] }, c.Options)).Etag;
        }

        var k = 0;
        return async () =>
        {
            var j = k++ % Own;
            var updated = await c.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
            {
                Stakeholder = new Stakeholder { Name = names[j], DisplayName = $"Updated {worker}-{k}", Etag = etags[j] },
                UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "display_name" } },
            }, c.Options);
            etags[j] = updated.Etag;
        };
    }

    // Each worker seats people from its own stretch of the population, one role each, in sessions it creates.
    private async Task<Func<Task>> CreateParticipant(int worker, Clients c)
    {
        var stretch = Math.Max(1, sizes.People / options.Concurrency);
        var session = "";
        var k = 0;
        async Task NewSession()
        {
            var created = await c.Meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = $"meetings/{Generator.PanelMeeting}",
                Session = new Session { DisplayName = $"Load session {worker}-{k / stretch}", Kind = SessionKind.Workshop },
            }, c.Options);
            session = created.Name;
        }

        await NewSession();
        return async () =>
        {
            if (k > 0 && k % stretch == 0)
            {
                await NewSession();
            }

            var person = (worker * stretch) + (k++ % stretch);
            await c.Meetings.CreateParticipantAsync(new CreateParticipantRequest
            {
                Parent = session,
                Participant = new Participant { Stakeholder = $"stakeholders/{Generator.PersonId(person % sizes.People)}", Role = ParticipantRole.Speaker },
            }, c.Options);
        };
    }
}

/// <summary>A server child process on a fresh copy of a cached registry, so a run's writes never reach the cache.</summary>
public sealed class Servers : IDisposable
{
    private Servers(ServerProcess process, string database)
    {
        Process = process;
        Database = database;
    }

    public ServerProcess Process { get; }

    public string Database { get; }

    public static async Task<Servers> Start(BenchOptions options, string cached)
    {
        var copy = Path.Combine(Path.GetDirectoryName(cached)!, "run-" + Path.GetFileName(cached));
        Delete(copy);
        var clock = Stopwatch.StartNew();
        File.Copy(cached, copy);
        var copied = clock.Elapsed.TotalSeconds;
        var process = await ServerProcess.Start(options.ServerDll, copy, options.AdminKey);
        Console.WriteLine($"server: pid {process.Pid} on {copy} (copied in {copied:F1} s, started in {clock.Elapsed.TotalSeconds - copied:F1} s), gRPC {process.GrpcUrl}");
        return new Servers(process, copy);
    }

    public void Dispose()
    {
        Process.Dispose();
        Delete(Database);
    }

    private static void Delete(string database)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(database + suffix);
        }
    }
}
