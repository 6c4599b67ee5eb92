using System.Globalization;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// Decides a panel's balance under a list of rules. Unknown data is never guessed and never
/// counted on either side; a rule is indeterminate only when some assignment of the unknown values
/// could flip it. Pure: the same panel and rules always give the same report.
/// </summary>
public static class BalanceEngine
{
    public const int RequiredWeight = 3;
    public const int AdvisoryWeight = 1;
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
        var people = new PeopleByScope(panel, confirmedOnly);
        var verdicts = rules.Select(rule => Evaluate(rule, panel, confirmedOnly, people.Of(rule.Scope))).ToList();
        return new BalanceReport(VerdictOf(verdicts), ScoreOf(verdicts), verdicts);
    }

    /// <summary>
    /// The verdict alone, as <see cref="Check"/> gives it, judging only the required rules and stopping at
    /// the first that fails: for summaries over thousands of panels.
    /// </summary>
    public static PanelVerdict VerdictOf(Panel panel, IReadOnlyList<BalanceRule> rules, bool confirmedOnly)
    {
        var people = new PeopleByScope(panel, confirmedOnly);
        var indeterminate = false;
        foreach (var rule in rules)
        {
            if (rule.Severity != Severity.Required)
            {
                continue;
            }

            switch (Evaluate(rule, panel, confirmedOnly, people.Of(rule.Scope)).Outcome)
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

    /// <summary>Rules usually share a scope: the people it counts are found once per scope and panel.</summary>
    private sealed class PeopleByScope(Panel panel, bool confirmedOnly)
    {
        private readonly Dictionary<Scope, IReadOnlyList<Seat>> found = new(ReferenceEqualityComparer.Instance);

        public IReadOnlyList<Seat> Of(Scope scope)
        {
            if (!found.TryGetValue(scope, out var people))
            {
                people = PeopleInScope(panel, scope, confirmedOnly);
                found[scope] = people;
            }

            return people;
        }
    }

    public static PanelVerdict VerdictOf(IReadOnlyList<RuleVerdict> verdicts)
    {
        var required = verdicts.Where(v => v.Rule.Severity == Severity.Required).ToList();
        if (required.Any(v => v.Outcome == Outcome.Fail))
        {
            return PanelVerdict.Unbalanced;
        }

        return required.Any(v => v.Outcome == Outcome.Indeterminate) ? PanelVerdict.Indeterminate : PanelVerdict.Balanced;
    }

    /// <summary>round(100 × earned / possible): REQUIRED weighs 3, ADVISORY 1; pass earns all, indeterminate half.</summary>
    public static int ScoreOf(IReadOnlyList<RuleVerdict> verdicts)
    {
        var possible = verdicts.Sum(v => Weight(v.Rule));
        if (possible == 0)
        {
            return 100;
        }

        var earned = verdicts.Sum(v => v.Outcome switch
        {
            Outcome.Pass => Weight(v.Rule),
            Outcome.Indeterminate => Weight(v.Rule) / 2.0,
            _ => 0,
        });
        return (int)Math.Round(100 * earned / possible, MidpointRounding.AwayFromZero);
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
        Evaluate(rule, panel, confirmedOnly, PeopleInScope(panel, rule.Scope, confirmedOnly));

    private static RuleVerdict Evaluate(BalanceRule rule, Panel panel, bool confirmedOnly, IReadOnlyList<Seat> people)
    {
        var who = Noun(rule.Scope, confirmedOnly);
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
                $"{{0}} of {people.Count} {who} are not men", "whose gender is not recorded or declined"),
            MinDevelopingCountryRule r => AtLeast(rule, people.Count(p => p.Developing == true), people.Count(p => p.Developing is null), r.Count, people.Count,
                $"{{0}} of {people.Count} {who} are from an LDC, LLDC or SIDS country", "with no country recorded"),
            MinFirstTimeRule r => AtLeast(rule, people.Count(p => p.Newcomer), 0, r.Count, people.Count,
                $"{{0}} of {people.Count} {who} are first-time speakers at this forum", ""),
            MinYouthRule r => AtLeast(rule, people.Count(p => p.Youth), 0, r.Count, people.Count,
                $"{{0}} of {people.Count} {who} are youth", ""),
            MaxSessionsPerPersonRule r => MaxSessions(rule, people, r.MaxSessions),
            NoOverlappingSessionsRule => NoOverlap(rule, people),
            MinOnsiteRule r => MinOnsite(rule, panel, confirmedOnly, r),
            MinOrganizerGroupsRule r => OrganizerGroups(rule, panel, r.Count),
            NotAllFromOneOrganizationRule => NotAllOneOrganization(rule, people, who),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "Unknown rule kind."),
        };
    }

    private static RuleVerdict MinSpeakers(BalanceRule rule, IReadOnlyList<Seat> people, string who, int count)
    {
        var n = people.Count;
        var outcome = n >= count ? Outcome.Pass : Outcome.Fail;
        var sentence = outcome == Outcome.Pass
            ? $"{Counted(n, who)} counted; at least {count} required."
            : $"Only {Counted(n, who)} counted; at least {count} required.";
        return new RuleVerdict(rule, outcome, n, count, sentence, n, 0) { Shortfall = Math.Max(0, count - n) };
    }

    /// <summary>"count ≥ threshold" with unknowns: pass if the known already reach it, fail if even all unknowns could not.</summary>
    private static RuleVerdict AtLeast(BalanceRule rule, int known, int unknown, int threshold, int counted, string observedFormat, string unknownPhrase)
    {
        var outcome = known >= threshold ? Outcome.Pass : known + unknown < threshold ? Outcome.Fail : Outcome.Indeterminate;
        var sentence = string.Format(CultureInfo.InvariantCulture, observedFormat, known) + $"; at least {threshold} required.";
        if (unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} {unknownPhrase} could decide it."
                : $" ({unknown} {Person(unknown)} {unknownPhrase}.)";
        }

        return new RuleVerdict(rule, outcome, known, threshold, sentence, counted, unknown) { Shortfall = Math.Max(0, threshold - known) };
    }

    private static RuleVerdict MinDistinct<T>(
        BalanceRule rule, IReadOnlyList<Seat> people, string who, int threshold, Func<Seat, T> valueOf, T unknownValue, int categories,
        Func<T, string> label, string plural, string singular)
        where T : struct, Enum
    {
        // In order of first appearance, as Distinct gives them; a handful of values, so a list will do.
        var known = new List<T>(categories);
        var unknown = 0;
        foreach (var person in people)
        {
            var value = valueOf(person);
            if (EqualityComparer<T>.Default.Equals(value, unknownValue))
            {
                unknown++;
            }
            else if (!known.Contains(value))
            {
                known.Add(value);
            }
        }

        var best = known.Count + Math.Min(unknown, categories - known.Count);
        var outcome = known.Count >= threshold ? Outcome.Pass : best < threshold ? Outcome.Fail : Outcome.Indeterminate;
        var listed = known.Count == 0 ? "" : $" ({string.Join(", ", known.Select(label))})";
        var sentence = $"The {who} come from {known.Count} {(known.Count == 1 ? singular : plural)}{listed}; at least {threshold} required.";
        if (unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} with no {singular} recorded could decide it."
                : $" ({unknown} with no {singular} recorded.)";
        }

        return new RuleVerdict(rule, outcome, known.Count, threshold, sentence, people.Count, unknown) { Shortfall = Math.Max(0, threshold - known.Count) };
    }

    private static RuleVerdict MaxShare<T>(
        BalanceRule rule, IReadOnlyList<Seat> people, string who, double maxShare, Func<Seat, T> valueOf, T unknownValue, int categories,
        Func<T, string> label, string singular)
        where T : struct, Enum
    {
        var n = people.Count;
        var unknown = people.Count(p => EqualityComparer<T>.Default.Equals(valueOf(p), unknownValue));
        if (n == 0)
        {
            return new RuleVerdict(rule, Outcome.Pass, 0, maxShare, $"No {who} counted, so no {singular} holds more than {Percent(maxShare)}.", 0, 0);
        }

        // The most frequent known value, the lowest on ties.
        var counts = new Dictionary<T, int>(categories);
        foreach (var person in people)
        {
            var value = valueOf(person);
            if (!EqualityComparer<T>.Default.Equals(value, unknownValue))
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }

        (T Value, int Count) largest = default;
        foreach (var (value, count) in counts)
        {
            if (count > largest.Count || (count == largest.Count && Comparer<T>.Default.Compare(value, largest.Value) < 0))
            {
                largest = (value, count);
            }
        }

        var allowed = maxShare * n;
        var worst = largest.Count + unknown;
        // Spreading the unknowns as evenly as possible can lower the largest count to ceil(n / k) at best.
        var best = Math.Max(largest.Count, (n + categories - 1) / categories);
        var outcome = worst <= allowed + Epsilon ? Outcome.Pass : best > allowed + Epsilon ? Outcome.Fail : Outcome.Indeterminate;
        var observed = (double)largest.Count / n;
        var sentence = largest.Count == 0
            ? $"None of the {who} has a {singular} recorded; at most {Percent(maxShare)} may share one."
            : $"{largest.Count} of {n} {who} ({Percent(observed)}) are from {label(largest.Value)}; at most {Percent(maxShare)} allowed.";
        if (unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} with no {singular} recorded could decide it."
                : $" ({unknown} with no {singular} recorded.)";
        }

        // People from other groups needed before the largest fits: the smallest k with largest ≤ max × (n + k).
        var shortfall = outcome == Outcome.Pass ? 0 : Math.Max(0, Math.Ceiling((largest.Count / maxShare) - n - Epsilon));
        return new RuleVerdict(rule, outcome, observed, maxShare, sentence, n, unknown) { Shortfall = shortfall };
    }

    private static RuleVerdict RequiredGroups(BalanceRule rule, IReadOnlyList<Seat> people, string who, IReadOnlyList<StakeholderGroup> required)
    {
        var present = people.Select(p => p.Group).ToHashSet();
        var missing = required.Distinct().Where(g => !present.Contains(g)).ToList();
        var unknown = people.Count(p => p.Group == StakeholderGroup.Unspecified);
        var outcome = missing.Count == 0 ? Outcome.Pass : missing.Count > unknown ? Outcome.Fail : Outcome.Indeterminate;
        var sentence = missing.Count == 0
            ? $"Every required stakeholder group ({string.Join(", ", required.Distinct().Select(Labels.Group))}) has at least one of the {who}."
            : $"No {Singular(who)} from {string.Join(" or ", missing.Select(Labels.Group))}; required: {string.Join(", ", required.Distinct().Select(Labels.Group))}.";
        if (unknown > 0 && missing.Count > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} with no stakeholder group recorded could decide it."
                : $" ({unknown} with no stakeholder group recorded.)";
        }

        return new RuleVerdict(rule, outcome, required.Distinct().Count() - missing.Count, required.Distinct().Count(), sentence, people.Count, unknown) { Shortfall = missing.Count };
    }

    private static bool IsKnownGender(Gender gender) => gender is Gender.Woman or Gender.Man or Gender.NonBinary or Gender.SelfDescribed;

    private static RuleVerdict NotSingleGender(BalanceRule rule, IReadOnlyList<Seat> people, string who)
    {
        var n = people.Count;
        var known = people.Where(p => IsKnownGender(p.Gender)).Select(p => p.Gender).Distinct().ToList();
        var unknown = people.Count(p => !IsKnownGender(p.Gender));
        Outcome outcome;
        string sentence;
        if (n < 2)
        {
            outcome = Outcome.Fail;
            sentence = $"Only {Counted(n, who)} counted: a panel of fewer than two is single-gender.";
        }
        else if (known.Count >= 2)
        {
            outcome = Outcome.Pass;
            sentence = $"The {n} {who} are not all of one gender.";
        }
        else
        {
            // One known gender and an unknown, or two unknowns, could still be of different genders.
            outcome = unknown >= 1 && known.Count + unknown >= 2 ? Outcome.Indeterminate : Outcome.Fail;
            sentence = outcome == Outcome.Fail
                ? $"All {n} {who} are {Labels.GenderPlural(known[0])}; at least one must be of a different gender."
                : known.Count == 1
                    ? (n - unknown == 1
                        ? $"Of the {n} {who}, the one whose gender is recorded is {Labels.GenderSingular(known[0])}; {unknown} {Person(unknown)} with gender not recorded or declined could decide it."
                        : $"The {n - unknown} {who} whose gender is recorded are all {Labels.GenderPlural(known[0])}; {unknown} {Person(unknown)} with gender not recorded or declined could decide it.")
                    : $"No gender is recorded for the {n} {who}; whether they are all of one gender cannot be told.";
        }

        return new RuleVerdict(rule, outcome, known.Count, 2, sentence, n, unknown) { Shortfall = outcome == Outcome.Fail ? Math.Max(1, 2 - n) : 0 };
    }

    private static RuleVerdict MinWomenShare(BalanceRule rule, IReadOnlyList<Seat> people, string who, double minShare)
    {
        var n = people.Count;
        var women = people.Count(p => p.Gender == Gender.Woman);
        var unknown = people.Count(p => !IsKnownGender(p.Gender));
        if (n == 0)
        {
            return new RuleVerdict(rule, Outcome.Fail, 0, minShare, $"No {who} counted; women must be at least {Percent(minShare)}.", 0, 0) { Shortfall = 1 };
        }

        var needed = minShare * n;
        var outcome = women >= needed - Epsilon ? Outcome.Pass : women + unknown < needed - Epsilon ? Outcome.Fail : Outcome.Indeterminate;
        var observed = (double)women / n;
        var sentence = $"{women} of {n} {who} ({Percent(observed)}) are women; at least {Percent(minShare)} required.";
        if (unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} with gender not recorded or declined could decide it."
                : $" ({unknown} with gender not recorded or declined.)";
        }

        // Women needed: the smallest k with (women + k) ≥ min × (n + k).
        var shortfall = outcome == Outcome.Pass ? 0 : minShare >= 1 ? n - women : Math.Max(0, Math.Ceiling(((minShare * n) - women) / (1 - minShare) - Epsilon));
        return new RuleVerdict(rule, outcome, observed, minShare, sentence, n, unknown) { Shortfall = shortfall };
    }

    private static RuleVerdict MaxSessions(BalanceRule rule, IReadOnlyList<Seat> people, int max)
    {
        var over = people.Where(p => p.SessionsInMeeting > max).ToList();
        var most = people.Count == 0 ? 0 : people.Max(p => p.SessionsInMeeting);
        var sentence = over.Count == 0
            ? $"Nobody counted sits in more than {max} sessions of this meeting."
            : string.Join("; ", over.Select(p => $"{p.DisplayName} sits in {p.SessionsInMeeting} sessions of this meeting")) + $"; at most {max} allowed.";
        return new RuleVerdict(rule, over.Count == 0 ? Outcome.Pass : Outcome.Fail, most, max, sentence, people.Count, 0) { Shortfall = over.Count };
    }

    private static RuleVerdict NoOverlap(BalanceRule rule, IReadOnlyList<Seat> people)
    {
        var clashing = people.Where(p => p.HasOverlap).ToList();
        var sentence = clashing.Count == 0
            ? "Nobody counted is booked in another session at the same time."
            : $"{string.Join(", ", clashing.Select(p => p.DisplayName))} {(clashing.Count == 1 ? "is" : "are")} also booked in another session at the same time.";
        return new RuleVerdict(rule, clashing.Count == 0 ? Outcome.Pass : Outcome.Fail, clashing.Count, 0, sentence, people.Count, 0) { Shortfall = clashing.Count };
    }

    private static RuleVerdict MinOnsite(BalanceRule rule, Panel panel, bool confirmedOnly, MinOnsiteRule onsite)
    {
        var moderators = PeopleInScope(panel, rule.Scope with { Roles = new HashSet<ParticipantRole> { ParticipantRole.Moderator }, OnsiteOnly = false }, confirmedOnly);
        var speakers = PeopleInScope(panel, rule.Scope with { Roles = new HashSet<ParticipantRole> { ParticipantRole.Speaker }, OnsiteOnly = false }, confirmedOnly);
        var (moderatorsOnsite, moderatorsUnknown) = (moderators.Count(p => p.Attendance == Attendance.Onsite), moderators.Count(p => p.Attendance == Attendance.Unspecified));
        var (speakersOnsite, speakersUnknown) = (speakers.Count(p => p.Attendance == Attendance.Onsite), speakers.Count(p => p.Attendance == Attendance.Unspecified));
        var pass = moderatorsOnsite >= onsite.Moderators && speakersOnsite >= onsite.Speakers;
        var fail = moderatorsOnsite + moderatorsUnknown < onsite.Moderators || speakersOnsite + speakersUnknown < onsite.Speakers;
        var outcome = pass ? Outcome.Pass : fail ? Outcome.Fail : Outcome.Indeterminate;
        var unknown = moderatorsUnknown + speakersUnknown;
        var sentence = $"{moderatorsOnsite} {(moderatorsOnsite == 1 ? "moderator" : "moderators")} and {speakersOnsite} {(speakersOnsite == 1 ? "speaker" : "speakers")} attend onsite; at least {onsite.Moderators} and {onsite.Speakers} required.";
        if (unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} with attendance not recorded could decide it."
                : $" ({unknown} with attendance not recorded.)";
        }

        return new RuleVerdict(rule, outcome, speakersOnsite, onsite.Speakers, sentence, moderators.Count + speakers.Count, unknown)
        {
            Shortfall = Math.Max(0, onsite.Moderators - moderatorsOnsite) + Math.Max(0, onsite.Speakers - speakersOnsite),
        };
    }

    private static RuleVerdict OrganizerGroups(BalanceRule rule, Panel panel, int threshold)
    {
        var known = panel.Organizers.Where(o => !o.Multistakeholder && o.Group != StakeholderGroup.Unspecified).Select(o => o.Group).Distinct().ToList();
        var unknown = panel.Organizers.Count(o => !o.Multistakeholder && o.Group == StakeholderGroup.Unspecified);
        var best = known.Count + Math.Min(unknown, Groups.Length - known.Count);
        var outcome = known.Count >= threshold ? Outcome.Pass : best < threshold ? Outcome.Fail : Outcome.Indeterminate;
        var listed = known.Count == 0 ? "" : $" ({string.Join(", ", known.Select(Labels.Group))})";
        var sentence = $"The {panel.Organizers.Count} organisers come from {known.Count} stakeholder {(known.Count == 1 ? "group" : "groups")}{listed}; at least {threshold} required.";
        if (unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} organiser(s) with no group recorded could decide it."
                : $" ({unknown} organiser(s) with no group recorded.)";
        }

        return new RuleVerdict(rule, outcome, known.Count, threshold, sentence, panel.Organizers.Count, unknown) { Shortfall = Math.Max(0, threshold - known.Count) };
    }

    private static RuleVerdict NotAllOneOrganization(BalanceRule rule, IReadOnlyList<Seat> people, string who)
    {
        var n = people.Count;
        var organizations = people.Where(p => p.OrganizationId is not null).Select(p => p.OrganizationId!).Distinct().ToList();
        var unknown = people.Count(p => p.OrganizationId is null);
        Outcome outcome;
        string sentence;
        if (n < 2 || organizations.Count >= 2)
        {
            outcome = Outcome.Pass;
            sentence = n < 2 ? $"Fewer than two {who} counted." : $"The {who} belong to {organizations.Count} different organisations.";
        }
        else if (unknown == 0)
        {
            outcome = Outcome.Fail;
            sentence = $"All {n} {who} belong to the same organisation.";
        }
        else
        {
            outcome = Outcome.Indeterminate;
            sentence = $"{unknown} of {n} {who} have no organisation recorded; whether they all belong to one cannot be told.";
        }

        return new RuleVerdict(rule, outcome, organizations.Count, 2, sentence, n, unknown) { Shortfall = outcome == Outcome.Fail ? 1 : 0 };
    }

    private static string Noun(Scope scope, bool confirmedOnly)
    {
        var roles = scope.Roles.Count == 1 ? Labels.RolePlural(scope.Roles.First()) : "panellists";
        return confirmedOnly ? $"confirmed {roles}" : roles;
    }

    private static string Singular(string plural) => plural.EndsWith('s') ? plural[..^1] : plural;

    /// <summary>"1 speaker", "3 confirmed speakers".</summary>
    private static string Counted(int count, string plural) => count == 1 ? $"1 {Singular(plural)}" : $"{count} {plural}";

    private static string Person(int count) => count == 1 ? "person" : "people";

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

/// <summary>The words people use for the API's values.</summary>
public static class Labels
{
    public static string Group(StakeholderGroup group) => group switch
    {
        StakeholderGroup.Government => "Government",
        StakeholderGroup.CivilSociety => "Civil Society",
        StakeholderGroup.PrivateSector => "Private Sector",
        StakeholderGroup.TechnicalCommunity => "Technical Community",
        StakeholderGroup.IntergovernmentalOrganization => "Intergovernmental Organizations",
        _ => "unknown group",
    };

    public static string Region(RegionalGroup region) => region switch
    {
        RegionalGroup.African => "the African Group",
        RegionalGroup.AsiaPacific => "Asia-Pacific",
        RegionalGroup.EasternEuropean => "Eastern Europe",
        RegionalGroup.LatinAmericanCaribbean => "GRULAC",
        RegionalGroup.WesternEuropeanOthers => "WEOG",
        _ => "unassigned",
    };

    public static string GenderPlural(Gender gender) => gender switch
    {
        Gender.Woman => "women",
        Gender.Man => "men",
        Gender.NonBinary => "non-binary",
        Gender.SelfDescribed => "of one self-described gender",
        _ => "of unknown gender",
    };

    public static string GenderSingular(Gender gender) => gender switch
    {
        Gender.Woman => "a woman",
        Gender.Man => "a man",
        Gender.NonBinary => "non-binary",
        Gender.SelfDescribed => "of a self-described gender",
        _ => "of unknown gender",
    };

    public static string RolePlural(ParticipantRole role) => role switch
    {
        ParticipantRole.Speaker => "speakers",
        ParticipantRole.Moderator => "moderators",
        ParticipantRole.RemoteModerator => "remote moderators",
        ParticipantRole.Rapporteur => "rapporteurs",
        ParticipantRole.Organizer => "organisers",
        _ => "panellists",
    };
}

/// <summary>Who is on a panel: distinct speakers and moderators in the counted confirmation states.</summary>
public sealed record Composition(
    int People,
    IReadOnlyDictionary<StakeholderGroup, int> Groups,
    IReadOnlyDictionary<RegionalGroup, int> Regions,
    IReadOnlyDictionary<Gender, int> Genders)
{
    private static readonly Scope PanelScope = Scope.Default with
    {
        Roles = new HashSet<ParticipantRole> { ParticipantRole.Speaker, ParticipantRole.Moderator },
    };

    public static Composition Of(Panel panel, bool confirmedOnly)
    {
        var people = BalanceEngine.PeopleInScope(panel, PanelScope, confirmedOnly);
        return new Composition(
            people.Count,
            Count(people, p => p.Group),
            Count(people, p => p.Region),
            // Declined and not recorded are both "unknown" to the rules, but reported apart.
            Count(people, p => p.Gender));
    }

    private static Dictionary<T, int> Count<T>(IReadOnlyList<Seat> people, Func<Seat, T> key)
        where T : struct, Enum =>
        people.GroupBy(key).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    public IEnumerable<StakeholderGroup> MissingGroups => Enum.GetValues<StakeholderGroup>().Where(g => g != StakeholderGroup.Unspecified && !Groups.ContainsKey(g));

    public IEnumerable<RegionalGroup> MissingRegions => Enum.GetValues<RegionalGroup>().Where(r => r != RegionalGroup.Unspecified && !Regions.ContainsKey(r));

    public IEnumerable<Gender> MissingGenders => new[] { Gender.Woman, Gender.Man }.Where(g => !Genders.ContainsKey(g));
}
