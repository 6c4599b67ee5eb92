using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

// The seat queries of SqliteBalanceStore.Seats.cs: every one returns the same columns, read back by
// position in ReadSeat (the store's code and its SQL side by side, each file readable whole).
public sealed partial class SqliteBalanceStore
{
    /// <summary>
    /// A seat's small facts packed in one integer, a byte each (role, confirmation, attendance, group,
    /// region, gender), youth (attribute bit <see cref="StakeholderAttribute.Youth"/> = 1) in bit 48, no organisation in
    /// bit 49; then organisation and country code: the columns after stakeholder in every seat query.
    /// </summary>
    private const string PackedSeatFacts = """
        p.role | (p.confirmation << 8) | (p.attendance << 16) | (p.snap_stakeholder_group << 24)
               | (p.snap_regional_group << 32) | (p.person_gender << 40)
               | (((p.person_attributes >> 1) & 1) << 48) | (CASE WHEN p.snap_organization_id IS NULL THEN CAST(1 AS BIGINT) << 49 ELSE 0 END) AS facts,
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
                   CASE WHEN count(*) > 1 THEN count(DISTINCT CASE WHEN p.session_id NOT IN (SELECT id FROM dead) THEN p.session_id END) END AS sessions,
                   -- One seek per person, then their few seats (+ keeps the meeting out of the seek); none
                   -- when the forum has no earlier meeting.
                   EXISTS (SELECT 1 FROM earlier_meetings) AND EXISTS (
                       SELECT 1 FROM participants e INDEXED BY participants_by_stakeholder_meeting
                       WHERE e.stakeholder_id = p.stakeholder_id AND +e.meeting_id IN (SELECT id FROM earlier_meetings)) AS seen
            FROM participants p INDEXED BY participants_by_person
            WHERE p.meeting_id = @meetingId
            GROUP BY p.stakeholder_id
            HAVING count(*) > 1 OR EXISTS (SELECT 1 FROM earlier_meetings)
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
        (CASE WHEN people.seen THEN 0 ELSE 1 END)
               | (CASE WHEN p.id IN (SELECT id FROM overlapping) THEN 2 ELSE 0 END)
               | ((CASE WHEN people.sessions IS NULL THEN 1
                        ELSE people.sessions + (CASE WHEN p.session_id IN (SELECT id FROM dead) THEN 1 ELSE 0 END) END) << 2)
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
               (CASE WHEN EXISTS (
                   SELECT 1 FROM participants earlier JOIN meetings em ON em.id = earlier.meeting_id
                   WHERE earlier.stakeholder_id = p.stakeholder_id AND m.forum <> '' AND em.forum = m.forum
                     AND em.start_date <> '' AND em.start_date < m.start_date) THEN 0 ELSE 1 END)
               | (CASE WHEN EXISTS (
                   SELECT 1 FROM participants other JOIN sessions os ON os.meeting_id = other.meeting_id AND os.id = other.session_id
                   WHERE other.stakeholder_id = p.stakeholder_id AND other.meeting_id = p.meeting_id AND other.session_id <> p.session_id
                     AND os.state NOT IN (@cancelled, @rejected)
                     AND os.start_time <> '' AND os.end_time <> '' AND s.start_time <> '' AND s.end_time <> ''
                     AND os.start_time < s.end_time AND s.start_time < os.end_time) THEN 2 ELSE 0 END)
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
    private const int MeetingSeatColumn = 6;

    /// <summary>
    /// Every session of the meeting that passes the filter (kinds, states and themes as JSON arrays) with
    /// its seats, from the session's id and facts: one row per seat, or one of NULL seat columns for a
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
          AND (@anyKind = 1 OR s.kind IN (SELECT CAST(value AS BIGINT) FROM json_each(@kinds)))
          AND (@anyState = 1 OR s.state IN (SELECT CAST(value AS BIGINT) FROM json_each(@states)))
          AND (@anyTheme = 1 OR s.theme IN (SELECT value FROM json_each(@themes)))
        ORDER BY s.id, p.create_time, p.id
        """;

    /// <summary>Every panel of the meeting alone, without names: the seats from the covering index only.</summary>
    internal const string MeetingPanelsAlone = $$"""
        SELECT s.id, s.display_name, s.kind, s.state, s.start_time, s.end_time,
               p.stakeholder_id,
               {{PackedSeatFacts}}
        {{MeetingSessionsWithSeats}}
        {{MeetingSessionsFiltered}}
        """;

    /// <summary><see cref="MeetingPanelsAlone"/> with <see cref="ManySessionsSeats"/>' facts from each person's other seats.</summary>
    internal const string MeetingPanels = $$"""
        {{OtherSeatsInMeeting}}
        SELECT s.id, s.display_name, s.kind, s.state, s.start_time, s.end_time,
               p.stakeholder_id,
               {{PackedSeatFacts}},
               {{AggregatedOtherSeats}} AS other_seats
        {{MeetingSessionsWithSeats}}
        LEFT JOIN people ON people.id = p.stakeholder_id
        {{MeetingSessionsFiltered}}
        """;
}
