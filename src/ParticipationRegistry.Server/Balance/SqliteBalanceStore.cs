using Dapper;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

public sealed class SqliteBalanceStore(Database database, CountryCatalog countries, TimeProvider clock) : IBalanceStore
{
    private const string PolicyColumns = "id, display_name, description, rules, create_time, update_time, version";

    // Seats in cancelled or rejected sessions do not count towards caps or overlaps.
    private static readonly string UncountedStates = $"{(int)SessionState.Cancelled}, {(int)SessionState.Rejected}";

    public Created<PolicyRow> CreatePolicy(PolicyRow draft, RequestIdClaim? claim, Func<PolicyRow, byte[]> encodeResponse)
    {
        using var connection = database.Open();
        return RequestLedger.CreateOnce(connection, claim, clock.GetUtcNow(), transaction =>
        {
            var row = draft.Copy();
            row.CreateTime = row.UpdateTime = Times.ToText(clock.GetUtcNow());
            row.Version = 1;
            if (connection.ExecuteScalar<long>("SELECT count(*) FROM policies WHERE id = @Id", row, transaction) > 0)
            {
                throw RegistryException.AlreadyExists(ErrorReason.PolicyAlreadyExists, $"policies/{row.Id}", $"policies/{row.Id} already exists; choose another policy_id.");
            }

            connection.Execute(
                $"""
                INSERT INTO policies ({PolicyColumns})
                VALUES (@Id, @DisplayName, @Description, @Rules, @CreateTime, @UpdateTime, @Version)
                """,
                row,
                transaction);
            return row;
        }, encodeResponse);
    }

    public PolicyRow GetPolicy(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<PolicyRow>($"SELECT {PolicyColumns} FROM policies WHERE id = @id", new { id })
            ?? throw RegistryException.NotFound(ErrorReason.PolicyNotFound, $"policies/{id}");
    }

    public Page<PolicyRow> ListPolicies(ListQuery query)
    {
        using var connection = database.Open();
        return connection.QueryPage<PolicyRow>(query, PolicyColumns, "policies", "1 = 1", "id");
    }

    public PolicyRow UpdatePolicy(string id, long? expectedVersion, Func<PolicyRow, PolicyRow> change)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = connection.QuerySingleOrDefault<PolicyRow>($"SELECT {PolicyColumns} FROM policies WHERE id = @id", new { id }, transaction)
            ?? throw RegistryException.NotFound(ErrorReason.PolicyNotFound, $"policies/{id}");
        var row = change(current.Copy());
        row.UpdateTime = Times.ToText(clock.GetUtcNow());
        var updated = connection.Execute(
            """
            UPDATE policies
            SET display_name = @DisplayName, description = @Description, rules = @Rules, update_time = @UpdateTime, version = version + 1
            WHERE id = @Id AND version = @expected
            """,
            new { row.Id, row.DisplayName, row.Description, row.Rules, row.UpdateTime, expected = expectedVersion ?? current.Version },
            transaction);
        if (updated == 0)
        {
            throw RegistryException.EtagMismatch($"policies/{id}");
        }

        transaction.Commit();
        row.Version = current.Version + 1;
        return row;
    }

    public void DeletePolicy(string id, long? expectedVersion)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = connection.QuerySingleOrDefault<PolicyRow>($"SELECT {PolicyColumns} FROM policies WHERE id = @id", new { id }, transaction)
            ?? throw RegistryException.NotFound(ErrorReason.PolicyNotFound, $"policies/{id}");
        if (connection.Execute("DELETE FROM policies WHERE id = @id AND version = @expected", new { id, expected = expectedVersion ?? current.Version }, transaction) == 0)
        {
            throw RegistryException.EtagMismatch($"policies/{id}");
        }

        transaction.Commit();
    }

    public (string Forum, string StartDate)? FindMeeting(string meetingId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<(string, string)?>("SELECT forum, start_date FROM meetings WHERE id = @meetingId", new { meetingId });
    }

    public Page<SessionKey> ListSessionIds(string meetingId, ListQuery query)
    {
        using var connection = database.Open();
        return connection.QueryPage<SessionKey>(query, "id", "sessions", "meeting_id = @meetingId", "id", new { meetingId });
    }

    private sealed class SessionFacts
    {
        public string Id { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public int Kind { get; set; }
        public int State { get; set; }
        public string StartTime { get; set; } = "";
        public string EndTime { get; set; } = "";
    }

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
        var parameters = new DynamicParameters(new { meetingId, sessionIds });
        var sessions = connection.Query<SessionFacts>(
            "SELECT id, display_name, kind, state, start_time, end_time FROM sessions WHERE meeting_id = @meetingId AND id IN @sessionIds ORDER BY id",
            parameters).ToList();
        var organizers = connection.Query<(string SessionId, int Group, bool Multistakeholder)>(
            """
            SELECT so.session_id, o.stakeholder_group, o.multistakeholder
            FROM session_organizers so JOIN organizations o ON o.id = so.organization_id
            WHERE so.meeting_id = @meetingId AND so.session_id IN @sessionIds
            ORDER BY so.session_id, so.position
            """,
            parameters).ToLookup(o => o.SessionId);
        var sql = !withOtherSeats ? SeatsAloneSql : sessionIds.Count > ManySessions ? ManySessionsSeatsSql : FewSessionsSeatsSql;
        Visit(meetingId, connection, sessions, organizers, SeatsOf(sql, "AND p.session_id IN @sessionIds", withNames: true), parameters, visit);
    }

    public void VisitMeetingPanels(string meetingId, SessionFilter filter, bool withOtherSeats, Action<SessionPanel> visit)
    {
        using var connection = database.Open();
        var where = new List<string> { "meeting_id = @meetingId" };
        var parameters = new DynamicParameters(new { meetingId });
        if (filter.Kinds.Count > 0)
        {
            where.Add("kind IN @kinds");
            parameters.Add("kinds", filter.Kinds);
        }

        if (filter.States.Count > 0)
        {
            where.Add("state IN @states");
            parameters.Add("states", filter.States);
        }

        if (filter.Themes.Count > 0)
        {
            where.Add("theme IN @themes");
            parameters.Add("themes", filter.Themes);
        }

        var sessions = connection.Query<SessionFacts>(
            $"SELECT id, display_name, kind, state, start_time, end_time FROM sessions WHERE {string.Join(" AND ", where)} ORDER BY id",
            parameters).ToList();
        var organizers = connection.Query<(string SessionId, int Group, bool Multistakeholder)>(
            """
            SELECT so.session_id, o.stakeholder_group, o.multistakeholder
            FROM session_organizers so JOIN organizations o ON o.id = so.organization_id
            WHERE so.meeting_id = @meetingId
            ORDER BY so.session_id, so.position
            """,
            parameters).ToLookup(o => o.SessionId);
        // Every seat of the meeting, in session order, from the index alone; seats of sessions the
        // filter leaves out are passed over.
        var sql = !withOtherSeats ? SeatsAloneSql : ManySessionsSeatsSql;
        Visit(meetingId, connection, sessions, organizers, SeatsOf(sql, "", withNames: false), parameters, visit);
    }

    /// <summary>
    /// The columns every seat query starts with, read back by <see cref="ReadSeat"/>. The small facts
    /// travel packed in one integer, a byte each (role, confirmation, attendance, group, region, gender,
    /// and 0 = no country, 1 = another country, 2 = LDC/LLDC/SIDS), because reading a column costs about
    /// as much as the index scan itself: at a hundred thousand seats, seven columns instead of fifteen
    /// halve the read. The query's other_seats column packs newcomer (bit 0), overlap (bit 1) and the
    /// sessions in the meeting (from bit 2).
    /// </summary>
    private const string SeatColumns = """
        p.session_id, p.stakeholder_id, SEAT_NAME AS snap_display_name,
                   p.role | (p.confirmation << 8) | (p.attendance << 16) | (p.snap_stakeholder_group << 24)
                   | (p.snap_regional_group << 32) | (p.person_gender << 40)
                   | ((CASE WHEN p.snap_country_code = '' THEN 0 WHEN p.snap_country_code IN @developing THEN 2 ELSE 1 END) << 48) AS facts,
                   p.person_attributes AS attributes, p.snap_organization_id
        """;

    private static string SeatsOf(string sql, string sessionPredicate, bool withNames) => sql
        .Replace("SEAT_COLUMNS", SeatColumns, StringComparison.Ordinal)
        .Replace("SESSION_PREDICATE", sessionPredicate, StringComparison.Ordinal)
        .Replace("SEAT_NAME", withNames ? "p.snap_display_name" : "''", StringComparison.Ordinal);

    private void Visit(
        string meetingId, Microsoft.Data.Sqlite.SqliteConnection connection, List<SessionFacts> sessions, ILookup<string, (string SessionId, int Group, bool Multistakeholder)> organizers,
        string seatsSql, DynamicParameters parameters, Action<SessionPanel> visit)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        parameters.Add("developing", countries.DevelopingCodes);
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
                    panelSeats.Add(ReadSeat(seats));
                }

                hasSeat = seats.Read();
                seatSession = hasSeat ? seats.GetString(0) : "";
            }

            visit(new SessionPanel(
                meetingId, session.Id, session.DisplayName, session.Kind, session.State, session.StartTime, session.EndTime,
                new Panel(panelSeats, organizers[session.Id].Select(o => new Organizer((StakeholderGroup)o.Group, o.Multistakeholder)).ToList())));
        }
    }

    /// <summary>The seats alone, for rules that do not look at a person's other seats.</summary>
    private const string SeatsAloneSql = """
            SELECT SEAT_COLUMNS,
                   1 | (1 << 2) AS other_seats
            FROM participants p INDEXED BY participants_by_session
            WHERE p.meeting_id = @meetingId SESSION_PREDICATE
            ORDER BY p.session_id, p.create_time, p.id
            """;

    /// <summary>Above this many sessions, a person's other seats are aggregated once over the meeting rather than looked up per seat.</summary>
    private const int ManySessions = 20;

    /// <summary>
    /// Per seat: the person as snapshotted (group, region, country, organisation are history),
    /// gender and attributes as they are now, and the person's other seats: earlier meetings of the
    /// forum, sessions of this meeting, overlapping sessions — looked up per seat, cheap for a few panels.
    /// </summary>
    private static readonly string FewSessionsSeatsSql = $"""
            SELECT SEAT_COLUMNS,
                   (NOT EXISTS (
                       SELECT 1 FROM participants earlier JOIN meetings em ON em.id = earlier.meeting_id
                       WHERE earlier.stakeholder_id = p.stakeholder_id AND m.forum <> '' AND em.forum = m.forum
                         AND em.start_date <> '' AND em.start_date < m.start_date))
                   | (EXISTS (
                       SELECT 1 FROM participants other JOIN sessions os ON os.meeting_id = other.meeting_id AND os.id = other.session_id
                       WHERE other.stakeholder_id = p.stakeholder_id AND other.meeting_id = p.meeting_id AND other.session_id <> p.session_id
                         AND os.state NOT IN ({UncountedStates})
                         AS_OVERLAP) << 1)
                   | ((SELECT count(DISTINCT other.session_id)
                    FROM participants other JOIN sessions os ON os.meeting_id = other.meeting_id AND os.id = other.session_id
                    WHERE other.stakeholder_id = p.stakeholder_id AND other.meeting_id = p.meeting_id
                      AND (os.state NOT IN ({UncountedStates}) OR other.session_id = p.session_id)) << 2) AS other_seats
            FROM participants p
            JOIN meetings m ON m.id = p.meeting_id
            JOIN sessions s ON s.meeting_id = p.meeting_id AND s.id = p.session_id
            WHERE p.meeting_id = @meetingId SESSION_PREDICATE
            ORDER BY p.session_id, p.create_time, p.id
            """.Replace("AS_OVERLAP", Overlaps("os", "s"), StringComparison.Ordinal);

    /// <summary>
    /// The same facts for many panels: each person's seats in the meeting and in the forum's earlier
    /// meetings are aggregated once, in scans proportional to the seats, not looked up seat by seat.
    /// Only people with two or more seats in the meeting (repeaters) can sit in several sessions or be
    /// booked twice, so those facts are gathered for them alone; every other seat is one session.
    /// The sets are tested with IN (an index SQLite builds once), never scanned per seat.
    /// </summary>
    private static readonly string ManySessionsSeatsSql = $"""
            WITH this AS (
                SELECT id, forum, start_date FROM meetings WHERE id = @meetingId
            ),
            -- Sessions whose seats count towards no cap: cancelled and rejected ones.
            dead AS (
                SELECT id FROM sessions WHERE meeting_id = @meetingId AND state IN ({UncountedStates})
            ),
            repeaters AS MATERIALIZED (
                SELECT stakeholder_id AS id FROM participants INDEXED BY participants_by_person
                WHERE meeting_id = @meetingId
                GROUP BY stakeholder_id
                HAVING count(*) > 1
            ),
            in_meeting AS MATERIALIZED (
                SELECT o.stakeholder_id AS id, count(DISTINCT CASE WHEN o.session_id NOT IN dead THEN o.session_id END) AS sessions
                FROM repeaters
                CROSS JOIN participants o INDEXED BY participants_by_stakeholder_meeting
                WHERE o.stakeholder_id = repeaters.id AND o.meeting_id = @meetingId
                GROUP BY o.stakeholder_id
            ),
            earlier AS (
                -- CROSS JOIN keeps this order: the forum's earlier meetings first, then their seats
                -- (else the planner may scan every seat of every meeting).
                SELECT DISTINCT e.stakeholder_id AS id
                FROM this
                CROSS JOIN meetings em
                CROSS JOIN participants e INDEXED BY participants_by_session
                WHERE this.forum <> '' AND this.start_date <> ''
                  AND em.forum = this.forum AND em.start_date <> '' AND em.start_date < this.start_date
                  AND e.meeting_id = em.id
            ),
            overlapping AS (
                SELECT DISTINCT a.id
                FROM repeaters
                CROSS JOIN participants a INDEXED BY participants_by_stakeholder_meeting
                JOIN sessions s ON s.meeting_id = a.meeting_id AND s.id = a.session_id
                JOIN participants b ON b.stakeholder_id = a.stakeholder_id AND b.meeting_id = a.meeting_id AND b.session_id <> a.session_id
                JOIN sessions os ON os.meeting_id = b.meeting_id AND os.id = b.session_id
                WHERE a.stakeholder_id = repeaters.id AND a.meeting_id = @meetingId AND os.state NOT IN ({UncountedStates})
                  {Overlaps("os", "s")}
            )
            SELECT SEAT_COLUMNS,
                   (p.stakeholder_id NOT IN earlier)
                   | ((p.id IN overlapping) << 1)
                   | ((CASE WHEN in_meeting.id IS NULL THEN 1 ELSE in_meeting.sessions + (p.session_id IN dead) END) << 2) AS other_seats
            FROM participants p INDEXED BY participants_by_session
            LEFT JOIN in_meeting ON in_meeting.id = p.stakeholder_id
            WHERE p.meeting_id = @meetingId SESSION_PREDICATE
            ORDER BY p.session_id, p.create_time, p.id
            """;

    /// <summary>Two sessions overlap when both have times and each starts before the other ends.</summary>
    private static string Overlaps(string other, string self) =>
        $"AND {other}.start_time <> '' AND {other}.end_time <> '' AND {self}.start_time <> '' AND {self}.end_time <> '' " +
        $"AND {other}.start_time < {self}.end_time AND {self}.start_time < {other}.end_time";

    /// <summary>A seat from a row of the seat queries (<see cref="SeatColumns"/>, then other_seats).</summary>
    private static Seat ReadSeat(System.Data.IDataReader row)
    {
        var facts = row.GetInt64(3);
        int Byte(int index) => (int)((facts >> (8 * index)) & 0xFF);
        var otherSeats = row.GetInt64(6);
        return new Seat(
            row.GetString(1),
            row.GetString(2),
            (ParticipantRole)Byte(0),
            (Confirmation)Byte(1),
            (Attendance)Byte(2),
            (StakeholderGroup)Byte(3),
            (RegionalGroup)Byte(4),
            (Gender)Byte(5),
            Byte(6) switch { 0 => null, var d => d == 2 },
            (row.GetInt64(4) & (1L << (int)StakeholderAttribute.Youth)) != 0,
            row.IsDBNull(5) ? null : row.GetString(5),
            (otherSeats & 1) != 0,
            (int)(otherSeats >> 2),
            (otherSeats & 2) != 0);
    }


    private sealed class PersonRow
    {
        public string Id { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public int StakeholderGroup { get; set; }
        public int RegionalGroup { get; set; }
        public int Gender { get; set; }
        public string CountryCode { get; set; } = "";
        public long Attributes { get; set; }
        public string? OrganizationId { get; set; }
        public bool Newcomer { get; set; }
        public int SessionsInMeeting { get; set; }
        public bool HasOverlap { get; set; }
        public int RegisteredAttendance { get; set; }
    }

    /// <summary>
    /// A person's facts for a panel of meeting <c>m</c> at <c>@startTime</c>–<c>@endTime</c>:
    /// newcomer to the forum, sessions held in the meeting (besides <c>@exceptSessionId</c>),
    /// overlapping bookings, registered attendance. FROM and WHERE are the caller's.
    /// </summary>
    private static readonly string PersonFactsSelect = $"""
        SELECT st.id, st.display_name, st.stakeholder_group, st.regional_group, st.gender, st.country_code,
               st.attributes, st.organization_id,
               NOT EXISTS (
                   SELECT 1 FROM participants earlier JOIN meetings em ON em.id = earlier.meeting_id
                   WHERE earlier.stakeholder_id = st.id AND m.forum <> '' AND em.forum = m.forum
                     AND em.start_date <> '' AND em.start_date < m.start_date) AS newcomer,
               (SELECT count(DISTINCT other.session_id)
                FROM participants other JOIN sessions os ON os.meeting_id = other.meeting_id AND os.id = other.session_id
                WHERE other.stakeholder_id = st.id AND other.meeting_id = m.id AND other.session_id <> @exceptSessionId
                  AND os.state NOT IN ({UncountedStates})) AS sessions_in_meeting,
               EXISTS (
                   SELECT 1 FROM participants other JOIN sessions os ON os.meeting_id = other.meeting_id AND os.id = other.session_id
                   WHERE other.stakeholder_id = st.id AND other.meeting_id = m.id AND other.session_id <> @exceptSessionId
                     AND os.state NOT IN ({UncountedStates})
                     AND os.start_time <> '' AND os.end_time <> '' AND @startTime <> '' AND @endTime <> ''
                     AND os.start_time < @endTime AND @startTime < os.end_time) AS has_overlap,
               coalesce((SELECT r.attendance FROM registrations r WHERE r.meeting_id = m.id AND r.stakeholder_id = st.id), 0) AS registered_attendance
        """;

    public IReadOnlyList<PersonFacts> LoadPeople(IReadOnlyCollection<string> stakeholderIds, string? meetingId, string? exceptSessionId, string startTime, string endTime)
    {
        if (stakeholderIds.Count == 0)
        {
            return [];
        }

        using var connection = database.Open();
        return connection.Query<PersonRow>(
            $"""
            {PersonFactsSelect}
            FROM stakeholders st
            LEFT JOIN meetings m ON m.id = @meetingId
            WHERE st.id IN @stakeholderIds AND st.erased = 0
            """,
            new { stakeholderIds, meetingId, exceptSessionId = exceptSessionId ?? "", startTime, endTime })
            .Select(ToFacts)
            .ToList();
    }

    public IReadOnlyList<PersonFacts> FindSeatedPeople(SessionPanel session, bool registeredOnly)
    {
        using var connection = database.Open();
        // Aggregated once over the meeting's seats and the forum's earlier seats, rather than
        // per person: the seats are few next to the people.
        return connection.Query<PersonRow>(
            $"""
            WITH this AS (
                SELECT id, forum, start_date FROM meetings WHERE id = @meetingId
            ),
            here AS (
                SELECT p.stakeholder_id AS id,
                       count(DISTINCT CASE WHEN s.state NOT IN ({UncountedStates}) THEN p.session_id END) AS sessions_in_meeting,
                       max(CASE WHEN s.state NOT IN ({UncountedStates})
                                 AND s.start_time <> '' AND s.end_time <> '' AND @startTime <> '' AND @endTime <> ''
                                 AND s.start_time < @endTime AND @startTime < s.end_time THEN 1 ELSE 0 END) AS has_overlap
                -- The meeting's seats by the meeting index; left to itself the planner may walk the
                -- whole by-stakeholder index to save the GROUP BY's sort.
                FROM participants p INDEXED BY participants_by_session
                JOIN sessions s ON s.meeting_id = p.meeting_id AND s.id = p.session_id
                WHERE p.meeting_id = @meetingId AND p.session_id <> @exceptSessionId
                GROUP BY p.stakeholder_id
            ),
            earlier AS (
                SELECT DISTINCT p.stakeholder_id AS id
                FROM this
                JOIN meetings em ON em.forum = this.forum AND em.start_date <> '' AND em.start_date < this.start_date
                JOIN participants p ON p.meeting_id = em.id
                WHERE this.forum <> '' AND this.start_date <> ''
            ),
            seated AS (
                SELECT id FROM here UNION SELECT id FROM earlier
            )
            SELECT st.id, st.display_name, st.stakeholder_group, st.regional_group, st.gender, st.country_code,
                   st.attributes, st.organization_id,
                   earlier.id IS NULL AS newcomer,
                   coalesce(here.sessions_in_meeting, 0) AS sessions_in_meeting,
                   coalesce(here.has_overlap, 0) AS has_overlap,
                   coalesce(r.attendance, 0) AS registered_attendance
            FROM seated
            JOIN stakeholders st ON st.id = seated.id
            LEFT JOIN here ON here.id = st.id
            LEFT JOIN earlier ON earlier.id = st.id
            LEFT JOIN registrations r ON r.meeting_id = @meetingId AND r.stakeholder_id = st.id
            WHERE st.erased = 0 {(registeredOnly ? "AND r.id IS NOT NULL" : "")}
            ORDER BY st.display_name, st.id
            """,
            new { meetingId = session.MeetingId, exceptSessionId = session.SessionId, startTime = session.StartTime, endTime = session.EndTime })
            .Select(ToFacts)
            .ToList();
    }

    public IReadOnlyList<PersonFacts> FindNewcomers(SessionPanel session, CandidateProfile profile, IReadOnlyCollection<string> excluded, bool registeredOnly, int limit)
    {
        var where = new List<string> { "st.erased = 0" };
        var parameters = new DynamicParameters(new { meetingId = session.MeetingId, excluded, limit });
        if (profile.Group is { } group)
        {
            where.Add("st.stakeholder_group = @group");
            parameters.Add("group", group);
        }

        if (profile.Region is { } region)
        {
            where.Add("st.regional_group = @region");
            parameters.Add("region", region);
        }

        if (profile.Genders is { } genders)
        {
            where.Add(genders.Count == 1 ? "st.gender = @gender" : "st.gender IN @genders");
            parameters.Add("gender", genders[0]);
            parameters.Add("genders", genders);
        }

        if (profile.Developing is { } developing)
        {
            parameters.Add("developingCodes", countries.DevelopingCodes);
            where.Add(developing ? "st.country_code IN @developingCodes" : "st.country_code <> '' AND st.country_code NOT IN @developingCodes");
        }

        if (profile.Youth is { } youth)
        {
            where.Add($"(st.attributes & {1L << (int)StakeholderAttribute.Youth}) {(youth ? "<>" : "=")} 0");
        }

        if (profile.Organization is { } organization)
        {
            parameters.Add("panelOrganization", organization.PanelOrganizationId);
            where.Add(organization.Same switch
            {
                true => "st.organization_id = @panelOrganization",
                false => "st.organization_id IS NOT NULL AND st.organization_id <> @panelOrganization",
                null => "st.organization_id IS NULL",
            });
        }

        if (profile.Onsite is { } onsite)
        {
            where.Add($"{(onsite ? "" : "NOT ")}EXISTS (SELECT 1 FROM registrations r WHERE r.meeting_id = @meetingId AND r.stakeholder_id = st.id AND r.attendance = {(int)Attendance.Onsite})");
        }

        if (registeredOnly)
        {
            where.Add("EXISTS (SELECT 1 FROM registrations r WHERE r.meeting_id = @meetingId AND r.stakeholder_id = st.id)");
        }

        using var connection = database.Open();
        // With gender, group and region all fixed, the (gender, group, region) index yields rows in
        // rowid order, so the LIMIT stops after a page; without INDEXED BY the planner may prefer a
        // rowid-order scan of the whole table, which is slow for rare combinations.
        return connection.Query<PersonRow>(
            $"""
            SELECT st.id, st.display_name, st.stakeholder_group, st.regional_group, st.gender, st.country_code,
                   st.attributes, st.organization_id, 1 AS newcomer, 0 AS sessions_in_meeting, 0 AS has_overlap,
                   coalesce((SELECT r.attendance FROM registrations r WHERE r.meeting_id = @meetingId AND r.stakeholder_id = st.id), 0) AS registered_attendance
            FROM stakeholders st INDEXED BY stakeholders_by_gender
            JOIN meetings m ON m.id = @meetingId
            WHERE {string.Join(" AND ", where)}
              AND st.id NOT IN @excluded
              AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.stakeholder_id = st.id AND p.meeting_id = m.id)
              AND NOT EXISTS (
                  SELECT 1 FROM participants p JOIN meetings em ON em.id = p.meeting_id
                  WHERE p.stakeholder_id = st.id AND m.forum <> '' AND em.forum = m.forum
                    AND em.start_date <> '' AND em.start_date < m.start_date)
            ORDER BY st.rowid
            LIMIT @limit
            """,
            parameters)
            .Select(ToFacts)
            .ToList();
    }


    private static PersonFacts ToFacts(PersonRow p) => new(
        p.Id, p.DisplayName, p.StakeholderGroup, p.RegionalGroup, p.Gender, p.CountryCode, p.Attributes, p.OrganizationId,
        p.Newcomer, p.SessionsInMeeting, p.HasOverlap, p.RegisteredAttendance);

    public IReadOnlyList<Organizer?> LoadOrganizers(IReadOnlyList<string> organizationIds)
    {
        if (organizationIds.Count == 0)
        {
            return [];
        }

        using var connection = database.Open();
        var found = connection.Query<(string Id, int Group, bool Multistakeholder)>(
            "SELECT id, stakeholder_group, multistakeholder FROM organizations WHERE id IN @organizationIds",
            new { organizationIds }).ToDictionary(o => o.Id);
        return organizationIds.Select(id => found.TryGetValue(id, out var o) ? new Organizer((StakeholderGroup)o.Group, o.Multistakeholder) : null).ToList();
    }
}
