using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Programme;

/// <summary>The programme as iCalendar (RFC 5545), written by Ical.Net: one VEVENT per timed session, in the meeting's zone with its VTIMEZONE.</summary>
public static class ProgrammeCalendar
{
    public static string Render(FeedProgramme programme)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//ParticipationRegistry//Published programme//EN" };
        calendar.AddProperty("X-WR-CALNAME", programme.DisplayName);
        var timed = programme.Sessions.Where(s => s.StartTime is not null).ToList();
        var utc = programme.TimeZone == TimeZoneInfo.Utc;
        if (!utc && timed.Count > 0)
        {
            // The zone's rules from the earliest session on, so a past meeting's offsets are in the file too.
            var earliest = timed.Min(s => s.StartTime!.Value.UtcDateTime);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(programme.TimeZoneId, earliest, includeHistoricalData: false));
        }

        var tzId = utc ? "UTC" : programme.TimeZoneId;
        foreach (var session in timed)
        {
            var start = session.StartTime!.Value;
            var end = session.EndTime is { } e && e > start ? e : start;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{session.Name}@participation-registry",
                DtStamp = new CalDateTime(session.UpdateTime.UtcDateTime, "UTC"),
                DtStart = new CalDateTime(start.DateTime, tzId),
                DtEnd = new CalDateTime(end.DateTime, tzId),
                Summary = session.DisplayName,
                Location = session.Room.Length > 0 ? session.Room : null,
                Description = session.Panellists.Count > 0 ? Description(session) : null,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Description(FeedSession session) =>
        string.Join(
            "\n",
            session.Panellists.Select(p =>
                $"{p.DisplayName}{(p.Affiliation.Length > 0 ? $", {p.Affiliation}" : "")} — {Role(p.Role)}, {Labels.Group(p.StakeholderGroup)}, {Labels.Region(p.RegionalGroup)}"));

    /// <summary><c>PARTICIPANT_ROLE_SPEAKER</c> → "Speaker".</summary>
    private static string Role(ParticipantRole role)
    {
        const string Prefix = "PARTICIPANT_ROLE_";
        var name = ProtoEnums.NameOf(role);
        var lower = (name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name).Replace('_', ' ').ToLowerInvariant();
        return lower.Length == 0 ? lower : char.ToUpper(lower[0], CultureInfo.InvariantCulture) + lower[1..];
    }
}
