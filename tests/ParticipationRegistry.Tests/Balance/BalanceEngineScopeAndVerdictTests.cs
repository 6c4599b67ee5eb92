using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Balance.TestRules;

namespace ParticipationRegistry.Tests.Balance;

// Who a rule counts (roles, confirmation states, onsite only, confirmed_only), the panel verdict, the
// score formula, the plain-sentence explanations and the composition.
public sealed class BalanceEngineScopeAndVerdictTests
{
    // ---------------------------------------------------------------- scope: roles

    [Fact]
    public void Moderators_are_not_counted_by_default()
    {
        var panel = new PanelBuilder().Speakers(2).Moderator().Build();

        var verdict = Evaluate(new MinSpeakersRule(3), panel);

        Assert.Equal(Outcome.Fail, verdict.Outcome);
        Assert.Equal(2, verdict.Counted);
    }

    [Fact]
    public void Moderators_are_counted_when_the_scope_names_them()
    {
        var panel = new PanelBuilder().Speakers(2).Moderator().Build();

        var verdict = Evaluate(new MinSpeakersRule(3), panel, scope: Roles(ParticipantRole.Speaker, ParticipantRole.Moderator));

        Assert.Equal(Outcome.Pass, verdict.Outcome);
        Assert.Equal(3, verdict.Counted);
        Assert.Equal("3 panellists counted; at least 3 required.", verdict.Explanation);
    }

    [Fact]
    public void A_person_holding_a_speaker_and_a_moderator_seat_is_counted_once_when_both_roles_are_in_scope()
    {
        var panel = new PanelBuilder()
            .Speaker("Ana Lima", gender: Gender.Woman, key: "ana")
            .Moderator("Ana Lima", gender: Gender.Woman, key: "ana")
            .Speaker("Ben Okoro", gender: Gender.Man)
            .Build();
        var scope = Roles(ParticipantRole.Speaker, ParticipantRole.Moderator);

        var speakers = Evaluate(new MinSpeakersRule(3), panel, scope: scope);
        var women = Evaluate(new MinWomenShareRule(0.5), panel, scope: scope);

        Assert.Equal(Outcome.Fail, speakers.Outcome);
        Assert.Equal(2, speakers.Counted);
        Assert.Equal(0.5, women.Observed, 9);
        Assert.Equal(2, women.Counted);
    }

    [Fact]
    public void A_scope_of_moderators_only_counts_and_names_moderators()
    {
        var panel = new PanelBuilder().Speakers(3).Moderator().Build();

        var verdict = Evaluate(new MinSpeakersRule(2), panel, scope: Roles(ParticipantRole.Moderator));

        Assert.Equal(Outcome.Fail, verdict.Outcome);
        Assert.StartsWith("Only 1 moderator", verdict.Explanation, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- scope: confirmations

    private static Panel OneOfEachConfirmation() => new PanelBuilder()
        .Speaker("Confirmed", Confirmation.Confirmed, gender: Gender.Man)
        .Speaker("Tentative", Confirmation.Tentative, gender: Gender.Man)
        .Speaker("Invited", Confirmation.Invited, gender: Gender.Woman)
        .Speaker("Declined", Confirmation.Declined, gender: Gender.Woman)
        .Build();

    [Fact]
    public void Confirmed_and_tentative_are_counted_by_default_and_invited_and_declined_are_not()
    {
        var panel = OneOfEachConfirmation();

        var speakers = Evaluate(new MinSpeakersRule(3), panel);
        var gender = Evaluate(new NotSingleGenderRule(), panel);

        Assert.Equal(2, speakers.Counted);
        Assert.Equal(Outcome.Fail, speakers.Outcome);
        // The invited and declined women do not make the panel mixed.
        Assert.Equal(Outcome.Fail, gender.Outcome);
    }

    [Fact]
    public void A_scope_can_count_other_confirmation_states()
    {
        var panel = OneOfEachConfirmation();

        Assert.Equal(1, Evaluate(new MinSpeakersRule(1), panel, scope: Confirmations(Confirmation.Confirmed)).Counted);
        Assert.Equal(3, Evaluate(new MinSpeakersRule(1), panel, scope: Confirmations(Confirmation.Confirmed, Confirmation.Tentative, Confirmation.Invited)).Counted);
    }

    [Fact]
    public void Confirmed_only_counts_only_confirmed_people_under_the_default_scope()
    {
        var verdict = Evaluate(new MinSpeakersRule(2), OneOfEachConfirmation(), confirmedOnly: true);

        Assert.Equal(Outcome.Fail, verdict.Outcome);
        Assert.Equal(1, verdict.Counted);
        Assert.StartsWith("Only 1 confirmed speaker", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirmed_only_overrides_a_scope_that_names_other_confirmation_states()
    {
        var panel = OneOfEachConfirmation();

        var tentativeOnly = Evaluate(new MinSpeakersRule(1), panel, confirmedOnly: true, scope: Confirmations(Confirmation.Tentative));
        var withInvited = Evaluate(new MinSpeakersRule(1), panel, confirmedOnly: true, scope: Confirmations(Confirmation.Confirmed, Confirmation.Tentative, Confirmation.Invited));

        Assert.Equal(1, tentativeOnly.Counted);
        Assert.Equal(Outcome.Pass, tentativeOnly.Outcome);
        Assert.Equal(1, withInvited.Counted);
    }

    [Fact]
    public void Confirmed_only_keeps_a_person_whose_confirmed_seat_is_in_scope()
    {
        var panel = new PanelBuilder()
            .Speaker("Ana Lima", Confirmation.Tentative, key: "ana")
            .Moderator("Ana Lima", Confirmation.Confirmed, key: "ana")
            .Speaker("Ben Okoro", Confirmation.Tentative)
            .Build();

        var verdict = Evaluate(new MinSpeakersRule(1), panel, confirmedOnly: true, scope: Roles(ParticipantRole.Speaker, ParticipantRole.Moderator));

        Assert.Equal(1, verdict.Counted);
        Assert.Equal(Outcome.Pass, verdict.Outcome);
    }

    // ---------------------------------------------------------------- scope: onsite only

    [Fact]
    public void Onsite_only_counts_people_attending_onsite()
    {
        var panel = new PanelBuilder()
            .Speaker(attendance: Attendance.Onsite)
            .Speaker(attendance: Attendance.Remote)
            .Speaker(attendance: Attendance.Unspecified)
            .Build();

        var all = Evaluate(new MinSpeakersRule(1), panel);
        var onsite = Evaluate(new MinSpeakersRule(1), panel, scope: Scope.Default with { OnsiteOnly = true });

        Assert.Equal(3, all.Counted);
        Assert.Equal(1, onsite.Counted);
    }

    [Fact]
    public void Onsite_only_shares_are_taken_over_the_onsite_people()
    {
        // Remote WEOG speakers do not count against the onsite panel's regional share.
        var panel = new PanelBuilder()
            .Speaker(region: RegionalGroup.WesternEuropeanOthers, attendance: Attendance.Onsite)
            .Speaker(region: RegionalGroup.African, attendance: Attendance.Onsite)
            .Speakers(3, region: RegionalGroup.WesternEuropeanOthers, attendance: Attendance.Remote)
            .Build();

        var all = Evaluate(new MaxRegionalGroupShareRule(0.5), panel);
        var onsite = Evaluate(new MaxRegionalGroupShareRule(0.5), panel, scope: Scope.Default with { OnsiteOnly = true });

        Assert.Equal(Outcome.Fail, all.Outcome);
        Assert.Equal(Outcome.Pass, onsite.Outcome);
        Assert.Equal(2, onsite.Counted);
    }

    // ---------------------------------------------------------------- verdict

    private static Panel TwoMenAndADeclined() => new PanelBuilder()
        .Speaker(gender: Gender.Man, region: RegionalGroup.WesternEuropeanOthers)
        .Speaker(gender: Gender.Man, region: RegionalGroup.African)
        .Speaker(gender: Gender.Declined, region: RegionalGroup.AsiaPacific)
        .Build();

    [Fact]
    public void Advisory_failures_do_not_make_a_panel_unbalanced()
    {
        var report = BalanceEngine.Check(TwoMenAndADeclined(), [Required(new MinSpeakersRule(3)), Advisory(new MinYouthRule(1))], confirmedOnly: false);

        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
        Assert.Equal(Outcome.Fail, report.Rules[1].Outcome);
        Assert.Equal(75, report.Score);
    }

    [Fact]
    public void A_required_indeterminate_rule_makes_the_panel_indeterminate()
    {
        var report = BalanceEngine.Check(TwoMenAndADeclined(), [Required(new MinSpeakersRule(3)), Required(new NotSingleGenderRule()), Advisory(new MinYouthRule(1))], confirmedOnly: false);

        Assert.Equal(PanelVerdict.Indeterminate, report.Verdict);
        Assert.Equal(Outcome.Indeterminate, report.Rules[1].Outcome);
    }

    [Fact]
    public void An_advisory_indeterminate_rule_leaves_the_panel_balanced()
    {
        var report = BalanceEngine.Check(TwoMenAndADeclined(), [Required(new MinSpeakersRule(3)), Advisory(new NotSingleGenderRule())], confirmedOnly: false);

        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
    }

    [Fact]
    public void A_required_failure_outweighs_a_required_indeterminate_rule()
    {
        var report = BalanceEngine.Check(TwoMenAndADeclined(), [Required(new NotSingleGenderRule()), Required(new MinSpeakersRule(4))], confirmedOnly: false);

        Assert.Equal(PanelVerdict.Unbalanced, report.Verdict);
    }

    [Fact]
    public void Every_rule_gets_a_result_in_policy_order()
    {
        BalanceRule[] rules = [Required(new MinYouthRule(1)), Required(new MinSpeakersRule(1)), Advisory(new NotSingleGenderRule())];

        var report = BalanceEngine.Check(TwoMenAndADeclined(), rules, confirmedOnly: false);

        Assert.Equal(rules, report.Rules.Select(r => r.Rule));
    }

    [Fact]
    public void A_policy_without_rules_is_balanced_with_score_100()
    {
        var report = BalanceEngine.Check(TwoMenAndADeclined(), [], confirmedOnly: false);

        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
        Assert.Equal(100, report.Score);
        Assert.Empty(report.Rules);
    }

    // ---------------------------------------------------------------- score

    [Fact]
    public void Score_follows_the_documented_formula_on_a_hand_computed_example()
    {
        // REQUIRED pass 3 of 3, REQUIRED indeterminate 1.5 of 3, ADVISORY fail 0 of 1, ADVISORY pass 1 of 1:
        // round(100 × 5.5 / 8) = round(68.75) = 69.
        BalanceRule[] rules =
        [
            Required(new MinSpeakersRule(3)),
            Required(new NotSingleGenderRule()),
            Advisory(new MinYouthRule(1)),
            Advisory(new MinRegionalGroupsRule(2)),
        ];

        var report = BalanceEngine.Check(TwoMenAndADeclined(), rules, confirmedOnly: false);

        Assert.Equal([Outcome.Pass, Outcome.Indeterminate, Outcome.Fail, Outcome.Pass], report.Rules.Select(r => r.Outcome));
        Assert.Equal(PanelVerdict.Indeterminate, report.Verdict);
        Assert.Equal(69, report.Score);
    }

    [Fact]
    public void Score_rounds_a_half_up()
    {
        // Only the ADVISORY pass earns: round(100 × 1 / 8) = round(12.5) = 13.
        BalanceRule[] rules =
        [
            Required(new MinSpeakersRule(5)),
            Required(new MinYouthRule(1)),
            Advisory(new MinYouthRule(1)),
            Advisory(new MinRegionalGroupsRule(2)),
        ];

        var report = BalanceEngine.Check(TwoMenAndADeclined(), rules, confirmedOnly: false);

        Assert.Equal([Outcome.Fail, Outcome.Fail, Outcome.Fail, Outcome.Pass], report.Rules.Select(r => r.Outcome));
        Assert.Equal(13, report.Score);
    }

    [Fact]
    public void Score_is_zero_when_every_rule_fails_and_half_for_a_lone_indeterminate()
    {
        var allFail = BalanceEngine.Check(TwoMenAndADeclined(), [Required(new MinSpeakersRule(4)), Advisory(new MinYouthRule(1))], confirmedOnly: false);
        var loneIndeterminate = BalanceEngine.Check(TwoMenAndADeclined(), [Advisory(new NotSingleGenderRule())], confirmedOnly: false);

        Assert.Equal(0, allFail.Score);
        Assert.Equal(PanelVerdict.Unbalanced, allFail.Verdict);
        Assert.Equal(50, loneIndeterminate.Score);
    }

    [Fact]
    public void ScoreOf_weighs_required_three_and_advisory_one()
    {
        static RuleVerdict Result(Severity severity, Outcome outcome) =>
            new(new BalanceRule("r", severity, Scope.Default, new MinSpeakersRule(1)), outcome, 0, 0, "", 0, 0);

        // One REQUIRED fail (0 of 3) and one ADVISORY pass (1 of 1): 25.
        Assert.Equal(25, BalanceEngine.ScoreOf([Result(Severity.Required, Outcome.Fail), Result(Severity.Advisory, Outcome.Pass)]));
        // One REQUIRED pass (3 of 3) and one ADVISORY fail (0 of 1): 75.
        Assert.Equal(75, BalanceEngine.ScoreOf([Result(Severity.Required, Outcome.Pass), Result(Severity.Advisory, Outcome.Fail)]));
        // REQUIRED indeterminate (1.5 of 3) and ADVISORY indeterminate (0.5 of 1): 50.
        Assert.Equal(50, BalanceEngine.ScoreOf([Result(Severity.Required, Outcome.Indeterminate), Result(Severity.Advisory, Outcome.Indeterminate)]));
    }

    // ---------------------------------------------------------------- explanations

    private static IEnumerable<RuleKind> EveryKind() =>
    [
        new MinSpeakersRule(3),
        new MinStakeholderGroupsRule(3),
        new MaxStakeholderGroupShareRule(0.5),
        new RequiredStakeholderGroupsRule([StakeholderGroup.Government, StakeholderGroup.PrivateSector]),
        new MinRegionalGroupsRule(2),
        new MaxRegionalGroupShareRule(0.5),
        new NotSingleGenderRule(),
        new MinWomenShareRule(1.0 / 3),
        new MinNotMenRule(1),
        new MinDevelopingCountryRule(1),
        new MinFirstTimeRule(1),
        new MinYouthRule(1),
        new MaxSessionsPerPersonRule(3),
        new NoOverlappingSessionsRule(),
        new MinOnsiteRule(1, 2),
        new MinOrganizerGroupsRule(2),
        new NotAllFromOneOrganizationRule(),
    ];

    private static IEnumerable<Panel> VariedPanels()
    {
        yield return new PanelBuilder().Build();
        yield return new PanelBuilder().Speaker().Build();
        yield return PanelBuilder.SeedWorkshop();
        yield return new PanelBuilder()
            .Speaker("Ana Lima", group: StakeholderGroup.CivilSociety, region: RegionalGroup.African, gender: Gender.Woman, developing: true, youth: true, newcomer: true)
            .Speaker("Ben Okoro", group: StakeholderGroup.Unspecified, region: RegionalGroup.Unspecified, gender: Gender.Declined, developing: null, organization: null, attendance: Attendance.Unspecified, sessions: 5, overlap: true)
            .Speaker("Chen Wei", group: StakeholderGroup.Government, region: RegionalGroup.AsiaPacific, gender: Gender.Unspecified, organization: "org-a")
            .Moderator("Dana Cruz", attendance: Attendance.Remote, organization: "org-a")
            .Organizer(StakeholderGroup.Government)
            .Organizer(StakeholderGroup.Unspecified)
            .Organizer(StakeholderGroup.Unspecified, multistakeholder: true)
            .Build();
        yield return new PanelBuilder().Speakers(4, organization: "org-a").Speaker(organization: null).Organizer(StakeholderGroup.CivilSociety).Build();
    }

    [Fact]
    public void Every_explanation_is_one_plain_sentence()
    {
        foreach (var panel in VariedPanels())
        {
            foreach (var kind in EveryKind())
            {
                foreach (var confirmedOnly in new[] { false, true })
                {
                    var explanation = Evaluate(kind, panel, confirmedOnly).Explanation;

                    Assert.False(string.IsNullOrWhiteSpace(explanation), kind.Name);
                    Assert.True(char.IsUpper(explanation[0]) || char.IsDigit(explanation[0]), $"{kind.Name}: {explanation}");
                    Assert.True(explanation.EndsWith('.') || explanation.EndsWith(".)", StringComparison.Ordinal), $"{kind.Name}: {explanation}");
                    Assert.DoesNotContain('{', explanation);
                    Assert.DoesNotContain('}', explanation);
                    Assert.DoesNotContain('\n', explanation);
                    Assert.DoesNotContain("  ", explanation, StringComparison.Ordinal);
                    Assert.DoesNotContain("Unspecified", explanation, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Explanations_of_count_and_share_rules_contain_the_observed_numbers()
    {
        var panel = new PanelBuilder()
            .Speakers(4, region: RegionalGroup.WesternEuropeanOthers, group: StakeholderGroup.Government)
            .Speaker(region: RegionalGroup.AsiaPacific, group: StakeholderGroup.CivilSociety, gender: Gender.Woman)
            .Build();

        Assert.Equal("4 of 5 speakers (80%) are from WEOG; at most 50% allowed.", Evaluate(new MaxRegionalGroupShareRule(0.5), panel).Explanation);
        Assert.Equal("4 of 5 speakers (80%) are from Government; at most 50% allowed.", Evaluate(new MaxStakeholderGroupShareRule(0.5), panel).Explanation);
        Assert.Equal("1 of 5 speakers (20%) are women; at least 33.3% required.", Evaluate(new MinWomenShareRule(1.0 / 3), panel).Explanation);
        Assert.Equal("Only 5 speakers counted; at least 6 required.", Evaluate(new MinSpeakersRule(6), panel).Explanation);
        Assert.Equal("The speakers come from 2 regional groups (WEOG, Asia-Pacific); at least 3 required.", Evaluate(new MinRegionalGroupsRule(3), panel).Explanation);
        Assert.Equal("1 of 5 speakers are not men; at least 2 required.", Evaluate(new MinNotMenRule(2), panel).Explanation);
        Assert.Equal("0 of 5 speakers are youth; at least 1 required.", Evaluate(new MinYouthRule(1), panel).Explanation);
    }

    [Fact]
    public void A_share_of_forty_percent_is_written_without_decimals_and_a_third_with_one()
    {
        Assert.Equal("40%", BalanceEngine.Percent(0.4));
        Assert.Equal("33.3%", BalanceEngine.Percent(1.0 / 3));
        Assert.Equal("66.7%", BalanceEngine.Percent(2.0 / 3));
        Assert.Equal("100%", BalanceEngine.Percent(1));
    }

    // ---------------------------------------------------------------- composition

    [Fact]
    public void Composition_counts_distinct_speakers_and_moderators_in_the_counted_states()
    {
        var panel = new PanelBuilder()
            .Speaker("Ana Lima", gender: Gender.Woman, group: StakeholderGroup.CivilSociety, region: RegionalGroup.African, key: "ana")
            .Moderator("Ana Lima", gender: Gender.Woman, group: StakeholderGroup.CivilSociety, region: RegionalGroup.African, key: "ana")
            .Speaker("Ben Okoro", gender: Gender.Declined, group: StakeholderGroup.Government, region: RegionalGroup.Unspecified, confirmation: Confirmation.Tentative)
            .Speaker("Invited", gender: Gender.Man, confirmation: Confirmation.Invited)
            .Seat(ParticipantRole.Rapporteur, "Rapporteur", gender: Gender.Man)
            .Build();

        var all = Composition.Of(panel, confirmedOnly: false);
        var confirmed = Composition.Of(panel, confirmedOnly: true);

        Assert.Equal(2, all.People);
        Assert.Equal(new Dictionary<Gender, int> { [Gender.Woman] = 1, [Gender.Declined] = 1 }, all.Genders);
        Assert.Equal(new Dictionary<RegionalGroup, int> { [RegionalGroup.Unspecified] = 1, [RegionalGroup.African] = 1 }, all.Regions);
        Assert.Equal([Gender.Man], all.MissingGenders);
        Assert.Equal(
            [StakeholderGroup.PrivateSector, StakeholderGroup.TechnicalCommunity, StakeholderGroup.IntergovernmentalOrganization],
            all.MissingGroups);
        Assert.Equal(1, confirmed.People);
    }
}
