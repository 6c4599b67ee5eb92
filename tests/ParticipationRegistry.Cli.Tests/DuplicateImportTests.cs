using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using Spectre.Console.Testing;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// The seed workshop imported (the example CSV) with an "Ahmed Ali" of Egypt, then a follow-up session's programme
/// spelt as the seed report spells two of its names ("Kleinwacther", "InfoSocinomics") with an "Ahmed Ali" of
/// Pakistan: only Wolfgang Kleinwacther is not matched by name, and only he is likely someone already registered.
/// Each class has a registry of its own, since each choice leaves different people behind.
/// </summary>
internal static class DuplicateImports
{
    public static readonly string SeedCsv = Path.Combine(AppContext.BaseDirectory, "examples", "igf-2012-workshop-85.csv");

    public static async Task<(string Meeting, string Variant)> ArrangeAsync(LiveRegistry registry)
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012");
        var seed = await registry.RunAsync("import", "programme", SeedCsv, "--meeting", "igf-2012");
        Assert.True(seed.Exit == 0, seed.ToString());
        Assert.DoesNotContain("is likely", seed.Error, StringComparison.Ordinal);
        var ahmed = Path.Combine(registry.Folder, "ahmed.csv");
        File.WriteAllText(ahmed, "name,affiliation,country\nAhmed Ali,Cairo University,EG\n");
        Assert.Equal(0, (await registry.RunAsync("import", "stakeholders", ahmed)).Exit);

        var variant = Path.Combine(registry.Folder, "follow-up.csv");
        var lines = File.ReadAllLines(SeedCsv).ToList();
        var text = string.Join('\n', lines.Select((line, i) => i == 0 ? line : line
            .Replace("ws-85,", "ws-85-follow-up,", StringComparison.Ordinal)
            .Replace("Kleinwächter", "Kleinwacther", StringComparison.Ordinal)
            .Replace("InfoSocionomics", "InfoSocinomics", StringComparison.Ordinal)));
        File.WriteAllText(variant, text + "\nws-85-follow-up,Quo Vadis IGF – or Evolution of IGF,WORKSHOP,,,,Ahmed Ali,Ministry of IT and Telecom,GOVERNMENT,PK,,SPEAKER,CONFIRMED,ONSITE,,\n");
        return (meeting, variant);
    }

    public static async Task<List<Stakeholder>> PeopleAsync(LiveRegistry registry)
    {
        using var client = registry.Admin();
        return await Pages.All(new ListStakeholdersRequest { PageSize = 1000 }, client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders).ToListAsync();
    }

    /// <summary>The one warning: line 3's Kleinwacther is likely the seed's Kleinwächter, by a transposition in one organisation.</summary>
    public static void AssertWarnsOfKleinwachterOnly(CliResult result, string kleinwachter)
    {
        // (A skipped row is also listed with the bad rows at the end: "line 3: skipped (--on-duplicate skip): …".)
        var warnings = result.Error.Split('\n').Where(l => l.Contains(" is likely ", StringComparison.Ordinal) && !l.Contains("skipped (", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Equal($"follow-up.csv line 3: Wolfgang Kleinwacther is likely Wolfgang Kleinwächter ({kleinwachter}, confidence 0.75: name transposition, same organization)", warning.Trim());
    }

    public static string NameOf(IEnumerable<Stakeholder> people, string displayName) => people.Single(p => p.DisplayName == displayName).Name;
}

/// <summary>Without --on-duplicate: a warning names the likely person, and the row's person is created as new.</summary>
public sealed class DuplicateImportWarnTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    [Fact]
    public async Task The_likely_duplicate_is_warned_of_and_created_as_new_and_a_namesake_elsewhere_is_not_flagged()
    {
        var (_, variant) = await DuplicateImports.ArrangeAsync(registry);
        var kleinwachter = DuplicateImports.NameOf(await DuplicateImports.PeopleAsync(registry), "Wolfgang Kleinwächter");

        var result = await registry.RunAsync("import", "programme", variant, "--meeting", "igf-2012");

        Assert.True(result.Exit == 0, result.ToString());
        DuplicateImports.AssertWarnsOfKleinwachterOnly(result, kleinwachter);
        Assert.Contains("created as a new person (--on-duplicate skip|merge|ask to choose)", result.Error, StringComparison.Ordinal);
        Assert.Contains("Created 1 session(s), 2 person(s) and 9 seat(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 new person(s) are likely people already registered: 1 were created as new, 0 skipped, 0 merged", result.Output, StringComparison.Ordinal);
        var people = await DuplicateImports.PeopleAsync(registry);
        Assert.Single(people, p => p.DisplayName == "Wolfgang Kleinwacther");
        Assert.Equal(2, people.Count(p => p.DisplayName == "Ahmed Ali"));

        // registry import stakeholders warns the same way; --dry-run says what merge would do and writes nothing.
        var file = Path.Combine(registry.Folder, "people.csv");
        File.WriteAllText(file, "name,affiliation\nMervi Kultama,Ministry for Foreign Affairs of Finland\n");
        var dry = await registry.RunAsync("import", "stakeholders", file, "--on-duplicate", "merge", "--dry-run");

        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.Contains("people.csv line 2: Mervi Kultama is likely Mervi Kultamaa (", dry.Error, StringComparison.Ordinal);
        Assert.Contains("would go to Mervi Kultamaa", dry.Error, StringComparison.Ordinal);
        Assert.Contains("Would create 0 stakeholder(s).", dry.Output, StringComparison.Ordinal);
        Assert.Equal(people.Count, (await DuplicateImports.PeopleAsync(registry)).Count);

        // A higher --duplicate-confidence than the candidate's 0.75 leaves it out; one outside 0 to 1 is refused.
        var strict = await registry.RunAsync("import", "stakeholders", file, "--duplicate-confidence", "0.8", "--dry-run");
        Assert.True(strict.Exit == 0, strict.ToString());
        Assert.DoesNotContain(" is likely ", strict.Error, StringComparison.Ordinal);
        Assert.Contains("Would create 1 stakeholder(s).", strict.Output, StringComparison.Ordinal);
        var bad = await registry.RunAsync("import", "stakeholders", file, "--duplicate-confidence", "1.5");
        Assert.True(bad.Exit == 2, bad.ToString());
        Assert.Contains("--duplicate-confidence must be from 0 to 1.", bad.Error, StringComparison.Ordinal);
    }
}

/// <summary>--on-duplicate skip leaves the row out (exit 2, as for bad rows); ask without a terminal is refused.</summary>
public sealed class DuplicateImportSkipTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    [Fact]
    public async Task Skip_imports_none_of_the_likely_duplicates_rows_and_ask_without_a_terminal_exits_2()
    {
        var (meeting, variant) = await DuplicateImports.ArrangeAsync(registry);
        var before = await DuplicateImports.PeopleAsync(registry);

        var ask = await registry.RunAsync("import", "programme", variant, "--meeting", "igf-2012", "--on-duplicate", "ask");

        Assert.True(ask.Exit == 2, ask.ToString());
        Assert.Contains("--on-duplicate ask needs a terminal", ask.Error, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await DuplicateImports.PeopleAsync(registry)).Count);

        var result = await registry.RunAsync("import", "programme", variant, "--meeting", "igf-2012", "--on-duplicate", "skip");

        Assert.True(result.Exit == 2, result.ToString());
        DuplicateImports.AssertWarnsOfKleinwachterOnly(result, DuplicateImports.NameOf(before, "Wolfgang Kleinwächter"));
        Assert.Contains("follow-up.csv line 3: skipped (--on-duplicate skip): Wolfgang Kleinwacther is likely Wolfgang Kleinwächter", result.Error, StringComparison.Ordinal);
        Assert.Contains("Created 1 session(s), 1 person(s) and 8 seat(s)", result.Output, StringComparison.Ordinal);
        var people = await DuplicateImports.PeopleAsync(registry);
        Assert.DoesNotContain(people, p => p.DisplayName == "Wolfgang Kleinwacther");
        Assert.Equal(before.Count + 1, people.Count);
        using var client = registry.Admin();
        var seats = await Pages.All(new ListParticipantsRequest { Parent = $"{meeting}/sessions/ws-85-follow-up" }, client.Meetings.ListParticipantsAsync, r => r.Participants).ToListAsync();
        Assert.DoesNotContain(seats, s => s.Snapshot.DisplayName.StartsWith("Wolfgang", StringComparison.Ordinal));
    }
}

/// <summary>--on-duplicate merge gives the row's seat to the existing person: the report counts each person once, a re-run adds nothing.</summary>
public sealed class DuplicateImportMergeTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    [Fact]
    public async Task Merge_seats_the_existing_person_so_the_report_counts_each_person_once_and_a_rerun_adds_nothing()
    {
        var (meeting, variant) = await DuplicateImports.ArrangeAsync(registry);
        var before = await DuplicateImports.PeopleAsync(registry);
        var kleinwachter = DuplicateImports.NameOf(before, "Wolfgang Kleinwächter");
        using var client = registry.Admin();
        var reportRequest = new GetMeetingDiversityRequest { Name = meeting, Options = new ReportOptions { IncludePersonalData = true } };
        var first = await client.Reports.GetMeetingDiversityAsync(reportRequest);

        var dry = await registry.RunAsync("import", "programme", variant, "--meeting", "igf-2012", "--on-duplicate", "merge", "--dry-run");

        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.Contains($"would go to Wolfgang Kleinwächter ({kleinwachter}); no person is created", dry.Error, StringComparison.Ordinal);
        Assert.Contains("Would create 1 session(s), 1 person(s) and 9 seat(s)", dry.Output, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await DuplicateImports.PeopleAsync(registry)).Count);

        var result = await registry.RunAsync("import", "programme", variant, "--meeting", "igf-2012", "--on-duplicate", "merge");

        Assert.True(result.Exit == 0, result.ToString());
        DuplicateImports.AssertWarnsOfKleinwachterOnly(result, kleinwachter);
        Assert.Contains("Created 1 session(s), 1 person(s) and 9 seat(s)", result.Output, StringComparison.Ordinal);
        Assert.Equal(before.Count + 1, (await DuplicateImports.PeopleAsync(registry)).Count);
        var seats = await Pages.All(new ListParticipantsRequest { Parent = $"{meeting}/sessions/ws-85-follow-up" }, client.Meetings.ListParticipantsAsync, r => r.Participants).ToListAsync();
        Assert.Equal(kleinwachter, seats.Single(s => s.Snapshot.DisplayName.StartsWith("Wolfgang", StringComparison.Ordinal)).Stakeholder);
        // Twice the seed's seats and the Ahmed Ali of Pakistan's; the seed's panellists and him: Kleinwächter's two seats are one person.
        var report = await client.Reports.GetMeetingDiversityAsync(reportRequest);
        Assert.Equal((first.Seats * 2 + 1, first.Panellists + 1), (report.Seats, report.Panellists));

        var again = await registry.RunAsync("import", "programme", variant, "--meeting", "igf-2012", "--on-duplicate", "merge");

        Assert.True(again.Exit == 0, again.ToString());
        Assert.Contains("Created 0 session(s), 0 person(s) and 0 seat(s)", again.Output, StringComparison.Ordinal);
        Assert.Equal(before.Count + 1, (await DuplicateImports.PeopleAsync(registry)).Count);
    }
}

/// <summary>--on-duplicate ask on a terminal (Spectre's test console, keys pushed): the choice is the user's.</summary>
public sealed class DuplicateImportAskTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    [Fact]
    public async Task Ask_offers_merge_create_or_skip_per_person_and_does_what_was_chosen()
    {
        var (meeting, variant) = await DuplicateImports.ArrangeAsync(registry);
        var before = await DuplicateImports.PeopleAsync(registry);
        var kleinwachter = DuplicateImports.NameOf(before, "Wolfgang Kleinwächter");
        var console = new TestConsole().Interactive();
        console.Profile.Width = 300;
        console.Input.PushKey(ConsoleKey.Enter); // the first choice: merge into the most likely candidate
        using var error = new StringWriter();
        var environment = new Dictionary<string, string> { ["REGISTRY_SERVER"] = registry.Address, ["REGISTRY_KEY"] = registry.AdminKey };
        var context = new CliContext(TextWriter.Null, error, name => environment.GetValueOrDefault(name), console) { InputIsTerminal = true };

        var exit = await RegistryCli.RunAsync(["import", "programme", variant, "--meeting", "igf-2012", "--on-duplicate", "ask"], context);

        Assert.True(exit == 0, $"exit {exit}\n{console.Output}\n{error}");
        Assert.Contains("Wolfgang Kleinwacther (University of Aarhus): the same person as someone already registered?", console.Output, StringComparison.Ordinal);
        Assert.Contains("merge: it is Wolfgang Kleinwächter", console.Output, StringComparison.Ordinal);
        Assert.Contains("create a new person", console.Output, StringComparison.Ordinal);
        Assert.Contains("skip the row", console.Output, StringComparison.Ordinal);
        Assert.Contains("Created 1 session(s), 1 person(s) and 9 seat(s)", console.Output, StringComparison.Ordinal);
        Assert.Equal(before.Count + 1, (await DuplicateImports.PeopleAsync(registry)).Count);
        using var client = registry.Admin();
        var seats = await Pages.All(new ListParticipantsRequest { Parent = $"{meeting}/sessions/ws-85-follow-up" }, client.Meetings.ListParticipantsAsync, r => r.Participants).ToListAsync();
        Assert.Equal(kleinwachter, seats.Single(s => s.Snapshot.DisplayName.StartsWith("Wolfgang", StringComparison.Ordinal)).Stakeholder);
    }
}
