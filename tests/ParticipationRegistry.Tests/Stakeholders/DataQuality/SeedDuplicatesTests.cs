using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>
/// The demonstration: the seed workshop imported twice with its report's own spelling variants yields
/// candidates for exactly the intended pairs; after merging them the meeting counts each person once, the
/// per-person session cap sees one person, every seat is kept and old names still resolve.
/// </summary>
public sealed class SeedDuplicatesTests
{
    private static async Task<List<DuplicateCandidate>> CandidatesAsync(TestRegistry registry, double minConfidence = 0)
    {
        var all = new List<DuplicateCandidate>();
        var token = "";
        do
        {
            var page = await registry.Stakeholders.ListDuplicateCandidatesAsync(
                new ListDuplicateCandidatesRequest { PageSize = 2, PageToken = token, MinConfidence = minConfidence });
            all.AddRange(page.Candidates);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    private static string PairKey(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a}|{b}" : $"{b}|{a}";

    [Fact]
    public async Task The_two_imports_yield_exactly_the_intended_pairs_with_their_reasons()
    {
        await using var registry = await TestRegistry.StartAsync();
        var imports = await SeedImports.ArrangeAsync(registry);

        var candidates = await CandidatesAsync(registry);

        Assert.Equal(
            imports.People.Select(p => PairKey(p.First, p.Second)).Order(StringComparer.Ordinal),
            candidates.Select(c => PairKey(c.Stakeholders[0], c.Stakeholders[1])).Order(StringComparer.Ordinal));
        // Avri Doria has no affiliation in the seed: the name alone is 0.6; the others share an organisation too.
        Assert.All(candidates, c => Assert.True(c.Confidence >= 0.6, $"{c} is not a candidate worth proposing"));
        Assert.Equal(6, candidates.Count(c => c.Confidence >= 0.75));
        Assert.Equal(candidates.OrderByDescending(c => c.Confidence).Select(c => c.Confidence), candidates.Select(c => c.Confidence));
        var kleinwachter = imports.People.Single(p => p.DisplayName == "Wolfgang Kleinwächter");
        var transposed = candidates.Single(c => c.Stakeholders.Contains(kleinwachter.First));
        Assert.Contains(DuplicateReason.NameTransposition, transposed.Reasons);
        Assert.Contains(DuplicateReason.SameOrganization, transposed.Reasons);
        var aizu = imports.People.Single(p => p.DisplayName == "Izumi Aizu");
        var socinomics = candidates.Single(c => c.Stakeholders.Contains(aizu.First));
        Assert.Equal([DuplicateReason.SameNormalisedName, DuplicateReason.SameOrganization], socinomics.Reasons);
    }

    [Fact]
    public async Task Merging_the_pairs_counts_each_person_once_keeps_every_seat_and_the_cap_sees_one_person()
    {
        await using var registry = await TestRegistry.StartAsync();
        var imports = await SeedImports.ArrangeAsync(registry);
        var reports = new ReportService.ReportServiceClient(registry.Channel);
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        await balance.CreatePolicyAsync(new CreatePolicyRequest
        {
            PolicyId = "one-session-each",
            Policy = new Policy { DisplayName = "One session each", Rules = { new Rule { MaxSessionsPerPerson = new MaxSessionsPerPerson { MaxSessions = 1 } } } },
        });
        var options = new ReportOptions { IncludePersonalData = true };
        var before = await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = SeedImports.Meeting, Options = options });
        var capBefore = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = SeedImports.Workshop, Policy = "policies/one-session-each" });
        Assert.Equal(14, before.Panellists);
        Assert.DoesNotContain(capBefore.RuleResults, r => r.Outcome == RuleOutcome.Fail);

        var moved = 0;
        foreach (var person in imports.People)
        {
            var merged = await registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = person.First, Duplicates = { person.Second } });
            Assert.Equal(person.First, merged.Stakeholder.Name);
            Assert.Equal(person.DisplayName, merged.Stakeholder.DisplayName);
            Assert.Single(merged.MovedRegistrations);
            moved += merged.MovedParticipants.Count;
        }

        var after = await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = SeedImports.Meeting, Options = options });
        Assert.Equal(before.Seats, after.Seats);
        Assert.Equal(before.Seats / 2, moved);
        Assert.Equal(before.Sessions, after.Sessions);
        Assert.Equal(before.Registrants, after.Registrants);
        Assert.Equal(7, after.Panellists);
        foreach (var breakdown in after.Breakdowns.Where(b => b.Population == Population.Seats))
        {
            var was = before.Breakdowns.Single(b => b.Population == Population.Seats && b.Dimension == breakdown.Dimension);
            Assert.Equal(was.Total, breakdown.Total);
            Assert.Equal(was.Categories.Select(c => (c.Label, c.Count)), breakdown.Categories.Select(c => (c.Label, c.Count)));
        }

        var capAfter = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = SeedImports.Workshop, Policy = "policies/one-session-each" });
        Assert.True(capAfter.RuleResults.Any(r => r.RuleId == "max-sessions-per-person" && r.Outcome == RuleOutcome.Fail), capAfter.ToString());
        Assert.Empty(await CandidatesAsync(registry));

        // Old names resolve to the person they were merged into; a write through one says where to go.
        foreach (var person in imports.People)
        {
            var resolved = await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Second });
            Assert.Equal(person.First, resolved.Name);
        }

        var old = imports.People[0].Second;
        var e = await Assert.ThrowsAsync<RpcException>(() => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = old, DisplayName = "Someone else" }, UpdateMask = new FieldMask { Paths = { "display_name" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("STAKEHOLDER_MERGED", e.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Contains(imports.People[0].First, e.Status.Detail, StringComparison.Ordinal);
    }
}
