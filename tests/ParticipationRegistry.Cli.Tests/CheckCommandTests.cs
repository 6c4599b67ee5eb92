namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// <c>registry check</c>: the exit code is the verdict (0 balanced, 1 unbalanced, 3 indeterminate, 2 error), and
/// --confirmed-only and --policy change what is judged. The panels are imported with <c>registry import programme</c>.
/// </summary>
public sealed class CheckCommandTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    private static readonly string SeedCsv = Path.Combine(AppContext.BaseDirectory, "examples", "igf-2012-workshop-85.csv");

    /// <summary>
    /// Four speakers of four stakeholder groups and four regions, two women and two men: every rule of the registry's
    /// default policy passes. Without the gender column nobody's gender is known.
    /// </summary>
    private async Task ImportPanelAsync(string meeting, string session, bool withGender)
    {
        var file = Path.Combine(registry.Folder, $"{session}.csv");
        string G(string gender) => withGender ? gender : "";
        File.WriteAllText(file, $"""
            session_id,title,kind,person,group,country,role,confirmation,gender
            {session},Balanced panel,WORKSHOP,Anna Kowalska {session},GOVERNMENT,PL,SPEAKER,CONFIRMED,{G("WOMAN")}
            {session},Balanced panel,WORKSHOP,Kwame Boateng {session},CIVIL_SOCIETY,GH,SPEAKER,CONFIRMED,{G("MAN")}
            {session},Balanced panel,WORKSHOP,Mei Tanaka {session},TECHNICAL_COMMUNITY,JP,SPEAKER,CONFIRMED,{G("WOMAN")}
            {session},Balanced panel,WORKSHOP,Diego Fernández {session},PRIVATE_SECTOR,AR,SPEAKER,CONFIRMED,{G("MAN")}
            """);
        var import = await registry.RunAsync("import", "programme", file, "--meeting", meeting);
        Assert.True(import.Exit == 0, import.ToString());
    }

    private static string RowOf(CliResult result, string rule) =>
        result.Output.Split('\n').SingleOrDefault(line => line.Contains($" {rule} ", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no row for {rule}:\n{result}");

    [Fact]
    public async Task A_balanced_panel_is_exit_0_with_a_pass_mark_on_every_rule()
    {
        await registry.CreateMeetingAsync("check-balanced");
        await ImportPanelAsync("check-balanced", "ws-1", withGender: true);

        var check = await registry.RunAsync("check", "check-balanced/ws-1");

        Assert.True(check.Exit == 0, check.ToString());
        Assert.Contains("Balanced panel: BALANCED", check.Output, StringComparison.Ordinal);
        foreach (var rule in new[] { "min-stakeholder-groups", "max-regional-group-share", "not-single-gender", "min-women-share" })
        {
            Assert.Contains("✓", RowOf(check, rule), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("✗", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speakers_with_no_recorded_gender_are_exit_3_with_the_gender_rules_indeterminate()
    {
        await registry.CreateMeetingAsync("check-unknown");
        await ImportPanelAsync("check-unknown", "ws-2", withGender: false);

        var check = await registry.RunAsync("check", "check-unknown/ws-2");

        Assert.True(check.Exit == 3, check.ToString());
        Assert.Contains("Balanced panel: INDETERMINATE", check.Output, StringComparison.Ordinal);
        var gender = RowOf(check, "not-single-gender");
        Assert.StartsWith("?", gender.Trim(), StringComparison.Ordinal);
        Assert.Contains("No gender is recorded for the 4 speakers", gender, StringComparison.Ordinal);
        Assert.Contains("✓", RowOf(check, "min-stakeholder-groups"), StringComparison.Ordinal);
        Assert.DoesNotContain("✗", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmed_only_counts_the_seed_workshops_confirmed_seats_and_says_so()
    {
        await registry.CreateMeetingAsync("igf-2012");
        Assert.Equal(0, (await registry.RunAsync("import", "programme", SeedCsv, "--meeting", "igf-2012")).Exit);

        var all = await registry.RunAsync("check", "igf-2012/ws-85");
        var confirmed = await registry.RunAsync("check", "igf-2012/ws-85", "--confirmed-only");

        Assert.True(all.Exit == 1, all.ToString());
        Assert.DoesNotContain("confirmed seats only", all.Output, StringComparison.Ordinal);
        Assert.Contains("4 of 5 speakers (80%) are from WEOG", RowOf(all, "max-regional-group-share"), StringComparison.Ordinal);
        // Mervi Kultamaa and Parminder Jeet Singh are tentative: three confirmed speakers, all of WEOG.
        Assert.True(confirmed.Exit == 1, confirmed.ToString());
        var header = confirmed.Output.Split('\n')[0];
        Assert.Contains("Quo Vadis IGF – or Evolution of IGF: UNBALANCED", header, StringComparison.Ordinal);
        Assert.Contains(", confirmed seats only)", header, StringComparison.Ordinal);
        var weog = RowOf(confirmed, "max-regional-group-share");
        Assert.Contains("✗", weog, StringComparison.Ordinal);
        Assert.Contains("3 of 3 confirmed speakers (100%) are from WEOG", weog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_chooses_the_rules_and_an_unknown_one_is_exit_2_naming_POLICY_NOT_FOUND()
    {
        await registry.CreateMeetingAsync("check-policy");
        await ImportPanelAsync("check-policy", "ws-3", withGender: true);

        var byDefault = await registry.RunAsync("check", "check-policy/ws-3");
        var preset = await registry.RunAsync("check", "check-policy/ws-3", "--policy", "igf-2023-minimum");
        var unknown = await registry.RunAsync("check", "check-policy/ws-3", "--policy", "no-such-policy");

        Assert.Contains("policies/multistakeholder-balance", byDefault.Output.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains(" min-women-share ", byDefault.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" min-speakers ", byDefault.Output, StringComparison.Ordinal);
        Assert.True(preset.Exit is 0 or 1 or 3, preset.ToString());
        Assert.Contains("policies/igf-2023-minimum", preset.Output.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("✓", RowOf(preset, "min-speakers"), StringComparison.Ordinal);
        RowOf(preset, "min-onsite");
        Assert.DoesNotContain(" min-women-share ", preset.Output, StringComparison.Ordinal);
        Assert.True(unknown.Exit == 2, unknown.ToString());
        Assert.Contains("POLICY_NOT_FOUND", unknown.Error, StringComparison.Ordinal);
        Assert.Equal("", unknown.Output);
    }

    [Fact]
    public async Task Suggest_lists_the_people_who_would_fix_the_failing_rule_each_with_why()
    {
        await registry.CreateMeetingAsync("suggest-2012");
        Assert.Equal(0, (await registry.RunAsync("import", "programme", SeedCsv, "--meeting", "suggest-2012")).Exit);
        var people = Path.Combine(registry.Folder, "candidates.csv");
        File.WriteAllText(people, """
            name,group,country,gender,affiliation
            Nnenna Nwakanma,CIVIL_SOCIETY,CI,WOMAN,Web Foundation
            Bertrand de La Chapelle,CIVIL_SOCIETY,FR,MAN,Internet & Jurisdiction
            """);
        Assert.Equal(0, (await registry.RunAsync("import", "stakeholders", people)).Exit);

        var suggest = await registry.RunAsync("suggest", "suggest-2012/ws-85", "--limit", "100");

        Assert.True(suggest.Exit == 0, suggest.ToString());
        Assert.Contains("Failing rules: max-regional-group-share", suggest.Output, StringComparison.Ordinal);
        var header = suggest.Output.Split('\n').Single(line => line.Contains(" stakeholder ", StringComparison.Ordinal));
        Assert.Contains(" why ", header + " ", StringComparison.Ordinal);
        var nnenna = suggest.Output.Split('\n').Single(line => line.Contains("Nnenna Nwakanma ", StringComparison.Ordinal));
        Assert.Contains(" AFRICAN ", nnenna, StringComparison.Ordinal);
        Assert.Contains(" max-regional-group-share ", nnenna, StringComparison.Ordinal);
        Assert.Contains("As speaker, Nnenna Nwakanma would", nnenna, StringComparison.Ordinal);
        // Another European would not fix the WEOG share: he is not suggested.
        Assert.DoesNotContain("Bertrand de La Chapelle", suggest.Output, StringComparison.Ordinal);
    }
}
