using System.Data.Common;
using System.Data;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;
using SessionFacts = (string Id, string DisplayName, int Kind, int State, string StartTime, string EndTime);

namespace ParticipationRegistry.Server.Balance;

// Panels: sessions, their organisers and their seats. Every seat query returns the same columns,
// read back by position in ReadSeat.
public sealed partial class SqliteBalanceStore
{
    public IReadOnlyList<SessionPanel> LoadSessionPanels(string meetingId, IReadOnlyCollection<string> sessionIds)
    {
        var panels = new List<SessionPanel>();
        VisitSessionPanels(meetingId, sessionIds, withOtherSeats: true, panels.Add);
        return panels;
    }

    public void VisitSessionPanels(string meetingId, IReadOnlyCollection<string> sessionIds, bool withOtherSeats, Action<SessionPanel> visit)
    {
        if (sessionIds.Count == 0)
        {
            return;
        }

        using var connection = database.Open();
        var parameters = SeatParameters(new { meetingId, sessionIds });
        var sessions = connection.Query<SessionFacts>(
            """
            SELECT id, display_name, kind, state, start_time, end_time
            FROM sessions
            WHERE meeting_id = @meetingId AND id IN @sessionIds
            ORDER BY id
            """,
            parameters).ToList();
        var organizers = connection.Query<(string SessionId, int Group, bool Multistakeholder)>(
            """
            SELECT so.session_id, o.stakeholder_group, o.multistakeholder
            FROM session_organizers so JOIN organizations o ON o.id = so.organization_id
            WHERE so.meeting_id = @meetingId AND so.session_id IN @sessionIds
            ORDER BY so.session_id, so.position
            """,
            parameters).ToLookup(o => o.SessionId);
        var seats = !withOtherSeats ? SessionSeatsAlone
            : sessionIds.Count > ManySessions ? ManySessionsSeats
            : FewSessionsSeats;
        Visit(meetingId, connection, sessions, organizers, seats, withOtherSeats, parameters, visit);
    }

    public void VisitMeetingPanels(string meetingId, SessionFilter filter, bool withOtherSeats, Action<SessionPanel> visit) =>
        database.ReadPrepared(connection =>
        {
            var organizers = MeetingOrganizers(connection, meetingId);
            (string, object?)[] parameters =
            [
                ("@meetingId", meetingId),
                ("@anyKind", filter.Kinds.Count == 0),
                ("@kinds", JsonSerializer.Serialize(filter.Kinds)),
                ("@anyState", filter.States.Count == 0),
                ("@states", JsonSerializer.Serialize(filter.States)),
                ("@anyTheme", filter.Themes.Count == 0),
                ("@themes", JsonSerializer.Serialize(filter.Themes)),
                ("@cancelled", (int)SessionState.Cancelled),
                ("@rejected", (int)SessionState.Rejected),
            ];
            using var rows = withOtherSeats
                ? connection.Query(Dialect(MeetingPanels), parameters)
                : connection.Query(Dialect(MeetingPanelsAlone), parameters.AsSpan(..^2));
            // One row per seat, sessions in id order (a session without seats has one row of NULL seat
            // columns): each panel is complete when the session's id changes.
            var hasRow = rows.Read();
            while (hasRow)
            {
                var (sessionId, displayName, kind, state) = (rows.GetString(0), rows.GetString(1), rows.GetInt32(2), rows.GetInt32(3));
                var (startTime, endTime) = (rows.GetString(4), rows.GetString(5));
                var seats = new List<Seat>();
                do
                {
                    if (!rows.IsDBNull(MeetingSeatColumn))
                    {
                        seats.Add(ReadSeat(rows, MeetingSeatColumn, named: false, withOtherSeats));
                    }

                    hasRow = rows.Read();
                }
                while (hasRow && string.Equals(rows.GetString(0), sessionId, StringComparison.Ordinal));

                visit(new SessionPanel(
                    meetingId, sessionId, displayName, kind, state, startTime, endTime,
                    new Panel(seats, organizers.GetValueOrDefault(sessionId) ?? [], (SessionKind)kind)));
            }

            return 0;
        });

    /// <summary>The organisers of every session of a meeting that has any, by session, in position order.</summary>
    private static Dictionary<string, List<Organizer>> MeetingOrganizers(PreparedConnection connection, string meetingId)
    {
        var bySession = new Dictionary<string, List<Organizer>>(StringComparer.Ordinal);
        using var rows = connection.Query(
            """
            SELECT so.session_id, o.stakeholder_group, o.multistakeholder
            FROM session_organizers so JOIN organizations o ON o.id = so.organization_id
            WHERE so.meeting_id = @meetingId
            ORDER BY so.session_id, so.position
            """,
            ("@meetingId", meetingId));
        while (rows.Read())
        {
            var sessionId = rows.GetString(0);
            if (!bySession.TryGetValue(sessionId, out var organizers))
            {
                bySession[sessionId] = organizers = [];
            }

            organizers.Add(new Organizer((StakeholderGroup)rows.GetInt32(1), rows.GetInt64(2) != 0));
        }

        return bySession;
    }

    private static DynamicParameters SeatParameters(object parameters)
    {
        var all = new DynamicParameters(parameters);
        all.Add("cancelled", (int)SessionState.Cancelled);
        all.Add("rejected", (int)SessionState.Rejected);
        return all;
    }

    private void Visit(
        string meetingId,
        DbConnection connection,
        List<SessionFacts> sessions,
        ILookup<string, (string SessionId, int Group, bool Multistakeholder)> organizers,
        string seatsSql,
        bool otherSeats,
        DynamicParameters parameters,
        Action<SessionPanel> visit)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        // Seats arrive ordered by session: each panel is complete when the next session starts. Read
        // by position, not mapped by name: at a hundred thousand seats the mapping is most of the cost.
        using var seats = connection.ExecuteReader(seatsSql, parameters);
        var hasSeat = seats.Read();
        var seatSession = hasSeat ? seats.GetString(0) : "";
        foreach (var session in sessions)
        {
            var panelSeats = new List<Seat>();
            while (hasSeat && string.CompareOrdinal(seatSession, session.Id) <= 0)
            {
                if (seatSession == session.Id)
                {
                    panelSeats.Add(ReadSeat(seats, 1, named: true, otherSeats));
                }

                hasSeat = seats.Read();
                seatSession = hasSeat ? seats.GetString(0) : "";
            }

            visit(new SessionPanel(
                meetingId, session.Id, session.DisplayName, session.Kind, session.State, session.StartTime, session.EndTime,
                new Panel(panelSeats, organizers[session.Id].Select(o => new Organizer((StakeholderGroup)o.Group, o.Multistakeholder)).ToList(), (SessionKind)session.Kind)));
        }
    }

    /// <summary>What a seat query without a person's other seats stands for: a newcomer in one session, no overlap.</summary>
    private const long NoOtherSeats = 1 | (1 << 2);

    /// <summary>
    /// A seat from a row of a seat query, from column <paramref name="first"/> on: stakeholder, the
    /// <see cref="PackedSeatFacts"/> (to the country code), then the name when <paramref name="named"/> and
    /// other_seats (newcomer in bit 0, overlap in bit 1, sessions in the meeting from bit 2) when
    /// <paramref name="otherSeats"/>; whether the country is an LDC, LLDC or SIDS is looked up here rather than
    /// in every query's SQL. Every column read costs a call into SQLite, so the small facts come in one.
    /// </summary>
    private Seat ReadSeat(IDataReader row, int first, bool named, bool otherSeats)
    {
        var facts = row.GetInt64(first + 1);
        int Byte(int index) => (int)((facts >> (8 * index)) & 0xFF);
        var countryCode = row.GetString(first + 3);
        var otherSeatFacts = otherSeats ? row.GetInt64(first + (named ? 5 : 4)) : NoOtherSeats;
        return new Seat(
            row.GetString(first),
            named ? row.GetString(first + 4) : "",
            (ParticipantRole)Byte(0),
            (Confirmation)Byte(1),
            (Attendance)Byte(2),
            (StakeholderGroup)Byte(3),
            (RegionalGroup)Byte(4),
            (Gender)Byte(5),
            countryCode.Length == 0 ? null : DevelopingCodes.Contains(countryCode),
            (facts & (1L << 48)) != 0,
            (facts & (1L << 49)) != 0 ? null : row.GetString(first + 2),
            (otherSeatFacts & 1) != 0,
            (int)(otherSeatFacts >> 2),
            (otherSeatFacts & 2) != 0,
            countryCode);
    }
}
