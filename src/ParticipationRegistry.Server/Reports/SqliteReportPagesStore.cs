using Dapper;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Reports;

public sealed class SqliteReportPagesStore(Database database) : IReportPagesStore
{
    public IReadOnlyList<MeetingName> ForumMeetings(MeetingName meeting, int limit)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        using var connection = database.Open();
        return connection.Query<string>(
            """
            SELECT id FROM (
                SELECT m.id, m.start_date
                FROM meetings this
                JOIN meetings m ON m.forum = this.forum
                WHERE this.id = @meetingId AND this.forum <> '' AND this.start_date <> '' AND m.start_date <> ''
                  AND (m.start_date < this.start_date OR (m.start_date = this.start_date AND m.id <= this.id))
                ORDER BY m.start_date DESC, m.id DESC
                LIMIT @limit
            ) AS latest
            ORDER BY start_date, id
            """,
            new { meetingId = meeting.MeetingId, limit }).Select(id => new MeetingName(id)).ToList();
    }
}
