using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// Decides a panel's balance under a list of rules. Unknown data is never guessed and never
/// counted on either side; a rule is indeterminate only when some assignment of the unknown values
/// could flip it. Pure: the same panel and rules always give the same report.
/// </summary>
public static partial class BalanceEngine
{
    private const int RequiredWeight = 3;
    private const int AdvisoryWeight = 1;
    private const double Epsilon = 1e-9;

    private static readonly StakeholderGroup[] Groups =
    [
        StakeholderGroup.Government, StakeholderGroup.CivilSociety, StakeholderGroup.PrivateSector,
        StakeholderGroup.TechnicalCommunity, StakeholderGroup.IntergovernmentalOrganization,
    ];

    private static readonly RegionalGroup[] Regions =
    [
        RegionalGroup.African, RegionalGroup.AsiaPacific, RegionalGroup.EasternEuropean,
        RegionalGroup.LatinAmericanCaribbean, RegionalGroup.WesternEuropeanOthers,
    ];

    public static BalanceReport Check(Panel panel, IReadOnlyList<BalanceRule> rules, bool confirmedOnly)
    {
        if (!Applies(panel, rules))
        {
            return new BalanceReport(PanelVerdict.NotApplicable, 100, []);
        }

        var people = new PeopleByScope(panel, confirmedOnly);
        var verdicts = new List<RuleVerdict>(rules.Count);
        foreach (var rule in rules)
        {
            verdicts.Add(Evaluate(rule, panel, confirmedOnly, people.Of(rule.Scope), explain: true));
        }

        return new BalanceReport(VerdictOf(verdicts), ScoreOf(verdicts), verdicts);
    }

    /// <summary>
    /// The verdict alone, as <see cref="Check"/> gives it, judging only the required rules and stopping at
    /// the first that fails: for summaries over thousands of panels.
    /// </summary>
    public static PanelVerdict VerdictOf(Panel panel, IReadOnlyList<BalanceRule> rules, bool confirmedOnly)
    {
        if (!Applies(panel, rules))
        {
            return PanelVerdict.NotApplicable;
        }

        var people = new PeopleByScope(panel, confirmedOnly);
        var indeterminate = false;
        foreach (var rule in rules)
        {
            if (rule.Severity != Severity.Required)
            {
                continue;
            }

            switch (Evaluate(rule, panel, confirmedOnly, people.Of(rule.Scope), explain: false).Outcome)
            {
                case Outcome.Fail:
                    return PanelVerdict.Unbalanced;
                case Outcome.Indeterminate:
                    indeterminate = true;
                    break;
            }
        }

        return indeterminate ? PanelVerdict.Indeterminate : PanelVerdict.Balanced;
    }

    /// <summary>Whether the policy judges the panel's session kind (its rules all carry the policy's kinds).</summary>
    public static bool Applies(Panel panel, IReadOnlyList<BalanceRule> rules) => rules.Count == 0 || rules[0].AppliesTo(panel);

    /// <summary>
    /// Rules usually share a scope: the people it counts are found once per scope and panel (scopes are
    /// few, so a list will do). Scopes are matched as records, so two rules' scopes holding the same role
    /// and confirmation sets (the defaults every unscoped rule gets) count as one.
    /// </summary>
    private sealed class PeopleByScope(Panel panel, bool confirmedOnly)
    {
        private readonly List<(Scope Scope, IReadOnlyList<Seat> People)> found = new(2);

        public IReadOnlyList<Seat> Of(Scope scope)
        {
            foreach (var (known, people) in found)
            {
                if (known == scope)
                {
                    return people;
                }
            }

            var counted = PeopleInScope(panel, scope, confirmedOnly);
            found.Add((scope, counted));
            return counted;
        }
    }

    public static PanelVerdict VerdictOf(IReadOnlyList<RuleVerdict> verdicts)
    {
        var indeterminate = false;
        foreach (var verdict in verdicts)
        {
            if (verdict.Rule.Severity != Severity.Required)
            {
                continue;
            }

            if (verdict.Outcome == Outcome.Fail)
            {
                return PanelVerdict.Unbalanced;
            }

            indeterminate |= verdict.Outcome == Outcome.Indeterminate;
        }

        return indeterminate ? PanelVerdict.Indeterminate : PanelVerdict.Balanced;
    }

    /// <summary>round(100 × earned / possible): REQUIRED weighs 3, ADVISORY 1; pass earns all, indeterminate half.</summary>
    public static int ScoreOf(IReadOnlyList<RuleVerdict> verdicts)
    {
        var (possible, earned) = (0, 0.0);
        foreach (var verdict in verdicts)
        {
            var weight = Weight(verdict.Rule);
            possible += weight;
            earned += verdict.Outcome switch
            {
                Outcome.Pass => weight,
                Outcome.Indeterminate => weight / 2.0,
                _ => 0,
            };
        }

        return possible == 0 ? 100 : (int)Math.Round(100 * earned / possible, MidpointRounding.AwayFromZero);
    }

    private static int Weight(BalanceRule rule) => rule.Severity == Severity.Required ? RequiredWeight : AdvisoryWeight;

    /// <summary>The distinct people with a seat the scope counts (a person in two counted roles is one person).</summary>
    public static IReadOnlyList<Seat> PeopleInScope(Panel panel, Scope scope, bool confirmedOnly)
    {
        // A loop with sets sized once: judged per panel and rule, thousands of times in a report.
        var people = new List<Seat>(panel.Seats.Count);
        var seen = new HashSet<string>(panel.Seats.Count, StringComparer.Ordinal);
        foreach (var seat in panel.Seats)
        {
            if (scope.Counts(seat, confirmedOnly) && seen.Add(seat.PersonKey))
            {
                people.Add(seat);
            }
        }

        return people;
    }

    public static RuleVerdict Evaluate(BalanceRule rule, Panel panel, bool confirmedOnly) =>
        Evaluate(rule, panel, confirmedOnly, PeopleInScope(panel, rule.Scope, confirmedOnly), explain: true);

    /// <summary>
    /// One rule's verdict; without <paramref name="explain"/> (a verdict alone) the explanation is left empty,
    /// so no sentence is built: the rules take <c>who</c> null for that.
    /// </summary>
    private static RuleVerdict Evaluate(BalanceRule rule, Panel panel, bool confirmedOnly, IReadOnlyList<Seat> people, bool explain)
    {
        var who = explain ? Noun(rule.Scope, confirmedOnly) : null;
        return rule.Kind switch
        {
            MinSpeakersRule r => MinSpeakers(rule, people, who, r.Count),
            MinStakeholderGroupsRule r => MinDistinct(rule, people, who, r.Count, p => p.Group, StakeholderGroup.Unspecified, Groups.Length, Labels.Group, "stakeholder groups", "stakeholder group"),
            MaxStakeholderGroupShareRule r => MaxShare(rule, people, who, r.MaxShare, p => p.Group, StakeholderGroup.Unspecified, Groups.Length, Labels.Group, "stakeholder group"),
            RequiredStakeholderGroupsRule r => RequiredGroups(rule, people, who, r.Groups),
            MinRegionalGroupsRule r => MinDistinct(rule, people, who, r.Count, p => p.Region, RegionalGroup.Unspecified, Regions.Length, Labels.Region, "regional groups", "regional group"),
            MaxRegionalGroupShareRule r => MaxShare(rule, people, who, r.MaxShare, p => p.Region, RegionalGroup.Unspecified, Regions.Length, Labels.Region, "regional group"),
            NotSingleGenderRule => NotSingleGender(rule, people, who),
            MinWomenShareRule r => MinWomenShare(rule, people, who, r.MinShare),
            MinNotMenRule r => AtLeast(rule, people.Count(p => IsKnownGender(p.Gender) && p.Gender != Gender.Man), people.Count(p => !IsKnownGender(p.Gender)), r.Count, people.Count,
                who is null ? null : $"{{0}} of {people.Count} {who} are not men", "whose gender is not recorded or declined"),
            MinDevelopingCountryRule r => AtLeast(rule, people.Count(p => r.Includes(p) == true), people.Count(p => r.Includes(p) is null), r.Count, people.Count,
                who is null ? null : $"{{0}} of {people.Count} {who} are from {r.Label}", "with no country recorded"),
            MinFirstTimeRule r => AtLeast(rule, people.Count(p => p.Newcomer), 0, r.Count, people.Count,
                who is null ? null : $"{{0}} of {people.Count} {who} are first-time speakers at this forum", ""),
            MinYouthRule r => AtLeast(rule, people.Count(p => p.Youth), 0, r.Count, people.Count,
                who is null ? null : $"{{0}} of {people.Count} {who} are youth", ""),
            MaxSessionsPerPersonRule r => MaxSessions(rule, people, r.MaxSessions, explain),
            NoOverlappingSessionsRule => NoOverlap(rule, people, explain),
            MinOnsiteRule r => MinOnsite(rule, panel, confirmedOnly, r, explain),
            MinOrganizerGroupsRule r => OrganizerGroups(rule, panel, r.Count, explain),
            NotAllFromOneOrganizationRule => NotAllOneOrganization(rule, people, who),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "Unknown rule kind."),
        };
    }
}
