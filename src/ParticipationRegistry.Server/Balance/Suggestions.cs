using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

public sealed record Suggestion(PersonFacts Person, IReadOnlyList<string> Fixes, string Reason);

public sealed record SuggestionPage(IReadOnlyList<Suggestion> Suggestions, IReadOnlyList<string> FailingRules, bool HasMore);

/// <summary>
/// Finds registered people whose seat would fix failing rules (make them pass or bring them closer),
/// ranked by rules fixed, then fewest sessions held in the meeting, then newcomers first. Without
/// personal-data rights over the people suggested, they are chosen, ranked and ordered without the
/// rules that read gender or attributes, so neither the list nor its order reveals them.
/// </summary>
public sealed class Suggestions(IBalanceStore store, CountryCatalog countries)
{
    private static readonly int[] Groups = [1, 2, 3, 4, 5, 0];
    private static readonly int[] Regions = [1, 2, 3, 4, 5, 0];
    private static readonly int?[] Genders = [1, 2, 3, 4, 5, 0];
    private static readonly int?[] AnyGender = [null];

    /// <summary>The page of suggestions; with <paramref name="personalDataUsable"/> false, judged without the rules reading personal data.</summary>
    public SuggestionPage Suggest(
        SessionPanel session, IReadOnlyList<BalanceRule> policyRules, ParticipantRole role, bool registeredOnly, bool confirmedOnly, int offset, int size, bool personalDataUsable)
    {
        var failing = BalanceEngine.Check(session.Panel, policyRules, confirmedOnly).Rules.Where(r => r.Outcome == Outcome.Fail).Select(r => r.Rule.Id).ToList();
        var rules = personalDataUsable ? policyRules : policyRules.Where(r => !r.ReadsPersonalData).ToList();
        var before = BalanceEngine.Check(session.Panel, rules, confirmedOnly);
        if (!before.Rules.Any(r => r.Outcome == Outcome.Fail))
        {
            return new SuggestionPage([], failing, false);
        }

        var need = offset + size + 1;
        var onPanel = session.Panel.Seats.Select(s => s.PersonKey).ToHashSet();
        var cap = rules.Select(r => r.Kind).OfType<MaxSessionsPerPersonRule>().Select(r => r.MaxSessions).DefaultIfEmpty(int.MaxValue).Min();

        // What a seat fixes depends only on the values the rules read, not on who holds it, so
        // each combination is judged once.
        var judged = new Dictionary<Seat, (IReadOnlyList<string>, bool)>();
        (IReadOnlyList<string> Fixes, bool Breaks) Judge(Seat seat)
        {
            var key = seat with { PersonKey = "", DisplayName = "" };
            if (!judged.TryGetValue(key, out var verdict))
            {
                judged[key] = verdict = JudgeAnew(seat);
            }

            return verdict;
        }

        // A rule's verdict on the panel with one more seat depends only on the facts of the seat it
        // reads, so each rule is judged once per value it reads (a few dozen), not once per combination.
        var after = new Dictionary<(int Rule, Seat Facts), RuleVerdict>();
        RuleVerdict After(int rule, Seat seat)
        {
            var facts = rules[rule].FactsRead(seat);
            if (!after.TryGetValue((rule, facts), out var verdict))
            {
                after[(rule, facts)] = verdict = BalanceEngine.Evaluate(rules[rule], session.Panel with { Seats = [.. session.Panel.Seats, facts] }, confirmedOnly);
            }

            return verdict;
        }

        (IReadOnlyList<string> Fixes, bool Breaks) JudgeAnew(Seat seat)
        {
            var fixes = new List<string>();
            var breaks = false;
            for (var i = 0; i < rules.Count; i++)
            {
                var (was, now) = (before.Rules[i], After(i, seat));
                // A failing rule counts as fixed when the seat makes it pass or brings it closer
                // (a share rule may need several new people; each of them closes part of the gap).
                if (was.Outcome == Outcome.Fail && (now.Outcome == Outcome.Pass || now.Shortfall < was.Shortfall)) fixes.Add(rules[i].Id);
                if (rules[i].Severity == Severity.Required && was.Outcome == Outcome.Pass && now.Outcome != Outcome.Pass) breaks = true;
            }

            return (fixes, breaks);
        }

        // People already seated in this meeting or an earlier one of the forum rank after the
        // newcomers of their level, and can fix no more than a newcomer with the same values; they
        // are read only when the newcomers of a level do not fill the page.
        var seated = new Lazy<List<(PersonFacts Person, (IReadOnlyList<string> Fixes, bool Breaks) Verdict)>>(() => store.FindSeatedPeople(session, registeredOnly)
            .Where(p => !onPanel.Contains(p.Id) && !p.HasOverlap && p.SessionsInMeeting < cap)
            .Select(p => (Person: p, Verdict: Judge(SeatOf(p, role, Confirmation.Confirmed, Attendance.Unspecified, p.SessionsInMeeting, countries))))
            .Where(x => x.Verdict.Fixes.Count > 0 && !x.Verdict.Breaks)
            .ToList());

        var profiles = Profiles(rules, session.Panel, personalDataUsable)
            .Select(p => (Profile: p, Verdict: Judge(SeatOf(p, role))))
            .Where(x => x.Verdict.Fixes.Count > 0 && !x.Verdict.Breaks)
            .ToList();

        var ranked = new List<Suggestion>();
        // A seated person fixes no more than a newcomer with the same values, so the levels start at
        // the best profile's (or, with no helpful profile at all, wherever the seated people are).
        var top = profiles.Count > 0 ? profiles.Max(p => p.Verdict.Fixes.Count) : rules.Count;
        for (var level = top; level > 0; level--)
        {
            foreach (var (profile, verdict) in profiles.Where(p => p.Verdict.Fixes.Count == level))
            {
                if (ranked.Count >= need)
                {
                    break;
                }

                var found = store.FindNewcomers(session, profile, onPanel, registeredOnly, need - ranked.Count);
                ranked.AddRange(found.Select(p => new Suggestion(p, verdict.Fixes, Reason(p, role, verdict.Fixes))));
            }

            if (ranked.Count >= need)
            {
                break;
            }

            ranked.AddRange(seated.Value
                .Where(s => s.Verdict.Fixes.Count == level)
                .OrderBy(s => s.Person.SessionsInMeeting).ThenByDescending(s => s.Person.Newcomer)
                .Select(s => new Suggestion(s.Person, s.Verdict.Fixes, Reason(s.Person, role, s.Verdict.Fixes))));
            if (ranked.Count >= need)
            {
                break;
            }
        }

        return new SuggestionPage(ranked.Skip(offset).Take(size).ToList(), failing, ranked.Count > offset + size);
    }

    /// <summary>
    /// Every combination of the values the rules look at; dimensions no rule reads stay open, except
    /// group, region and gender (see below). Gender is left open when personal data may not be used.
    /// </summary>
    private static IEnumerable<CandidateProfile> Profiles(IReadOnlyList<BalanceRule> rules, Panel panel, bool personalDataUsable)
    {
        var kinds = rules.Select(r => r.Kind).ToList();
        var genders = personalDataUsable ? Genders : AnyGender;
        var developingRule = kinds.OfType<MinDevelopingCountryRule>().FirstOrDefault();
        bool?[] developing = developingRule is not null ? [true, false, null] : [null];
        bool?[] youth = kinds.Any(k => k is MinYouthRule) ? [true, false] : [null];
        bool?[] onsite = kinds.Any(k => k is MinOnsiteRule) ? [true, false] : [null];
        var panelOrganizations = panel.Seats.Where(s => s.OrganizationId is not null).Select(s => s.OrganizationId!).Distinct().ToList();
        OrganizationMatch?[] organizations = kinds.Any(k => k is NotAllFromOneOrganizationRule) && panelOrganizations.Count == 1
            ? [new OrganizationMatch(panelOrganizations[0], false), new OrganizationMatch(panelOrganizations[0], true), new OrganizationMatch(panelOrganizations[0], null)]
            : [null];

        // Group, region and gender are enumerated: each combination is an equality lookup on the
        // (gender, group, region) index, oldest record first (create_time, id). An open gender costs a
        // sort, but keeps the order of the people found from following their gender.
        foreach (var group in Groups)
        foreach (var region in Regions)
        foreach (var gender in genders)
        foreach (var d in developing)
        foreach (var y in youth)
        foreach (var o in organizations)
        foreach (var on in onsite)
        {
            yield return new CandidateProfile(group, region, gender, d, y, o, on, developingRule?.Codes);
        }
    }

    private static Seat SeatOf(CandidateProfile profile, ParticipantRole role) => new(
        "candidate",
        "",
        role,
        Confirmation.Confirmed,
        profile.Onsite == true ? Attendance.Onsite : Attendance.Unspecified,
        (StakeholderGroup)profile.Group,
        (RegionalGroup)profile.Region,
        (Gender)(profile.Gender ?? 0),
        profile.Developing,
        profile.Youth == true,
        profile.Organization switch
        {
            { Same: true } o => o.PanelOrganizationId,
            { Same: false } => "another organisation",
            _ => null,
        },
        Newcomer: true,
        SessionsInMeeting: 1,
        HasOverlap: false);

    /// <summary>A registered person's seat; <paramref name="sessionsBesidesThis"/> are their other sessions in the meeting.</summary>
    public static Seat SeatOf(PersonFacts person, ParticipantRole role, Confirmation confirmation, Attendance attendance, int sessionsBesidesThis, CountryCatalog countries) => new(
        person.Id,
        person.DisplayName,
        role,
        confirmation,
        attendance == Attendance.Unspecified ? (Attendance)person.RegisteredAttendance : attendance,
        (StakeholderGroup)person.Group,
        (RegionalGroup)person.Region,
        (Gender)person.Gender,
        Developing(person.CountryCode, countries),
        (person.Attributes & (1L << (int)StakeholderAttribute.Youth)) != 0,
        person.OrganizationId,
        person.Newcomer,
        sessionsBesidesThis + 1,
        person.HasOverlap,
        person.CountryCode);

    public static bool? Developing(string countryCode, CountryCatalog countries) =>
        countryCode.Length > 0 && countries.TryGet(countryCode, out var country) ? country.Ldc || country.Lldc || country.Sids : null;

    private static string Reason(PersonFacts person, ParticipantRole role, IReadOnlyList<string> fixes)
    {
        var seats = person.SessionsInMeeting switch
        {
            0 => "no other session in this meeting",
            1 => "1 other session in this meeting",
            var n => $"{n} other sessions in this meeting",
        };
        var newcomer = person.Newcomer ? "; new to this forum's panels" : "";
        return $"As {Labels.RolePlural(role).TrimEnd('s')}, {person.DisplayName} would close the gap on {string.Join(", ", fixes)}; {seats}{newcomer}.";
    }
}
