using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>CheckPanelBalance for callers without personal-data rights: no gender or attribute leaks.</summary>
public sealed class CheckRedactionTests
{
    private const string Workshop = "meetings/igf-2012/sessions/ws-85";

    // multistakeholder-balance: rules 4 (not-single-gender) and 5 (min-women-share) read gender.
    private static readonly string[] WithheldFromWorkshopCheck =
    [
        "verdict", "score",
        "rule_results[4].outcome", "rule_results[4].observed", "rule_results[4].counted", "rule_results[4].unknown", "rule_results[4].explanation",
        "rule_results[5].outcome", "rule_results[5].observed", "rule_results[5].counted", "rule_results[5].unknown", "rule_results[5].explanation",
        "composition.genders", "gaps.missing_genders",
    ];

    private static BalanceService.BalanceServiceClient Balance(TestRegistry registry, string? secret) => new(registry.ChannelFor(secret));

    [Fact]
    public async Task A_stored_session_check_withholds_gender_figures_and_the_verdict_from_a_viewer_and_another_sessions_organiser()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var viewer = await registry.CreateKeyAsync(Role.Viewer);
        var otherOrganiser = await RedactionKeys.OtherOrganiserAsync(registry);
        var full = await Balance(registry, TestRegistry.AdminSecret).CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Workshop });

        foreach (var secret in new[] { viewer, otherOrganiser })
        {
            var response = await Balance(registry, secret).CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Workshop });

            Assert.Equal(WithheldFromWorkshopCheck, response.RedactedFields);
            Assert.Equal(Verdict.Unspecified, response.Verdict);
            Assert.Equal(0, response.Score);
            Assert.Empty(response.Composition.Genders);
            Assert.Empty(response.Gaps.MissingGenders);
            foreach (var rule in response.RuleResults.Where(r => r.Kind is "not_single_gender" or "min_women_share"))
            {
                Assert.Equal(RuleOutcome.Unspecified, rule.Outcome);
                Assert.Equal((0, 0, 0, ""), (rule.Observed, rule.Counted, rule.Unknown, rule.Explanation));
                Assert.Equal(full.RuleResults.Single(r => r.RuleId == rule.RuleId).Threshold, rule.Threshold);
            }

            // What reads no personal data is shown as to anyone.
            Assert.Equal(full.RuleResults.Take(4), response.RuleResults.Take(4));
            Assert.Equal(full.Composition.StakeholderGroups, response.Composition.StakeholderGroups);
            Assert.Equal(full.Composition.People, response.Composition.People);
        }
    }

    [Fact]
    public async Task A_stored_session_check_is_whole_for_an_admin_an_editor_and_the_sessions_organiser()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var editor = await registry.CreateKeyAsync(Role.Editor);
        var organiser = await RedactionKeys.OrganiserAsync(registry, Workshop);
        var admin = await Balance(registry, TestRegistry.AdminSecret).CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Workshop });

        Assert.Empty(admin.RedactedFields);
        Assert.Equal(Verdict.Unbalanced, admin.Verdict);
        Assert.Contains(admin.Composition.Genders, g => g.Gender == Gender.Woman && g.Count == 1);
        Assert.NotEqual("", admin.RuleResults.Single(r => r.RuleId == "min-women-share").Explanation);
        foreach (var secret in new[] { editor, organiser })
        {
            Assert.Equal(admin, await Balance(registry, secret).CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Workshop }));
        }
    }

    [Fact]
    public async Task Without_a_required_personal_rule_a_viewer_keeps_the_verdict_but_not_the_gender_composition()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var viewer = await registry.CreateKeyAsync(Role.Viewer);
        var policy = new Policy
        {
            Rules =
            {
                new Rule { MaxRegionalGroupShare = new MaxRegionalGroupShare { MaxShare = 0.5 } },
                new Rule { MinYouth = new MinYouth { Count = 1 }, Severity = RuleSeverity.Advisory },
            },
        };

        var response = await Balance(registry, viewer).CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Workshop, InlinePolicy = policy });

        Assert.Equal(Verdict.Unbalanced, response.Verdict);
        Assert.Equal(RuleOutcome.Fail, response.RuleResults[0].Outcome);
        // The advisory youth rule's outcome moves the score, so both are left out.
        Assert.Equal(
            ["score", "rule_results[1].outcome", "rule_results[1].observed", "rule_results[1].counted", "rule_results[1].unknown", "rule_results[1].explanation", "composition.genders", "gaps.missing_genders"],
            response.RedactedFields);
    }

    [Fact]
    public async Task A_proposed_panel_naming_a_stored_person_neither_reveals_nor_uses_their_gender_and_youth_without_rights()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Young Woman", CountryCode = "KE", Gender = Gender.Woman, Attributes = { StakeholderAttribute.Youth } },
        });
        await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
        {
            Parent = Workshop,
            Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
        });
        var request = new CheckPanelBalanceRequest
        {
            ProposedPanel = new ProposedPanel { Panelists = { new ProposedPanelist { Stakeholder = person.Name } } },
            InlinePolicy = new Policy
            {
                Rules =
                {
                    new Rule { MinYouth = new MinYouth { Count = 1 } },
                    new Rule { MinWomenShare = new MinWomenShare { MinShare = 0.5 } },
                },
            },
        };
        var viewer = await registry.CreateKeyAsync(Role.Viewer);
        var otherOrganiser = await RedactionKeys.OtherOrganiserAsync(registry);
        var editor = await registry.CreateKeyAsync(Role.Editor);
        var organiser = await RedactionKeys.OrganiserAsync(registry, Workshop);

        foreach (var secret in new[] { viewer, otherOrganiser })
        {
            var response = await Balance(registry, secret).CheckPanelBalanceAsync(request);

            Assert.Equal(["proposed_panel.panelists[0]"], response.RedactedFields);
            Assert.DoesNotContain(response.RuleResults, r => r.Explanation.Contains("1 of 1", StringComparison.Ordinal));
            Assert.Equal(RuleOutcome.Fail, response.RuleResults[0].Outcome);
            Assert.Equal(RuleOutcome.Indeterminate, response.RuleResults[1].Outcome);
            Assert.Equal(1, response.RuleResults[1].Unknown);
            Assert.Equal([new GenderCount { Gender = Gender.Unspecified, Count = 1 }], response.Composition.Genders);
        }

        foreach (var secret in new[] { TestRegistry.AdminSecret, editor, organiser })
        {
            var response = await Balance(registry, secret).CheckPanelBalanceAsync(request);

            Assert.Empty(response.RedactedFields);
            Assert.Contains("1 of 1 speakers are youth", response.RuleResults[0].Explanation, StringComparison.Ordinal);
            Assert.Equal(Verdict.Balanced, response.Verdict);
            Assert.Equal([new GenderCount { Gender = Gender.Woman, Count = 1 }], response.Composition.Genders);
        }
    }

    [Fact]
    public async Task A_prospective_person_is_judged_as_given_by_any_caller()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var viewer = await registry.CreateKeyAsync(Role.Viewer);
        var request = new CheckPanelBalanceRequest
        {
            ProposedPanel = new ProposedPanel
            {
                Panelists =
                {
                    new ProposedPanelist { Prospective = new ProspectivePanelist { DisplayName = "P", Gender = Gender.Woman, Attributes = { StakeholderAttribute.Youth } } },
                },
            },
            InlinePolicy = new Policy { Rules = { new Rule { MinYouth = new MinYouth { Count = 1 } } } },
        };

        var response = await Balance(registry, viewer).CheckPanelBalanceAsync(request);

        Assert.Empty(response.RedactedFields);
        Assert.Equal(Verdict.Balanced, response.Verdict);
        Assert.Contains("1 of 1 speakers are youth", response.RuleResults[0].Explanation, StringComparison.Ordinal);
    }
}
