using System.Globalization;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Import;

/// <summary>What an import does with a row whose new person is likely someone already registered (<c>--on-duplicate</c>).</summary>
public enum OnDuplicate
{
    /// <summary>No flag: warn on stderr and create the person as new.</summary>
    Warn,

    /// <summary>Do not import the row (reported as a skipped row, exit 2).</summary>
    Skip,

    /// <summary>Give the row's seat or registration to the existing person; no person is created.</summary>
    Merge,

    /// <summary>Ask on the terminal, per person: merge into a candidate, create new, or skip.</summary>
    Ask,
}

/// <summary>What becomes of one pending person after the duplicate check.</summary>
public abstract record PendingDecision
{
    public static readonly PendingDecision New = new Create();

    public sealed record Create : PendingDecision;

    public sealed record Skipped : PendingDecision;

    /// <summary>The row goes to <see cref="Stakeholder"/>, a person already registered.</summary>
    public sealed record Attach(string Stakeholder) : PendingDecision;
}

/// <summary>
/// Before an import creates people its match rule (<c>--match</c>) did not find, asks the server which people
/// already registered are likely the same (FindDuplicateCandidates: the rules of ListDuplicateCandidates), in
/// batches of 1000, and decides per person by <c>--on-duplicate</c>: nothing is merged unless asked, and two
/// people already registered are never merged (a "merge" attaches the row to the existing person).
/// </summary>
public static class DuplicateCheck
{
    /// <summary>The default of <c>--duplicate-confidence</c>: the same name, or a name a letter or two off with the same organisation or country.</summary>
    public const double LikelyConfidence = 0.5;

    /// <summary>Whether this run can prompt: a terminal on both ends.</summary>
    public static bool CanAsk(Invocation invocation) =>
        invocation.Out.Profile.Capabilities.Interactive && invocation.Context.InputIsTerminal;

    /// <summary>One decision per <see cref="PeopleIndex.Pending"/> person; rows skipped are marked in <see cref="ImportRun.Bad"/>.</summary>
    public static async Task<PendingDecision[]> DecideAsync(ImportRun run, PeopleIndex people, IReadOnlyDictionary<int, List<int>> linesOfPending)
    {
        var decisions = Enumerable.Repeat(PendingDecision.New, people.Pending.Count).ToArray();
        var mode = run.Settings.OnDuplicate;
        var candidates = await FindAsync(run, people);
        if (candidates is null)
        {
            return decisions;
        }

        var file = Path.GetFileName(run.Settings.File);
        var error = run.Invocation.Context.Error;
        int warned = 0, skipped = 0, attached = 0;
        for (var i = 0; i < people.Pending.Count; i++)
        {
            var found = candidates[i];
            if (found.Count == 0)
            {
                continue;
            }

            var (person, line) = people.Pending[i];
            var lines = linesOfPending.TryGetValue(i, out var all) ? all : [line];
            var described = found.Select(c => Describe(people, c)).ToList();
            await error.WriteLineAsync($"{file} line {string.Join(", ", lines)}: {person.DisplayName} is likely {string.Join("; or ", described)}");
            var choice = mode;
            if (mode == OnDuplicate.Ask && !run.Settings.DryRun)
            {
                (choice, var chosen) = await PromptAsync(run, person, found, described);
                found = chosen is null ? found : [chosen];
            }

            switch (choice)
            {
                case OnDuplicate.Skip:
                    skipped++;
                    decisions[i] = new PendingDecision.Skipped();
                    foreach (var skippedLine in lines)
                    {
                        run.Bad.Add(skippedLine, $"skipped (--on-duplicate {(mode == OnDuplicate.Ask ? "ask" : "skip")}): {person.DisplayName} is likely {described[0]}");
                    }

                    break;
                case OnDuplicate.Merge:
                    attached++;
                    decisions[i] = new PendingDecision.Attach(found[0].Stakeholder);
                    await error.WriteLineAsync($"  {(run.Settings.DryRun ? "would go" : "goes")} to {Display(people, found[0].Stakeholder)} ({found[0].Stakeholder}); no person is created");
                    break;
                case OnDuplicate.Ask:
                    warned++;
                    await error.WriteLineAsync("  would ask: merge into the existing person, create new, or skip");
                    break;
                default:
                    warned++;
                    await error.WriteLineAsync($"  {(run.Settings.DryRun ? "would be created" : "created")} as a new person{(mode == OnDuplicate.Warn ? " (--on-duplicate skip|merge|ask to choose)" : "")}");
                    break;
            }
        }

        if (warned + skipped + attached > 0)
        {
            var verb = run.Settings.DryRun ? "would be" : "were";
            run.Summary.Add($"{warned + skipped + attached} new person(s) are likely people already registered: {warned} {verb} created as new, {skipped} skipped, {attached} merged into the existing person.");
        }

        return decisions;
    }

    /// <summary>Applies <paramref name="decisions"/> to created names: an attached person's name is the existing one's, a skipped one's null.</summary>
    public static string?[] Resolve(IReadOnlyList<PendingDecision> decisions, string?[] created, bool dryRun) =>
        decisions.Select((d, i) => d switch
        {
            PendingDecision.Attach attach => attach.Stakeholder,
            PendingDecision.Skipped => null,
            _ => dryRun ? $"(new {i})" : created[i],
        }).ToArray();

    private static async Task<List<ExistingDuplicate>[]?> FindAsync(ImportRun run, PeopleIndex people)
    {
        var result = new List<ExistingDuplicate>[people.Pending.Count];
        for (var start = 0; start < people.Pending.Count; start += Batches.Size)
        {
            var request = new FindDuplicateCandidatesRequest { MinConfidence = run.Settings.DuplicateConfidence };
            request.Stakeholders.AddRange(people.Pending.Skip(start).Take(Batches.Size).Select(p => new Stakeholder
            {
                DisplayName = p.Person.DisplayName,
                Affiliation = p.Person.Affiliation,
                CountryCode = p.Person.CountryCode,
                Email = p.Person.Email,
            }));
            FindDuplicateCandidatesResponse response;
            try
            {
                response = await run.Invocation.Client.Stakeholders.FindDuplicateCandidatesAsync(request, cancellationToken: run.Cancellation);
            }
            catch (RegistryCallException e) when (e.StatusCode == Grpc.Core.StatusCode.PermissionDenied && run.Settings.OnDuplicate == OnDuplicate.Warn)
            {
                await run.Invocation.Context.Error.WriteLineAsync("Not checked for likely duplicates of people already registered: the key may not ask (an editor's can).");
                return null;
            }

            for (var k = 0; k < response.Results.Count; k++)
            {
                result[start + k] = [.. response.Results[k].Candidates];
            }
        }

        return result;
    }

    /// <summary>Asks on the terminal; Ctrl+C (the run's cancellation) ends the wait for a key, so no thread blocks on it.</summary>
    private static async Task<(OnDuplicate Choice, ExistingDuplicate? Chosen)> PromptAsync(ImportRun run, Stakeholder person, List<ExistingDuplicate> found, List<string> described)
    {
        const string CreateNew = "create a new person";
        const string Skip = "skip the row";
        var choices = described.Select(d => $"merge: it is {d}").Append(CreateNew).Append(Skip).ToList();
        var answer = await run.Invocation.Out.PromptAsync(
            new SelectionPrompt<string>()
                .Title($"{Markup.Escape(person.DisplayName)}{(person.Affiliation.Length > 0 ? $" ({Markup.Escape(person.Affiliation)})" : "")}: the same person as someone already registered?")
                .AddChoices(choices.Select(Markup.Escape)),
            run.Cancellation);
        var index = choices.Select(Markup.Escape).ToList().IndexOf(answer);
        if (index >= 0 && index < found.Count)
        {
            return (OnDuplicate.Merge, found[index]);
        }

        return (answer == Markup.Escape(Skip) ? OnDuplicate.Skip : OnDuplicate.Warn, null);
    }

    private static string Describe(PeopleIndex people, ExistingDuplicate candidate) =>
        $"{Display(people, candidate.Stakeholder)} ({candidate.Stakeholder}, confidence {candidate.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}: " +
        $"{string.Join(", ", candidate.Reasons.Select(r => Enums.Text(r).ToLowerInvariant().Replace('_', ' ')))})";

    private static string Display(PeopleIndex people, string stakeholder) =>
        people.Known.TryGetValue(stakeholder, out var known) ? known.DisplayName : stakeholder;
}
