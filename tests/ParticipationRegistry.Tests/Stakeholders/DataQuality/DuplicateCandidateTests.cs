using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Stakeholders.Duplicates;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>ListDuplicateCandidates and MarkNotDuplicate on a real server.</summary>
public sealed class DuplicateCandidateTests
{
    private static async Task<Stakeholder> PersonAsync(TestRegistry registry, string name, string country = "", string affiliation = "", string email = "") =>
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = name, CountryCode = country, Affiliation = affiliation, Email = email },
        });

    private static async Task<List<DuplicateCandidate>> ListAsync(StakeholderService.StakeholderServiceClient client, double min = 0) =>
        (await client.ListDuplicateCandidatesAsync(new ListDuplicateCandidatesRequest { PageSize = 1000, MinConfidence = min })).Candidates.ToList();

    [Fact]
    public async Task Two_Ahmed_Ali_of_different_countries_and_organisations_are_no_strong_candidate_and_the_same_in_one_organisation_are()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PersonAsync(registry, "Ahmed Ali", "EG", "Cairo University");
        await PersonAsync(registry, "Ahmed Ali", "PK", "Ministry of IT and Telecom");
        var weak = Assert.Single(await ListAsync(registry.Stakeholders));
        Assert.True(weak.Confidence < 0.5, weak.ToString());
        Assert.Empty(await ListAsync(registry.Stakeholders, 0.5));

        await PersonAsync(registry, "AHMED  ALI", "EG", "Cairo University.");
        var strong = await ListAsync(registry.Stakeholders, 0.8);
        Assert.Equal([DuplicateReason.SameNormalisedName, DuplicateReason.SameOrganization, DuplicateReason.SameCountry], Assert.Single(strong).Reasons);
    }

    [Fact]
    public async Task A_letter_off_counts_only_with_the_same_organisation_or_country_and_the_same_email_counts_alone()
    {
        await using var registry = await TestRegistry.StartAsync();
        var mervi = await PersonAsync(registry, "Mervi Kultamaa", "FI");
        var typo = await PersonAsync(registry, "Mervi Kultama", "FI");
        await PersonAsync(registry, "Mervi Kultamab", "SE");
        var shared = await PersonAsync(registry, "Markus Kummer", email: "mk@isoc.example");
        var sameEmail = await PersonAsync(registry, "M. Kummer", email: "MK@isoc.example");

        var candidates = await ListAsync(registry.Stakeholders);
        Assert.Equal(2, candidates.Count);
        Assert.Contains(candidates, c => c.Stakeholders.Order().SequenceEqual(new[] { mervi.Name, typo.Name }.Order()) && c.Reasons.Contains(DuplicateReason.NameEditDistance));
        var byEmail = candidates.Single(c => c.Reasons.Contains(DuplicateReason.SameEmail));
        Assert.Equal(new[] { shared.Name, sameEmail.Name }.Order(), byEmail.Stakeholders.Order());
        Assert.True(byEmail.Confidence >= 0.9);
    }

    [Fact]
    public async Task A_pair_marked_not_duplicate_never_comes_back_and_other_pairs_stay()
    {
        await using var registry = await TestRegistry.StartAsync();
        var first = await PersonAsync(registry, "Parminder Jeet Singh", "IN", "IT for Change");
        var second = await PersonAsync(registry, "Parminder Jeet Singh", "IN", "IT for Change");
        var third = await PersonAsync(registry, "Parminder Jeet Singh", "IN", "IT for Change");
        Assert.Equal(3, (await ListAsync(registry.Stakeholders)).Count);

        await registry.Stakeholders.MarkNotDuplicateAsync(new MarkNotDuplicateRequest { Name = second.Name, Other = first.Name });
        await registry.Stakeholders.MarkNotDuplicateAsync(new MarkNotDuplicateRequest { Name = first.Name, Other = second.Name });

        var left = await ListAsync(registry.Stakeholders);
        Assert.Equal(2, left.Count);
        Assert.All(left, c => Assert.Contains(third.Name, c.Stakeholders));
    }

    [Fact]
    public async Task Names_that_differ_by_a_vowel_sign_are_no_candidates_two_swapped_latin_letters_are_and_names_that_differ_by_harakat_or_niqqud_are_the_same()
    {
        await using var registry = await TestRegistry.StartAsync();
        var ram = await PersonAsync(registry, "राम शर्मा", "IN");
        var rama = await PersonAsync(registry, "रमा शर्मा", "IN");
        var pointed = await PersonAsync(registry, "مُحَمَّد عَلِيّ", "EG");
        var plain = await PersonAsync(registry, "محمد علي", "EG");
        var niqqud = await PersonAsync(registry, "מֹשֶׁה כֹּהֵן", "IL");
        var bare = await PersonAsync(registry, "משה כהן", "IL");

        var kleinwachter = await PersonAsync(registry, "Wolfgang Kleinwächter", "DE");
        var swapped = await PersonAsync(registry, "Wolfgang Kleinwacther", "DE");

        var candidates = await ListAsync(registry.Stakeholders);
        bool Pair(DuplicateCandidate c, Stakeholder x, Stakeholder y) => c.Stakeholders.Order().SequenceEqual(new[] { x.Name, y.Name }.Order());
        // "राम" and "रमा" are the letters रा म and र मा: two letters apart, not a swap of ा and म (NAME_TRANSPOSITION, 0.6,
        // when code units were counted), and in 6 letters one edit is allowed: no candidate. Two Latin letters swapped are.
        Assert.DoesNotContain(candidates, c => Pair(c, ram, rama));
        Assert.Equal([DuplicateReason.NameTransposition, DuplicateReason.SameCountry], Assert.Single(candidates, c => Pair(c, kleinwachter, swapped)).Reasons);
        Assert.Contains(DuplicateReason.SameNormalisedName, Assert.Single(candidates, c => Pair(c, pointed, plain)).Reasons);
        Assert.Contains(DuplicateReason.SameNormalisedName, Assert.Single(candidates, c => Pair(c, niqqud, bare)).Reasons);
    }

    [Fact]
    public async Task In_a_block_of_more_than_fifty_namesakes_the_two_of_one_country_and_organisation_are_neighbours_however_far_apart_recorded()
    {
        await using var registry = await TestRegistry.StartAsync();
        var first = await PersonAsync(registry, "John Smith", "IN", "Acme Institute");
        string[] countries = ["US", "GB", "DE", "FR", "BR", "IN"];
        var batch = new BatchCreateStakeholdersRequest();
        for (var i = 0; i < 3 * DuplicateFinder.MaxBlock / 2; i++)
        {
            batch.Requests.Add(new CreateStakeholderRequest
            {
                // No affiliation: namesakes of one country score 0.75, below a strong candidate.
                Stakeholder = new Stakeholder { DisplayName = "John Smith", CountryCode = countries[i % countries.Length] },
            });
        }

        await registry.Stakeholders.BatchCreateStakeholdersAsync(batch);
        var last = await PersonAsync(registry, "John Smith", "IN", "ACME Institute");

        // Stored as the last one was written, and found again by the whole-registry computation (FindAll).
        var strong = await ListAsync(registry.Stakeholders, 0.8);
        var pair = Assert.Single(strong);
        Assert.Equal(new[] { first.Name, last.Name }.Order(), pair.Stakeholders.Order());
        Assert.Equal([DuplicateReason.SameNormalisedName, DuplicateReason.SameOrganization, DuplicateReason.SameCountry], pair.Reasons);
        var finder = registry.App.Services.GetRequiredService<DuplicateFinder>();
        string[] ids = [.. new[] { first.Name, last.Name }.Select(n => n["stakeholders/".Length..]).Order(StringComparer.Ordinal)];
        Assert.Contains(finder.FindAll(), c => c.A == ids[0] && c.B == ids[1] && c.Confidence >= 0.8);
    }

    [Fact]
    public async Task Bad_requests_are_invalid_and_an_unknown_person_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await PersonAsync(registry, "Avri Doria");
        async Task<StatusCode> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;

        Assert.Equal(StatusCode.InvalidArgument, await CodeOf(() => registry.Stakeholders.ListDuplicateCandidatesAsync(new ListDuplicateCandidatesRequest { MinConfidence = 1.5 }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await CodeOf(() => registry.Stakeholders.MarkNotDuplicateAsync(new MarkNotDuplicateRequest { Name = person.Name, Other = person.Name }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await CodeOf(() => registry.Stakeholders.MarkNotDuplicateAsync(new MarkNotDuplicateRequest { Name = person.Name, Other = "stakeholders/nobody" }).ResponseAsync));
        var viewer = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => viewer.ListDuplicateCandidatesAsync(new ListDuplicateCandidatesRequest()).ResponseAsync));
    }

    /// <summary>Each block is read from its own index in its order: the cost is one pass over an index per block, never a sort or a scan of the table.</summary>
    // SQLite's EXPLAIN QUERY PLAN: about SQLite's planner.
    [Trait("Engine", "SqliteOnly")]
    [Fact]
    public async Task Every_block_reads_its_index_in_order()
    {
        foreach (var sql in DuplicateFinder.BlockQueries)
        {
            var plan = await QueryPlans.PlanOf(sql, new { });
            Assert.Contains(plan, line => line.Contains("USING INDEX stakeholders_by_", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
    }
}
