using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>
/// Builds panels for the pure balance engine. Every attribute is known unless a test says otherwise:
/// a confirmed, onsite Government speaker from WEOG, a man, not from a developing country, not youth,
/// in an organisation of his own, not a newcomer, in this one session and no overlapping one.
/// </summary>
public sealed class PanelBuilder
{
    /// <summary>Passed as <c>organization</c>: the person's own organisation, shared with nobody.</summary>
    public const string OwnOrganization = "(own)";

    private readonly List<Seat> seats = [];
    private readonly List<Organizer> organizers = [];

    public PanelBuilder Speaker(
        string? name = null,
        Confirmation confirmation = Confirmation.Confirmed,
        Attendance attendance = Attendance.Onsite,
        StakeholderGroup group = StakeholderGroup.Government,
        RegionalGroup region = RegionalGroup.WesternEuropeanOthers,
        Gender gender = Gender.Man,
        bool? developing = false,
        bool youth = false,
        string? organization = OwnOrganization,
        bool newcomer = false,
        int sessions = 1,
        bool overlap = false,
        string? key = null) =>
        Seat(ParticipantRole.Speaker, name, confirmation, attendance, group, region, gender, developing, youth, organization, newcomer, sessions, overlap, key);

    public PanelBuilder Moderator(
        string? name = null,
        Confirmation confirmation = Confirmation.Confirmed,
        Attendance attendance = Attendance.Onsite,
        StakeholderGroup group = StakeholderGroup.Government,
        RegionalGroup region = RegionalGroup.WesternEuropeanOthers,
        Gender gender = Gender.Man,
        bool? developing = false,
        bool youth = false,
        string? organization = OwnOrganization,
        bool newcomer = false,
        int sessions = 1,
        bool overlap = false,
        string? key = null) =>
        Seat(ParticipantRole.Moderator, name, confirmation, attendance, group, region, gender, developing, youth, organization, newcomer, sessions, overlap, key);

    /// <summary>Adds <paramref name="count"/> speakers alike in everything but their name.</summary>
    public PanelBuilder Speakers(
        int count,
        Confirmation confirmation = Confirmation.Confirmed,
        Attendance attendance = Attendance.Onsite,
        StakeholderGroup group = StakeholderGroup.Government,
        RegionalGroup region = RegionalGroup.WesternEuropeanOthers,
        Gender gender = Gender.Man,
        bool? developing = false,
        bool youth = false,
        string? organization = OwnOrganization,
        bool newcomer = false,
        int sessions = 1,
        bool overlap = false)
    {
        for (var i = 0; i < count; i++)
        {
            Speaker(null, confirmation, attendance, group, region, gender, developing, youth, organization, newcomer, sessions, overlap);
        }

        return this;
    }

    public PanelBuilder Seat(
        ParticipantRole role,
        string? name = null,
        Confirmation confirmation = Confirmation.Confirmed,
        Attendance attendance = Attendance.Onsite,
        StakeholderGroup group = StakeholderGroup.Government,
        RegionalGroup region = RegionalGroup.WesternEuropeanOthers,
        Gender gender = Gender.Man,
        bool? developing = false,
        bool youth = false,
        string? organization = OwnOrganization,
        bool newcomer = false,
        int sessions = 1,
        bool overlap = false,
        string? key = null)
    {
        var displayName = name ?? $"Person {seats.Count + 1}";
        var personKey = key ?? displayName;
        seats.Add(new Seat(
            personKey,
            displayName,
            role,
            confirmation,
            attendance,
            group,
            region,
            gender,
            developing,
            youth,
            organization == OwnOrganization ? $"org:{personKey}" : organization,
            newcomer,
            sessions,
            overlap));
        return this;
    }

    public PanelBuilder Organizer(StakeholderGroup group, bool multistakeholder = false)
    {
        organizers.Add(new Organizer(group, multistakeholder));
        return this;
    }

    public Panel Build() => new(seats.ToList(), organizers.ToList());

    /// <summary>
    /// The IGF 2012 seed workshop (no. 85) as the registry records it: five speakers and a moderator.
    /// </summary>
    public static Panel SeedWorkshop() => new PanelBuilder()
        .Speaker("Peter Major", Confirmation.Confirmed, Attendance.Onsite, StakeholderGroup.Government, RegionalGroup.WesternEuropeanOthers, Gender.Man)
        .Speaker("Wolfgang Kleinwächter", Confirmation.Confirmed, Attendance.Onsite, StakeholderGroup.CivilSociety, RegionalGroup.WesternEuropeanOthers, Gender.Unspecified)
        .Speaker("Mervi Kultamaa", Confirmation.Tentative, Attendance.Onsite, StakeholderGroup.Government, RegionalGroup.WesternEuropeanOthers, Gender.Woman)
        .Speaker("Markus Kummer", Confirmation.Confirmed, Attendance.Onsite, StakeholderGroup.TechnicalCommunity, RegionalGroup.WesternEuropeanOthers, Gender.Man)
        .Speaker("Parminder Jeet Singh", Confirmation.Tentative, Attendance.Onsite, StakeholderGroup.CivilSociety, RegionalGroup.AsiaPacific, Gender.Man)
        .Moderator("Izumi Aizu", Confirmation.Confirmed, Attendance.Onsite, StakeholderGroup.CivilSociety, RegionalGroup.AsiaPacific, Gender.Unspecified)
        .Build();
}

/// <summary>Rules for the engine, with the default scope unless one is given.</summary>
public static class TestRules
{
    public static BalanceRule Required(RuleKind kind, Scope? scope = null) =>
        new(kind.Name.Replace('_', '-'), Severity.Required, scope ?? Scope.Default, kind);

    public static BalanceRule Advisory(RuleKind kind, Scope? scope = null) =>
        new(kind.Name.Replace('_', '-'), Severity.Advisory, scope ?? Scope.Default, kind);

    public static Scope Roles(params ParticipantRole[] roles) => Scope.Default with { Roles = roles.ToHashSet() };

    public static Scope Confirmations(params Confirmation[] confirmations) => Scope.Default with { Confirmations = confirmations.ToHashSet() };

    public static RuleVerdict Evaluate(RuleKind kind, Panel panel, bool confirmedOnly = false, Scope? scope = null) =>
        BalanceEngine.Evaluate(Required(kind, scope), panel, confirmedOnly);
}
