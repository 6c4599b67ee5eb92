using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Balance.TestRules;

namespace ParticipationRegistry.Tests.Balance;

// Every rule kind of the pure engine at its boundaries: exactly at the threshold, one short, one over,
// with unknown data that could flip the rule (INDETERMINATE, and how many people it could not judge)
// and unknown data too little to matter (decided PASS or FAIL).
public sealed class BalanceEngineTests
{
    private const StakeholderGroup Gov = StakeholderGroup.Government;
    private const StakeholderGroup Cs = StakeholderGroup.CivilSociety;
    private const StakeholderGroup Ps = StakeholderGroup.PrivateSector;
    private const StakeholderGroup Tc = StakeholderGroup.TechnicalCommunity;
    private const StakeholderGroup NoGroup = StakeholderGroup.Unspecified;
    private const RegionalGroup Weog = RegionalGroup.WesternEuropeanOthers;
    private const RegionalGroup Africa = RegionalGroup.African;
    private const RegionalGroup AsiaPacific = RegionalGroup.AsiaPacific;
    private const RegionalGroup Grulac = RegionalGroup.LatinAmericanCaribbean;
    private const RegionalGroup NoRegion = RegionalGroup.Unspecified;

    private static PanelBuilder Panel() => new();

    private static Panel WithGroups(params StakeholderGroup[] groups)
    {
        var panel = Panel();
        foreach (var group in groups)
        {
            panel.Speaker(group: group);
        }

        return panel.Build();
    }

    private static Panel WithRegions(params RegionalGroup[] regions)
    {
        var panel = Panel();
        foreach (var region in regions)
        {
            panel.Speaker(region: region);
        }

        return panel.Build();
    }

    private static Panel WithGenders(params Gender[] genders)
    {
        var panel = Panel();
        foreach (var gender in genders)
        {
            panel.Speaker(gender: gender);
        }

        return panel.Build();
    }

    private static void AssertResult(RuleVerdict verdict, Outcome outcome, double observed, int counted, int unknown)
    {
        Assert.Equal(outcome, verdict.Outcome);
        Assert.Equal(observed, verdict.Observed, 9);
        Assert.Equal(counted, verdict.Counted);
        Assert.Equal(unknown, verdict.Unknown);
    }

    // ---------------------------------------------------------------- min_speakers

    [Theory]
    [InlineData(2, Outcome.Fail)]
    [InlineData(3, Outcome.Pass)]
    [InlineData(4, Outcome.Pass)]
    public void Min_speakers_passes_from_the_threshold_on(int speakers, Outcome expected)
    {
        var verdict = Evaluate(new MinSpeakersRule(3), Panel().Speakers(speakers).Build());

        AssertResult(verdict, expected, speakers, speakers, 0);
        Assert.Equal(3, verdict.Threshold);
    }

    [Fact]
    public void Min_speakers_one_short_says_how_many_were_counted()
    {
        var verdict = Evaluate(new MinSpeakersRule(3), Panel().Speakers(2).Build());

        Assert.Equal("Only 2 speakers counted; at least 3 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_speakers_counts_people_whose_other_data_is_unknown()
    {
        var panel = Panel().Speakers(3, group: NoGroup, region: NoRegion, gender: Gender.Unspecified, developing: null, organization: null, attendance: Attendance.Unspecified).Build();

        var verdict = Evaluate(new MinSpeakersRule(3), panel);

        AssertResult(verdict, Outcome.Pass, 3, 3, 0);
        Assert.Equal("3 speakers counted; at least 3 required.", verdict.Explanation);
    }

    // ---------------------------------------------------------------- min_stakeholder_groups

    [Fact]
    public void Min_stakeholder_groups_exactly_at_the_threshold_passes()
    {
        AssertResult(Evaluate(new MinStakeholderGroupsRule(3), WithGroups(Gov, Cs, Tc)), Outcome.Pass, 3, 3, 0);
    }

    [Fact]
    public void Min_stakeholder_groups_one_short_fails_and_names_the_groups()
    {
        var verdict = Evaluate(new MinStakeholderGroupsRule(3), WithGroups(Gov, Cs, Cs));

        AssertResult(verdict, Outcome.Fail, 2, 3, 0);
        Assert.Equal("The speakers come from 2 stakeholder groups (Government, Civil Society); at least 3 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_stakeholder_groups_one_over_passes()
    {
        AssertResult(Evaluate(new MinStakeholderGroupsRule(3), WithGroups(Gov, Cs, Tc, Ps)), Outcome.Pass, 4, 4, 0);
    }

    [Fact]
    public void Min_stakeholder_groups_is_indeterminate_when_an_unknown_group_could_reach_it()
    {
        var verdict = Evaluate(new MinStakeholderGroupsRule(3), WithGroups(Gov, Cs, NoGroup));

        AssertResult(verdict, Outcome.Indeterminate, 2, 3, 1);
        Assert.EndsWith("1 person with no stakeholder group recorded could decide it.", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_stakeholder_groups_fails_when_even_every_unknown_in_a_new_group_is_too_few()
    {
        AssertResult(Evaluate(new MinStakeholderGroupsRule(3), WithGroups(Gov, Gov, NoGroup)), Outcome.Fail, 1, 3, 1);
    }

    [Fact]
    public void Min_stakeholder_groups_passes_on_known_groups_whatever_the_unknowns_are()
    {
        AssertResult(Evaluate(new MinStakeholderGroupsRule(3), WithGroups(Gov, Cs, Tc, NoGroup, NoGroup)), Outcome.Pass, 3, 5, 2);
    }

    // ---------------------------------------------------------------- max_stakeholder_group_share

    [Fact]
    public void Max_stakeholder_group_share_exactly_at_the_threshold_passes()
    {
        // 2 of 4 = 50% with at most 50%.
        AssertResult(Evaluate(new MaxStakeholderGroupShareRule(0.5), WithGroups(Gov, Gov, Cs, Tc)), Outcome.Pass, 0.5, 4, 0);
    }

    [Fact]
    public void Max_stakeholder_group_share_under_the_threshold_passes()
    {
        AssertResult(Evaluate(new MaxStakeholderGroupShareRule(0.5), WithGroups(Gov, Cs, Tc, Ps)), Outcome.Pass, 0.25, 4, 0);
    }

    [Fact]
    public void Max_stakeholder_group_share_one_over_fails_and_names_the_group()
    {
        // 3 of 5 = 60% with at most 50%.
        var verdict = Evaluate(new MaxStakeholderGroupShareRule(0.5), WithGroups(Gov, Gov, Gov, Cs, Tc));

        AssertResult(verdict, Outcome.Fail, 0.6, 5, 0);
        Assert.Equal(0.5, verdict.Threshold);
        Assert.Equal("3 of 5 speakers (60%) are from Government; at most 50% allowed.", verdict.Explanation);
    }

    [Fact]
    public void Max_stakeholder_group_share_is_indeterminate_when_unknowns_could_push_the_largest_group_over()
    {
        // 2 Government of 4: at 50% if the unknown is elsewhere, 75% if Government.
        var verdict = Evaluate(new MaxStakeholderGroupShareRule(0.5), WithGroups(Gov, Gov, Cs, NoGroup));

        AssertResult(verdict, Outcome.Indeterminate, 0.5, 4, 1);
        Assert.Equal(
            "2 of 4 speakers (50%) are from Government; at most 50% allowed. 1 person with no stakeholder group recorded could decide it.",
            verdict.Explanation);
    }

    [Fact]
    public void Max_stakeholder_group_share_passes_when_unknowns_are_too_few_to_matter()
    {
        // Largest known group 1 of 5; even with the unknown it is 2 of 5 = 40%.
        AssertResult(Evaluate(new MaxStakeholderGroupShareRule(0.5), WithGroups(Gov, Cs, Tc, Ps, NoGroup)), Outcome.Pass, 0.2, 5, 1);
    }

    [Fact]
    public void Max_stakeholder_group_share_fails_when_the_known_group_is_over_whatever_the_unknowns_are()
    {
        // 3 Government of 5 is 60% before the unknowns are placed anywhere.
        AssertResult(Evaluate(new MaxStakeholderGroupShareRule(0.5), WithGroups(Gov, Gov, Gov, NoGroup, NoGroup)), Outcome.Fail, 0.6, 5, 2);
    }

    [Fact]
    public void Max_stakeholder_group_share_fails_when_even_spreading_the_unknowns_cannot_get_under()
    {
        // Six people over five groups: some group holds at least 2 of 6 (33%) whatever the unknowns are.
        var verdict = Evaluate(new MaxStakeholderGroupShareRule(0.2), WithGroups(Gov, NoGroup, NoGroup, NoGroup, NoGroup, NoGroup));

        AssertResult(verdict, Outcome.Fail, 1.0 / 6, 6, 5);
    }

    [Fact]
    public void Max_stakeholder_group_share_is_indeterminate_when_nobody_has_a_group_recorded()
    {
        var verdict = Evaluate(new MaxStakeholderGroupShareRule(0.5), WithGroups(NoGroup, NoGroup));

        AssertResult(verdict, Outcome.Indeterminate, 0, 2, 2);
    }

    [Fact]
    public void Max_stakeholder_group_share_takes_the_share_over_everyone_in_scope()
    {
        // 2 of 4, not 2 of the 2 with a recorded group: the unknowns are in the denominator.
        var verdict = Evaluate(new MaxStakeholderGroupShareRule(0.5), WithGroups(Gov, Gov, NoGroup, NoGroup));

        Assert.Equal(0.5, verdict.Observed, 9);
        Assert.Equal(Outcome.Indeterminate, verdict.Outcome);
    }

    // ---------------------------------------------------------------- required_stakeholder_groups

    [Fact]
    public void Required_stakeholder_groups_pass_when_every_group_is_present()
    {
        var verdict = Evaluate(new RequiredStakeholderGroupsRule([Gov, Cs]), WithGroups(Gov, Cs));

        AssertResult(verdict, Outcome.Pass, 2, 2, 0);
        Assert.Equal(2, verdict.Threshold);
    }

    [Fact]
    public void Required_stakeholder_groups_fail_when_one_is_missing_and_name_it()
    {
        var verdict = Evaluate(new RequiredStakeholderGroupsRule([Gov, Cs]), WithGroups(Gov, Tc));

        AssertResult(verdict, Outcome.Fail, 1, 2, 0);
        Assert.Equal("No speaker from Civil Society; required: Government, Civil Society.", verdict.Explanation);
    }

    [Fact]
    public void Required_stakeholder_groups_pass_with_more_groups_than_required()
    {
        AssertResult(Evaluate(new RequiredStakeholderGroupsRule([Gov, Cs]), WithGroups(Gov, Cs, Tc)), Outcome.Pass, 2, 3, 0);
    }

    [Fact]
    public void Required_stakeholder_groups_are_indeterminate_when_an_unknown_could_fill_the_gap()
    {
        var verdict = Evaluate(new RequiredStakeholderGroupsRule([Gov, Cs]), WithGroups(Gov, NoGroup));

        AssertResult(verdict, Outcome.Indeterminate, 1, 2, 1);
        Assert.EndsWith("1 person with no stakeholder group recorded could decide it.", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_stakeholder_groups_fail_when_more_groups_are_missing_than_people_unknown()
    {
        AssertResult(Evaluate(new RequiredStakeholderGroupsRule([Gov, Cs]), WithGroups(Tc, NoGroup)), Outcome.Fail, 0, 2, 1);
    }

    [Fact]
    public void Required_stakeholder_groups_pass_whatever_the_unknowns_are_once_present()
    {
        AssertResult(Evaluate(new RequiredStakeholderGroupsRule([Gov, Cs]), WithGroups(Gov, Cs, NoGroup)), Outcome.Pass, 2, 3, 1);
    }

    [Fact]
    public void Required_stakeholder_groups_named_twice_count_once_in_observed_and_threshold()
    {
        var verdict = Evaluate(new RequiredStakeholderGroupsRule([Gov, Gov, Cs]), WithGroups(Cs, Tc));

        Assert.Equal(Outcome.Fail, verdict.Outcome);
        Assert.Equal(1, verdict.Observed);
        Assert.Equal(2, verdict.Threshold);
    }

    // ---------------------------------------------------------------- min_regional_groups

    [Fact]
    public void Min_regional_groups_exactly_at_the_threshold_passes()
    {
        AssertResult(Evaluate(new MinRegionalGroupsRule(2), WithRegions(Weog, AsiaPacific)), Outcome.Pass, 2, 2, 0);
    }

    [Fact]
    public void Min_regional_groups_one_short_fails_and_names_the_region()
    {
        var verdict = Evaluate(new MinRegionalGroupsRule(2), WithRegions(Weog, Weog, Weog));

        AssertResult(verdict, Outcome.Fail, 1, 3, 0);
        Assert.Equal("The speakers come from 1 regional group (WEOG); at least 2 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_regional_groups_one_over_passes()
    {
        AssertResult(Evaluate(new MinRegionalGroupsRule(2), WithRegions(Weog, AsiaPacific, Africa)), Outcome.Pass, 3, 3, 0);
    }

    [Fact]
    public void Min_regional_groups_is_indeterminate_when_an_unassigned_region_could_reach_it()
    {
        var verdict = Evaluate(new MinRegionalGroupsRule(2), WithRegions(Weog, Weog, NoRegion));

        AssertResult(verdict, Outcome.Indeterminate, 1, 3, 1);
        Assert.EndsWith("1 person with no regional group recorded could decide it.", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_regional_groups_fails_when_the_unassigned_are_too_few_to_reach_it()
    {
        AssertResult(Evaluate(new MinRegionalGroupsRule(3), WithRegions(Weog, Weog, NoRegion)), Outcome.Fail, 1, 3, 1);
    }

    [Fact]
    public void Min_regional_groups_passes_on_known_regions_whatever_the_unassigned_are()
    {
        AssertResult(Evaluate(new MinRegionalGroupsRule(2), WithRegions(Weog, Africa, NoRegion)), Outcome.Pass, 2, 3, 1);
    }

    [Fact]
    public void Min_regional_groups_cannot_be_reached_by_unknowns_beyond_the_five_regions()
    {
        // Four regions known and many unknowns: at most five regions exist.
        var panel = WithRegions(Weog, Africa, AsiaPacific, Grulac, NoRegion, NoRegion, NoRegion);

        AssertResult(Evaluate(new MinRegionalGroupsRule(6), panel), Outcome.Fail, 4, 7, 3);
        AssertResult(Evaluate(new MinRegionalGroupsRule(5), panel), Outcome.Indeterminate, 4, 7, 3);
    }

    // ---------------------------------------------------------------- max_regional_group_share

    [Fact]
    public void Max_regional_group_share_exactly_at_the_threshold_passes()
    {
        AssertResult(Evaluate(new MaxRegionalGroupShareRule(0.5), WithRegions(Weog, Weog, Africa, AsiaPacific)), Outcome.Pass, 0.5, 4, 0);
    }

    [Fact]
    public void Max_regional_group_share_under_the_threshold_passes()
    {
        AssertResult(Evaluate(new MaxRegionalGroupShareRule(0.5), WithRegions(Weog, Africa, AsiaPacific)), Outcome.Pass, 1.0 / 3, 3, 0);
    }

    [Fact]
    public void Max_regional_group_share_one_over_fails()
    {
        AssertResult(Evaluate(new MaxRegionalGroupShareRule(0.5), WithRegions(Weog, Weog, Weog, Africa, AsiaPacific)), Outcome.Fail, 0.6, 5, 0);
    }

    [Fact]
    public void Max_regional_group_share_failure_says_who_how_many_and_the_limit()
    {
        var verdict = Evaluate(new MaxRegionalGroupShareRule(0.5), WithRegions(Weog, Weog, Weog, Weog, AsiaPacific));

        AssertResult(verdict, Outcome.Fail, 0.8, 5, 0);
        Assert.Equal("4 of 5 speakers (80%) are from WEOG; at most 50% allowed.", verdict.Explanation);
    }

    [Fact]
    public void Max_regional_group_share_is_indeterminate_when_unassigned_could_push_the_largest_region_over()
    {
        var verdict = Evaluate(new MaxRegionalGroupShareRule(0.5), WithRegions(Weog, Weog, Africa, NoRegion));

        AssertResult(verdict, Outcome.Indeterminate, 0.5, 4, 1);
        Assert.EndsWith("1 person with no regional group recorded could decide it.", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_regional_group_share_passes_when_unassigned_are_too_few_to_matter()
    {
        var verdict = Evaluate(new MaxRegionalGroupShareRule(0.5), WithRegions(Weog, Africa, AsiaPacific, Grulac, NoRegion));

        AssertResult(verdict, Outcome.Pass, 0.2, 5, 1);
        Assert.EndsWith("(1 with no regional group recorded.)", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_regional_group_share_fails_when_the_best_spread_of_unassigned_is_still_over()
    {
        // 3 WEOG of 5 = 60% even if both unassigned are elsewhere.
        AssertResult(Evaluate(new MaxRegionalGroupShareRule(0.5), WithRegions(Weog, Weog, Weog, NoRegion, NoRegion)), Outcome.Fail, 0.6, 5, 2);
    }

    // ---------------------------------------------------------------- not_single_gender

    [Fact]
    public void Not_single_gender_fails_a_panel_of_one()
    {
        var verdict = Evaluate(new NotSingleGenderRule(), WithGenders(Gender.Woman));

        AssertResult(verdict, Outcome.Fail, 1, 1, 0);
    }

    [Fact]
    public void Not_single_gender_fails_a_panel_of_one_whose_gender_is_unknown()
    {
        // Nothing the unknown could be would make one person two genders.
        AssertResult(Evaluate(new NotSingleGenderRule(), WithGenders(Gender.Unspecified)), Outcome.Fail, 0, 1, 1);
    }

    [Fact]
    public void Not_single_gender_fails_two_men()
    {
        var verdict = Evaluate(new NotSingleGenderRule(), WithGenders(Gender.Man, Gender.Man));

        AssertResult(verdict, Outcome.Fail, 1, 2, 0);
        Assert.Equal("All 2 speakers are men; at least one must be of a different gender.", verdict.Explanation);
    }

    [Fact]
    public void Not_single_gender_passes_a_man_and_a_woman()
    {
        AssertResult(Evaluate(new NotSingleGenderRule(), WithGenders(Gender.Man, Gender.Woman)), Outcome.Pass, 2, 2, 0);
    }

    [Fact]
    public void Not_single_gender_passes_one_over_with_two_men_and_a_woman()
    {
        AssertResult(Evaluate(new NotSingleGenderRule(), WithGenders(Gender.Man, Gender.Man, Gender.Woman)), Outcome.Pass, 2, 3, 0);
    }

    [Theory]
    [InlineData(Gender.NonBinary)]
    [InlineData(Gender.SelfDescribed)]
    public void Not_single_gender_counts_non_binary_and_self_described_as_a_different_gender(Gender other)
    {
        AssertResult(Evaluate(new NotSingleGenderRule(), WithGenders(Gender.Man, other)), Outcome.Pass, 2, 2, 0);
    }

    [Fact]
    public void Not_single_gender_is_indeterminate_for_a_man_and_a_declined()
    {
        var verdict = Evaluate(new NotSingleGenderRule(), WithGenders(Gender.Man, Gender.Declined));

        AssertResult(verdict, Outcome.Indeterminate, 1, 2, 1);
        Assert.EndsWith("is a man; 1 person with gender not recorded or declined could decide it.", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_single_gender_is_indeterminate_when_no_gender_is_recorded()
    {
        var verdict = Evaluate(new NotSingleGenderRule(), WithGenders(Gender.Unspecified, Gender.Unspecified));

        AssertResult(verdict, Outcome.Indeterminate, 0, 2, 2);
    }

    [Fact]
    public void Not_single_gender_passes_whatever_the_unknowns_are_once_two_genders_are_known()
    {
        AssertResult(Evaluate(new NotSingleGenderRule(), WithGenders(Gender.Man, Gender.Woman, Gender.Declined)), Outcome.Pass, 2, 3, 1);
    }

    // ---------------------------------------------------------------- min_women_share

    [Fact]
    public void Min_women_share_one_of_three_meets_one_third_exactly()
    {
        var verdict = Evaluate(new MinWomenShareRule(1.0 / 3), WithGenders(Gender.Woman, Gender.Man, Gender.Man));

        AssertResult(verdict, Outcome.Pass, 1.0 / 3, 3, 0);
        Assert.Equal("1 of 3 speakers (33.3%) are women; at least 33.3% required.", verdict.Explanation);
    }

    [Theory]
    [InlineData(1.0 / 3, 2, 6)]
    [InlineData(1.0 / 3, 3, 9)]
    [InlineData(0.4, 2, 5)]
    [InlineData(0.3, 3, 10)]
    [InlineData(0.07, 7, 100)] // 0.07 × 100 is 7.000000000000001 in binary floating point.
    [InlineData(0.51, 51, 100)]
    public void Min_women_share_exactly_at_the_threshold_passes_despite_floating_point(double minShare, int women, int people)
    {
        var panel = Panel().Speakers(women, gender: Gender.Woman).Speakers(people - women, gender: Gender.Man).Build();

        Assert.Equal(Outcome.Pass, Evaluate(new MinWomenShareRule(minShare), panel).Outcome);
    }

    [Fact]
    public void Min_women_share_one_short_fails()
    {
        // 1 of 4 = 25% against one third.
        var verdict = Evaluate(new MinWomenShareRule(1.0 / 3), WithGenders(Gender.Woman, Gender.Man, Gender.Man, Gender.Man));

        AssertResult(verdict, Outcome.Fail, 0.25, 4, 0);
        Assert.Equal("1 of 4 speakers (25%) are women; at least 33.3% required.", verdict.Explanation);
    }

    [Fact]
    public void Min_women_share_one_over_passes()
    {
        AssertResult(Evaluate(new MinWomenShareRule(1.0 / 3), WithGenders(Gender.Woman, Gender.Woman, Gender.Man)), Outcome.Pass, 2.0 / 3, 3, 0);
    }

    [Fact]
    public void Min_women_share_is_indeterminate_when_unknown_genders_could_reach_it()
    {
        // 1 of 4 are women; if the unknown were a woman, 2 of 4.
        var verdict = Evaluate(new MinWomenShareRule(1.0 / 3), WithGenders(Gender.Woman, Gender.Man, Gender.Man, Gender.Declined));

        AssertResult(verdict, Outcome.Indeterminate, 0.25, 4, 1);
        Assert.Equal(
            "1 of 4 speakers (25%) are women; at least 33.3% required. 1 person with gender not recorded or declined could decide it.",
            verdict.Explanation);
    }

    [Fact]
    public void Min_women_share_passes_whatever_the_unknowns_are_once_reached()
    {
        AssertResult(Evaluate(new MinWomenShareRule(1.0 / 3), WithGenders(Gender.Woman, Gender.Man, Gender.Unspecified)), Outcome.Pass, 1.0 / 3, 3, 1);
    }

    [Fact]
    public void Min_women_share_fails_when_even_all_unknowns_as_women_are_too_few()
    {
        var panel = WithGenders(Gender.Man, Gender.Man, Gender.Man, Gender.Man, Gender.Man, Gender.Unspecified);

        AssertResult(Evaluate(new MinWomenShareRule(1.0 / 3), panel), Outcome.Fail, 0, 6, 1);
    }

    [Fact]
    public void Min_women_share_does_not_count_non_binary_people_as_women()
    {
        AssertResult(Evaluate(new MinWomenShareRule(1.0 / 3), WithGenders(Gender.NonBinary, Gender.Man, Gender.Man)), Outcome.Fail, 0, 3, 0);
    }

    // ---------------------------------------------------------------- min_not_men

    [Fact]
    public void Min_not_men_exactly_at_the_threshold_passes()
    {
        var verdict = Evaluate(new MinNotMenRule(1), WithGenders(Gender.Woman, Gender.Man, Gender.Man));

        AssertResult(verdict, Outcome.Pass, 1, 3, 0);
        Assert.Equal("1 of 3 speakers are not men; at least 1 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_not_men_one_short_fails()
    {
        AssertResult(Evaluate(new MinNotMenRule(1), WithGenders(Gender.Man, Gender.Man, Gender.Man)), Outcome.Fail, 0, 3, 0);
    }

    [Fact]
    public void Min_not_men_one_over_passes_counting_women_non_binary_and_self_described()
    {
        var panel = WithGenders(Gender.Woman, Gender.NonBinary, Gender.SelfDescribed, Gender.Man);

        AssertResult(Evaluate(new MinNotMenRule(2), panel), Outcome.Pass, 3, 4, 0);
    }

    [Fact]
    public void Min_not_men_is_indeterminate_when_an_unknown_gender_could_reach_it()
    {
        var verdict = Evaluate(new MinNotMenRule(1), WithGenders(Gender.Man, Gender.Man, Gender.Declined));

        AssertResult(verdict, Outcome.Indeterminate, 0, 3, 1);
        Assert.Equal(
            "0 of 3 speakers are not men; at least 1 required. 1 person whose gender is not recorded or declined could decide it.",
            verdict.Explanation);
    }

    [Fact]
    public void Min_not_men_passes_whatever_the_unknowns_are_once_reached()
    {
        AssertResult(Evaluate(new MinNotMenRule(1), WithGenders(Gender.Woman, Gender.Declined)), Outcome.Pass, 1, 2, 1);
    }

    [Fact]
    public void Min_not_men_fails_when_even_all_unknowns_are_too_few()
    {
        AssertResult(Evaluate(new MinNotMenRule(3), WithGenders(Gender.Woman, Gender.Unspecified, Gender.Man)), Outcome.Fail, 1, 3, 1);
    }

    // ---------------------------------------------------------------- min_developing_country_speakers

    private static Panel WithDeveloping(params bool?[] developing)
    {
        var panel = Panel();
        foreach (var value in developing)
        {
            panel.Speaker(developing: value);
        }

        return panel.Build();
    }

    [Fact]
    public void Min_developing_country_speakers_exactly_at_the_threshold_passes()
    {
        AssertResult(Evaluate(new MinDevelopingCountryRule(1), WithDeveloping(true, false, false)), Outcome.Pass, 1, 3, 0);
    }

    [Fact]
    public void Min_developing_country_speakers_one_short_fails()
    {
        var verdict = Evaluate(new MinDevelopingCountryRule(1), WithDeveloping(false, false, false));

        AssertResult(verdict, Outcome.Fail, 0, 3, 0);
        Assert.Equal("0 of 3 speakers are from an LDC, LLDC or SIDS country; at least 1 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_developing_country_speakers_one_over_passes()
    {
        AssertResult(Evaluate(new MinDevelopingCountryRule(1), WithDeveloping(true, true, false)), Outcome.Pass, 2, 3, 0);
    }

    [Fact]
    public void Min_developing_country_speakers_treat_no_country_as_unknown_that_could_reach_it()
    {
        var verdict = Evaluate(new MinDevelopingCountryRule(1), WithDeveloping(false, false, null));

        AssertResult(verdict, Outcome.Indeterminate, 0, 3, 1);
        Assert.EndsWith("1 person with no country recorded could decide it.", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_developing_country_speakers_pass_whatever_the_unknowns_are_once_reached()
    {
        AssertResult(Evaluate(new MinDevelopingCountryRule(1), WithDeveloping(true, null)), Outcome.Pass, 1, 2, 1);
    }

    [Fact]
    public void Min_developing_country_speakers_fail_when_even_all_unknowns_are_too_few()
    {
        AssertResult(Evaluate(new MinDevelopingCountryRule(2), WithDeveloping(false, false, null)), Outcome.Fail, 0, 3, 1);
    }

    // ---------------------------------------------------------------- min_first_time_speakers

    [Theory]
    [InlineData(1, Outcome.Fail)]
    [InlineData(2, Outcome.Pass)]
    [InlineData(3, Outcome.Pass)]
    public void Min_first_time_speakers_passes_from_the_threshold_on(int newcomers, Outcome expected)
    {
        var panel = Panel().Speakers(newcomers, newcomer: true).Speakers(4 - newcomers, newcomer: false).Build();

        var verdict = Evaluate(new MinFirstTimeRule(2), panel);

        AssertResult(verdict, expected, newcomers, 4, 0);
        Assert.Equal($"{newcomers} of 4 speakers are first-time speakers at this forum; at least 2 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_first_time_speakers_has_no_unknowns_even_when_other_data_is_missing()
    {
        var panel = Panel().Speakers(3, newcomer: false, gender: Gender.Unspecified, region: NoRegion, developing: null).Build();

        AssertResult(Evaluate(new MinFirstTimeRule(1), panel), Outcome.Fail, 0, 3, 0);
    }

    // ---------------------------------------------------------------- min_youth

    [Theory]
    [InlineData(0, Outcome.Fail)]
    [InlineData(1, Outcome.Pass)]
    [InlineData(2, Outcome.Pass)]
    public void Min_youth_passes_from_the_threshold_on(int youth, Outcome expected)
    {
        var panel = Panel().Speakers(youth, youth: true).Speakers(3 - youth, youth: false).Build();

        var verdict = Evaluate(new MinYouthRule(1), panel);

        AssertResult(verdict, expected, youth, 3, 0);
        Assert.Equal($"{youth} of 3 speakers are youth; at least 1 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_youth_has_no_unknowns_even_when_other_data_is_missing()
    {
        var panel = Panel().Speakers(2, youth: false, gender: Gender.Declined, group: NoGroup).Build();

        AssertResult(Evaluate(new MinYouthRule(1), panel), Outcome.Fail, 0, 2, 0);
    }

    // ---------------------------------------------------------------- max_sessions_per_person

    [Fact]
    public void Max_sessions_per_person_counting_this_session_passes_at_the_cap()
    {
        var panel = Panel().Speaker("Ana Lima", sessions: 3).Speaker("Ben Okoro", sessions: 1).Build();

        var verdict = Evaluate(new MaxSessionsPerPersonRule(3), panel);

        AssertResult(verdict, Outcome.Pass, 3, 2, 0);
        Assert.Equal(3, verdict.Threshold);
        Assert.Equal("Nobody counted sits in more than 3 sessions of this meeting.", verdict.Explanation);
    }

    [Fact]
    public void Max_sessions_per_person_passes_under_the_cap()
    {
        AssertResult(Evaluate(new MaxSessionsPerPersonRule(3), Panel().Speaker(sessions: 2).Build()), Outcome.Pass, 2, 1, 0);
    }

    [Fact]
    public void Max_sessions_per_person_one_over_fails_and_names_the_person()
    {
        var panel = Panel().Speaker("Ana Lima", sessions: 4).Speaker("Ben Okoro", sessions: 3).Build();

        var verdict = Evaluate(new MaxSessionsPerPersonRule(3), panel);

        AssertResult(verdict, Outcome.Fail, 4, 2, 0);
        Assert.Equal("Ana Lima sits in 4 sessions of this meeting; at most 3 allowed.", verdict.Explanation);
    }

    [Fact]
    public void Max_sessions_per_person_names_everyone_over_the_cap()
    {
        var panel = Panel().Speaker("Ana Lima", sessions: 4).Speaker("Ben Okoro", sessions: 5).Build();

        var verdict = Evaluate(new MaxSessionsPerPersonRule(3), panel);

        Assert.Equal(Outcome.Fail, verdict.Outcome);
        Assert.Equal(5, verdict.Observed);
        Assert.Equal("Ana Lima sits in 4 sessions of this meeting; Ben Okoro sits in 5 sessions of this meeting; at most 3 allowed.", verdict.Explanation);
    }

    [Fact]
    public void Max_sessions_per_person_ignores_a_moderator_outside_the_default_scope()
    {
        var panel = Panel().Speaker(sessions: 1).Moderator("Busy Moderator", sessions: 6).Build();

        Assert.Equal(Outcome.Pass, Evaluate(new MaxSessionsPerPersonRule(3), panel).Outcome);
        Assert.Equal(Outcome.Fail, Evaluate(new MaxSessionsPerPersonRule(3), panel, scope: Roles(ParticipantRole.Speaker, ParticipantRole.Moderator)).Outcome);
    }

    // ---------------------------------------------------------------- no_overlapping_sessions

    [Fact]
    public void No_overlapping_sessions_passes_when_nobody_is_double_booked()
    {
        var verdict = Evaluate(new NoOverlappingSessionsRule(), Panel().Speakers(3, overlap: false).Build());

        AssertResult(verdict, Outcome.Pass, 0, 3, 0);
        Assert.Equal("Nobody counted is booked in another session at the same time.", verdict.Explanation);
    }

    [Fact]
    public void No_overlapping_sessions_fails_and_names_the_double_booked_person()
    {
        var panel = Panel().Speaker("Ana Lima", overlap: true).Speaker("Ben Okoro").Build();

        var verdict = Evaluate(new NoOverlappingSessionsRule(), panel);

        AssertResult(verdict, Outcome.Fail, 1, 2, 0);
        Assert.Equal("Ana Lima is also booked in another session at the same time.", verdict.Explanation);
    }

    [Fact]
    public void No_overlapping_sessions_names_every_double_booked_person()
    {
        var panel = Panel().Speaker("Ana Lima", overlap: true).Speaker("Ben Okoro", overlap: true).Build();

        var verdict = Evaluate(new NoOverlappingSessionsRule(), panel);

        AssertResult(verdict, Outcome.Fail, 2, 2, 0);
        Assert.Equal("Ana Lima, Ben Okoro are also booked in another session at the same time.", verdict.Explanation);
    }

    [Fact]
    public void No_overlapping_sessions_ignores_people_outside_the_scope()
    {
        var panel = Panel().Speaker().Moderator(overlap: true).Speaker("Invited Speaker", confirmation: Confirmation.Invited, overlap: true).Build();

        Assert.Equal(Outcome.Pass, Evaluate(new NoOverlappingSessionsRule(), panel).Outcome);
    }

    // ---------------------------------------------------------------- min_onsite

    [Fact]
    public void Min_onsite_passes_with_one_moderator_and_two_speakers_onsite()
    {
        var panel = Panel().Moderator().Speakers(2, attendance: Attendance.Onsite).Build();

        var verdict = Evaluate(new MinOnsiteRule(1, 2), panel);

        AssertResult(verdict, Outcome.Pass, 2, 3, 0);
        Assert.Equal(2, verdict.Threshold);
        Assert.Equal("1 moderator and 2 speakers attend onsite; at least 1 and 2 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_onsite_one_speaker_short_fails()
    {
        var panel = Panel().Moderator().Speaker(attendance: Attendance.Onsite).Speaker(attendance: Attendance.Remote).Build();

        var verdict = Evaluate(new MinOnsiteRule(1, 2), panel);

        AssertResult(verdict, Outcome.Fail, 1, 3, 0);
        Assert.Equal("1 moderator and 1 speaker attend onsite; at least 1 and 2 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_onsite_fails_without_an_onsite_moderator()
    {
        var panel = Panel().Moderator(attendance: Attendance.Remote).Speakers(2).Build();

        AssertResult(Evaluate(new MinOnsiteRule(1, 2), panel), Outcome.Fail, 2, 3, 0);
    }

    [Fact]
    public void Min_onsite_one_over_passes()
    {
        AssertResult(Evaluate(new MinOnsiteRule(1, 2), Panel().Moderator().Speakers(3).Build()), Outcome.Pass, 3, 4, 0);
    }

    [Fact]
    public void Min_onsite_is_indeterminate_when_a_speakers_attendance_is_unspecified()
    {
        var panel = Panel().Moderator().Speaker(attendance: Attendance.Onsite).Speaker(attendance: Attendance.Unspecified).Build();

        var verdict = Evaluate(new MinOnsiteRule(1, 2), panel);

        AssertResult(verdict, Outcome.Indeterminate, 1, 3, 1);
        Assert.EndsWith("1 person with attendance not recorded could decide it.", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_onsite_is_indeterminate_when_the_moderators_attendance_is_unspecified()
    {
        var panel = Panel().Moderator(attendance: Attendance.Unspecified).Speakers(2).Build();

        AssertResult(Evaluate(new MinOnsiteRule(1, 2), panel), Outcome.Indeterminate, 2, 3, 1);
    }

    [Fact]
    public void Min_onsite_passes_whatever_the_unspecified_attendance_is_once_reached()
    {
        var panel = Panel().Moderator().Speakers(2).Speaker(attendance: Attendance.Unspecified).Build();

        AssertResult(Evaluate(new MinOnsiteRule(1, 2), panel), Outcome.Pass, 2, 4, 1);
    }

    [Fact]
    public void Min_onsite_fails_when_even_the_unspecified_onsite_would_be_too_few()
    {
        var panel = Panel().Moderator().Speaker(attendance: Attendance.Remote).Speaker(attendance: Attendance.Unspecified).Build();

        AssertResult(Evaluate(new MinOnsiteRule(1, 2), panel), Outcome.Fail, 0, 3, 1);
    }

    [Fact]
    public void Min_onsite_fails_on_moderators_even_when_speakers_are_unknown()
    {
        // No moderator at all: no assignment of the speakers' attendance can pass it.
        var panel = Panel().Speakers(2, attendance: Attendance.Unspecified).Build();

        AssertResult(Evaluate(new MinOnsiteRule(1, 2), panel), Outcome.Fail, 0, 2, 2);
    }

    [Fact]
    public void Min_onsite_applies_the_scopes_confirmation_states()
    {
        var panel = Panel().Moderator(confirmation: Confirmation.Invited).Speakers(2).Build();

        AssertResult(Evaluate(new MinOnsiteRule(1, 2), panel), Outcome.Fail, 2, 2, 0);
    }

    // ---------------------------------------------------------------- min_organizer_stakeholder_groups

    private static Panel Organizers(params (StakeholderGroup Group, bool Multistakeholder)[] organizers)
    {
        var panel = Panel().Speakers(3);
        foreach (var (group, multistakeholder) in organizers)
        {
            panel.Organizer(group, multistakeholder);
        }

        return panel.Build();
    }

    [Fact]
    public void Min_organizer_stakeholder_groups_exactly_at_the_threshold_passes()
    {
        AssertResult(Evaluate(new MinOrganizerGroupsRule(2), Organizers((Gov, false), (Cs, false))), Outcome.Pass, 2, 2, 0);
    }

    [Fact]
    public void Min_organizer_stakeholder_groups_one_short_fails()
    {
        var verdict = Evaluate(new MinOrganizerGroupsRule(2), Organizers((Gov, false), (Gov, false)));

        AssertResult(verdict, Outcome.Fail, 1, 2, 0);
        Assert.Equal("The 2 organisers come from 1 stakeholder group (Government); at least 2 required.", verdict.Explanation);
    }

    [Fact]
    public void Min_organizer_stakeholder_groups_one_over_passes()
    {
        AssertResult(Evaluate(new MinOrganizerGroupsRule(2), Organizers((Gov, false), (Cs, false), (Tc, false))), Outcome.Pass, 3, 3, 0);
    }

    [Fact]
    public void Min_organizer_stakeholder_groups_does_not_count_a_multistakeholder_organiser_as_a_group()
    {
        var verdict = Evaluate(new MinOrganizerGroupsRule(2), Organizers((Gov, false), (NoGroup, true)));

        AssertResult(verdict, Outcome.Fail, 1, 2, 0);
    }

    [Fact]
    public void Min_organizer_stakeholder_groups_is_indeterminate_when_an_organisers_group_is_unspecified()
    {
        var verdict = Evaluate(new MinOrganizerGroupsRule(2), Organizers((Gov, false), (NoGroup, false)));

        AssertResult(verdict, Outcome.Indeterminate, 1, 2, 1);
        Assert.EndsWith("could decide it.", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_organizer_stakeholder_groups_fails_when_even_the_unspecified_are_too_few()
    {
        AssertResult(Evaluate(new MinOrganizerGroupsRule(3), Organizers((Gov, false), (NoGroup, false))), Outcome.Fail, 1, 2, 1);
    }

    [Fact]
    public void Min_organizer_stakeholder_groups_passes_whatever_the_unspecified_are_once_reached()
    {
        AssertResult(Evaluate(new MinOrganizerGroupsRule(2), Organizers((Gov, false), (Cs, false), (NoGroup, false))), Outcome.Pass, 2, 3, 1);
    }

    // ---------------------------------------------------------------- not_all_from_one_organization

    private static Panel WithOrganizations(params string?[] organizations)
    {
        var panel = Panel();
        foreach (var organization in organizations)
        {
            panel.Speaker(organization: organization);
        }

        return panel.Build();
    }

    [Fact]
    public void Not_all_from_one_organization_passes_two_people_from_two_organisations()
    {
        AssertResult(Evaluate(new NotAllFromOneOrganizationRule(), WithOrganizations("org-a", "org-b")), Outcome.Pass, 2, 2, 0);
    }

    [Fact]
    public void Not_all_from_one_organization_fails_when_everyone_is_from_one()
    {
        var verdict = Evaluate(new NotAllFromOneOrganizationRule(), WithOrganizations("org-a", "org-a", "org-a"));

        AssertResult(verdict, Outcome.Fail, 1, 3, 0);
        Assert.Equal("All 3 speakers belong to the same organisation.", verdict.Explanation);
    }

    [Fact]
    public void Not_all_from_one_organization_passes_when_one_person_is_from_another()
    {
        AssertResult(Evaluate(new NotAllFromOneOrganizationRule(), WithOrganizations("org-a", "org-a", "org-b")), Outcome.Pass, 2, 3, 0);
    }

    [Fact]
    public void Not_all_from_one_organization_does_not_apply_to_a_single_person()
    {
        AssertResult(Evaluate(new NotAllFromOneOrganizationRule(), WithOrganizations("org-a")), Outcome.Pass, 1, 1, 0);
    }

    [Fact]
    public void Not_all_from_one_organization_is_indeterminate_when_an_unknown_organisation_could_be_the_same()
    {
        var verdict = Evaluate(new NotAllFromOneOrganizationRule(), WithOrganizations("org-a", "org-a", null));

        AssertResult(verdict, Outcome.Indeterminate, 1, 3, 1);
        Assert.Equal("1 of 3 speakers have no organisation recorded; whether they all belong to one cannot be told.", verdict.Explanation);
    }

    [Fact]
    public void Not_all_from_one_organization_passes_whatever_the_unknowns_are_once_two_are_known()
    {
        AssertResult(Evaluate(new NotAllFromOneOrganizationRule(), WithOrganizations("org-a", "org-b", null)), Outcome.Pass, 2, 3, 1);
    }
}
