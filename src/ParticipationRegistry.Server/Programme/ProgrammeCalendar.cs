using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace ParticipationRegistry.Server.Programme;

/// <summary>The programme as iCalendar (RFC 5545), written by Ical.Net: one VEVENT per timed session, in the meeting's zone with its VTIMEZONE.</summary>
public static class ProgrammeCalendar
{
    public static string Render(FeedProgramme programme)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//ParticipationRegistry//Published programme//EN" };
        calendar.AddProperty("X-WR-CALNAME", programme.DisplayName);
        var utc = programme.TimeZone == TimeZoneInfo.Utc;
        if (!utc)
        {
            calendar.AddTimeZone(programme.TimeZoneId);
        }

        var tzId = utc ? "UTC" : programme.TimeZoneId;
        foreach (var session in programme.Sessions.Where(s => s.StartTime is not null))
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
                Description = Description(session),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Description(FeedSession session) =>
        string.Join(
            "\n",
            session.Panellists.Select(p =>
                $"{p.DisplayName}{(p.Affiliation.Length > 0 ? $", {p.Affiliation}" : "")} — {Words(p.Role, "PARTICIPANT_ROLE_")}, "
                + $"{Words(p.StakeholderGroup, "STAKEHOLDER_GROUP_")}, {Words(p.RegionalGroup, "REGIONAL_GROUP_")}"));

    /// <summary><c>STAKEHOLDER_GROUP_CIVIL_SOCIETY</c> → "Civil society".</summary>
    private static string Words(string protoName, string prefix)
    {
        var words = protoName.StartsWith(prefix, StringComparison.Ordinal) ? protoName[prefix.Length..] : protoName;
        var lower = words.Replace('_', ' ').ToLowerInvariant();
        return lower.Length == 0 ? lower : char.ToUpper(lower[0], CultureInfo.InvariantCulture) + lower[1..];
    }
}
