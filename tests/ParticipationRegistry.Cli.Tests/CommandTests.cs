using System.Text.Json;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>Errors and exit codes, help, and the list/get/add/update/unmerge, suggest and report commands against a live server.</summary>
public sealed class CommandTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    [Fact]
    public async Task A_refused_key_is_exit_2_with_the_status_and_reason_on_stderr()
    {
        var result = await LiveRegistry.RunWithAsync(
            new Dictionary<string, string> { ["REGISTRY_SERVER"] = registry.Address, ["REGISTRY_KEY"] = "prk_not-a-key-the-registry-ever-issued" },
            "stakeholders", "list");

        Assert.True(result.Exit == 2, result.ToString());
        Assert.Contains("error: Unauthenticated", result.Error, StringComparison.Ordinal);
        Assert.Contains("Check --key (REGISTRY_KEY)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_a_missing_key_and_bad_arguments_are_exit_2()
    {
        var unreachable = await LiveRegistry.RunWithAsync(new Dictionary<string, string>(), "check", "m/s", "--server", "http://127.0.0.1:1", "--key", "prk_x");
        var noKey = await LiveRegistry.RunWithAsync(new Dictionary<string, string> { ["REGISTRY_SERVER"] = registry.Address }, "stakeholders", "list");
        var badOption = await registry.RunAsync("check", "igf/ws", "--no-such-option");
        var badFormat = await registry.RunAsync("report", "igf", "--format", "pdf");
        var badCommand = await registry.RunAsync("import", "speakers", "file.csv");

        Assert.True(unreachable.Exit == 2, unreachable.ToString());
        Assert.Contains("Unavailable", unreachable.Error, StringComparison.Ordinal);
        Assert.True(noKey.Exit == 2, noKey.ToString());
        Assert.Contains("No API key: give --key or set REGISTRY_KEY.", noKey.Error, StringComparison.Ordinal);
        Assert.True(badOption.Exit == 2, badOption.ToString());
        Assert.Contains("--no-such-option", badOption.Error, StringComparison.Ordinal);
        Assert.True(badFormat.Exit == 2, badFormat.ToString());
        Assert.True(badCommand.Exit == 2, badCommand.ToString());
    }

    [Fact]
    public async Task Help_explains_every_command_with_examples()
    {
        var root = await registry.RunAsync("--help");
        var import = await registry.RunAsync("import", "programme", "--help");
        var check = await registry.RunAsync("check", "--help");

        Assert.Equal(0, root.Exit);
        foreach (var command in new[] { "import", "export", "stakeholders", "sessions", "seats", "registrations", "check", "suggest", "report", "links" })
        {
            Assert.Contains($"  {command} ", root.Output, StringComparison.Ordinal);
        }

        Assert.Contains("REGISTRY_SERVER", root.Output, StringComparison.Ordinal);
        Assert.Contains("registry import programme igf-2012-workshop-85.csv --meeting igf-2012", import.Output, StringComparison.Ordinal);
        Assert.Contains("--match", import.Output, StringComparison.Ordinal);
        Assert.Contains("1 unbalanced, 3 indeterminate, 2 error", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stakeholders_sessions_seats_and_registrations_can_be_added_listed_got_and_updated()
    {
        var meeting = await registry.CreateMeetingAsync("crud-2012");
        var added = await registry.RunAsync("stakeholders", "add", "--name", "Nnenna Nwakanma", "--group", "civil society", "--country", "CI", "--gender", "woman");
        Assert.True(added.Exit == 0, added.ToString());
        var person = JsonDocument.Parse(added.Output).RootElement;
        var name = person.GetProperty("name").GetString()!;
        Assert.Equal("REGIONAL_GROUP_AFRICAN", person.GetProperty("regional_group").GetString());

        var stale = await registry.RunAsync("stakeholders", "update", name, "--affiliation", "Web Foundation", "--etag", "W/\"stale\"");
        var updated = await registry.RunAsync("stakeholders", "update", name, "--affiliation", "Web Foundation", "--etag", person.GetProperty("etag").GetString()!);
        var got = await registry.RunAsync("stakeholders", "get", name);
        var listed = await registry.RunAsync("stakeholders", "list", "--filter", "country_code = \"CI\"");

        Assert.True(stale.Exit == 2, stale.ToString());
        Assert.Contains("ETAG_MISMATCH", stale.Error, StringComparison.Ordinal);
        Assert.True(updated.Exit == 0, updated.ToString());
        Assert.Equal("Web Foundation", JsonDocument.Parse(got.Output).RootElement.GetProperty("affiliation").GetString());
        Assert.Contains("Nnenna Nwakanma", listed.Output, StringComparison.Ordinal);
        Assert.Contains("1 stakeholder(s)", listed.Output, StringComparison.Ordinal);

        var session = await registry.RunAsync("sessions", "add", "crud-2012", "--id", "ws-1", "--title", "Open data", "--kind", "workshop",
            "--start", "2012-11-07T09:00:00+04:00", "--end", "2012-11-07T10:30:00+04:00");
        var room = await registry.RunAsync("sessions", "update", "crud-2012/ws-1", "--room", "Room 3");
        var sessions = await registry.RunAsync("sessions", "list", "crud-2012");
        Assert.True(session.Exit == 0, session.ToString());
        Assert.True(room.Exit == 0, room.ToString());
        Assert.Contains("2012-11-07T05:00:00Z", sessions.Output, StringComparison.Ordinal);
        Assert.Contains("Room 3", sessions.Output, StringComparison.Ordinal);

        var seat = await registry.RunAsync("seats", "add", "crud-2012/ws-1", "--stakeholder", name, "--role", "moderator");
        Assert.True(seat.Exit == 0, seat.ToString());
        var seatName = JsonDocument.Parse(seat.Output).RootElement.GetProperty("name").GetString()!;
        var confirmed = await registry.RunAsync("seats", "update", seatName, "--confirmation", "confirmed");
        var seats = await registry.RunAsync("seats", "list", "crud-2012/ws-1");
        var gotSeat = await registry.RunAsync("seats", "get", seatName);
        Assert.True(confirmed.Exit == 0, confirmed.ToString());
        Assert.Contains("MODERATOR", seats.Output, StringComparison.Ordinal);
        Assert.Contains("CONFIRMED", seats.Output, StringComparison.Ordinal);
        Assert.Equal("CONFIRMATION_CONFIRMED", JsonDocument.Parse(gotSeat.Output).RootElement.GetProperty("confirmation").GetString());

        var registration = await registry.RunAsync("registrations", "add", meeting, "--stakeholder", name, "--attendance", "remote");
        Assert.True(registration.Exit == 0, registration.ToString());
        var registrationName = JsonDocument.Parse(registration.Output).RootElement.GetProperty("name").GetString()!;
        var checkedIn = await registry.RunAsync("registrations", "update", registrationName, "--attendance", "onsite", "--check-in", "2012-11-06T08:00:00Z");
        var registrations = await registry.RunAsync("registrations", "list", meeting);
        var gotRegistration = await registry.RunAsync("registrations", "get", registrationName);
        Assert.True(checkedIn.Exit == 0, checkedIn.ToString());
        Assert.Contains("ONSITE", registrations.Output, StringComparison.Ordinal);
        Assert.Contains("2012-11-06T08:00:00Z", registrations.Output, StringComparison.Ordinal);
        Assert.Equal(registrationName, JsonDocument.Parse(gotRegistration.Output).RootElement.GetProperty("name").GetString());

        var nothing = await registry.RunAsync("seats", "update", seatName);
        var badGroup = await registry.RunAsync("stakeholders", "add", "--name", "X", "--group", "ministry");
        Assert.True(nothing.Exit == 2, nothing.ToString());
        Assert.True(badGroup.Exit == 2, badGroup.ToString());
        Assert.Contains("--group: 'ministry' is not one of", badGroup.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stakeholders_unmerge_gives_a_merged_person_back_its_own_record()
    {
        var primary = await registry.RunAsync("stakeholders", "add", "--name", "Anriette Esterhuysen", "--country", "ZA");
        var duplicate = await registry.RunAsync("stakeholders", "add", "--name", "Anriette Esterhuyzen", "--country", "ZA", "--email", "ae@apc.example");
        var primaryName = JsonDocument.Parse(primary.Output).RootElement.GetProperty("name").GetString()!;
        var duplicateName = JsonDocument.Parse(duplicate.Output).RootElement.GetProperty("name").GetString()!;
        using (var client = registry.Admin())
        {
            await client.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = primaryName, Duplicates = { duplicateName } });
        }

        var unmerged = await registry.RunAsync("stakeholders", "unmerge", duplicateName);
        var again = await registry.RunAsync("stakeholders", "unmerge", duplicateName);

        Assert.True(unmerged.Exit == 0, unmerged.ToString());
        var person = JsonDocument.Parse(unmerged.Output).RootElement;
        Assert.Equal((duplicateName, "Anriette Esterhuyzen", "ae@apc.example"),
            (person.GetProperty("name").GetString(), person.GetProperty("display_name").GetString(), person.GetProperty("email").GetString()));
        Assert.True(again.Exit == 2, again.ToString());
        Assert.Contains("STAKEHOLDER_NOT_MERGED", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_field_the_server_refuses_is_printed_with_its_path()
    {
        var result = await registry.RunAsync("stakeholders", "add", "--name", "Someone", "--email", "someone@localhost");

        Assert.True(result.Exit == 2, result.ToString());
        Assert.Contains("error: InvalidArgument", result.Error, StringComparison.Ordinal);
        Assert.Contains("  stakeholder.email: Must be an email address", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registrations_import_registers_each_person_once_and_report_and_suggest_read_the_meeting()
    {
        var meeting = await registry.CreateMeetingAsync("reg-2012");
        var file = Path.Combine(registry.Folder, "registrants.csv");
        File.WriteAllText(file, """
            name,group,country,attendance,email
            Ana Silva,civil society,BR,onsite,ana@example.br
            Kwame Mensah,government,GH,remote,kwame@example.gh
            Ana Silva,civil society,BR,remote,ana@example.br
            Li Wei,technical community,CN,teleported,
            """);

        var first = await registry.RunAsync("import", "registrations", file, "--meeting", meeting);
        var again = await registry.RunAsync("import", "registrations", file, "--meeting", meeting);

        Assert.True(first.Exit == 2, first.ToString());
        Assert.Contains("registrants.csv line 4: Ana Silva is registered already on line 2", first.Error, StringComparison.Ordinal);
        Assert.Contains("registrants.csv line 5: attendance 'teleported'", first.Error, StringComparison.Ordinal);
        Assert.Contains("Created 2 person(s) and 2 registration(s)", first.Output, StringComparison.Ordinal);
        Assert.Contains("Created 0 person(s) and 0 registration(s); 2 registration(s) were already there.", again.Output, StringComparison.Ordinal);

        var table = await registry.RunAsync("report", "reg-2012");
        var json = await registry.RunAsync("report", "reg-2012", "--format", "json");
        var csvFile = Path.Combine(registry.Folder, "reg-2012.csv");
        var csv = await registry.RunAsync("report", "reg-2012", "--format", "csv", "--out", csvFile);
        var md = await registry.RunAsync("report", "reg-2012", "--format", "md");
        var html = await registry.RunAsync("report", "reg-2012", "--format", "html");

        Assert.True(table.Exit == 0, table.ToString());
        Assert.Contains("2 registrant(s)", table.Output, StringComparison.Ordinal);
        Assert.Equal("2", JsonDocument.Parse(json.Output).RootElement.GetProperty("registrants").GetString()); // int64 is a JSON string
        Assert.True(csv.Exit == 0, csv.ToString());
        Assert.Contains(",", File.ReadAllText(csvFile), StringComparison.Ordinal);
        Assert.True(md.Exit == 0, md.ToString());
        Assert.StartsWith("#", md.Output, StringComparison.Ordinal);
        Assert.True(html.Exit == 0, html.ToString());
        Assert.Contains("<html", html.Output, StringComparison.OrdinalIgnoreCase);

        var session = await registry.RunAsync("sessions", "add", meeting, "--id", "ws-2", "--title", "Remote participation", "--kind", "workshop");
        Assert.Equal(0, session.Exit);
        var suggest = await registry.RunAsync("suggest", "reg-2012/ws-2");
        Assert.True(suggest.Exit == 0, suggest.ToString());
        Assert.Contains("suggestion(s)", suggest.Output, StringComparison.Ordinal);
    }
}
