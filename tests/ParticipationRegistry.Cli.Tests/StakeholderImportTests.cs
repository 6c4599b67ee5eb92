using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary><c>registry import stakeholders</c> against a live server: bad rows, re-runs, --map, --dry-run.</summary>
public sealed class StakeholderImportTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    private async Task<List<Stakeholder>> PeopleAsync(string country)
    {
        using var client = registry.Admin();
        var people = new List<Stakeholder>();
        await foreach (var person in Pages.All(
            new ListStakeholdersRequest { Filter = $"country_code = \"{country}\"", View = StakeholderView.Full, PageSize = 1000 },
            client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders))
        {
            people.Add(person);
        }

        return people;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(registry.Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_bad_row_is_named_by_line_the_good_rows_are_imported_once_and_a_rerun_adds_nothing()
    {
        var file = Write("people-fi.csv", """
            name,affiliation,group,country,gender,email
            Aino Virtanen,Traficom,government,FI,woman,aino@example.fi
            Eero Korhonen,Aalto University,technical community,FI,,eero@example.fi
            Bad Country,Nowhere,civil society,ZZ,,
            Liisa Mäkinen,EFFI,CIVIL_SOCIETY,FI,,
            Bad Group,Somewhere,ministry,FI,,
            """);

        var first = await registry.RunAsync("import", "stakeholders", file);

        Assert.True(first.Exit == 2, first.ToString());
        Assert.Contains("people-fi.csv line 4: country 'ZZ'", first.Error, StringComparison.Ordinal);
        Assert.Contains("people-fi.csv line 6: group 'ministry' is not one of", first.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", first.Error, StringComparison.Ordinal);
        Assert.Contains("Created 3 stakeholder(s).", first.Output, StringComparison.Ordinal);
        var people = await PeopleAsync("FI");
        Assert.Equal(["Aino Virtanen", "Eero Korhonen", "Liisa Mäkinen"], people.Select(p => p.DisplayName).Order());
        var aino = people.Single(p => p.DisplayName == "Aino Virtanen");
        Assert.Equal((StakeholderGroup.Government, Gender.Woman, "aino@example.fi", RegionalGroup.WesternEuropeanOthers),
            (aino.StakeholderGroup, aino.Gender, aino.Email, aino.RegionalGroup));

        var again = await registry.RunAsync("import", "stakeholders", file);

        Assert.True(again.Exit == 2, again.ToString());
        Assert.Contains("Created 0 stakeholder(s).", again.Output, StringComparison.Ordinal);
        Assert.Contains("3 row(s) matched people already registered", again.Output, StringComparison.Ordinal);
        Assert.Equal(3, (await PeopleAsync("FI")).Count);

        File.WriteAllText(file, File.ReadAllText(file).Replace(",ZZ,", ",FI,", StringComparison.Ordinal).Replace("ministry", "government", StringComparison.Ordinal));
        var fixedRun = await registry.RunAsync("import", "stakeholders", file);

        Assert.True(fixedRun.Exit == 0, fixedRun.ToString());
        Assert.Contains("Created 2 stakeholder(s).", fixedRun.Output, StringComparison.Ordinal);
        Assert.Equal(5, (await PeopleAsync("FI")).Count);
    }

    [Fact]
    public async Task Map_reads_fields_from_columns_named_otherwise_and_dry_run_writes_nothing()
    {
        var file = Write("people-ee.csv", """
            Full name,Nationality,Sector,Organisation
            Kaja Tamm,EE,Government,Ministry of Economic Affairs
            Mart Kask,EE,Private sector,Skype
            """);

        var dry = await registry.RunAsync("import", "stakeholders", file, "--map", "Full name=name", "--map", "Nationality=country",
            "--map", "Sector=group", "--map", "Organisation=affiliation", "--dry-run");

        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.Contains("Would create 2 stakeholder(s).", dry.Output, StringComparison.Ordinal);
        Assert.Empty(await PeopleAsync("EE"));

        var real = await registry.RunAsync("import", "stakeholders", file, "--map", "Full name=name", "--map", "Nationality=country",
            "--map", "Sector=group", "--map", "Organisation=affiliation");

        Assert.True(real.Exit == 0, real.ToString());
        var people = await PeopleAsync("EE");
        Assert.Equal(["Kaja Tamm", "Mart Kask"], people.Select(p => p.DisplayName).Order());
        Assert.Equal(StakeholderGroup.PrivateSector, people.Single(p => p.DisplayName == "Mart Kask").StakeholderGroup);
        Assert.Equal("Skype", people.Single(p => p.DisplayName == "Mart Kask").Affiliation);
    }

    [Fact]
    public async Task A_missing_required_column_or_a_bad_map_is_exit_2_before_anything_is_read()
    {
        var file = Write("no-name.csv", "who,country\nSomeone,SE\n");

        var missing = await registry.RunAsync("import", "stakeholders", file);
        var badMap = await registry.RunAsync("import", "stakeholders", file, "--map", "who=nobody");

        Assert.True(missing.Exit == 2, missing.ToString());
        Assert.Contains("no column for name", missing.Error, StringComparison.Ordinal);
        Assert.True(badMap.Exit == 2, badMap.ToString());
        Assert.Contains("--map 'who=nobody'", badMap.Error, StringComparison.Ordinal);
        Assert.Empty(await PeopleAsync("SE"));
    }

    [Fact]
    public async Task Email_then_name_matches_a_person_by_email_even_under_another_spelling_of_the_name()
    {
        var first = Write("people-dk-1.csv", "name,country,email\nJens Hansen,DK,jens@example.dk\n");
        var second = Write("people-dk-2.csv", "name,country,email\nJ. Hansen,DK,JENS@example.dk\nJens Hansen,DK,\n");

        Assert.Equal(0, (await registry.RunAsync("import", "stakeholders", first)).Exit);
        var byDefault = await registry.RunAsync("import", "stakeholders", second);
        Assert.True(byDefault.Exit == 0, byDefault.ToString());
        Assert.Single(await PeopleAsync("DK"));

        var byEmailOnly = await registry.RunAsync("import", "stakeholders", second, "--match", "email");
        Assert.True(byEmailOnly.Exit == 0, byEmailOnly.ToString());
        Assert.Equal(2, (await PeopleAsync("DK")).Count);
    }

    [Fact]
    public async Task A_spreadsheet_export_with_a_byte_order_mark_and_semicolons_is_read()
    {
        var file = Path.Combine(registry.Folder, "excel.csv");
        File.WriteAllText(file, "Name;Group;Country;Affiliation\r\nJosé García;Government;ES;\"Ministerio; Madrid\"\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = await registry.RunAsync("import", "stakeholders", file);

        Assert.True(result.Exit == 0, result.ToString());
        var person = Assert.Single(await PeopleAsync("ES"));
        Assert.Equal(("José García", "Ministerio; Madrid", StakeholderGroup.Government), (person.DisplayName, person.Affiliation, person.StakeholderGroup));
    }
}
