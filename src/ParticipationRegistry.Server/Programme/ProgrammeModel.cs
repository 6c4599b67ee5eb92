using System.Globalization;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Programme;

/// <summary>A panellist as the caller may see them: name and affiliation only when the consent rules allow.</summary>
public sealed record FeedPanellist(string DisplayName, string Affiliation, ParticipantRole Role, StakeholderGroup StakeholderGroup, RegionalGroup RegionalGroup);

/// <summary>A published session with local times (null when the session has none).</summary>
public sealed record FeedSession(
    string Name, string DisplayName, string Kind, string State, string Theme, string Room,
    DateTimeOffset? StartTime, DateTimeOffset? EndTime, DateTimeOffset UpdateTime, IReadOnlyList<FeedPanellist> Panellists);

/// <summary>
/// The published programme of a meeting for one caller; <see cref="Personal"/> when it names someone the
/// public may not see (the caller's rights), so no cache may keep it.
/// </summary>
public sealed record FeedProgramme(string Name, string DisplayName, string TimeZoneId, TimeZoneInfo TimeZone, IReadOnlyList<FeedSession> Sessions, bool Personal)
{
    /// <summary>The meeting's zone (IANA, validated on write); UTC when it has none.</summary>
    public static TimeZoneInfo ZoneOf(MeetingRow meeting) =>
        meeting.TimeZone.Length == 0 ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone);

    /// <summary>
    /// Maps the store's rows, naming a seat's holder by <see cref="PersonalDataRights.NamesSeatHolder"/>, as
    /// ListParticipants does; <paramref name="publishedWithConsent"/> are the seats the public may see named.
    /// </summary>
    public static FeedProgramme From(
        MeetingRow meeting, IReadOnlyList<SessionRow> sessions, IReadOnlyList<ParticipantRow> seats,
        Func<ParticipantRow, bool> named, IReadOnlySet<string> publishedWithConsent)
    {
        var zone = ZoneOf(meeting);
        var bySession = seats.ToLookup(s => s.SessionId);
        var personal = seats.Any(s => named(s) && !publishedWithConsent.Contains(s.Id));
        var mapped = sessions.Select(s => new FeedSession(
            new SessionName(s.MeetingId, s.Id).ToString(),
            s.DisplayName,
            ProtoEnums.NameOf((SessionKind)s.Kind),
            ProtoEnums.NameOf((SessionState)s.State),
            s.Theme,
            s.Room,
            Local(s.StartTime, zone),
            Local(s.EndTime, zone),
            Local(s.UpdateTime, zone) ?? DateTimeOffset.UnixEpoch,
            bySession[s.Id].Select(p => Panellist(p, named(p))).ToList())).ToList();
        return new FeedProgramme(new MeetingName(meeting.Id).ToString(), meeting.DisplayName, zone.Id, zone, mapped, personal);
    }

    private static FeedPanellist Panellist(ParticipantRow seat, bool named) => new(
        named ? seat.SnapDisplayName : PersonalDataRights.UnnamedPanellist,
        named ? seat.SnapAffiliation : "",
        (ParticipantRole)seat.Role,
        (StakeholderGroup)seat.SnapStakeholderGroup,
        (RegionalGroup)seat.SnapRegionalGroup);

    private static DateTimeOffset? Local(string utcText, TimeZoneInfo zone) =>
        Times.ToTimestamp(utcText) is { } time ? TimeZoneInfo.ConvertTime(time.ToDateTimeOffset(), zone) : null;

    /// <summary>RFC 3339 with the local offset, e.g. <c>2026-06-23T10:00:00+02:00</c>.</summary>
    public static string Rfc3339(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
