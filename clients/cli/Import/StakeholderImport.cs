using ParticipationRegistry.Cli.Cli;

namespace ParticipationRegistry.Cli.Import;

/// <summary>
/// <c>registry import stakeholders FILE.csv</c>: one person per row (columns <c>name</c>, and optionally
/// affiliation, group, country, region, gender, email). People already registered (by the match rule) or
/// named twice in the file are not created again.
/// </summary>
public static class StakeholderImport
{
    public static readonly string[] Fields = ["name", .. PersonFields.Fields];

    public static async Task<int> RunAsync(ImportRun run)
    {
        var rows = run.Read(Fields, ["name"]);
        var people = new PeopleIndex(run.Settings.Match);
        await people.LoadAsync(run.Invocation.Client, run.Cancellation);
        int registered = 0, repeated = 0;
        var linesOf = new Dictionary<int, List<int>>();
        foreach (var row in rows)
        {
            var problems = new List<string>();
            if (PersonFields.Parse(row, "name", problems) is not { } person)
            {
                run.Bad.Add(row.Line, problems);
                continue;
            }

            var before = people.Pending.Count;
            var match = people.FindOrAdd(person, row.Line);
            if (!match.IsNew)
            {
                registered++;
            }
            else if (people.Pending.Count == before)
            {
                repeated++;
            }

            if (match.IsNew)
            {
                (linesOf.TryGetValue(match.Pending, out var lines) ? lines : linesOf[match.Pending] = []).Add(row.Line);
            }
        }

        // A new person likely to be someone already registered: warned about, skipped, or not created (merge: the existing person stands).
        var decisions = await DuplicateCheck.DecideAsync(run, people, linesOf);
        var toCreate = decisions.Count(d => d is PendingDecision.Create);
        var created = 0;
        if (run.Settings.DryRun)
        {
            run.Summary.Add($"Would create {toCreate} stakeholder(s).");
        }
        else if (toCreate > 0)
        {
            await run.WithProgressAsync(async progress =>
            {
                var names = await run.CreatePeopleAsync(people, linesOf, progress.AddTask("stakeholders", maxValue: toCreate), decisions);
                created = names.Where((n, i) => n is not null && decisions[i] is PendingDecision.Create).Count();
            });
        }

        if (!run.Settings.DryRun)
        {
            run.Summary.Add($"Created {created} stakeholder(s).");
        }

        run.Summary.Add($"{registered} row(s) matched people already registered; {repeated} repeated a person named earlier in the file.");
        return await run.FinishAsync();
    }
}
