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
            using var rows = withOtherSeats ? connection.Query(MeetingPanels, parameters) : connection.Query(MeetingPanelsAlone, parameters.AsSpan(..^2));
            // One row per seat, sessions in id order (a session without seats has one row of NULL seat
            // columns): each panel is complete when the session's rowid changes.
            var hasRow = rows.Read();
            while (hasRow)
            {
                var sessionRow = rows.GetInt64(0);
                var (sessionId, displayName, kind, state) = (rows.GetString(1), rows.GetString(2), rows.GetInt32(3), rows.GetInt32(4));
                var (startTime, endTime) = (rows.GetString(5), rows.GetString(6));
                var seats = new List<Seat>();
                do
                {
                    if (!rows.IsDBNull(MeetingSeatColumn))
                    {
                        seats.Add(ReadSeat(rows, MeetingSeatColumn, named: false, withOtherSeats));
                    }

                    hasRow = rows.Read();
                }
                while (hasRow && rows.GetInt64(0) == sessionRow);

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

            organizers.Add(new Organizer((StakeholderGroup)rows.GetInt32(1), rows.GetBoolean(2)));
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
        SqliteConnection connection,
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

    /// <summary>
    /// A seat's small facts packed in one integer, a byte each (role, confirmation, attendance, group,
    /// region, gender), youth (attribute bit <see cref="StakeholderAttribute.Youth"/> = 1) in bit 48, no organisation in
    /// bit 49; then organisation and country code: the columns after stakeholder in every seat query.
    /// </summary>
    private const string PackedSeatFacts = """
        p.role | (p.confirmation << 8) | (p.attendance << 16) | (p.snap_stakeholder_group << 24)
               | (p.snap_regional_group << 32) | (p.person_gender << 40)
               | (((p.person_attributes >> 1) & 1) << 48) | ((p.snap_organization_id IS NULL) << 49) AS facts,
               p.snap_organization_id, p.snap_country_code
        """;

    /// <summary>
    /// Each person's other seats, aggregated once over meeting <c>@meetingId</c>: <c>dead</c> sessions
    /// (cancelled, rejected); <c>people</c>, in one walk of the meeting's seats person by person, those with
    /// two or more seats (only they can sit in several sessions or be booked twice: <c>sessions</c>, their
    /// counted sessions, else NULL) or <c>seen</c> in an earlier meeting of the forum, looked up person by
    /// person in the order of the index that answers it; <c>overlapping</c> (seats whose session overlaps
    /// another counted session of the same person).
    /// </summary>
    private const string OtherSeatsInMeeting = """
        WITH this AS (
            SELECT id, forum, start_date FROM meetings WHERE id = @meetingId
        ),
        -- Sessions whose seats count towards no cap: cancelled and rejected ones.
        dead AS (
            SELECT id FROM sessions WHERE meeting_id = @meetingId AND state IN (@cancelled, @rejected)
        ),
        earlier_meetings AS MATERIALIZED (
            SELECT em.id
            FROM this CROSS JOIN meetings em
            WHERE this.forum <> '' AND this.start_date <> ''
              AND em.forum = this.forum AND em.start_date <> '' AND em.start_date < this.start_date
        ),
        people AS MATERIALIZED (
            SELECT p.stakeholder_id AS id,
                   CASE WHEN count(*) > 1 THEN count(DISTINCT CASE WHEN p.session_id NOT IN dead THEN p.session_id END) END AS sessions,
                   -- One seek per person, then their few seats (+ keeps the meeting out of the seek); none
                   -- when the forum has no earlier meeting.
                   EXISTS (SELECT 1 FROM earlier_meetings) AND EXISTS (
                       SELECT 1 FROM participants e INDEXED BY participants_by_stakeholder_meeting
                       WHERE e.stakeholder_id = p.stakeholder_id AND +e.meeting_id IN earlier_meetings) AS seen
            FROM participants p INDEXED BY participants_by_person
            WHERE p.meeting_id = @meetingId
            GROUP BY p.stakeholder_id
            HAVING count(*) > 1 OR seen
        ),
        -- From the sessions with times (only they can overlap) to their seats, the same people's other
        -- seats and those seats' sessions: CROSS JOIN keeps that order.
        overlapping AS (
            SELECT DISTINCT a.id
            FROM sessions s
            CROSS JOIN participants a INDEXED BY participants_by_session
            CROSS JOIN participants b INDEXED BY participants_by_person
            CROSS JOIN sessions os
            WHERE b.meeting_id = a.meeting_id AND b.stakeholder_id = a.stakeholder_id AND b.session_id <> a.session_id
              AND os.meeting_id = b.meeting_id AND os.id = b.session_id
              AND s.meeting_id = @meetingId AND s.start_time <> '' AND s.end_time <> ''
              AND a.meeting_id = s.meeting_id AND a.session_id = s.id AND os.state NOT IN (@cancelled, @rejected)
              AND os.start_time <> '' AND os.end_time <> ''
              AND os.start_time < s.end_time AND s.start_time < os.end_time
        )
        """;

    /// <summary>A seat's other_seats from the <see cref="OtherSeatsInMeeting"/> sets; <c>people</c> is LEFT JOINed on the seat's person.</summary>
    private const string AggregatedOtherSeats = """
        (people.seen IS NOT 1)
               | ((p.id IN overlapping) << 1)
               | ((CASE WHEN people.sessions IS NULL THEN 1 ELSE people.sessions + (p.session_id IN dead) END) << 2)
        """;

    /// <summary>Seats alone, for rules that do not look at a person's other seats; the WHERE clause follows.</summary>
    private const string SeatsAlone = $$"""
        SELECT p.session_id, p.stakeholder_id,
               {{PackedSeatFacts}},
               p.snap_display_name
        FROM participants p INDEXED BY participants_by_session
        """;

    /// <summary>The seats of some sessions alone.</summary>
    private const string SessionSeatsAlone = $$"""
        {{SeatsAlone}}
        WHERE p.meeting_id = @meetingId AND p.session_id IN @sessionIds
        ORDER BY p.session_id, p.create_time, p.id
        """;

    /// <summary>The seats of one session alone, a statement kept prepared.</summary>
    private const string OneSessionSeatsAlone = $$"""
        {{SeatsAlone}}
        WHERE p.meeting_id = @meetingId AND p.session_id = @sessionId
        ORDER BY p.session_id, p.create_time, p.id
        """;

    /// <summary>
    /// Seats with the person's other seats looked up per seat: earlier meetings of the forum
    /// (newcomer), overlapping sessions of this meeting, sessions held in this meeting; the WHERE
    /// clause follows.
    /// </summary>
    private const string SeatsWithOtherSeatsPerSeat = $$"""
        SELECT p.session_id, p.stakeholder_id,
               {{PackedSeatFacts}},
               p.snap_display_name,
               (NOT EXISTS (
                   SELECT 1 FROM participants earlier JOIN meetings em ON em.id = earlier.meeting_id
                   WHERE earlier.stakeholder_id = p.stakeholder_id AND m.forum <> '' AND em.forum = m.forum
                     AND em.start_date <> '' AND em.start_date < m.start_date))
               | (EXISTS (
                   SELECT 1 FROM participants other JOIN sessions os ON os.meeting_id = other.meeting_id AND os.id = other.session_id
                   WHERE other.stakeholder_id = p.stakeholder_id AND other.meeting_id = p.meeting_id AND other.session_id <> p.session_id
                     AND os.state NOT IN (@cancelled, @rejected)
                     AND os.start_time <> '' AND os.end_time <> '' AND s.start_time <> '' AND s.end_time <> ''
                     AND os.start_time < s.end_time AND s.start_time < os.end_time) << 1)
               | ((SELECT count(DISTINCT other.session_id)
                   FROM participants other JOIN sessions os ON os.meeting_id = other.meeting_id AND os.id = other.session_id
                   WHERE other.stakeholder_id = p.stakeholder_id AND other.meeting_id = p.meeting_id
                     AND (os.state NOT IN (@cancelled, @rejected) OR other.session_id = p.session_id)) << 2) AS other_seats
        FROM participants p
        JOIN meetings m ON m.id = p.meeting_id
        JOIN sessions s ON s.meeting_id = p.meeting_id AND s.id = p.session_id
        """;

    /// <summary>The seats of a few sessions, each with the person's other seats looked up per seat.</summary>
    private const string FewSessionsSeats = $$"""
        {{SeatsWithOtherSeatsPerSeat}}
        WHERE p.meeting_id = @meetingId AND p.session_id IN @sessionIds
        ORDER BY p.session_id, p.create_time, p.id
        """;

    /// <summary><see cref="FewSessionsSeats"/> for one session, a statement kept prepared.</summary>
    private const string OneSessionSeats = $$"""
        {{SeatsWithOtherSeatsPerSeat}}
        WHERE p.meeting_id = @meetingId AND p.session_id = @sessionId
        ORDER BY p.session_id, p.create_time, p.id
        """;

    /// <summary>
    /// The same facts for many sessions, from each person's other seats aggregated once over the
    /// meeting, in scans proportional to the seats rather than lookups per seat; sets are tested with
    /// IN (an index SQLite builds once). <see cref="MeetingSeats"/> is this query for every session of
    /// the meeting, without names.
    /// </summary>
    private const string ManySessionsSeats = $$"""
        {{OtherSeatsInMeeting}}
        SELECT p.session_id, p.stakeholder_id,
               {{PackedSeatFacts}},
               p.snap_display_name,
               {{AggregatedOtherSeats}} AS other_seats
        FROM participants p INDEXED BY participants_by_session
        LEFT JOIN people ON people.id = p.stakeholder_id
        WHERE p.meeting_id = @meetingId AND p.session_id IN @sessionIds
        ORDER BY p.session_id, p.create_time, p.id
        """;

    /// <summary>The column of a <see cref="MeetingPanelsAlone"/> or <see cref="MeetingPanels"/> row where the seat begins.</summary>
    private const int MeetingSeatColumn = 7;

    /// <summary>
    /// Every session of the meeting that passes the filter (kinds, states and themes as JSON arrays) with
    /// its seats, from the session's rowid, id and facts: one row per seat, or one of NULL seat columns for a
    /// session without any. Sessions in id order, each one's seats in the order of participants_by_session:
    /// no sort.
    /// </summary>
    private const string MeetingSessionsWithSeats = """
        FROM sessions s
        LEFT JOIN participants p INDEXED BY participants_by_session ON p.meeting_id = s.meeting_id AND p.session_id = s.id
        """;

    /// <summary>The filter and order of <see cref="MeetingSessionsWithSeats"/>.</summary>
    private const string MeetingSessionsFiltered = """
        WHERE s.meeting_id = @meetingId
          AND (@anyKind OR s.kind IN (SELECT value FROM json_each(@kinds)))
          AND (@anyState OR s.state IN (SELECT value FROM json_each(@states)))
          AND (@anyTheme OR s.theme IN (SELECT value FROM json_each(@themes)))
        ORDER BY s.id, p.create_time, p.id
        """;

    /// <summary>Every panel of the meeting alone, without names: the seats from the covering index only.</summary>
    internal const string MeetingPanelsAlone = $$"""
        SELECT s.rowid, s.id, s.display_name, s.kind, s.state, s.start_time, s.end_time,
               p.stakeholder_id,
               {{PackedSeatFacts}}
        {{MeetingSessionsWithSeats}}
        {{MeetingSessionsFiltered}}
        """;

    /// <summary><see cref="MeetingPanelsAlone"/> with <see cref="ManySessionsSeats"/>' facts from each person's other seats.</summary>
    internal const string MeetingPanels = $$"""
        {{OtherSeatsInMeeting}}
        SELECT s.rowid, s.id, s.display_name, s.kind, s.state, s.start_time, s.end_time,
               p.stakeholder_id,
               {{PackedSeatFacts}},
               {{AggregatedOtherSeats}} AS other_seats
        {{MeetingSessionsWithSeats}}
        LEFT JOIN people ON people.id = p.stakeholder_id
        {{MeetingSessionsFiltered}}
        """;
}
