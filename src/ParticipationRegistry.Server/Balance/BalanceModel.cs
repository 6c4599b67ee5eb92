using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

// The balance domain: plain records the engine decides over. The vocabulary (groups, regions,
// genders, roles) is the API's enums; nothing here knows gRPC or SQL.

/// <summary>One seat on a panel, with what the registry knows of the person holding it.</summary>
/// <param name="PersonKey">Identifies the person across seats (a stakeholder id, or a key for someone not registered).</param>
/// <param name="Developing">From an LDC, LLDC or SIDS country; null when no country is recorded.</param>
/// <param name="OrganizationId">Null when the person has no registered organisation.</param>
/// <param name="Newcomer">No seat in an earlier meeting of the same forum.</param>
/// <param name="SessionsInMeeting">Sessions of the meeting the person sits in, counting this one.</param>
/// <param name="HasOverlap">Also seated in another session of the meeting that overlaps this one in time.</param>
/// <param name="CountryCode">ISO alpha-2; empty when none is recorded, and for a hypothetical candidate, whose
/// <paramref name="Developing"/> then says whether they come from the country set a rule seeks.</param>
public sealed record Seat(
    string PersonKey,
    string DisplayName,
    ParticipantRole Role,
    Confirmation Confirmation,
    Attendance Attendance,
    StakeholderGroup Group,
    RegionalGroup Region,
    Gender Gender,
    bool? Developing,
    bool Youth,
    string? OrganizationId,
    bool Newcomer,
    int SessionsInMeeting,
    bool HasOverlap,
    string CountryCode = "");

/// <summary>An organising organisation: its group, or none when multistakeholder or unrecorded.</summary>
public sealed record Organizer(StakeholderGroup Group, bool Multistakeholder);

/// <param name="Kind">The session's kind; unspecified for a proposed panel, which every policy judges.</param>
public sealed record Panel(IReadOnlyList<Seat> Seats, IReadOnlyList<Organizer> Organizers, SessionKind Kind = SessionKind.Unspecified);

/// <summary>Who a rule counts: roles, confirmation states, onsite only.</summary>
public sealed record Scope(IReadOnlySet<ParticipantRole> Roles, IReadOnlySet<Confirmation> Confirmations, bool OnsiteOnly)
{
    public static readonly IReadOnlySet<ParticipantRole> DefaultRoles = new HashSet<ParticipantRole> { ParticipantRole.Speaker };

    public static readonly IReadOnlySet<Confirmation> DefaultConfirmations =
        new HashSet<Confirmation> { Confirmation.Confirmed, Confirmation.Tentative };

    public static readonly Scope Default = new(DefaultRoles, DefaultConfirmations, false);

    public bool Counts(Seat seat, bool confirmedOnly) =>
        Roles.Contains(seat.Role)
        && (confirmedOnly ? seat.Confirmation == Confirmation.Confirmed : Confirmations.Contains(seat.Confirmation))
        && (!OnsiteOnly || seat.Attendance == Attendance.Onsite);
}

public enum Severity
{
    Required,
    Advisory,
}

/// <param name="SessionKinds">The policy's session kinds (the same on each of its rules); empty means every kind.</param>
public sealed record BalanceRule(string Id, Severity Severity, Scope Scope, RuleKind Kind, IReadOnlySet<SessionKind>? SessionKinds = null)
{
    /// <summary>Whether the rule judges <paramref name="panel"/>: its policy names no kinds, the panel has none, or the panel's is named.</summary>
    public bool AppliesTo(Panel panel) =>
        SessionKinds is not { Count: > 0 } kinds || panel.Kind == SessionKind.Unspecified || kinds.Contains(panel.Kind);

    /// <summary>Whether judging it needs a person's other seats (earlier meetings, this meeting's sessions, overlaps).</summary>
    public bool ReadsOtherSeats => Kind is MinFirstTimeRule or MaxSessionsPerPersonRule or NoOverlappingSessionsRule;

    /// <summary>Whether judging it reads personal data: gender, or attributes (youth is an age).</summary>
    public bool ReadsPersonalData => Kind is NotSingleGenderRule or MinWomenShareRule or MinNotMenRule or MinYouthRule;

    /// <summary>
    /// <paramref name="seat"/> with only what this rule's verdict can depend on: what its scope reads
    /// (role, confirmation, attendance) and what its kind reads; the rest, and who holds it, left empty.
    /// </summary>
    public Seat FactsRead(Seat seat)
    {
        var facts = new Seat("", "", seat.Role, seat.Confirmation, seat.Attendance, default, default, default, null, false, null, false, 0, false);
        return Kind switch
        {
            MinSpeakersRule or MinOnsiteRule or MinOrganizerGroupsRule => facts,
            MinStakeholderGroupsRule or MaxStakeholderGroupShareRule or RequiredStakeholderGroupsRule => facts with { Group = seat.Group },
            MinRegionalGroupsRule or MaxRegionalGroupShareRule => facts with { Region = seat.Region },
            NotSingleGenderRule or MinWomenShareRule or MinNotMenRule => facts with { Gender = seat.Gender },
            MinDevelopingCountryRule => facts with { Developing = seat.Developing, CountryCode = seat.CountryCode },
            MinFirstTimeRule => facts with { Newcomer = seat.Newcomer },
            MinYouthRule => facts with { Youth = seat.Youth },
            MaxSessionsPerPersonRule => facts with { SessionsInMeeting = seat.SessionsInMeeting },
            NoOverlappingSessionsRule => facts with { HasOverlap = seat.HasOverlap },
            NotAllFromOneOrganizationRule => facts with { OrganizationId = seat.OrganizationId },
            _ => seat with { PersonKey = "", DisplayName = "" },
        };
    }
}

/// <summary>A rule's kind and parameters; one record per kind of the API's Rule oneof.</summary>
public abstract record RuleKind(string Name);

public sealed record MinSpeakersRule(int Count) : RuleKind("min_speakers");
public sealed record MinStakeholderGroupsRule(int Count) : RuleKind("min_stakeholder_groups");
public sealed record MaxStakeholderGroupShareRule(double MaxShare) : RuleKind("max_stakeholder_group_share");
public sealed record RequiredStakeholderGroupsRule(IReadOnlyList<StakeholderGroup> Groups) : RuleKind("required_stakeholder_groups");
public sealed record MinRegionalGroupsRule(int Count) : RuleKind("min_regional_groups");
public sealed record MaxRegionalGroupShareRule(double MaxShare) : RuleKind("max_regional_group_share");
public sealed record NotSingleGenderRule() : RuleKind("not_single_gender");
public sealed record MinWomenShareRule(double MinShare) : RuleKind("min_women_share");
public sealed record MinNotMenRule(int Count) : RuleKind("min_not_men");
/// <param name="Codes">The rule's country set; null for the default union of LDC, LLDC and SIDS, read from <see cref="Seat.Developing"/>.</param>
/// <param name="Label">The set for people ("an LDC, LLDC or SIDS country").</param>
public sealed record MinDevelopingCountryRule(int Count, IReadOnlySet<string>? Codes = null, string Label = MinDevelopingCountryRule.DefaultLabel)
    : RuleKind("min_developing_country_speakers")
{
    public const string DefaultLabel = "an LDC, LLDC or SIDS country";

    /// <summary>Whether the seat's person comes from a country of the set; null when no country is known.</summary>
    public bool? Includes(Seat seat) => Codes is null || seat.CountryCode.Length == 0 ? seat.Developing : Codes.Contains(seat.CountryCode);
}
public sealed record MinFirstTimeRule(int Count) : RuleKind("min_first_time_speakers");
public sealed record MinYouthRule(int Count) : RuleKind("min_youth");
public sealed record MaxSessionsPerPersonRule(int MaxSessions) : RuleKind("max_sessions_per_person");
public sealed record NoOverlappingSessionsRule() : RuleKind("no_overlapping_sessions");
public sealed record MinOnsiteRule(int Moderators, int Speakers) : RuleKind("min_onsite");
public sealed record MinOrganizerGroupsRule(int Count) : RuleKind("min_organizer_stakeholder_groups");
public sealed record NotAllFromOneOrganizationRule() : RuleKind("not_all_from_one_organization");

public enum Outcome
{
    Pass,
    Fail,
    Indeterminate,
}

public enum PanelVerdict
{
    Balanced,
    Unbalanced,
    Indeterminate,

    /// <summary>The policy applies to other session kinds: no rule was judged.</summary>
    NotApplicable,
}

/// <summary>One rule's result: outcome, what was seen against what was asked, and why in one sentence.</summary>
public sealed record RuleVerdict(BalanceRule Rule, Outcome Outcome, double Observed, double Threshold, string Explanation, int Counted, int Unknown)
{
    /// <summary>
    /// How far a failing rule is from passing, in people to add or change (0 when it passes): what
    /// a suggestion must reduce to count as closing the gap.
    /// </summary>
    public double Shortfall { get; init; }
}

public sealed record BalanceReport(PanelVerdict Verdict, int Score, IReadOnlyList<RuleVerdict> Rules);
