using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// <c>import programme</c> with <c>--map column=field</c> and <c>--match name</c>; <c>import stakeholders</c> with
/// <c>--on-duplicate skip</c> and <c>merge</c>, written for real (not a dry run).
/// </summary>
public sealed class ImportOptionTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    private string Write(string name, string text)
    {
        var path = Path.Combine(registry.Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<List<Stakeholder>> PeopleAsync(string country)
    {
        using var client = registry.Admin();
        return await Pages.All(
            new ListStakeholdersRequest { Filter = $"country_code = \"{country}\"", View = StakeholderView.Full, PageSize = 1000 },
            client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders).ToListAsync();
    }

    [Fact]
    public async Task Map_reads_a_programme_from_other_columns_and_match_name_does_not_take_a_shared_email_for_the_same_person()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2013");
        Assert.Equal(0, (await registry.RunAsync("import", "stakeholders", Write("tove.csv", "name,group,country,email\nTove Lindqvist,government,SE,office@ministry.example.se\n"))).Exit);
        var tove = Assert.Single(await PeopleAsync("SE")).Name;
        var file = Write("accepted.csv", """
            Workshop,Title,Kind,Speaker,Sector,Nationality,Part,Mail
            ws-7,Open data in the Nordics,WORKSHOP,Tove Lindqvist,GOVERNMENT,SE,SPEAKER,office@ministry.example.se
            ws-7,Open data in the Nordics,WORKSHOP,Nils Berg,GOVERNMENT,SE,MODERATOR,office@ministry.example.se
            """);
        string[] maps = ["--map", "Workshop=session_id", "--map", "Speaker=person", "--map", "Sector=group", "--map", "Nationality=country", "--map", "Part=role", "--map", "Mail=email"];

        var unmapped = await registry.RunAsync("import", "programme", file, "--meeting", meeting);
        var byEmail = await registry.RunAsync(["import", "programme", file, "--meeting", meeting, .. maps, "--dry-run"]);
        var byName = await registry.RunAsync(["import", "programme", file, "--meeting", meeting, .. maps, "--match", "name"]);

        Assert.True(unmapped.Exit == 2, unmapped.ToString());
        Assert.Contains("no column for session_id", unmapped.Error, StringComparison.Ordinal);
        // By default a row's email is matched first: Nils, who gives the office's shared address, would be seated as Tove.
        Assert.True(byEmail.Exit == 0, byEmail.ToString());
        Assert.Contains("Would create 1 session(s), 0 person(s) and 2 seat(s); 0 session(s), 2 person row(s)", byEmail.Output, StringComparison.Ordinal);
        Assert.True(byName.Exit == 0, byName.ToString());
        Assert.Contains("Created 1 session(s), 1 person(s) and 2 seat(s); 0 session(s), 1 person row(s)", byName.Output, StringComparison.Ordinal);
        Assert.Equal(["Nils Berg", "Tove Lindqvist"], (await PeopleAsync("SE")).Select(p => p.DisplayName).Order(StringComparer.Ordinal));
        using var client = registry.Admin();
        var session = await client.Meetings.GetSessionAsync(new GetSessionRequest { Name = $"{meeting}/sessions/ws-7" });
        Assert.Equal(("Open data in the Nordics", SessionKind.Workshop), (session.DisplayName, session.Kind));
        var seats = await Pages.All(new ListParticipantsRequest { Parent = session.Name }, client.Meetings.ListParticipantsAsync, r => r.Participants).ToListAsync();
        Assert.Equal(tove, seats.Single(s => s.Role == ParticipantRole.Speaker).Stakeholder);
        Assert.Equal("Nils Berg", seats.Single(s => s.Role == ParticipantRole.Moderator).Snapshot.DisplayName);
    }

    [Fact]
    public async Task On_duplicate_skip_and_merge_create_no_one_for_a_likely_duplicate_and_without_the_flag_it_is_created()
    {
        Assert.Equal(0, (await registry.RunAsync("import", "stakeholders",
            Write("mervi.csv", "name,group,country,affiliation\nMervi Kultamaa,GOVERNMENT,FI,Ministry for Foreign Affairs of Finland\n"))).Exit);
        var file = Write("people-fi.csv", """
            name,group,country,affiliation
            Aino Virtanen,GOVERNMENT,FI,Traficom
            Mervi Kultama,GOVERNMENT,FI,Ministry for Foreign Affairs of Finland
            """);

        var skip = await registry.RunAsync("import", "stakeholders", file, "--on-duplicate", "skip");

        Assert.True(skip.Exit == 2, skip.ToString());
        Assert.Contains("people-fi.csv line 3: skipped (--on-duplicate skip): Mervi Kultama is likely Mervi Kultamaa", skip.Error, StringComparison.Ordinal);
        Assert.Contains("Created 1 stakeholder(s).", skip.Output, StringComparison.Ordinal);
        Assert.Equal(["Aino Virtanen", "Mervi Kultamaa"], (await PeopleAsync("FI")).Select(p => p.DisplayName).Order(StringComparer.Ordinal));

        var merge = await registry.RunAsync("import", "stakeholders", file, "--on-duplicate", "merge");

        Assert.True(merge.Exit == 0, merge.ToString());
        Assert.Contains("goes to Mervi Kultamaa (", merge.Error, StringComparison.Ordinal);
        Assert.Contains("0 skipped, 1 merged into the existing person", merge.Output, StringComparison.Ordinal);
        Assert.Contains("Created 0 stakeholder(s).", merge.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await PeopleAsync("FI")).Count);

        var warn = await registry.RunAsync("import", "stakeholders", file);

        Assert.True(warn.Exit == 0, warn.ToString());
        Assert.Contains("Created 1 stakeholder(s).", warn.Output, StringComparison.Ordinal);
        Assert.Equal(["Aino Virtanen", "Mervi Kultama", "Mervi Kultamaa"], (await PeopleAsync("FI")).Select(p => p.DisplayName).Order(StringComparer.Ordinal));
    }
}
