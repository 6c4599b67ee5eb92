using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>SuggestPanelists for an organiser, who has no rights over the people suggested: no gender leaks.</summary>
public sealed class SuggestionRedactionTests
{
    private const string Workshop = "meetings/igf-2012/sessions/ws-85";

    /// <summary>Registers three women from outside WEOG, a man from outside WEOG and a WEOG man.</summary>
    private static async Task RegisterCandidatesAsync(TestRegistry registry) =>
        await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                Person("Amina Diallo", StakeholderGroup.CivilSociety, "SN", Gender.Woman),
                Person("Kofi Mensah", StakeholderGroup.CivilSociety, "GH", Gender.Man),
                Person("Lucía Fernández", StakeholderGroup.PrivateSector, "AR", Gender.Woman),
                Person("Ewa Nowak", StakeholderGroup.TechnicalCommunity, "PL", Gender.Woman),
                Person("Jan Müller", StakeholderGroup.TechnicalCommunity, "DE", Gender.Man),
            },
        });

    private static CreateStakeholderRequest Person(string name, StakeholderGroup group, string country, Gender gender) => new()
    {
        Stakeholder = new Stakeholder { DisplayName = name, StakeholderGroup = group, CountryCode = country, Gender = gender },
    };

    /// <summary>A stored policy of the given rules, all required; the seed workshop fails each.</summary>
    private static async Task<string> PolicyAsync(TestRegistry registry, string id, params Rule[] rules)
    {
        var policy = new Policy { DisplayName = id };
        policy.Rules.AddRange(rules);
        await new BalanceService.BalanceServiceClient(registry.Channel).CreatePolicyAsync(new CreatePolicyRequest { PolicyId = id, Policy = policy });
        return $"policies/{id}";
    }

    private static Rule HalfWomen => new() { Id = "women", MinWomenShare = new MinWomenShare { MinShare = 0.5 } };

    private static Rule HalfFromOneRegion => new() { Id = "regions", MaxRegionalGroupShare = new MaxRegionalGroupShare { MaxShare = 0.5 } };

    private static Task<SuggestPanelistsResponse> SuggestAsync(TestRegistry registry, string secret, string policy) =>
        new BalanceService.BalanceServiceClient(registry.ChannelFor(secret))
            .SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = Workshop, Policy = policy }).ResponseAsync;

    [Fact]
    public async Task An_organiser_is_not_told_which_suggested_people_would_fix_a_gender_rule()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        await RegisterCandidatesAsync(registry);
        var policy = await PolicyAsync(registry, "women-and-regions", HalfWomen, HalfFromOneRegion);
        var organiser = await RedactionKeys.OrganiserAsync(registry, Workshop);

        var suggested = await SuggestAsync(registry, organiser, policy);

        // The organiser may see its own panel's failing rules, but every suggestion is judged on the
        // region rule alone: women and the man from outside WEOG alike.
        Assert.Equal(["women", "regions"], suggested.FailingRules);
        Assert.Equal(
            ["Amina Diallo", "Ewa Nowak", "Kofi Mensah", "Lucía Fernández"],
            suggested.Suggestions.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.All(suggested.Suggestions, s =>
        {
            Assert.Equal(["regions"], s.FixesRules);
            Assert.DoesNotContain("women", s.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(
            Enumerable.Range(0, 4).SelectMany(i => new[] { $"suggestions[{i}].fixes_rules", $"suggestions[{i}].reason" }),
            suggested.RedactedFields);
    }

    [Fact]
    public async Task An_editor_and_an_admin_are_told_which_suggested_people_would_fix_a_gender_rule()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        await RegisterCandidatesAsync(registry);
        var policy = await PolicyAsync(registry, "women-and-regions", HalfWomen, HalfFromOneRegion);
        var editor = await registry.CreateKeyAsync(Role.Editor);

        foreach (var secret in new[] { editor, TestRegistry.AdminSecret })
        {
            var suggested = await SuggestAsync(registry, secret, policy);

            Assert.Empty(suggested.RedactedFields);
            var fixes = suggested.Suggestions.ToDictionary(s => s.DisplayName, s => s.FixesRules.ToList());
            Assert.Equal(["women", "regions"], fixes["Amina Diallo"]);
            Assert.Equal(["regions"], fixes["Kofi Mensah"]);
            Assert.Contains("women", suggested.Suggestions.First().Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Suggestions_for_a_failing_gender_rule_alone_are_made_for_an_editor_but_not_for_an_organiser()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        await RegisterCandidatesAsync(registry);
        var policy = await PolicyAsync(registry, "half-women", HalfWomen);
        var editor = await registry.CreateKeyAsync(Role.Editor);
        var organiser = await RedactionKeys.OrganiserAsync(registry, Workshop);

        var forEditor = await SuggestAsync(registry, editor, policy);
        var forOrganiser = await SuggestAsync(registry, organiser, policy);

        // Everyone suggested for a women's-share rule is a woman: the list itself would tell.
        Assert.Equal(["Amina Diallo", "Lucía Fernández", "Ewa Nowak"], forEditor.Suggestions.Select(s => s.DisplayName));
        Assert.Equal(["women"], forOrganiser.FailingRules);
        Assert.Empty(forOrganiser.Suggestions);
        Assert.Empty(forOrganiser.RedactedFields);
    }
}
