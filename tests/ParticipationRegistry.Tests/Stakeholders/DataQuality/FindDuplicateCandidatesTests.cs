using Grpc.Core;
using ParticipationRegistry.Server.Stakeholders.Duplicates;
using ParticipationRegistry.Tests.Audit;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>FindDuplicateCandidates on a real server: proposals scored against the people stored, by ListDuplicateCandidates' rules.</summary>
public sealed class FindDuplicateCandidatesTests
{
    private static async Task<Stakeholder> PersonAsync(TestRegistry registry, string name, string country = "", string affiliation = "", string email = "") =>
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = name, CountryCode = country, Affiliation = affiliation, Email = email },
        });

    private static Stakeholder Proposal(string name, string country = "", string affiliation = "", string email = "") =>
        new() { DisplayName = name, CountryCode = country, Affiliation = affiliation, Email = email };

    [Fact]
    public async Task The_seeds_spelling_variants_find_their_people_and_a_namesake_elsewhere_is_no_likely_candidate()
    {
        await using var registry = await TestRegistry.StartAsync();
        var wolfgang = await PersonAsync(registry, "Wolfgang Kleinwächter", affiliation: "University of Aarhus");
        var izumi = await PersonAsync(registry, "Izumi Aizu", affiliation: "Institute for InfoSocionomics, Tama University");
        await PersonAsync(registry, "Ahmed Ali", "EG", "Cairo University");
        var before = (await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100 })).Stakeholders.Count;

        var response = await registry.Stakeholders.FindDuplicateCandidatesAsync(new FindDuplicateCandidatesRequest
        {
            Stakeholders =
            {
                Proposal("Wolfgang Kleinwacther", affiliation: "University of Aarhus"),
                Proposal("Izumi Aizu", affiliation: "Institute for InfoSocinomics, Tama University"),
                Proposal("Ahmed Ali", "PK", "Ministry of IT and Telecom"),
                Proposal("Anriette Esterhuysen", "ZA"),
            },
        });

        Assert.Equal(4, response.Results.Count);
        var first = Assert.Single(response.Results[0].Candidates);
        Assert.Equal(wolfgang.Name, first.Stakeholder);
        Assert.Equal([DuplicateReason.NameTransposition, DuplicateReason.SameOrganization], first.Reasons);
        Assert.Equal(0.75, first.Confidence);
        var second = Assert.Single(response.Results[1].Candidates);
        Assert.Equal(izumi.Name, second.Stakeholder);
        Assert.Equal([DuplicateReason.SameNormalisedName, DuplicateReason.SameOrganization], second.Reasons);
        var namesake = Assert.Single(response.Results[2].Candidates);
        Assert.True(namesake.Confidence < 0.5, namesake.ToString());
        Assert.Empty(response.Results[3].Candidates);

        // The same scores as the pair would get stored; min_confidence drops the namesake; nothing was created.
        var likely = await registry.Stakeholders.FindDuplicateCandidatesAsync(new FindDuplicateCandidatesRequest
        {
            Stakeholders = { Proposal("Ahmed Ali", "PK", "Ministry of IT and Telecom") },
            MinConfidence = 0.5,
        });
        Assert.Empty(Assert.Single(likely.Results).Candidates);
        Assert.Equal(before, (await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100 })).Stakeholders.Count);
    }

    [Fact]
    public async Task The_same_email_is_found_alone_and_the_call_is_audited_as_a_read_of_email()
    {
        await using var registry = await TestRegistry.StartAsync();
        var avri = await PersonAsync(registry, "Avri Doria", email: "avri@example.org");
        var response = await registry.Stakeholders.FindDuplicateCandidatesAsync(new FindDuplicateCandidatesRequest
        {
            Stakeholders = { Proposal("A. Doria", email: "AVRI@example.org") },
        });
        var found = Assert.Single(Assert.Single(response.Results).Candidates);
        Assert.Equal(avri.Name, found.Stakeholder);
        Assert.Equal([DuplicateReason.SameEmail], found.Reasons);
        Assert.Equal(0.95, found.Confidence);

        await registry.Stakeholders.FindDuplicateCandidatesAsync(new FindDuplicateCandidatesRequest { Stakeholders = { Proposal("Avri Doria") } });
        var reads = (await registry.AuditEventsAsync()).Where(e => e.Method.EndsWith("/FindDuplicateCandidates", StringComparison.Ordinal)).ToList();
        Assert.Equal(["email"], Assert.Single(reads).Fields);
    }

    [Fact]
    public async Task Bad_proposals_are_invalid_with_their_paths_and_viewers_are_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        await RpcAssert.InvalidFieldAsync("stakeholders", () => registry.Stakeholders.FindDuplicateCandidatesAsync(new FindDuplicateCandidatesRequest()).ResponseAsync);
        var tooMany = new FindDuplicateCandidatesRequest();
        tooMany.Stakeholders.AddRange(Enumerable.Range(0, 1001).Select(i => Proposal($"Person {i}")));
        await RpcAssert.InvalidFieldAsync("stakeholders", () => registry.Stakeholders.FindDuplicateCandidatesAsync(tooMany).ResponseAsync);
        var bad = new FindDuplicateCandidatesRequest { Stakeholders = { Proposal("Peter Major", "ZZ"), Proposal("") }, MinConfidence = 2 };
        await RpcAssert.InvalidFieldAsync("stakeholders[0].country_code", () => registry.Stakeholders.FindDuplicateCandidatesAsync(bad).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("stakeholders[1].display_name", () => registry.Stakeholders.FindDuplicateCandidatesAsync(bad).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("min_confidence", () => registry.Stakeholders.FindDuplicateCandidatesAsync(bad).ResponseAsync);

        var viewer = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => viewer.FindDuplicateCandidatesAsync(new FindDuplicateCandidatesRequest { Stakeholders = { Proposal("Peter Major") } }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task In_a_block_larger_than_MaxBlock_the_proposals_neighbours_in_name_order_are_compared()
    {
        await using var registry = await TestRegistry.StartAsync();
        var batch = new BatchCreateStakeholdersRequest();
        // 60 people whose first word is Wolfgang and last word starts with K: one block "wolfgang k" beyond MaxBlock.
        batch.Requests.AddRange(Enumerable.Range(0, DuplicateFinder.MaxBlock + 10).Select(i => new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = $"Wolfgang K{(char)('a' + (i / 26))}{(char)('a' + (i % 26))}mann", Affiliation = "University of Aarhus" },
        }));
        batch.Requests.Add(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Wolfgang Kleinwächter", Affiliation = "University of Aarhus" } });
        var wolfgang = (await registry.Stakeholders.BatchCreateStakeholdersAsync(batch)).Stakeholders[^1];

        var response = await registry.Stakeholders.FindDuplicateCandidatesAsync(new FindDuplicateCandidatesRequest
        {
            Stakeholders = { Proposal("Wolfgang Kleinwacther", affiliation: "University of Aarhus") },
        });

        var found = Assert.Single(response.Results).Candidates;
        Assert.Equal(wolfgang.Name, Assert.Single(found).Stakeholder);
    }

    /// <summary>Each block is looked up in its own index, in its order: the cost per proposal is five index seeks, never a sort or a scan.</summary>
    // SQLite's EXPLAIN QUERY PLAN: about SQLite's planner.
    [Trait("Engine", "SqliteOnly")]
    [Fact]
    public async Task Every_block_lookup_reads_its_index_in_order()
    {
        foreach (var sql in DuplicateFinder.ProposalQueries)
        {
            var plan = await QueryPlans.PlanOf(sql, new { value = "wolfgang k", nameKey = "wolfgang kleinwachter" });
            Assert.Contains(plan, line => line.Contains("USING INDEX stakeholders_by_", StringComparison.Ordinal) || line.Contains("USING COVERING INDEX stakeholders_by_", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
    }
}
