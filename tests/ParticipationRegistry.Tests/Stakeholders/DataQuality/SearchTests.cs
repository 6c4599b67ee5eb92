using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.Tests.Audit;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>SearchStakeholders on a real server: case and diacritics of every script, ranks, pages, personal data, erasure.</summary>
public sealed class SearchTests
{
    private static async Task<Stakeholder> PersonAsync(
        TestRegistry registry, string name, string affiliation = "", string email = "", PublicationConsent consent = PublicationConsent.Unspecified) =>
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                DisplayName = name, Affiliation = affiliation, Email = email, PublicationConsent = consent, StakeholderGroup = StakeholderGroup.CivilSociety,
            },
        });

    private static async Task<List<string>> FindAsync(StakeholderService.StakeholderServiceClient client, string query, int pageSize = 0)
    {
        var names = new List<string>();
        var token = "";
        do
        {
            var page = await client.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = query, PageSize = pageSize, PageToken = token });
            names.AddRange(page.Stakeholders.Select(s => s.DisplayName));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return names;
    }

    [Fact]
    public async Task Case_and_diacritics_are_ignored_in_Latin_Greek_and_Cyrillic()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PersonAsync(registry, "Wolfgang Kleinwächter", "University of Aarhus");
        await PersonAsync(registry, "Μαρία Παπαδοπούλου");
        await PersonAsync(registry, "Пётр Ёлкин");
        await PersonAsync(registry, "Jürgen Straße");
        await PersonAsync(registry, "Peter Major");

        Assert.Equal(["Wolfgang Kleinwächter"], await FindAsync(registry.Stakeholders, "kleinwachter"));
        Assert.Equal(["Wolfgang Kleinwächter"], await FindAsync(registry.Stakeholders, "KLEINWÄCHTER"));
        Assert.Equal(["Wolfgang Kleinwächter"], await FindAsync(registry.Stakeholders, "wolfgang kleinw"));
        Assert.Equal(["Μαρία Παπαδοπούλου"], await FindAsync(registry.Stakeholders, "ΜΑΡΙΑ"));
        Assert.Equal(["Μαρία Παπαδοπούλου"], await FindAsync(registry.Stakeholders, "παπαδοπου"));
        Assert.Equal(["Пётр Ёлкин"], await FindAsync(registry.Stakeholders, "петр"));
        Assert.Equal(["Пётр Ёлкин"], await FindAsync(registry.Stakeholders, "ЕЛКИН"));
        Assert.Equal(["Jürgen Straße"], await FindAsync(registry.Stakeholders, "jurgen strasse"));
        Assert.Equal(["Wolfgang Kleinwächter"], await FindAsync(registry.Stakeholders, "aarhus"));
        Assert.Empty(await FindAsync(registry.Stakeholders, "kleinwachterx"));
    }

    [Fact]
    public async Task Vowel_signs_and_kana_voicing_marks_make_another_name_while_harakat_niqqud_and_styled_letters_are_ignored()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PersonAsync(registry, "राम शर्मा");
        await PersonAsync(registry, "रमा शर्मा");
        await PersonAsync(registry, "ガク ヤマダ");
        await PersonAsync(registry, "مُحَمَّد عَلِيّ");
        await PersonAsync(registry, "מֹשֶׁה כֹּהֵן");
        await PersonAsync(registry, "𝐀𝐥𝐢 Khan");

        // A vowel sign is a vowel, not an accent: "राम" (Rām) and "रमा" (Ramā) are two names.
        Assert.Equal(["रमा शर्मा"], await FindAsync(registry.Stakeholders, "रमा"));
        Assert.Equal(["राम शर्मा"], await FindAsync(registry.Stakeholders, "राम"));
        Assert.Equal(["राम शर्मा"], await FindAsync(registry.Stakeholders, "राम शर्मा"));
        Assert.Empty(await FindAsync(registry.Stakeholders, "रूमा"));
        Assert.Equal(["रमा शर्मा", "राम शर्मा"], (await FindAsync(registry.Stakeholders, "शर्मा")).Order(StringComparer.Ordinal));
        // Dakuten make another sound: "ガク" (gaku) is not "カク" (kaku); half-width kana are the same letters.
        Assert.Empty(await FindAsync(registry.Stakeholders, "カク"));
        Assert.Equal(["ガク ヤマダ"], await FindAsync(registry.Stakeholders, "ｶﾞｸ"));
        // Harakat and niqqud are optional pointing: written or not, the same name.
        Assert.Equal(["مُحَمَّد عَلِيّ"], await FindAsync(registry.Stakeholders, "محمد علي"));
        Assert.Equal(["مُحَمَّد عَلِيّ"], await FindAsync(registry.Stakeholders, "عَلِي"));
        Assert.Equal(["מֹשֶׁה כֹּהֵן"], await FindAsync(registry.Stakeholders, "משה כהן"));
        Assert.Equal(["מֹשֶׁה כֹּהֵן"], await FindAsync(registry.Stakeholders, "כהן"));
        // Mathematical letters beyond the BMP are their plain letters.
        Assert.Equal(["𝐀𝐥𝐢 Khan"], await FindAsync(registry.Stakeholders, "ali khan"));
    }

    [Fact]
    public void Keys_drop_diacritics_only()
    {
        Assert.Equal("wolfgang kleinwachter", NameKeys.Key("Wolfgang Kleinwa\u0308chter"));
        Assert.Equal("μαρια елкин", NameKeys.Key("Μαρία Ёлкин"));
        Assert.NotEqual(NameKeys.Key("राम"), NameKeys.Key("रमा"));
        Assert.NotEqual(NameKeys.Key("रमा"), NameKeys.Key("रूमा"));
        Assert.Equal(["राम", "शर्मा"], NameKeys.Tokens("राम शर्मा"));
        Assert.NotEqual(NameKeys.Key("ガク"), NameKeys.Key("カク"));
        Assert.Equal(NameKeys.Key("محمد"), NameKeys.Key("مُحَمَّد"));
        Assert.Equal(NameKeys.Key("محمد"), NameKeys.Key("مـحـمـد"));
        Assert.Equal(NameKeys.Key("שלום"), NameKeys.Key("שָׁלוֹם"));
        Assert.Equal("ali", NameKeys.Key("𝐀𝐥𝐢"));
    }

    [Fact]
    public async Task Exact_name_comes_before_name_prefix_before_a_later_word_before_the_affiliation_and_each_person_once_in_every_page_size()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PersonAsync(registry, "Anna Markusdottir");
        await PersonAsync(registry, "Peter Major", "Markus Foundation");
        await PersonAsync(registry, "Markus Kummer", "Internet Society");
        await PersonAsync(registry, "Markus");
        await PersonAsync(registry, "Markus Markusson", "Markus Institute");
        await PersonAsync(registry, "Mervi Kultamaa");

        string[] expected = ["Markus", "Markus Kummer", "Markus Markusson", "Anna Markusdottir", "Peter Major"];
        Assert.Equal(expected, await FindAsync(registry.Stakeholders, "markus"));
        Assert.Equal(expected, await FindAsync(registry.Stakeholders, "Markus", pageSize: 1));
        Assert.Equal(expected, await FindAsync(registry.Stakeholders, "MARKUS", pageSize: 2));
    }

    [Fact]
    public async Task Within_a_rank_people_sort_by_name_whatever_the_order_they_were_recorded_in()
    {
        await using var registry = await TestRegistry.StartAsync();
        await InIdOrderAsync(registry, ("Markus Xexample", ""), ("Anna Quintero", ""), email: "markus@x.example");
        await InIdOrderAsync(registry, ("Markus Zed", ""), ("Markus Anna", ""));
        await InIdOrderAsync(registry, ("Zed Markus", ""), ("Anna Markus", ""));
        await InIdOrderAsync(registry, ("Zed Quill", "Markus Foundation"), ("Anna Quill", "Markus Institute"));
        await PersonAsync(registry, "Anna Markusberg");

        // Rank 0: the exact name and the email's owner, by name.
        Assert.Equal(["Anna Quintero", "Markus Xexample"], await FindAsync(registry.Stakeholders, "markus@x.example"));
        // Ranks 1, 2 and 3 by name; ranks 2 and 3 first by the word read ("markus" before "markusberg").
        string[] expected = ["Markus Anna", "Markus Xexample", "Markus Zed", "Anna Markus", "Zed Markus", "Anna Markusberg", "Anna Quill", "Zed Quill"];
        Assert.Equal(expected, await FindAsync(registry.Stakeholders, "markus"));
        Assert.Equal(expected, await FindAsync(registry.Stakeholders, "markus", pageSize: 1));
        Assert.Equal(expected, await FindAsync(registry.Stakeholders, "markus", pageSize: 3));
    }

    /// <summary>
    /// Records two people so that the first has the smaller id (ids are UUIDv7: time-ordered, but two of one
    /// millisecond are in random order, so then the names are swapped); <paramref name="email"/> goes to the second.
    /// </summary>
    private static async Task InIdOrderAsync(TestRegistry registry, (string Name, string Affiliation) first, (string Name, string Affiliation) second, string email = "")
    {
        var a = await PersonAsync(registry, first.Name, first.Affiliation);
        var b = await PersonAsync(registry, second.Name, second.Affiliation, email);
        if (string.CompareOrdinal(a.Name, b.Name) > 0)
        {
            foreach (var (person, (name, affiliation), mail) in new[] { (a, second, email), (b, first, "") })
            {
                await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
                {
                    Stakeholder = new Stakeholder { Name = person.Name, DisplayName = name, Affiliation = affiliation, Email = mail },
                    UpdateMask = new FieldMask { Paths = { "display_name", "affiliation", "email" } },
                });
            }
        }
    }

    [Fact]
    public async Task A_query_of_several_words_reads_the_range_of_its_rarest_word_and_pages_through_it()
    {
        await using var registry = await TestRegistry.StartAsync();
        foreach (var place in new[] { "Aarhus", "Geneva", "Oxford", "Nowhere", "Tartu" })
        {
            await PersonAsync(registry, $"Person {place}", $"University of {place}");
        }

        await PersonAsync(registry, "Solo Nowherian");
        using (var opened = registry.OpenDatabase())
        {
            // On PostgreSQL through the server's wrapper, which drops SQLite's INDEXED BY.
            using var connection = opened is Microsoft.Data.Sqlite.SqliteConnection ? opened : new ParticipationRegistry.Server.Storage.PostgresConnection(opened);
            // Five people have "university" and "of", one has "nowhere" (and one the name word "nowherian", of another kind).
            Assert.Equal(2, StakeholderSearch.RarestWord(connection, SearchKeys.AffiliationWordsKind, ["university", "of", "nowhere"]));
            Assert.Equal(1, StakeholderSearch.RarestWord(connection, SearchKeys.AffiliationWordsKind, ["university", "oxf"]));
            Assert.Equal(0, StakeholderSearch.RarestWord(connection, SearchKeys.AffiliationWordsKind, ["nowhere", "of"]));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(["Person Nowhere"], await FindAsync(registry.Stakeholders, "university of nowhere"));
        Assert.Empty(await FindAsync(registry.Stakeholders, "university of nowhen"));
        Assert.Empty(await FindAsync(registry.Stakeholders, "of university"));
        string[] all = ["Person Aarhus", "Person Geneva", "Person Nowhere", "Person Oxford", "Person Tartu"];
        Assert.Equal(all, await FindAsync(registry.Stakeholders, "university of"));
        Assert.Equal(all, await FindAsync(registry.Stakeholders, "University Of", pageSize: 2));
    }

    [Fact]
    public async Task A_renamed_person_is_found_by_the_new_name_only_and_an_erased_one_not_at_all()
    {
        await using var registry = await TestRegistry.StartAsync();
        var renamed = await PersonAsync(registry, "Xanthippe Brightwater");
        var erased = await PersonAsync(registry, "Xenia Quell", "Quell Foundation", "xenia@quell.example");
        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = renamed.Name, DisplayName = "Yolanda Brightwater" }, UpdateMask = new FieldMask { Paths = { "display_name" } },
        });
        await registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = erased.Name });

        Assert.Empty(await FindAsync(registry.Stakeholders, "xanthippe"));
        Assert.Equal(["Yolanda Brightwater"], await FindAsync(registry.Stakeholders, "brightwater"));
        Assert.Empty(await FindAsync(registry.Stakeholders, "xenia"));
        Assert.Empty(await FindAsync(registry.Stakeholders, "quell"));
        Assert.Empty(await FindAsync(registry.Stakeholders, "xenia@quell.example"));
    }

    [Fact]
    public async Task Email_finds_people_only_for_callers_who_may_see_emails_and_a_refused_name_only_for_those_who_may_see_it()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PersonAsync(registry, "Izumi Aizu", "Tama University", "aizu@tama.example");
        await PersonAsync(registry, "Avri Doria", consent: PublicationConsent.Refused);
        var viewer = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));

        Assert.Equal(["Izumi Aizu"], await FindAsync(registry.Stakeholders, "AIZU@tama.example"));
        Assert.Empty(await FindAsync(viewer, "aizu@tama.example"));
        Assert.Equal(["Avri Doria"], await FindAsync(registry.Stakeholders, "doria"));
        Assert.Empty(await FindAsync(viewer, "doria"));
        var found = (await viewer.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "izumi" })).Stakeholders.Single();
        Assert.Equal("", found.Email);
        Assert.Contains("email", found.RedactedFields);
        var reads = (await registry.AuditEventsAsync()).Where(e => e.Method.EndsWith("/SearchStakeholders", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, e => Assert.Equal(["email"], e.Fields));
    }

    [Fact]
    public async Task People_are_found_by_their_organisations_name_and_its_new_name_after_a_rename()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await registry.Stakeholders.CreateOrganizationAsync(new CreateOrganizationRequest
        {
            Organization = new Organization { DisplayName = "Internet Society", StakeholderGroup = StakeholderGroup.TechnicalCommunity },
        });
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Markus Kummer", Organization = organization.Name },
        });

        Assert.Equal(["Markus Kummer"], await FindAsync(registry.Stakeholders, "society"));
        await registry.Stakeholders.UpdateOrganizationAsync(new UpdateOrganizationRequest
        {
            Organization = new Organization { Name = organization.Name, DisplayName = "Société Internet" }, UpdateMask = new FieldMask { Paths = { "display_name" } },
        });

        Assert.Empty(await FindAsync(registry.Stakeholders, "society"));
        Assert.Equal(["Markus Kummer"], await FindAsync(registry.Stakeholders, "societe"));
    }

    [Fact]
    public async Task A_query_of_several_words_finds_people_by_their_organisations_name_and_follows_its_rename()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await registry.Stakeholders.CreateOrganizationAsync(new CreateOrganizationRequest
        {
            Organization = new Organization { DisplayName = "Internet Society", StakeholderGroup = StakeholderGroup.TechnicalCommunity },
        });
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Markus Kummer", Affiliation = "ISOC", Organization = organization.Name },
        });
        await PersonAsync(registry, "Peter Major", "Society for Internet Governance");

        Assert.Equal(["Markus Kummer"], await FindAsync(registry.Stakeholders, "internet society"));
        Assert.Equal(["Markus Kummer"], await FindAsync(registry.Stakeholders, "Internet Soc"));
        Assert.Equal(["Peter Major"], await FindAsync(registry.Stakeholders, "society for internet"));
        // The words must follow each other in one text: the affiliation's last word and the organisation's first are not a phrase.
        Assert.Empty(await FindAsync(registry.Stakeholders, "isoc internet"));
        await registry.Stakeholders.UpdateOrganizationAsync(new UpdateOrganizationRequest
        {
            Organization = new Organization { Name = organization.Name, DisplayName = "Société Internet" }, UpdateMask = new FieldMask { Paths = { "display_name" } },
        });

        Assert.Empty(await FindAsync(registry.Stakeholders, "internet society"));
        Assert.Equal(["Markus Kummer"], await FindAsync(registry.Stakeholders, "societe internet"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--- !!")]
    public async Task A_query_without_a_letter_or_digit_is_invalid(string query)
    {
        await using var registry = await TestRegistry.StartAsync();
        var e = await Assert.ThrowsAsync<RpcException>(() => registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = query }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task A_page_token_works_only_for_its_query()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PersonAsync(registry, "Markus Kummer");
        await PersonAsync(registry, "Markus Mustermann");
        var page = await registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "markus", PageSize = 1 });
        var e = await Assert.ThrowsAsync<RpcException>(() => registry.Stakeholders.SearchStakeholdersAsync(
            new SearchStakeholdersRequest { Query = "kummer", PageToken = page.NextPageToken }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task A_page_token_of_the_cursor_shape_before_schema_19_is_refused_as_stale_not_failed()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await PersonAsync(registry, "Zed Markus");
        var tokens = registry.App.Services.GetRequiredService<PageTokens>();
        // As the server sealed a rank 2 cursor before 0019: the rank, then the word read, no driver word or name key.
        var old = tokens.Seal(
            new PageCursor("2\u001fmarkus", person.Name.Split('/')[1]),
            new ListQueryIdentity("stakeholders:search", "", "markus\u001f", ""));

        var e = await Assert.ThrowsAsync<RpcException>(() => registry.Stakeholders.SearchStakeholdersAsync(
            new SearchStakeholdersRequest { Query = "markus", PageToken = old }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("INVALID_PAGE_TOKEN", e.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
    }

    /// <summary>Counting a word's rows reads the token index alone, at most <see cref="StakeholderSearch.ProbeCap"/> entries of it.</summary>
    // SQLite's EXPLAIN QUERY PLAN: about SQLite's planner.
    [Trait("Engine", "SqliteOnly")]
    [Fact]
    public async Task Counting_a_words_rows_reads_the_covering_token_index()
    {
        var plan = await QueryPlans.PlanOf(StakeholderSearch.ProbeSql, new { kind = 1, low = "university", high = "university\u0001", cap = StakeholderSearch.ProbeCap });

        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal) && !line.StartsWith("SCAN probe", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX stakeholder_name_tokens_by_token (kind=? AND token>? AND token<?)", StringComparison.Ordinal));
    }

    /// <summary>Every rank reads an index range in index order: no scan of the stakeholders, nothing sorted but rank 0's few exact matches.</summary>
    // SQLite's EXPLAIN QUERY PLAN: about SQLite's planner.
    [Trait("Engine", "SqliteOnly")]
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    public async Task Each_rank_reads_an_index_not_the_table(int rank, bool withEmail)
    {
        var plan = await QueryPlans.PlanOf(
            StakeholderSearch.Sql(rank, withEmail),
            new { q = "kleinw", end = NameKeys.PrefixEnd("kleinw"), single = 1, low = "kleinw", high = NameKeys.PrefixEnd("kleinw"), email = "a@b.example", afterKey = "", afterName = "", afterId = "", limit = 10 });

        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("USING INDEX", StringComparison.Ordinal) || line.Contains("USING COVERING INDEX", StringComparison.Ordinal)
            || line.Contains("USING PRIMARY KEY", StringComparison.Ordinal));
        if (rank > 0)
        {
            Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }

        if (rank >= 2)
        {
            // A person's earlier words are read by the primary key, not by the token index: that range
            // is every person's word with the prefix, read again for each candidate (0.6 s at 1M people).
            var earlier = plan.SkipWhile(line => !line.Contains("CORRELATED SCALAR SUBQUERY", StringComparison.Ordinal)).Skip(1).First();
            Assert.Contains("SEARCH e USING PRIMARY KEY (stakeholder_id=?", earlier, StringComparison.Ordinal);
        }
    }
}
