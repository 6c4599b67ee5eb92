using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Import;

/// <summary>What every import is given on the command line.</summary>
public sealed record ImportSettings(string File, IReadOnlyList<string> Maps, bool DryRun, MatchMode Match, string Meeting)
{
    /// <summary><c>--on-duplicate</c>: what becomes of a new person likely to be someone already registered.</summary>
    public OnDuplicate OnDuplicate { get; init; } = OnDuplicate.Warn;

    /// <summary><c>--duplicate-confidence</c>: the least confidence of a candidate that counts.</summary>
    public double DuplicateConfidence { get; init; } = DuplicateCheck.LikelyConfidence;
}

/// <summary>One import being run: its settings, the bad rows found so far, and the shared steps (people, summary).</summary>
public sealed class ImportRun(Invocation invocation, ImportSettings settings)
{
    public Invocation Invocation { get; } = invocation;

    public ImportSettings Settings { get; } = settings;

    public BadRows Bad { get; } = new();

    public List<string> Summary { get; } = [];

    public CancellationToken Cancellation => Invocation.Cancellation;

    public IReadOnlyList<InputRow> Read(IReadOnlyCollection<string> fields, IReadOnlyCollection<string> required)
    {
        var (rows, ignored) = CsvInput.Read(Settings.File, fields, required, Settings.Maps);
        if (ignored.Count > 0)
        {
            Invocation.Context.Error.WriteLine($"Ignoring column(s) that map to no field: {string.Join(", ", ignored)} (fields: {string.Join(", ", fields)}).");
        }

        Invocation.Out.WriteLine($"{Path.GetFileName(Settings.File)}: {rows.Count} row(s){(Settings.DryRun ? " (dry run: nothing will be written)" : "")}");
        return rows;
    }

    /// <summary>Runs <paramref name="write"/> under a progress display (one bar per kind of thing written).</summary>
    public Task WithProgressAsync(Func<ProgressContext, Task> write) =>
        Invocation.Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(write);

    /// <summary>
    /// Creates the pending people in batches; the rows naming a person the server refuses are marked bad.
    /// Returns each pending person's stakeholder name (null: refused). With <paramref name="decisions"/>, only the
    /// people to create as new are created (an attached one's name is the existing person's, a skipped one's null),
    /// and no one whose every row is bad by now.
    /// </summary>
    public async Task<string?[]> CreatePeopleAsync(
        PeopleIndex people, IReadOnlyDictionary<int, List<int>> linesOfPending, ProgressTask? progress, IReadOnlyList<PendingDecision>? decisions = null)
    {
        IReadOnlyList<int> LinesOf(int i) => linesOfPending.TryGetValue(i, out var lines) ? lines : [people.Pending[i].Line];
        var items = Enumerable.Range(0, people.Pending.Count)
            .Where(i => decisions is null || (decisions[i] is PendingDecision.Create && LinesOf(i).Any(line => !Bad.Contains(line))))
            .ToList();
        if (progress is not null && decisions is not null)
        {
            progress.MaxValue = Math.Max(1, items.Count);
        }

        var created = await Batches.SendAsync(
            items,
            LinesOf,
            "person",
            async (chunk, cancellation) =>
            {
                var request = new BatchCreateStakeholdersRequest
                {
                    Requests = { chunk.Select(i => new CreateStakeholderRequest { Stakeholder = people.Pending[i].Person }) },
                    RequestId = Batches.RequestId("stakeholders", Settings.File, chunk.Select(i => (people.Pending[i].Line, (Google.Protobuf.IMessage)people.Pending[i].Person))),
                    // Each person's gender, attributes, consent and email are recorded as IMPORTED, not as typed in by staff.
                    Source = DataSource.Imported,
                };
                return (IReadOnlyList<Stakeholder>)(await Invocation.Client.Stakeholders.BatchCreateStakeholdersAsync(request, cancellationToken: cancellation)).Stakeholders;
            },
            Bad,
            progress,
            Cancellation);
        var names = new string?[people.Pending.Count];
        for (var k = 0; k < items.Count; k++)
        {
            names[items[k]] = created[k]?.Name;
        }

        return decisions is null ? names : DuplicateCheck.Resolve(decisions, names, dryRun: false);
    }

    /// <summary>Prints the summary and the bad rows (stderr); exit 2 when any row was bad.</summary>
    public async Task<int> FinishAsync()
    {
        foreach (var line in Summary)
        {
            Invocation.Out.WriteLine(line);
        }

        if (Bad.Count == 0)
        {
            return ExitCodes.Ok;
        }

        var error = Invocation.Context.Error;
        await error.WriteLineAsync($"{Bad.Count} bad row(s){(Settings.DryRun ? "" : " not imported")} (fix them and run the same command again: nothing is added twice):");
        await Bad.WriteAsync(error, Path.GetFileName(Settings.File));
        return ExitCodes.Error;
    }
}
