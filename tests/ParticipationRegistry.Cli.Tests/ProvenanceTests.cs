using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// Provenance through the CLI against a live server: imported people are IMPORTED, a person who declares on
/// the form (opened from <c>registry links</c>) is SELF_DECLARED, and <c>report --self-declared-only</c>
/// differs from the full report by exactly the people who did not declare.
/// </summary>
public sealed partial class ProvenanceTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    private static readonly string SeedCsv = Path.Combine(AppContext.BaseDirectory, "examples", "igf-2012-workshop-85.csv");

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    private async Task<Dictionary<string, string>> PeopleAsync()
    {
        using var client = registry.Admin();
        return await Pages.All(new ListStakeholdersRequest { PageSize = 1000 }, client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders)
            .ToDictionaryAsync(p => p.DisplayName, p => p.Name);
    }

    /// <summary>The link the CLI prints for one person, opened and submitted as the person would.</summary>
    private async Task DeclareAsync(string stakeholder, string gender)
    {
        var link = await registry.RunAsync("links", stakeholder);
        Assert.True(link.Exit == 0, link.ToString());
        var url = new Uri(link.Output.Split('\n').Single(line => line.Contains("/declare/", StringComparison.Ordinal)).Trim());
        using var http = new HttpClient();
        var csrf = CsrfField().Match(await http.GetStringAsync(url)).Groups[1].Value;
        using var saved = await http.PostAsync(url, new FormUrlEncodedContent([new("gender", gender), new("publication_consent", "given"), new("csrf", csrf)]));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static string Line(string text, string start) =>
        text.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith(start, StringComparison.Ordinal));

    /// <summary>The gender counts of the panellists in the report's JSON, by category.</summary>
    private static Dictionary<string, long> PanellistGenders(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("breakdowns").EnumerateArray()
            .Single(b => b.GetProperty("dimension").GetString() == "REPORT_DIMENSION_GENDER" && b.GetProperty("population").GetString() == "POPULATION_PANELLISTS")
            .GetProperty("categories").EnumerateArray()
            .ToDictionary(c => c.GetProperty("category").GetString()!, c => c.TryGetProperty("count", out var n) ? long.Parse(n.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : 0);

    [Fact]
    public async Task Imported_people_show_IMPORTED_a_declaration_shows_SELF_DECLARED_and_the_self_declared_report_differs_by_the_undeclared()
    {
        await registry.CreateMeetingAsync("prov-2012");
        var import = await registry.RunAsync("import", "programme", SeedCsv, "--meeting", "prov-2012");
        Assert.True(import.Exit == 0, import.ToString());
        var people = await PeopleAsync();

        var major = await registry.RunAsync("stakeholders", "get", people["Peter Major"], "--full");
        var basic = await registry.RunAsync("stakeholders", "get", people["Peter Major"]);

        Assert.True(major.Exit == 0, major.ToString());
        var provenance = JsonDocument.Parse(major.Output).RootElement.GetProperty("provenance");
        Assert.Equal("DATA_SOURCE_IMPORTED", provenance.GetProperty("gender").GetProperty("source").GetString());
        Assert.Matches(@"^gender\s+MAN\s+IMPORTED \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", Line(major.Error, "gender "));
        Assert.Contains("provenance (where each personal field came from):", major.Error, StringComparison.Ordinal);
        Assert.True(basic.Exit == 0, basic.ToString());
        Assert.DoesNotContain("provenance", basic.Output + basic.Error, StringComparison.Ordinal);

        var fullBefore = await registry.RunAsync("report", "prov-2012", "--include-personal-data", "--format", "json");
        Assert.True(fullBefore.Exit == 0, fullBefore.ToString());

        // Mervi Kultamaa, imported as a woman, says so herself; Wolfgang Kleinwächter, imported without a gender, declares man.
        await DeclareAsync(people["Mervi Kultamaa"], "woman");
        await DeclareAsync(people["Wolfgang Kleinwächter"], "man");

        var mervi = await registry.RunAsync("stakeholders", "get", people["Mervi Kultamaa"], "--full");
        Assert.True(mervi.Exit == 0, mervi.ToString());
        Assert.Matches(@"^gender\s+WOMAN\s+SELF_DECLARED \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", Line(mervi.Error, "gender "));
        Assert.Matches(@"^publication_consent\s+GIVEN\s+SELF_DECLARED ", Line(mervi.Error, "publication_consent "));
        var list = await registry.RunAsync("stakeholders", "list", "--full");
        // Ids wrap in the table's first column; the display name is on the row's first line.
        Assert.Matches(@"\sMervi Kultamaa\s.*\sWOMAN\s+SELF_DECLARED\s", list.Output);
        Assert.Matches(@"\sPeter Major\s.*\sMAN\s+IMPORTED\s", list.Output);

        var full = await registry.RunAsync("report", "prov-2012", "--include-personal-data", "--format", "json");
        var own = await registry.RunAsync("report", "prov-2012", "--include-personal-data", "--self-declared-only", "--format", "json");
        var table = await registry.RunAsync("report", "prov-2012", "--include-personal-data", "--self-declared-only");

        Assert.True(own.Exit == 0, own.ToString());
        var all = PanellistGenders(full.Output);
        var declared = PanellistGenders(own.Output);
        // The full report: the imported genders (Peter, Markus, Parminder men; Mervi, Avri women) and Wolfgang's declared man.
        Assert.Equal((4L, 2L, 1L), (all["GENDER_MAN"], all["GENDER_WOMAN"], all["GENDER_UNSPECIFIED"]));
        Assert.Equal((3L, 2L, 2L), PanellistGenders(fullBefore.Output) is var before ? (before["GENDER_MAN"], before["GENDER_WOMAN"], before["GENDER_UNSPECIFIED"]) : default);
        // Only what the two said themselves; the other five count as not recorded.
        Assert.Equal((1L, 1L, 5L), (declared["GENDER_MAN"], declared["GENDER_WOMAN"], declared["GENDER_UNSPECIFIED"]));
        Assert.True(table.Exit == 0, table.ToString());
        Assert.Contains("panellists by gender (total 7, self-declared 2)", table.Output, StringComparison.Ordinal);

        // The server's pages take it too: the Markdown export restricted to what people declared.
        var markdown = await registry.RunAsync("report", "prov-2012", "--include-personal-data", "--self-declared-only", "--format", "md");
        var markdownFull = await registry.RunAsync("report", "prov-2012", "--include-personal-data", "--format", "md");
        Assert.True(markdown.Exit == 0, markdown.ToString());
        Assert.NotEqual(markdownFull.Output, markdown.Output);
        Assert.Contains("Self-declared", markdown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Self_declared_only_needs_personal_data_in_every_format()
    {
        await registry.CreateMeetingAsync("prov-options");

        var withoutPersonal = await registry.RunAsync("report", "prov-options", "--self-declared-only");
        var asHtml = await registry.RunAsync("report", "prov-options", "--self-declared-only", "--format", "html");
        var help = await registry.RunAsync("report", "--help");

        Assert.True(withoutPersonal.Exit == 2, withoutPersonal.ToString());
        Assert.Contains("error: InvalidArgument", withoutPersonal.Error, StringComparison.Ordinal);
        Assert.Contains("self_declared_only", withoutPersonal.Error, StringComparison.Ordinal);
        Assert.True(asHtml.Exit == 2, asHtml.ToString());
        Assert.Contains("self_declared_only", asHtml.Error, StringComparison.Ordinal);
        Assert.Contains("--self-declared-only", help.Output, StringComparison.Ordinal);
    }
}
