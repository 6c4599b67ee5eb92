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
    private const double PeakMemoryTargetMb = 300;
    private static readonly string[] Countries = ["KE", "BR", "DE", "IN", "JP", "US", "FR", "NG", "AR", "ID"];

    private readonly Sizes sizes = options.Sizes;

    /// <summary>A load measurement: its row name, the server it loads, its workers, and the row whose rate is its ceiling.</summary>
    private sealed record Measurement(
        string Name, LoadGenerator Load, Func<int, Clients, Task<Func<Task>>> Worker, (string Name, string Label)? Ceiling = null, string Target = "—");

    public async Task Run(string largeFile, string smallFile)
    {
        var large = $"{sizes.People:N0} people";
        var small = $"{sizes.SmallPeople:N0} people";
        using var largeServer = await Servers.Start(options, largeFile);
        using var onLarge = new LoadGenerator(largeServer.Process, options.AdminKey, options.Connections);
        var transport = ("(a) Health/Check, no key (the transport ceiling)", "(a)");
        await Interleave(
            new(transport.Item1, onLarge, (_, c) => Call(() => c.Health.CheckAsync(new HealthCheckRequest(), c.Anonymous).ResponseAsync)),
            new("(a) Health/Check with the admin key (what authentication costs)", onLarge,
                (_, c) => Call(() => c.Health.CheckAsync(new HealthCheckRequest(), c.Options).ResponseAsync), transport),
            new($"(b) GetStakeholder, random of {large}", onLarge, Get, transport, "≥ 0.6"),
            new("(c) CreateStakeholder with request_id", onLarge, Create, transport, "≥ 0.4"),
            new("(d) UpdateStakeholder with etag", onLarge, Update, transport, "≥ 0.4"),
            new($"(e) CheckPanelBalance, stored 6-person panel, default policy, {large}", onLarge, CheckPanel, transport, "≥ 0.6"),
            new("(f) CreateParticipant, new seats on fresh sessions", onLarge, CreateParticipant, transport, "≥ 0.4"));
        await new Reports(options, table).Run(onLarge.First, largeServer.Process);
        await new DataQuality(options, table).Run(onLarge.First, largeServer.Process);
        if (Selected("(h) import"))
        {
            await new ImportCeiling(options, table).Run(onLarge.First, largeServer.Process, largeServer.Database);
        }

        // Both registries served at once, measured in turns, so the ratio compares like with like.
        using var smallServer = await Servers.Start(options, smallFile);
        using var onSmall = new LoadGenerator(smallServer.Process, options.AdminKey, options.Connections);
        var check = ($"(i) CheckPanelBalance, {small}", small);
        var suggest = ($"(i) SuggestPanelists, page of 10, {small}", small);
        await Interleave(
            new(check.Item1, onSmall, CheckPanel),
            new($"(i) CheckPanelBalance, {large}", onLarge, CheckPanel, check, "≥ 0.8"),
            new(suggest.Item1, onSmall, Suggest),
            new($"(i) SuggestPanelists, page of 10, {large}", onLarge, Suggest, suggest, "≥ 0.8; p99 ≤ 200 ms"));
        PeakMemory(largeServer, large);
        PeakMemory(smallServer, small);
    }

    private void PeakMemory(Servers server, string registry)
    {
        var peak = server.Process.Stats().PeakRssMb;
        table.Add(new Row(
            $"server peak memory (VmHWM), the server on {registry}", $"{ResultTable.F(peak, "F0")} MB", double.NaN, double.NaN,
            $"target {PeakMemoryTargetMb} MB", peak / PeakMemoryTargetMb, "≤ 1", 0, "0", null, null, null));
    }

    private bool Selected(string name) => name.Contains(options.Only, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Runs the selected measurements in turns (each round gives each its share of the duration; the
    /// warm-up only in the first), so a machine whose speed drifts slows them all alike; adds their rows.
    /// </summary>
    private async Task Interleave(params Measurement[] measurements)
    {
        var selected = measurements.Where(m => Selected(m.Name)).ToList();
        var calls = new List<Func<Task>[]>();
        foreach (var m in selected)
        {
            calls.Add(await m.Load.Prepare(options.Concurrency, m.Worker));
        }

        var rounds = options.Rounds;
        var slices = selected.Select(_ => new List<LoadResult>()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            Console.WriteLine($"round {round + 1}/{rounds}: {string.Join(", ", selected.Select(m => m.Name.Split(',')[0]))}; {options.Concurrency} calls in flight over {options.Connections} connections");
            for (var i = 0; i < selected.Count; i++)
            {
                slices[i].Add(await selected[i].Load.Run(calls[i], round == 0 ? options.Warmup : TimeSpan.Zero, options.Duration / rounds));
            }
        }

        var results = selected.Select((m, i) => (m.Name, Result: LoadResult.Merge(slices[i]))).ToDictionary(r => r.Name, r => r.Result);
        foreach (var m in selected)
        {
            var ceiling = m.Ceiling is { } c && results.TryGetValue(c.Name, out var found) ? (c.Label, found.Rate) : ((string, double)?)null;
            table.AddLoad(m.Name, results[m.Name], ceiling, m.Target);
        }
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
