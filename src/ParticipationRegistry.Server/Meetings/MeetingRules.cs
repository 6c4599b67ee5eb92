using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>What valid meetings, sessions, seats and registrations are, and their row mappings.</summary>
public sealed class MeetingRules(CountryCatalog countries)
{
    public static readonly IReadOnlyList<string> UpdatableMeetingFields = ["display_name", "forum", "start_date", "end_date", "country_code", "time_zone"];

    public static readonly IReadOnlyList<string> UpdatableSessionFields =
        ["display_name", "kind", "state", "theme", "organizers", "start_time", "end_time", "room", "gender_report_card"];

    public static readonly IReadOnlyList<string> UpdatableParticipantFields = ["role", "confirmation", "attendance"];

    public static readonly IReadOnlyList<string> UpdatableRegistrationFields = ["attendance", "check_in_time"];

    // The range of google.protobuf.Timestamp: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    // Validation. Each method judges only the fields in `fields` (all of them on create).

    public void Validate(Meeting meeting, IReadOnlySet<string> fields, Violations violations)
    {
        if (fields.Contains("display_name")) RequireText(meeting.DisplayName, "display_name", 200, violations);
        if (fields.Contains("forum") && meeting.Forum.Length > 100) violations.Add("forum", "At most 100 characters.");
        if (fields.Contains("start_date") && meeting.StartDate is { } start && !Times.IsValid(start)) violations.Add("start_date", "Must be a full calendar date.");
        if (fields.Contains("end_date") && meeting.EndDate is { } end && !Times.IsValid(end)) violations.Add("end_date", "Must be a full calendar date.");
        if (fields.Contains("country_code") && meeting.CountryCode.Length > 0 && !countries.TryGet(meeting.CountryCode, out _))
        {
            violations.Add("country_code", $"'{SafeText.Quote(meeting.CountryCode)}' is not an ISO 3166-1 alpha-2 code (or XK) in the registry's country list.");
        }

        if (fields.Contains("time_zone") && meeting.TimeZone.Length > 0 && !IsIanaTimeZone(meeting.TimeZone))
        {
            violations.Add("time_zone", $"'{SafeText.Quote(meeting.TimeZone)}' is not an IANA time zone name (e.g. \"Asia/Baku\", \"Europe/Berlin\").");
        }
    }

    /// <summary>An IANA name the system knows (tzdata), not a Windows zone name nor a bare offset.</summary>
    public static bool IsIanaTimeZone(string name) =>
        name.Length <= 100 && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId;

    /// <summary>Checks that hold between fields, on the row as it will be written.</summary>
    public static void ValidateCombined(MeetingRow row, Violations violations)
    {
        if (row.StartDate.Length > 0 && row.EndDate.Length > 0 && string.CompareOrdinal(row.EndDate, row.StartDate) < 0)
        {
            violations.Add("end_date", "Must not be before start_date.");
        }
    }

    public static void Validate(Session session, IReadOnlySet<string> fields, bool creating, Violations violations)
    {
        if (fields.Contains("display_name")) RequireText(session.DisplayName, "display_name", 300, violations);
        if (fields.Contains("kind")) StakeholderRules.RequireDefined(session.Kind, "kind", violations);
        if (fields.Contains("state"))
        {
            StakeholderRules.RequireDefined(session.State, "state", violations);
            if (!creating && session.State == SessionState.Unspecified)
            {
                violations.Add("state", "Required when updated: one of the SessionState values.");
            }
        }

        if (fields.Contains("theme") && session.Theme.Length > 300) violations.Add("theme", "At most 300 characters.");
        if (fields.Contains("room") && session.Room.Length > 100) violations.Add("room", "At most 100 characters.");
        if (fields.Contains("organizers"))
        {
            var seen = new HashSet<string>();
            for (var i = 0; i < session.Organizers.Count; i++)
            {
                if (ResourceName.Check<OrganizationName>(session.Organizers[i], violations, $"organizers[{i}]") is { } organizer
                    && !seen.Add(organizer.OrganizationId))
                {
                    violations.Add($"organizers[{i}]", "Listed twice.");
                }
            }
        }

        if (fields.Contains("gender_report_card") && session.GenderReportCard is { } card)
        {
            var cardViolations = violations.At("gender_report_card");
            if (card.HasParticipantCount && card.ParticipantCount < 0) cardViolations.Add("participant_count", "Must not be negative.");
            if (card.HasWomenCount && card.WomenCount < 0) cardViolations.Add("women_count", "Must not be negative.");
            if (card.HasParticipantCount && card.HasWomenCount && card.WomenCount > card.ParticipantCount)
            {
                cardViolations.Add("women_count", "Must not exceed participant_count.");
            }

            StakeholderRules.RequireDefined(card.WomenShareBand, "women_share_band", cardViolations);
            StakeholderRules.RequireDefined(card.GenderDiscussion, "gender_discussion", cardViolations);
        }
    }

    public static void ValidateCombined(SessionRow row, Violations violations)
    {
        if (row.StartTime.Length > 0 && row.EndTime.Length > 0 && string.CompareOrdinal(row.EndTime, row.StartTime) <= 0)
        {
            violations.Add("end_time", "Must be after start_time.");
        }
    }

    public static void Validate(Participant participant, IReadOnlySet<string> fields, Violations violations)
    {
        if (fields.Contains("stakeholder")) ResourceName.Check<StakeholderName>(participant.Stakeholder, violations, "stakeholder");
        if (fields.Contains("role"))
        {
            StakeholderRules.RequireDefined(participant.Role, "role", violations);
            if (participant.Role == ParticipantRole.Unspecified) violations.Add("role", "Required: one of the ParticipantRole values.");
        }

        if (fields.Contains("confirmation")) StakeholderRules.RequireDefined(participant.Confirmation, "confirmation", violations);
        if (fields.Contains("attendance")) StakeholderRules.RequireDefined(participant.Attendance, "attendance", violations);
    }

    public static void Validate(Registration registration, IReadOnlySet<string> fields, Violations violations)
    {
        if (fields.Contains("stakeholder")) ResourceName.Check<StakeholderName>(registration.Stakeholder, violations, "stakeholder");
        if (fields.Contains("attendance")) StakeholderRules.RequireDefined(registration.Attendance, "attendance", violations);
        if (fields.Contains("check_in_time") && registration.CheckInTime is { } checkIn
            && (checkIn.Seconds < MinSeconds || checkIn.Seconds > MaxSeconds || checkIn.Nanos is < 0 or > 999_999_999))
        {
            violations.Add("check_in_time", "Must be a valid timestamp.");
        }
    }

    internal static void RequireText(string value, string field, int max, Violations violations)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0) violations.Add(field, "Required.");
        else if (trimmed.Length > max) violations.Add(field, $"At most {max} characters.");
    }

    // Proto → row, for the given fields.

    public static MeetingRow Apply(Meeting source, IReadOnlySet<string> fields, MeetingRow row)
    {
        if (fields.Contains("display_name")) row.DisplayName = source.DisplayName.Trim();
        if (fields.Contains("forum")) row.Forum = source.Forum.Trim();
        if (fields.Contains("start_date")) row.StartDate = Times.ToText(source.StartDate);
        if (fields.Contains("end_date")) row.EndDate = Times.ToText(source.EndDate);
        if (fields.Contains("country_code")) row.CountryCode = source.CountryCode.ToUpperInvariant();
        if (fields.Contains("time_zone")) row.TimeZone = source.TimeZone;
        return row;
    }

    public static SessionRow Apply(Session source, IReadOnlySet<string> fields, SessionRow row)
    {
        if (fields.Contains("display_name")) row.DisplayName = source.DisplayName.Trim();
        if (fields.Contains("kind")) row.Kind = (int)source.Kind;
        if (fields.Contains("state")) row.State = (int)(source.State == SessionState.Unspecified ? SessionState.Proposed : source.State);
        if (fields.Contains("theme")) row.Theme = source.Theme.Trim();
        if (fields.Contains("organizers")) row.OrganizerIds = source.Organizers.Select(o => NameIds.OrganizationId(o)!).ToList();
        if (fields.Contains("start_time")) row.StartTime = Times.ToText(source.StartTime);
        if (fields.Contains("end_time")) row.EndTime = Times.ToText(source.EndTime);
        if (fields.Contains("room")) row.Room = source.Room.Trim();
        if (fields.Contains("gender_report_card"))
        {
            var card = source.GenderReportCard;
            row.GrcParticipantCount = card is { HasParticipantCount: true } ? card.ParticipantCount : null;
            row.GrcWomenCount = card is { HasWomenCount: true } ? card.WomenCount : null;
            row.GrcWomenShareBand = (int)(card?.WomenShareBand ?? WomenShareBand.Unspecified);
            row.GrcGenderDiscussion = (int)(card?.GenderDiscussion ?? GenderDiscussion.Unspecified);
        }

        return row;
    }

    public static ParticipantRow Apply(Participant source, IReadOnlySet<string> fields, ParticipantRow row)
    {
        if (fields.Contains("stakeholder")) row.StakeholderId = NameIds.StakeholderId(source.Stakeholder)!;
        if (fields.Contains("role")) row.Role = (int)source.Role;
        if (fields.Contains("confirmation")) row.Confirmation = (int)(source.Confirmation == Confirmation.Unspecified ? Confirmation.Invited : source.Confirmation);
        if (fields.Contains("attendance")) row.Attendance = (int)source.Attendance;
        return row;
    }

    public static RegistrationRow Apply(Registration source, IReadOnlySet<string> fields, RegistrationRow row)
    {
        if (fields.Contains("stakeholder")) row.StakeholderId = NameIds.StakeholderId(source.Stakeholder)!;
        if (fields.Contains("attendance")) row.Attendance = (int)source.Attendance;
        if (fields.Contains("check_in_time")) row.CheckInTime = Times.ToText(source.CheckInTime);
        return row;
    }

    // Row → proto.

    public static Meeting ToProto(MeetingRow row) => new()
    {
        Name = new MeetingName(row.Id).ToString(),
        DisplayName = row.DisplayName,
        Forum = row.Forum,
        StartDate = Times.ToDate(row.StartDate),
        EndDate = Times.ToDate(row.EndDate),
        CountryCode = row.CountryCode,
        TimeZone = row.TimeZone,
        CreateTime = Times.ToTimestampRequired(row.CreateTime),
        UpdateTime = Times.ToTimestampRequired(row.UpdateTime),
        Etag = Etags.Format(row.Version),
    };

    public static Session ToProto(SessionRow row)
    {
        var session = new Session
        {
            Name = new SessionName(row.MeetingId, row.Id).ToString(),
            DisplayName = row.DisplayName,
            Kind = (SessionKind)row.Kind,
            State = (SessionState)row.State,
            Theme = row.Theme,
            Organizers = { row.OrganizerIds.Select(StakeholderRules.OrganizationText) },
            StartTime = Times.ToTimestamp(row.StartTime),
            EndTime = Times.ToTimestamp(row.EndTime),
            Room = row.Room,
            CreateTime = Times.ToTimestampRequired(row.CreateTime),
            UpdateTime = Times.ToTimestampRequired(row.UpdateTime),
            Etag = Etags.Format(row.Version),
        };
        if (row.GrcParticipantCount is not null || row.GrcWomenCount is not null || row.GrcWomenShareBand != 0 || row.GrcGenderDiscussion != 0)
        {
            var card = new GenderReportCard
            {
                WomenShareBand = (WomenShareBand)row.GrcWomenShareBand,
                GenderDiscussion = (GenderDiscussion)row.GrcGenderDiscussion,
            };
            if (row.GrcParticipantCount is { } participants) card.ParticipantCount = participants;
            if (row.GrcWomenCount is { } women) card.WomenCount = women;
            session.GenderReportCard = card;
        }

        return session;
    }

    public static Participant ToProto(ParticipantRow row) => new()
    {
        Name = new ParticipantName(row.MeetingId, row.SessionId, row.Id).ToString(),
        Stakeholder = new StakeholderName(row.StakeholderId).ToString(),
        Role = (ParticipantRole)row.Role,
        Confirmation = (Confirmation)row.Confirmation,
        Attendance = (Attendance)row.Attendance,
        Snapshot = Snapshot(row),
        CreateTime = Times.ToTimestampRequired(row.CreateTime),
        UpdateTime = Times.ToTimestampRequired(row.UpdateTime),
        Etag = Etags.Format(row.Version),
    };

    public static Registration ToProto(RegistrationRow row) => new()
    {
        Name = new RegistrationName(row.MeetingId, row.Id).ToString(),
        Stakeholder = new StakeholderName(row.StakeholderId).ToString(),
        Attendance = (Attendance)row.Attendance,
        Snapshot = Snapshot(row),
        CheckInTime = Times.ToTimestamp(row.CheckInTime),
        CreateTime = Times.ToTimestampRequired(row.CreateTime),
        UpdateTime = Times.ToTimestampRequired(row.UpdateTime),
        Etag = Etags.Format(row.Version),
    };

    private static StakeholderSnapshot Snapshot(PersonRow row) => new()
    {
        DisplayName = row.SnapDisplayName,
        StakeholderGroup = (StakeholderGroup)row.SnapStakeholderGroup,
        RegionalGroup = (RegionalGroup)row.SnapRegionalGroup,
        CountryCode = row.SnapCountryCode,
        Affiliation = row.SnapAffiliation,
        Organization = StakeholderRules.OrganizationText(row.SnapOrganizationId),
    };
}
