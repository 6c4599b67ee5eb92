using Dapper;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Reports;

public sealed class SqliteReportPagesStore(Database database) : IReportPagesStore
{
    public IReadOnlyList<string> ForumMeetings(string meetingId, int limit)
    {
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
            )
            ORDER BY start_date, id
            """,
            new { meetingId, limit }).ToList();
    }

    public IReadOnlyList<int> SessionKinds(string meetingId)
    {
        using var connection = database.Open();
        return connection.Query<long>(
            """
            SELECT DISTINCT s.kind
            FROM sessions s
            WHERE s.meeting_id = @meetingId
              AND EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = s.meeting_id AND p.session_id = s.id)
            ORDER BY s.kind
            """,
            new { meetingId }).Select(kind => (int)kind).ToList();
    }
}
