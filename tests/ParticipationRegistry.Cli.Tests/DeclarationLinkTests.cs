using System.Net;
using nietras.SeparatedValues;
using ParticipationRegistry.Cli.Commands;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// <c>registry links</c> against a live server: the seed workshop's panel (the committed example CSV) and a
/// meeting's registrants to an owner-only CSV with one working link per person, one person's link printed,
/// and refusals that exit 2 and write no file.
/// </summary>
public sealed class DeclarationLinkTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    private static readonly string SeedCsv = Path.Combine(AppContext.BaseDirectory, "examples", "igf-2012-workshop-85.csv");

    /// <summary>The seed workshop in <paramref name="id"/>, imported by the CLI as the other tests do.</summary>
    private async Task<string> SeedAsync(string id)
    {
        var meeting = await registry.CreateMeetingAsync(id);
        var import = await registry.RunAsync("import", "programme", SeedCsv, "--meeting", id);
        Assert.True(import.Exit == 0, import.ToString());
        return meeting;
    }

    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        Assert.Equal(LinkCommands.Columns, reader.Header.ColNames);
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in LinkCommands.Columns)
            {
                cells[column] = row[column].ToString();
            }

            rows.Add(cells);
        }

        return rows;
    }

    [Fact]
    public async Task Links_for_the_seed_workshops_panel_are_one_working_url_per_person_in_an_owner_only_file()
    {
        var meeting = await SeedAsync("links-2012");
        var file = Path.Combine(registry.Folder, "panel-links.csv");
        File.WriteAllText(file, "an older file, readable by everyone\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100); // 0644
        }

        var result = await registry.RunAsync("links", "links-2012/ws-85", "--out", file);

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains($"Wrote 7 declaration link(s) for the panel of {meeting}/sessions/ws-85", result.Output, StringComparison.Ordinal);
        Assert.Contains("holds live single-use secrets", result.Output, StringComparison.Ordinal);
        Assert.Contains("delete it once the mail is sent", result.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Contains("(0600)", result.Output, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Empty(Directory.GetFiles(registry.Folder, "*.tmp"));
        var rows = ReadCsv(file);
        using var client = registry.Admin();
        var seats = await Pages.All(new ListParticipantsRequest { Parent = $"{meeting}/sessions/ws-85" }, client.Meetings.ListParticipantsAsync, r => r.Participants).ToListAsync();
        // Eight seats, seven people: Izumi Aizu moderates and reports, and gets one link.
        Assert.Equal(seats.Select(s => s.Stakeholder).Distinct().Order(StringComparer.Ordinal), rows.Select(r => r["stakeholder"]).Order(StringComparer.Ordinal));
        Assert.Equal(7, rows.Select(r => r["url"]).Distinct().Count());
        Assert.Contains(rows, r => r["display_name"] == "Wolfgang Kleinwächter");
        Assert.All(rows, r => Assert.StartsWith($"{registry.HttpAddress.TrimEnd('/')}/declare/", r["url"], StringComparison.Ordinal));
        Assert.All(rows, r => Assert.True(DateTimeOffset.Parse(r["expire_time"], System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddDays(29), r["expire_time"]));

        using var http = new HttpClient();
        var major = rows.Single(r => r["display_name"] == "Peter Major");
        using var page = await http.GetAsync(new Uri(major["url"]));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Peter Major", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // One person's new link is printed, and revokes the one in the file.
        var one = await registry.RunAsync("links", major["stakeholder"]);

        Assert.True(one.Exit == 0, one.ToString());
        Assert.Contains($"Declaration link for Peter Major ({major["stakeholder"]}), works once until ", one.Output, StringComparison.Ordinal);
        Assert.Contains("this link is a live secret", one.Output, StringComparison.Ordinal);
        var url = one.Output.Split('\n').Single(line => line.StartsWith($"{registry.HttpAddress.TrimEnd('/')}/declare/", StringComparison.Ordinal)).Trim();
        Assert.NotEqual(major["url"], url);
        using var fresh = await http.GetAsync(new Uri(url));
        using var revoked = await http.GetAsync(new Uri(major["url"]));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
    }

    [Fact]
    public async Task Links_for_a_meetings_registrants_give_each_registered_person_a_row_with_their_email()
    {
        var meeting = await registry.CreateMeetingAsync("links-reg");
        var registrants = Path.Combine(registry.Folder, "links-registrants.csv");
        File.WriteAllText(registrants, """
            name,group,country,attendance,email
            Nnenna Nwakanma,civil society,CI,onsite,nnenna@example.ci
            Bertrand de La Chapelle,government,FR,remote,
            """);
        var import = await registry.RunAsync("import", "registrations", registrants, "--meeting", "links-reg");
        Assert.True(import.Exit == 0, import.ToString());
        var file = Path.Combine(registry.Folder, "registrant-links.csv");

        var result = await registry.RunAsync("links", meeting, "--out", file);

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains($"Wrote 2 declaration link(s) for the registrants of {meeting}", result.Output, StringComparison.Ordinal);
        var rows = ReadCsv(file);
        Assert.Equal(["Nnenna Nwakanma", "Bertrand de La Chapelle"], rows.Select(r => r["display_name"]));
        Assert.Equal(["nnenna@example.ci", ""], rows.Select(r => r["email"]));
    }

    [Fact]
    public async Task A_refused_key_or_call_exits_2_and_writes_no_file()
    {
        await SeedAsync("links-refused");
        string viewer;
        using (var client = registry.Admin())
        {
            viewer = (await client.Keys.CreateApiKeyAsync(new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Viewer, DisplayName = "Report readers" } })).Secret;
        }

        var file = Path.Combine(registry.Folder, "refused-links.csv");
        var environment = new Dictionary<string, string> { ["REGISTRY_SERVER"] = registry.Address, ["REGISTRY_HTTP"] = registry.HttpAddress };

        var unknown = await LiveRegistry.RunWithAsync(
            new Dictionary<string, string>(environment) { ["REGISTRY_KEY"] = "prk_not-a-key-the-registry-ever-issued" }, "links", "links-refused/ws-85", "--out", file);
        var reader = await LiveRegistry.RunWithAsync(new Dictionary<string, string>(environment) { ["REGISTRY_KEY"] = viewer }, "links", "links-refused/ws-85", "--out", file);
        var noSession = await registry.RunAsync("links", "links-refused/ws-99", "--out", file);
        var noOut = await registry.RunAsync("links", "links-refused/ws-85");
        var badTarget = await registry.RunAsync("links", "a/b/c", "--out", file);

        Assert.True(unknown.Exit == 2, unknown.ToString());
        Assert.Contains("error: Unauthenticated", unknown.Error, StringComparison.Ordinal);
        Assert.True(reader.Exit == 2, reader.ToString());
        Assert.Contains("error: PermissionDenied", reader.Error, StringComparison.Ordinal);
        Assert.True(noSession.Exit == 2, noSession.ToString());
        Assert.Contains("error: NotFound", noSession.Error, StringComparison.Ordinal);
        Assert.True(noOut.Exit == 2, noOut.ToString());
        Assert.Contains("--out FILE.csv is required for a session's panel", noOut.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/declare/", noOut.Output + noOut.Error, StringComparison.Ordinal);
        Assert.True(badTarget.Exit == 2, badTarget.ToString());
        Assert.Contains("TARGET is a meeting (igf-2012), a session (igf-2012/ws-85) or a person (stakeholders/ID)", badTarget.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.Empty(Directory.GetFiles(registry.Folder, "*.tmp"));
    }

    [Fact]
    public async Task An_organiser_makes_its_own_panels_links_not_the_meetings_and_an_unwritable_file_changes_nothing()
    {
        var meeting = await SeedAsync("links-organiser");
        string organiser;
        using (var client = registry.Admin())
        {
            organiser = (await client.Keys.CreateApiKeyAsync(new CreateApiKeyRequest
            {
                ApiKey = new ApiKey { Role = Role.Organizer, DisplayName = "Workshop 85 organisers", Sessions = { $"{meeting}/sessions/ws-85" } },
            })).Secret;
        }

        var environment = new Dictionary<string, string> { ["REGISTRY_SERVER"] = registry.Address, ["REGISTRY_KEY"] = organiser };
        var file = Path.Combine(registry.Folder, "organiser-links.csv");

        var panel = await LiveRegistry.RunWithAsync(environment, "links", "links-organiser/ws-85", "--out", file);
        var registrants = await LiveRegistry.RunWithAsync(environment, "links", "links-organiser", "--out", Path.Combine(registry.Folder, "not-theirs.csv"));
        var nowhere = await LiveRegistry.RunWithAsync(environment, "links", "links-organiser/ws-85", "--out", Path.Combine(registry.Folder, "no-such-folder", "links.csv"));
        var folder = await LiveRegistry.RunWithAsync(environment, "links", "links-organiser/ws-85", "--out", registry.Folder);

        Assert.True(panel.Exit == 0, panel.ToString());
        Assert.Equal(7, ReadCsv(file).Count);
        Assert.True(registrants.Exit == 2, registrants.ToString());
        Assert.Contains("error: PermissionDenied", registrants.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(registry.Folder, "not-theirs.csv")));
        Assert.True(nowhere.Exit == 2, nowhere.ToString());
        Assert.Contains("no-such-folder", nowhere.Error, StringComparison.Ordinal);
        Assert.True(folder.Exit == 2, folder.ToString());
        Assert.Contains("is a folder; give a file name", folder.Error, StringComparison.Ordinal);
        // The failed run made no links, so the file's links were not revoked.
        using var http = new HttpClient();
        foreach (var row in ReadCsv(file))
        {
            using var page = await http.GetAsync(new Uri(row["url"]));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    [Fact]
    public async Task One_persons_link_can_be_written_to_a_file_too()
    {
        await SeedAsync("links-one");
        using var client = registry.Admin();
        var avri = await Pages.All(new ListStakeholdersRequest { PageSize = 1000 }, client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders)
            .FirstAsync(p => p.DisplayName == "Avri Doria");
        var file = Path.Combine(registry.Folder, "avri.csv");

        var result = await registry.RunAsync("links", avri.Name, "--out", file);

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains($"Wrote 1 declaration link(s) for {avri.Name}", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("/declare/", result.Output, StringComparison.Ordinal);
        Assert.Equal(["Avri Doria"], ReadCsv(file).Select(r => r["display_name"]));
    }
}
