using Dapper;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Programme;

/// <summary>Reads the published programme in one connection after the meeting is found through <see cref="IMeetingStore"/>.</summary>
public sealed class SqliteProgrammeStore(Database database, IMeetingStore meetings) : IProgrammeStore
{
    public (MeetingRow Meeting, IReadOnlyList<SessionRow> Sessions, IReadOnlyList<ParticipantRow> Seats) Published(MeetingName meeting)
    {
        var row = meetings.GetMeeting(meeting);
        return database.Read(connection =>
        {
            var parameters = new { meetingId = row.Id, published = PersonalDataRights.PublishedStates };
            var sessions = connection.Query<SessionRow>(
                """
                SELECT meeting_id, id, display_name, kind, state, theme, start_time, end_time, room, update_time
                FROM sessions
                WHERE meeting_id = @meetingId AND state IN @published
                ORDER BY start_time, id
                """,
                parameters).AsList();
            var seats = connection.Query<ParticipantRow>(
                """
                SELECT p.meeting_id, p.session_id, p.id, p.role, p.snap_display_name, p.snap_stakeholder_group,
                       p.snap_regional_group, p.snap_affiliation
                FROM participants p
                JOIN sessions s ON s.meeting_id = p.meeting_id AND s.id = p.session_id
                WHERE p.meeting_id = @meetingId AND s.state IN @published
                ORDER BY p.session_id, p.role, p.create_time, p.id
                """,
                parameters).AsList();
            return (row, (IReadOnlyList<SessionRow>)sessions, (IReadOnlyList<ParticipantRow>)seats);
        });
    }
}
