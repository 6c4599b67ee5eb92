using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

// The built-in presets, converted to engine rules as the service does, on small hand-made panels and
// on the IGF 2012 seed workshop.
public sealed class BalanceEnginePresetTests
{
    private const StakeholderGroup Gov = StakeholderGroup.Government;
    private const StakeholderGroup Cs = StakeholderGroup.CivilSociety;
    private const StakeholderGroup Tc = StakeholderGroup.TechnicalCommunity;
    private const RegionalGroup Weog = RegionalGroup.WesternEuropeanOthers;
    private const RegionalGroup Africa = RegionalGroup.African;
    private const RegionalGroup AsiaPacific = RegionalGroup.AsiaPacific;

    private static IReadOnlyList<BalanceRule> Preset(string id) =>
        PolicyRules.ToEngine(Assert.IsType<Policy>(Presets.Find(new ParticipationRegistry.Server.Common.PolicyName(id))).Rules);

    private static BalanceReport Check(string preset, Panel panel, bool confirmedOnly = false) =>
        BalanceEngine.Check(panel, Preset(preset), confirmedOnly);

    private static RuleVerdict Rule(BalanceReport report, string id) => Assert.Single(report.Rules, r => r.Rule.Id == id);

    // ---------------------------------------------------------------- conversion

    [Fact]
    public void Every_preset_converts_to_engine_rules_with_its_ids_and_severities()
    {
        foreach (var policy in Presets.All)
        {
            var rules = PolicyRules.ToEngine(policy.Rules);

            Assert.Equal(policy.Rules.Select(r => r.Id), rules.Select(r => r.Id));
            Assert.Equal(
                policy.Rules.Select(r => r.Severity == RuleSeverity.Advisory ? Severity.Advisory : Severity.Required),
                rules.Select(r => r.Severity));
            Assert.Equal(policy.Rules.Select(PolicyRules.KindName), rules.Select(r => r.Kind.Name));
        }
    }

    [Fact]
    public void The_four_presets_are_the_documented_ones()
    {
        Assert.Equal(
            ["policies/multistakeholder-balance", "policies/igf-2023-minimum", "policies/igf-2017-diversity", "policies/panel-parity"],
            Presets.All.Select(p => p.Name));
        Assert.Equal(
            ["min-speakers", "max-sessions-per-person"],
            Preset("igf-2017-diversity").Where(r => r.Severity == Severity.Required).Select(r => r.Id));
    }

    [Fact]
    public void Every_engine_kind_name_is_the_proto_oneof_field_name()
    {
        Rule[] rules =
        [
            new() { MinSpeakers = new MinSpeakers { Count = 1 } },
            new() { MinStakeholderGroups = new MinStakeholderGroups { Count = 1 } },
            new() { MaxStakeholderGroupShare = new MaxStakeholderGroupShare { MaxShare = 0.5 } },
            new() { RequiredStakeholderGroups = new RequiredStakeholderGroups { Groups = { Gov } } },
            new() { MinRegionalGroups = new MinRegionalGroups { Count = 1 } },
            new() { MaxRegionalGroupShare = new MaxRegionalGroupShare { MaxShare = 0.5 } },
            new() { NotSingleGender = new NotSingleGender() },
            new() { MinWomenShare = new MinWomenShare { MinShare = 0.4 } },
            new() { MinNotMen = new MinNotMen { Count = 1 } },
            new() { MinDevelopingCountrySpeakers = new MinDevelopingCountrySpeakers { Count = 1 } },
            new() { MinFirstTimeSpeakers = new MinFirstTimeSpeakers { Count = 1 } },
            new() { MinYouth = new MinYouth { Count = 1 } },
            new() { MaxSessionsPerPerson = new MaxSessionsPerPerson { MaxSessions = 3 } },
            new() { NoOverlappingSessions = new NoOverlappingSessions() },
            new() { MinOnsite = new MinOnsite { Moderators = 1, Speakers = 2 } },
            new() { MinOrganizerStakeholderGroups = new MinOrganizerStakeholderGroups { Count = 2 } },
            new() { NotAllFromOneOrganization = new NotAllFromOneOrganization() },
        ];

        Assert.Equal(Enum.GetValues<Rule.KindOneofCase>().Length - 1, rules.Length);
        foreach (var rule in rules)
        {
            Assert.Equal(PolicyRules.KindName(rule), PolicyRules.ToEngine(rule).Kind.Name);
        }
    }

    [Fact]
    public void An_empty_scope_converts_to_speakers_confirmed_and_tentative_everywhere()
    {
        var rule = PolicyRules.ToEngine(new Rule { MinSpeakers = new MinSpeakers { Count = 1 }, Scope = new RuleScope() });

        Assert.Equal([ParticipantRole.Speaker], rule.Scope.Roles);
        Assert.True(rule.Scope.Confirmations.SetEquals([Confirmation.Confirmed, Confirmation.Tentative]));
        Assert.False(rule.Scope.OnsiteOnly);
        Assert.Equal(Severity.Required, PolicyRules.ToEngine(new Rule { NotSingleGender = new NotSingleGender() }).Severity);
    }

    // ---------------------------------------------------------------- multistakeholder-balance

    [Fact]
    public void Multistakeholder_balance_passes_three_groups_three_regions_and_one_woman_in_three()
    {
        var panel = new PanelBuilder()
            .Speaker(group: Gov, region: Weog, gender: Gender.Woman)
            .Speaker(group: Cs, region: Africa, gender: Gender.Man)
            .Speaker(group: Tc, region: AsiaPacific, gender: Gender.Man)
            .Build();

        var report = Check("multistakeholder-balance", panel);

        Assert.All(report.Rules, r => Assert.Equal(Outcome.Pass, r.Outcome));
        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
        Assert.Equal(100, report.Score);
    }

    [Fact]
    public void Multistakeholder_balance_fails_every_rule_for_three_government_men_from_weog()
    {
        var report = Check("multistakeholder-balance", new PanelBuilder().Speakers(3, group: Gov, region: Weog, gender: Gender.Man).Build());

        Assert.All(report.Rules, r => Assert.Equal(Outcome.Fail, r.Outcome));
        Assert.Equal(PanelVerdict.Unbalanced, report.Verdict);
        Assert.Equal(0, report.Score);
    }

    [Fact]
    public void Multistakeholder_balance_is_indeterminate_when_only_a_declined_gender_could_mix_the_panel()
    {
        var panel = new PanelBuilder()
            .Speaker(group: Gov, region: Weog, gender: Gender.Man)
            .Speaker(group: Cs, region: Africa, gender: Gender.Man)
            .Speaker(group: Tc, region: AsiaPacific, gender: Gender.Declined)
            .Build();

        var report = Check("multistakeholder-balance", panel);

        Assert.Equal(Outcome.Indeterminate, Rule(report, "not-single-gender").Outcome);
        Assert.Equal(Outcome.Indeterminate, Rule(report, "min-women-share").Outcome);
        Assert.Equal(PanelVerdict.Indeterminate, report.Verdict);
        // Four passes (12) and two indeterminate (3) of 18.
        Assert.Equal(83, report.Score);
    }

    // ---------------------------------------------------------------- igf-2023-minimum

    [Fact]
    public void Igf_2023_minimum_passes_an_onsite_moderator_and_three_mixed_speakers()
    {
        var panel = new PanelBuilder().Moderator().Speaker(gender: Gender.Woman).Speakers(2, gender: Gender.Man).Build();

        var report = Check("igf-2023-minimum", panel);

        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
        Assert.Equal(100, report.Score);
    }

    [Fact]
    public void Igf_2023_minimum_fails_a_remote_moderator()
    {
        var panel = new PanelBuilder().Moderator(attendance: Attendance.Remote).Speaker(gender: Gender.Woman).Speakers(2, gender: Gender.Man).Build();

        var report = Check("igf-2023-minimum", panel);

        Assert.Equal(PanelVerdict.Unbalanced, report.Verdict);
        Assert.Equal(Outcome.Fail, Rule(report, "min-onsite").Outcome);
        Assert.Equal(67, report.Score);
    }

    [Fact]
    public void Igf_2023_minimum_fails_two_speakers()
    {
        var panel = new PanelBuilder().Moderator().Speaker(gender: Gender.Woman).Speaker(gender: Gender.Man).Build();

        var report = Check("igf-2023-minimum", panel);

        Assert.Equal(PanelVerdict.Unbalanced, report.Verdict);
        Assert.Equal(Outcome.Fail, Rule(report, "min-speakers").Outcome);
    }

    [Fact]
    public void Igf_2023_minimum_is_indeterminate_when_the_only_possible_other_gender_is_not_recorded()
    {
        var panel = new PanelBuilder().Moderator().Speakers(2, gender: Gender.Man).Speaker(gender: Gender.Unspecified).Build();

        var report = Check("igf-2023-minimum", panel);

        Assert.Equal(PanelVerdict.Indeterminate, report.Verdict);
        Assert.Equal(1, Rule(report, "not-single-gender").Unknown);
    }

    // ---------------------------------------------------------------- igf-2017-diversity

    private static PanelBuilder DiversePanel() => new PanelBuilder()
        .Speaker(group: Gov, region: Weog, gender: Gender.Woman)
        .Speaker(group: Cs, region: Africa, gender: Gender.Man)
        .Speaker(group: Tc, region: AsiaPacific, gender: Gender.Man, youth: true, sessions: 3);

    [Fact]
    public void Igf_2017_diversity_passes_a_diverse_panel_with_a_young_speaker()
    {
        var report = Check("igf-2017-diversity", DiversePanel().Build());

        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
        Assert.Equal(100, report.Score);
    }

    [Fact]
    public void Igf_2017_diversity_stays_balanced_when_only_advisory_rules_fail()
    {
        var panel = new PanelBuilder().Speakers(3, group: Gov, region: Weog, gender: Gender.Man).Build();

        var report = Check("igf-2017-diversity", panel);

        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
        Assert.All(report.Rules.Where(r => r.Rule.Severity == Severity.Advisory), r => Assert.Equal(Outcome.Fail, r.Outcome));
        // Both REQUIRED rules pass (6 of 10).
        Assert.Equal(60, report.Score);
    }

    [Fact]
    public void Igf_2017_diversity_fails_a_speaker_in_a_fourth_session()
    {
        var report = Check("igf-2017-diversity", DiversePanel().Speaker("Ana Lima", sessions: 4).Build());

        Assert.Equal(PanelVerdict.Unbalanced, report.Verdict);
        var cap = Rule(report, "max-sessions-per-person");
        Assert.Equal(Outcome.Fail, cap.Outcome);
        Assert.Equal("Ana Lima sits in 4 sessions of this meeting; at most 3 allowed.", cap.Explanation);
    }

    // ---------------------------------------------------------------- panel-parity

    [Fact]
    public void Panel_parity_counts_the_moderator()
    {
        var panel = new PanelBuilder().Speakers(2, gender: Gender.Man).Moderator(gender: Gender.Woman).Build();

        Assert.Equal(PanelVerdict.Balanced, Check("panel-parity", panel).Verdict);
        // The same panel under a speakers-only rule is single-gender.
        Assert.Equal(Outcome.Fail, Rule(Check("multistakeholder-balance", panel), "not-single-gender").Outcome);
    }

    [Fact]
    public void Panel_parity_fails_an_all_male_panel()
    {
        var report = Check("panel-parity", new PanelBuilder().Speakers(2, gender: Gender.Man).Moderator(gender: Gender.Man).Build());

        Assert.Equal(PanelVerdict.Unbalanced, report.Verdict);
        Assert.Equal("All 3 panellists are men; at least one must be of a different gender.", Assert.Single(report.Rules).Explanation);
    }

    [Fact]
    public void Panel_parity_is_indeterminate_when_the_moderator_declined_to_state_a_gender()
    {
        var panel = new PanelBuilder().Speakers(2, gender: Gender.Man).Moderator(gender: Gender.Declined).Build();

        Assert.Equal(PanelVerdict.Indeterminate, Check("panel-parity", panel).Verdict);
    }

    // ---------------------------------------------------------------- the IGF 2012 seed workshop

    [Fact]
    public void Seed_workshop_is_unbalanced_under_multistakeholder_balance_because_four_of_five_are_from_weog()
    {
        var report = Check("multistakeholder-balance", PanelBuilder.SeedWorkshop());

        Assert.Equal(PanelVerdict.Unbalanced, report.Verdict);
        var region = Rule(report, "max-regional-group-share");
        Assert.Equal(Outcome.Fail, region.Outcome);
        Assert.Equal(0.8, region.Observed, 9);
        Assert.Equal("4 of 5 speakers (80%) are from WEOG; at most 50% allowed.", region.Explanation);
        Assert.Equal(Outcome.Pass, Rule(report, "min-stakeholder-groups").Outcome);
        Assert.Equal(Outcome.Pass, Rule(report, "max-stakeholder-group-share").Outcome);
        Assert.Equal(Outcome.Pass, Rule(report, "min-regional-groups").Outcome);
        Assert.Equal(Outcome.Pass, Rule(report, "not-single-gender").Outcome);
        // 1 woman of 5; Wolfgang Kleinwächter's gender is not recorded and could make it 2 of 5.
        var women = Rule(report, "min-women-share");
        Assert.Equal(Outcome.Indeterminate, women.Outcome);
        Assert.Equal(1, women.Unknown);
        Assert.Equal(["max-regional-group-share"], report.Rules.Where(r => r.Outcome == Outcome.Fail).Select(r => r.Rule.Id));
        // Four passes (12) and one indeterminate (1.5) of 18: 75.
        Assert.Equal(75, report.Score);
    }

    [Fact]
    public void Seed_workshop_is_balanced_under_igf_2023_minimum_counting_all_speakers()
    {
        var report = Check("igf-2023-minimum", PanelBuilder.SeedWorkshop());

        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
        Assert.All(report.Rules, r => Assert.Equal(Outcome.Pass, r.Outcome));
        Assert.Equal(100, report.Score);
    }

    [Fact]
    public void Seed_workshop_is_indeterminate_under_igf_2023_minimum_counting_confirmed_speakers_only()
    {
        var report = Check("igf-2023-minimum", PanelBuilder.SeedWorkshop(), confirmedOnly: true);

        Assert.Equal(PanelVerdict.Indeterminate, report.Verdict);
        Assert.Equal(Outcome.Pass, Rule(report, "min-speakers").Outcome);
        Assert.Equal(3, Rule(report, "min-speakers").Counted);
        Assert.Equal(Outcome.Pass, Rule(report, "min-onsite").Outcome);
        var gender = Rule(report, "not-single-gender");
        Assert.Equal(Outcome.Indeterminate, gender.Outcome);
        Assert.Equal(3, gender.Counted);
        Assert.Equal(1, gender.Unknown);
        Assert.Equal(
            "The 2 confirmed speakers whose gender is recorded are all men; 1 person with gender not recorded or declined could decide it.",
            gender.Explanation);
        // Two passes (6) and one indeterminate (1.5) of 9: 83.
        Assert.Equal(83, report.Score);
    }

    [Fact]
    public void Seed_workshop_counting_confirmed_speakers_only_is_all_weog_under_multistakeholder_balance()
    {
        var report = Check("multistakeholder-balance", PanelBuilder.SeedWorkshop(), confirmedOnly: true);

        Assert.Equal(PanelVerdict.Unbalanced, report.Verdict);
        Assert.Equal(Outcome.Fail, Rule(report, "min-regional-groups").Outcome);
        Assert.Equal("3 of 3 confirmed speakers (100%) are from WEOG; at most 50% allowed.", Rule(report, "max-regional-group-share").Explanation);
        Assert.Equal(Outcome.Indeterminate, Rule(report, "min-women-share").Outcome);
    }

    [Fact]
    public void Seed_workshop_is_balanced_under_igf_2017_diversity_with_a_warning_for_youth()
    {
        var report = Check("igf-2017-diversity", PanelBuilder.SeedWorkshop());

        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
        Assert.Equal(["min-youth"], report.Rules.Where(r => r.Outcome != Outcome.Pass).Select(r => r.Rule.Id));
        Assert.Equal(90, report.Score);
    }

    [Fact]
    public void Seed_workshop_is_balanced_under_panel_parity()
    {
        var report = Check("panel-parity", PanelBuilder.SeedWorkshop());

        Assert.Equal(PanelVerdict.Balanced, report.Verdict);
        Assert.Equal(6, Assert.Single(report.Rules).Counted);
    }

    [Fact]
    public void Seed_workshop_composition_counts_the_moderator_and_keeps_unknown_genders_apart()
    {
        var all = Composition.Of(PanelBuilder.SeedWorkshop(), confirmedOnly: false);
        var confirmed = Composition.Of(PanelBuilder.SeedWorkshop(), confirmedOnly: true);

        Assert.Equal(6, all.People);
        Assert.Equal(new Dictionary<Gender, int> { [Gender.Woman] = 1, [Gender.Man] = 3, [Gender.Unspecified] = 2 }, all.Genders);
        Assert.Equal(new Dictionary<RegionalGroup, int> { [AsiaPacific] = 2, [Weog] = 4 }, all.Regions);
        Assert.Equal(new Dictionary<StakeholderGroup, int> { [Gov] = 2, [Cs] = 3, [Tc] = 1 }, all.Groups);
        Assert.Equal(4, confirmed.People);
    }
}
