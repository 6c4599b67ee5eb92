using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using Spectre.Console.Testing;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary><c>registry import programme --dry-run</c> and <c>export programme</c> with the committed seed CSV.</summary>
public sealed class ProgrammeImportTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    private static readonly string SeedCsv = Path.Combine(AppContext.BaseDirectory, "examples", "igf-2012-workshop-85.csv");

    [Fact]
    public async Task Dry_run_checks_every_row_and_writes_nothing()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012-dry");
        var file = Path.Combine(registry.Folder, "dry.csv");
        File.WriteAllText(file, File.ReadAllText(SeedCsv).Replace("Avri Doria,,CIVIL_SOCIETY", "Avri Doria,,CIVIL SOCIETY", StringComparison.Ordinal)
            + "ws-85,Quo Vadis IGF – or Evolution of IGF,WORKSHOP,,,,Nobody,,CIVIL_SOCIETY,,WEOG,PANELIST-IN-CHIEF,CONFIRMED,,,\n");
        var before = await registry.CountAsync(meeting);

        var dry = await registry.RunAsync("import", "programme", file, "--meeting", meeting, "--dry-run");

        Assert.True(dry.Exit == 2, dry.ToString());
        Assert.Contains("dry.csv line 10: role 'PANELIST-IN-CHIEF' is not one of", dry.Error, StringComparison.Ordinal);
        Assert.Contains("Would create 1 session(s)", dry.Output, StringComparison.Ordinal);
        Assert.Contains("and 8 seat(s)", dry.Output, StringComparison.Ordinal);
        Assert.Equal(before, await registry.CountAsync(meeting));
    }

    [Fact]
    public async Task Export_writes_what_import_reads_back_and_the_round_trip_adds_nothing()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012-trip");
        Assert.Equal(0, (await registry.RunAsync("import", "programme", SeedCsv, "--meeting", meeting)).Exit);
        var exported = Path.Combine(registry.Folder, "exported.csv");

        var export = await registry.RunAsync("export", "programme", "igf-2012-trip", "--out", exported);

        Assert.True(export.Exit == 0, export.ToString());
        var lines = File.ReadAllLines(exported);
        Assert.Equal(File.ReadAllLines(SeedCsv)[0], lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("ws-85,Quo Vadis IGF – or Evolution of IGF,WORKSHOP,,,,Mervi Kultamaa,Ministry for Foreign Affairs of Finland,GOVERNMENT,,WESTERN_EUROPEAN_OTHERS,SPEAKER,TENTATIVE,ONSITE,,WOMAN", StringComparison.Ordinal));
        var before = await registry.CountAsync(meeting);

        var back = await registry.RunAsync("import", "programme", exported, "--meeting", meeting);

        Assert.True(back.Exit == 0, back.ToString());
        Assert.Contains("Created 0 session(s), 0 person(s) and 0 seat(s)", back.Output, StringComparison.Ordinal);
        Assert.Equal(before, await registry.CountAsync(meeting));

        // Into an empty meeting the export recreates the same panel, with the people matched by name.
        var copy = await registry.CreateMeetingAsync("igf-2012-copy");
        var into = await registry.RunAsync("import", "programme", exported, "--meeting", copy);
        Assert.True(into.Exit == 0, into.ToString());
        Assert.Contains("Created 1 session(s), 0 person(s) and 8 seat(s)", into.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_the_server_refuses_names_each_of_its_lines_and_the_other_sessions_are_imported()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012-rooms");
        var file = Path.Combine(registry.Folder, "rooms.csv");
        var longRoom = new string('R', 101);
        File.WriteAllText(file, $"""
            session_id,title,kind,room,person,group,country,role
            ws-1,Small room,WORKSHOP,Room 1,Tove Lindqvist,government,SE,speaker
            ws-2,Long room,WORKSHOP,{longRoom},Tove Lindqvist,government,SE,speaker
            ws-2,Long room,WORKSHOP,{longRoom},Nils Berg,civil society,SE,moderator
            """);

        var result = await registry.RunAsync("import", "programme", file, "--meeting", meeting);

        Assert.True(result.Exit == 2, result.ToString());
        Assert.Contains("rooms.csv line 3: the server refused the session: room: At most 100 characters.", result.Error, StringComparison.Ordinal);
        Assert.Contains("rooms.csv line 4: the server refused the session: room:", result.Error, StringComparison.Ordinal);
        Assert.Contains("Created 1 session(s), 1 person(s) and 1 seat(s)", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await registry.CountAsync(meeting)).Seats);
    }

    [Fact]
    public async Task Text_a_spreadsheet_would_run_as_a_formula_is_exported_inert_and_reads_back_as_it_was()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012-formula");
        var file = Path.Combine(registry.Folder, "formula.csv");
        File.WriteAllText(file, """
            session_id,title,kind,room,person,affiliation,group,country,role
            ws-1,"=HYPERLINK(""http://example.org"",""Click"")",WORKSHOP,@Room,+Tove Lindqvist,-Ministry,government,SE,speaker
            """);
        Assert.Equal(0, (await registry.RunAsync("import", "programme", file, "--meeting", meeting)).Exit);
        var exported = Path.Combine(registry.Folder, "formula-exported.csv");

        Assert.Equal(0, (await registry.RunAsync("export", "programme", "igf-2012-formula", "--out", exported)).Exit);

        var row = File.ReadAllLines(exported)[1];
        Assert.StartsWith("ws-1,\"'=HYPERLINK(", row, StringComparison.Ordinal);
        Assert.Contains(",'@Room,'+Tove Lindqvist,'-Ministry,", row, StringComparison.Ordinal);
        // Read back, it is the same programme: nothing is added, and a copy holds the original text.
        var back = await registry.RunAsync("import", "programme", exported, "--meeting", meeting);
        Assert.Contains("Created 0 session(s), 0 person(s) and 0 seat(s)", back.Output, StringComparison.Ordinal);
        var copy = await registry.CreateMeetingAsync("igf-2012-formula-copy");
        Assert.Equal(0, (await registry.RunAsync("import", "programme", exported, "--meeting", copy)).Exit);
        using var client = registry.Admin();
        var session = await client.Meetings.GetSessionAsync(new GetSessionRequest { Name = $"{copy}/sessions/ws-1" });
        Assert.Equal("=HYPERLINK(\"http://example.org\",\"Click\")", session.DisplayName);
        Assert.Equal("@Room", session.Room);
    }

    [Fact]
    public async Task A_terminal_shows_a_progress_bar_for_the_sessions_the_people_and_the_seats()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012-progress");
        var console = new TestConsole().Interactive().EmitAnsiSequences();
        console.Profile.Width = 120;
        using var error = new StringWriter();
        var environment = new Dictionary<string, string> { ["REGISTRY_SERVER"] = registry.Address, ["REGISTRY_KEY"] = registry.AdminKey };
        var context = new CliContext(TextWriter.Null, error, name => environment.GetValueOrDefault(name), console);

        var exit = await RegistryCli.RunAsync(["import", "programme", SeedCsv, "--meeting", meeting], context);

        Assert.True(exit == 0, $"exit {exit}\n{console.Output}\n{error}");
        // The bars' last frame (Spectre redraws them in place): one line each, in the order they are written, full.
        var frame = System.Text.RegularExpressions.Regex.Replace(console.Output, "\u001b\\[[0-9;?]*[A-Za-z]", "").Split('\n');
        var bars = frame.Select(line => line.Trim()).Where(line => line.Contains('━', StringComparison.Ordinal)).TakeLast(3).ToList();
        Assert.Equal(["sessions", "people", "seats"], bars.Select(line => line.Split(' ')[0]));
        Assert.All(bars, bar => Assert.Contains(" 100% ", bar, StringComparison.Ordinal));
        // (The seed's people may be registered already by another test of this class: only the seats are certain.)
        Assert.Contains(" and 8 seat(s); 0 session(s)", console.Output, StringComparison.Ordinal);
    }
}
