using System.Globalization;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

// How each kind of rule judges the people its scope counts.
public static partial class BalanceEngine
{
    private static RuleVerdict MinSpeakers(BalanceRule rule, IReadOnlyList<Seat> people, string? who, int count)
    {
        var n = people.Count;
        var outcome = n >= count ? Outcome.Pass : Outcome.Fail;
        var sentence = who is null ? "" : outcome == Outcome.Pass
            ? $"{Counted(n, who)} counted; at least {count} required."
            : $"Only {Counted(n, who)} counted; at least {count} required.";
        return new RuleVerdict(rule, outcome, n, count, sentence, n, 0) { Shortfall = Math.Max(0, count - n) };
    }

    /// <summary>
    /// "count ≥ threshold" with unknowns: pass if the known already reach it, fail if even all unknowns could not;
    /// no explanation without <paramref name="observedFormat"/>.
    /// </summary>
    private static RuleVerdict AtLeast(BalanceRule rule, int known, int unknown, int threshold, int counted, string? observedFormat, string unknownPhrase)
    {
        var outcome = known >= threshold ? Outcome.Pass : known + unknown < threshold ? Outcome.Fail : Outcome.Indeterminate;
        if (observedFormat is null)
        {
            return new RuleVerdict(rule, outcome, known, threshold, "", counted, unknown) { Shortfall = Math.Max(0, threshold - known) };
        }

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
        BalanceRule rule, IReadOnlyList<Seat> people, string? who, int threshold, Func<Seat, T> valueOf, T unknownValue, int categories,
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
        var shortfall = Math.Max(0, threshold - known.Count);
        if (who is null)
        {
            return new RuleVerdict(rule, outcome, known.Count, threshold, "", people.Count, unknown) { Shortfall = shortfall };
        }

        var listed = known.Count == 0 ? "" : $" ({string.Join(", ", known.Select(label))})";
        var sentence = $"The {who} come from {known.Count} {(known.Count == 1 ? singular : plural)}{listed}; at least {threshold} required.";
        if (unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} with no {singular} recorded could decide it."
                : $" ({unknown} with no {singular} recorded.)";
        }

        return new RuleVerdict(rule, outcome, known.Count, threshold, sentence, people.Count, unknown) { Shortfall = shortfall };
    }

    private static RuleVerdict MaxShare<T>(
        BalanceRule rule, IReadOnlyList<Seat> people, string? who, double maxShare, Func<Seat, T> valueOf, T unknownValue, int categories,
        Func<T, string> label, string singular)
        where T : struct, Enum
    {
        var n = people.Count;
        var unknown = people.Count(p => EqualityComparer<T>.Default.Equals(valueOf(p), unknownValue));
        if (n == 0)
        {
            return new RuleVerdict(rule, Outcome.Pass, 0, maxShare, who is null ? "" : $"No {who} counted, so no {singular} holds more than {Percent(maxShare)}.", 0, 0);
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
        // People from other groups needed before the largest fits: the smallest k with largest ≤ max × (n + k).
        var shortfall = outcome == Outcome.Pass ? 0 : Math.Max(0, Math.Ceiling((largest.Count / maxShare) - n - Epsilon));
        if (who is null)
        {
            return new RuleVerdict(rule, outcome, observed, maxShare, "", n, unknown) { Shortfall = shortfall };
        }

        var sentence = largest.Count == 0
            ? $"None of the {who} has a {singular} recorded; at most {Percent(maxShare)} may share one."
            : $"{largest.Count} of {n} {who} ({Percent(observed)}) are from {label(largest.Value)}; at most {Percent(maxShare)} allowed.";
        if (unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} with no {singular} recorded could decide it."
                : $" ({unknown} with no {singular} recorded.)";
        }

        return new RuleVerdict(rule, outcome, observed, maxShare, sentence, n, unknown) { Shortfall = shortfall };
    }

    private static RuleVerdict RequiredGroups(BalanceRule rule, IReadOnlyList<Seat> people, string? who, IReadOnlyList<StakeholderGroup> required)
    {
        var present = people.Select(p => p.Group).ToHashSet();
        var missing = required.Distinct().Where(g => !present.Contains(g)).ToList();
        var unknown = people.Count(p => p.Group == StakeholderGroup.Unspecified);
        var outcome = missing.Count == 0 ? Outcome.Pass : missing.Count > unknown ? Outcome.Fail : Outcome.Indeterminate;
        var sentence = who is null ? "" : missing.Count == 0
            ? $"Every required stakeholder group ({string.Join(", ", required.Distinct().Select(Labels.Group))}) has at least one of the {who}."
            : $"No {Singular(who)} from {string.Join(" or ", missing.Select(Labels.Group))}; required: {string.Join(", ", required.Distinct().Select(Labels.Group))}.";
        if (who is not null && unknown > 0 && missing.Count > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} with no stakeholder group recorded could decide it."
                : $" ({unknown} with no stakeholder group recorded.)";
        }

        return new RuleVerdict(rule, outcome, required.Distinct().Count() - missing.Count, required.Distinct().Count(), sentence, people.Count, unknown) { Shortfall = missing.Count };
    }

    private static bool IsKnownGender(Gender gender) => gender is Gender.Woman or Gender.Man or Gender.NonBinary or Gender.SelfDescribed;

    private static RuleVerdict NotSingleGender(BalanceRule rule, IReadOnlyList<Seat> people, string? who)
    {
        var n = people.Count;
        var known = people.Where(p => IsKnownGender(p.Gender)).Select(p => p.Gender).Distinct().ToList();
        var unknown = people.Count(p => !IsKnownGender(p.Gender));
        Outcome outcome;
        string sentence;
        if (n < 2)
        {
            outcome = Outcome.Fail;
            sentence = who is null ? "" : $"Only {Counted(n, who)} counted: a panel of fewer than two is single-gender.";
        }
        else if (known.Count >= 2)
        {
            outcome = Outcome.Pass;
            sentence = who is null ? "" : $"The {n} {who} are not all of one gender.";
        }
        else
        {
            // One known gender and an unknown, or two unknowns, could still be of different genders.
            outcome = unknown >= 1 && known.Count + unknown >= 2 ? Outcome.Indeterminate : Outcome.Fail;
            sentence = who is null ? "" : outcome == Outcome.Fail
                ? $"All {n} {who} are {Labels.GenderPlural(known[0])}; at least one must be of a different gender."
                : known.Count == 1
                    ? (n - unknown == 1
                        ? $"Of the {n} {who}, the one whose gender is recorded is {Labels.GenderSingular(known[0])}; {unknown} {Person(unknown)} with gender not recorded or declined could decide it."
                        : $"The {n - unknown} {who} whose gender is recorded are all {Labels.GenderPlural(known[0])}; {unknown} {Person(unknown)} with gender not recorded or declined could decide it.")
                    : $"No gender is recorded for the {n} {who}; whether they are all of one gender cannot be told.";
        }

        return new RuleVerdict(rule, outcome, known.Count, 2, sentence, n, unknown) { Shortfall = outcome == Outcome.Fail ? Math.Max(1, 2 - n) : 0 };
    }

    private static RuleVerdict MinWomenShare(BalanceRule rule, IReadOnlyList<Seat> people, string? who, double minShare)
    {
        var n = people.Count;
        var women = people.Count(p => p.Gender == Gender.Woman);
        var unknown = people.Count(p => !IsKnownGender(p.Gender));
        if (n == 0)
        {
            return new RuleVerdict(rule, Outcome.Fail, 0, minShare, who is null ? "" : $"No {who} counted; women must be at least {Percent(minShare)}.", 0, 0) { Shortfall = 1 };
        }

        var needed = minShare * n;
        var outcome = women >= needed - Epsilon ? Outcome.Pass : women + unknown < needed - Epsilon ? Outcome.Fail : Outcome.Indeterminate;
        var observed = (double)women / n;
        // Women needed: the smallest k with (women + k) ≥ min × (n + k).
        var shortfall = outcome == Outcome.Pass ? 0 : minShare >= 1 ? n - women : Math.Max(0, Math.Ceiling(((minShare * n) - women) / (1 - minShare) - Epsilon));
        if (who is null)
        {
            return new RuleVerdict(rule, outcome, observed, minShare, "", n, unknown) { Shortfall = shortfall };
        }

        var sentence = $"{women} of {n} {who} ({Percent(observed)}) are women; at least {Percent(minShare)} required.";
        if (unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} {Person(unknown)} with gender not recorded or declined could decide it."
                : $" ({unknown} with gender not recorded or declined.)";
        }

        return new RuleVerdict(rule, outcome, observed, minShare, sentence, n, unknown) { Shortfall = shortfall };
    }

    private static RuleVerdict MaxSessions(BalanceRule rule, IReadOnlyList<Seat> people, int max, bool explain)
    {
        var (over, most) = (0, 0);
        foreach (var person in people)
        {
            over += person.SessionsInMeeting > max ? 1 : 0;
            most = Math.Max(most, person.SessionsInMeeting);
        }

        var sentence = !explain ? "" : over == 0
            ? $"Nobody counted sits in more than {max} sessions of this meeting."
            : string.Join("; ", people.Where(p => p.SessionsInMeeting > max).Select(p => $"{p.DisplayName} sits in {p.SessionsInMeeting} sessions of this meeting")) + $"; at most {max} allowed.";
        return new RuleVerdict(rule, over == 0 ? Outcome.Pass : Outcome.Fail, most, max, sentence, people.Count, 0) { Shortfall = over };
    }

    private static RuleVerdict NoOverlap(BalanceRule rule, IReadOnlyList<Seat> people, bool explain)
    {
        var clashing = people.Where(p => p.HasOverlap).ToList();
        var sentence = !explain ? "" : clashing.Count == 0
            ? "Nobody counted is booked in another session at the same time."
            : $"{string.Join(", ", clashing.Select(p => p.DisplayName))} {(clashing.Count == 1 ? "is" : "are")} also booked in another session at the same time.";
        return new RuleVerdict(rule, clashing.Count == 0 ? Outcome.Pass : Outcome.Fail, clashing.Count, 0, sentence, people.Count, 0) { Shortfall = clashing.Count };
    }

    private static RuleVerdict MinOnsite(BalanceRule rule, Panel panel, bool confirmedOnly, MinOnsiteRule onsite, bool explain)
    {
        var moderators = PeopleInScope(panel, rule.Scope with { Roles = new HashSet<ParticipantRole> { ParticipantRole.Moderator }, OnsiteOnly = false }, confirmedOnly);
        var speakers = PeopleInScope(panel, rule.Scope with { Roles = new HashSet<ParticipantRole> { ParticipantRole.Speaker }, OnsiteOnly = false }, confirmedOnly);
        var (moderatorsOnsite, moderatorsUnknown) = (moderators.Count(p => p.Attendance == Attendance.Onsite), moderators.Count(p => p.Attendance == Attendance.Unspecified));
        var (speakersOnsite, speakersUnknown) = (speakers.Count(p => p.Attendance == Attendance.Onsite), speakers.Count(p => p.Attendance == Attendance.Unspecified));
        var pass = moderatorsOnsite >= onsite.Moderators && speakersOnsite >= onsite.Speakers;
        var fail = moderatorsOnsite + moderatorsUnknown < onsite.Moderators || speakersOnsite + speakersUnknown < onsite.Speakers;
        var outcome = pass ? Outcome.Pass : fail ? Outcome.Fail : Outcome.Indeterminate;
        var unknown = moderatorsUnknown + speakersUnknown;
        var sentence = !explain ? "" : $"{moderatorsOnsite} {(moderatorsOnsite == 1 ? "moderator" : "moderators")} and {speakersOnsite} {(speakersOnsite == 1 ? "speaker" : "speakers")} attend onsite; at least {onsite.Moderators} and {onsite.Speakers} required.";
        if (explain && unknown > 0)
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

    private static RuleVerdict OrganizerGroups(BalanceRule rule, Panel panel, int threshold, bool explain)
    {
        var known = panel.Organizers.Where(o => !o.Multistakeholder && o.Group != StakeholderGroup.Unspecified).Select(o => o.Group).Distinct().ToList();
        var unknown = panel.Organizers.Count(o => !o.Multistakeholder && o.Group == StakeholderGroup.Unspecified);
        var best = known.Count + Math.Min(unknown, Groups.Length - known.Count);
        var outcome = known.Count >= threshold ? Outcome.Pass : best < threshold ? Outcome.Fail : Outcome.Indeterminate;
        var listed = !explain || known.Count == 0 ? "" : $" ({string.Join(", ", known.Select(Labels.Group))})";
        var sentence = !explain ? "" : $"The {panel.Organizers.Count} organisers come from {known.Count} stakeholder {(known.Count == 1 ? "group" : "groups")}{listed}; at least {threshold} required.";
        if (explain && unknown > 0)
        {
            sentence += outcome == Outcome.Indeterminate
                ? $" {unknown} organiser(s) with no group recorded could decide it."
                : $" ({unknown} organiser(s) with no group recorded.)";
        }

        return new RuleVerdict(rule, outcome, known.Count, threshold, sentence, panel.Organizers.Count, unknown) { Shortfall = Math.Max(0, threshold - known.Count) };
    }

    private static RuleVerdict NotAllOneOrganization(BalanceRule rule, IReadOnlyList<Seat> people, string? who)
    {
        var n = people.Count;
        var organizations = people.Where(p => p.OrganizationId is not null).Select(p => p.OrganizationId!).Distinct().ToList();
        var unknown = people.Count(p => p.OrganizationId is null);
        Outcome outcome;
        string sentence;
        if (n < 2 || organizations.Count >= 2)
        {
            outcome = Outcome.Pass;
            sentence = who is null ? "" : n < 2 ? $"Fewer than two {who} counted." : $"The {who} belong to {organizations.Count} different organisations.";
        }
        else if (unknown == 0)
        {
            outcome = Outcome.Fail;
            sentence = who is null ? "" : $"All {n} {who} belong to the same organisation.";
        }
        else
        {
            outcome = Outcome.Indeterminate;
            sentence = who is null ? "" : $"{unknown} of {n} {who} have no organisation recorded; whether they all belong to one cannot be told.";
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
