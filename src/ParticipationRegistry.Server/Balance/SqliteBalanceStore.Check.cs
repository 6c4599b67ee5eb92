using System.Collections.Frozen;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

// What a check of one stored panel reads, on statements kept prepared (Database.ReadPrepared): the forum's
// default policies, a stored policy's rules, the session with its organisers and seats.
public sealed partial class SqliteBalanceStore
{
    /// <summary>The LDC, LLDC and SIDS codes, compared as SQL compares text (binary).</summary>
    private FrozenSet<string> DevelopingCodes => field ??= countries.DevelopingCodes.ToFrozenSet(StringComparer.Ordinal);

    public ForumPolicies? FindForumPolicies(string meetingId, string? sessionId) => database.ReadPrepared(connection =>
    {
        // The forum a meeting names as forums/{forum}; free text names none.
        using var row = connection.Query(
            """
            SELECT f.default_policy, f.kind_policies,
                   (SELECT s.kind FROM sessions s WHERE s.meeting_id = m.id AND s.id = @sessionId) AS kind
            FROM meetings m
            JOIN forums f ON f.id = substr(m.forum, 8)
            WHERE m.id = @meetingId AND m.forum LIKE 'forums/%'
            """,
            ("@meetingId", meetingId),
            ("@sessionId", sessionId ?? ""));
        return row.Read() ? new ForumPolicies(row.GetString(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetInt32(2)) : null;
    });

    public IReadOnlyList<int> SessionKinds(string meetingId) => database.ReadPrepared(connection =>
    {
        using var row = connection.Query("SELECT DISTINCT kind FROM sessions WHERE meeting_id = @meetingId ORDER BY kind", ("@meetingId", meetingId));
        var kinds = new List<int>();
        while (row.Read())
        {
            kinds.Add(row.GetInt32(0));
        }

        return kinds;
    });

    public StoredPolicyRules? FindPolicyRules(string id) => database.ReadPrepared(connection =>
    {
        using var row = connection.Query("SELECT rules, published FROM policies WHERE id = @id", ("@id", id));
        return row.Read() ? new StoredPolicyRules((byte[])row.GetValue(0), row.GetInt64(1) != 0) : null;
    });

    public SessionPanel? FindSessionPanel(SessionName name, bool withOtherSeats) => database.ReadPrepared(connection =>
    {
        string displayName, startTime, endTime;
        int kind, state;
        using (var session = connection.Query(
            "SELECT display_name, kind, state, start_time, end_time FROM sessions WHERE meeting_id = @meetingId AND id = @sessionId",
            ("@meetingId", name.MeetingId),
            ("@sessionId", name.SessionId)))
        {
            if (!session.Read())
            {
                return null;
            }

            (displayName, kind, state, startTime, endTime) = (session.GetString(0), session.GetInt32(1), session.GetInt32(2), session.GetString(3), session.GetString(4));
        }

        var organizers = new List<Organizer>();
        using (var organizer = connection.Query(
            """
            SELECT o.stakeholder_group, o.multistakeholder
            FROM session_organizers so JOIN organizations o ON o.id = so.organization_id
            WHERE so.meeting_id = @meetingId AND so.session_id = @sessionId
            ORDER BY so.position
            """,
            ("@meetingId", name.MeetingId),
            ("@sessionId", name.SessionId)))
        {
            while (organizer.Read())
            {
                organizers.Add(new Organizer((StakeholderGroup)organizer.GetInt32(0), organizer.GetInt64(1) != 0));
            }
        }

        var seats = new List<Seat>();
        using (var seat = withOtherSeats
            ? connection.Query(
                OneSessionSeats,
                ("@meetingId", name.MeetingId),
                ("@sessionId", name.SessionId),
                ("@cancelled", (int)SessionState.Cancelled),
                ("@rejected", (int)SessionState.Rejected))
            : connection.Query(OneSessionSeatsAlone, ("@meetingId", name.MeetingId), ("@sessionId", name.SessionId)))
        {
            while (seat.Read())
            {
                seats.Add(ReadSeat(seat, 1, named: true, withOtherSeats));
            }
        }

        return new SessionPanel(name.MeetingId, name.SessionId, displayName, kind, state, startTime, endTime, new Panel(seats, organizers, (SessionKind)kind));
    });

}
