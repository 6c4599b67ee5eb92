using System.Text.Json;
using Dapper;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

// People's facts for a panel: for proposed panels, and the two tiers of suggestions.
public sealed partial class SqliteBalanceStore
{
    private static readonly int[] AllGenders = Enum.GetValues<Gender>().Select(g => (int)g).ToArray();

    public IReadOnlyList<PersonFacts> LoadPeople(IReadOnlyCollection<string> stakeholderIds, string? meetingId, string? exceptSessionId, string startTime, string endTime)
    {
        if (stakeholderIds.Count == 0)
        {
            return [];
        }

        using var connection = database.Open();
        // Newcomer to the forum, sessions held in meeting m besides @exceptSessionId, bookings that
        // overlap @startTime–@endTime, registered attendance; m is null for a panel of no meeting.
        return connection.Query<PersonRow>(
            """
            SELECT st.id, st.display_name, st.stakeholder_group, st.regional_group, st.gender, st.country_code,
                   st.attributes, st.organization_id,
                   NOT EXISTS (
                       SELECT 1 FROM participants earlier JOIN meetings em ON em.id = earlier.meeting_id
                       WHERE earlier.stakeholder_id = st.id AND m.forum <> '' AND em.forum = m.forum
                         AND em.start_date <> '' AND em.start_date < m.start_date) AS newcomer,
                   (SELECT count(DISTINCT other.session_id)
                    FROM participants other JOIN sessions os ON os.meeting_id = other.meeting_id AND os.id = other.session_id
                    WHERE other.stakeholder_id = st.id AND other.meeting_id = m.id AND other.session_id <> @exceptSessionId
                      AND os.state NOT IN @uncounted) AS sessions_in_meeting,
                   EXISTS (
                       SELECT 1 FROM participants other JOIN sessions os ON os.meeting_id = other.meeting_id AND os.id = other.session_id
                       WHERE other.stakeholder_id = st.id AND other.meeting_id = m.id AND other.session_id <> @exceptSessionId
                         AND os.state NOT IN @uncounted
                         AND os.start_time <> '' AND os.end_time <> '' AND @startTime <> '' AND @endTime <> ''
                         AND os.start_time < @endTime AND @startTime < os.end_time) AS has_overlap,
                   coalesce((SELECT r.attendance FROM registrations r WHERE r.meeting_id = m.id AND r.stakeholder_id = st.id), 0) AS registered_attendance
            FROM stakeholders st
            LEFT JOIN meetings m ON m.id = @meetingId
            WHERE st.id IN @stakeholderIds AND st.erased = 0
            """,
            new { stakeholderIds, meetingId, exceptSessionId = exceptSessionId ?? "", startTime, endTime, uncounted = UncountedStates })
            .Select(ToFacts)
            .ToList();
    }

    public IReadOnlyList<PersonFacts> FindSeatedPeople(SessionPanel session, bool registeredOnly)
    {
        using var connection = database.Open();
        // Aggregated once over the meeting's seats and the forum's earlier seats, rather than
        // per person: the seats are few next to the people.
        return connection.Query<PersonRow>(
            Dialect("""
            WITH this AS (
                SELECT id, forum, start_date FROM meetings WHERE id = @meetingId
            ),
            here AS (
                SELECT p.stakeholder_id AS id,
                       count(DISTINCT CASE WHEN s.state NOT IN @uncounted THEN p.session_id END) AS sessions_in_meeting,
                       max(CASE WHEN s.state NOT IN @uncounted
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
            -- CROSS JOIN keeps the seated people first: else the planner may walk every person in
            -- display-name order to save the sort.
            FROM seated
            CROSS JOIN stakeholders st ON st.id = seated.id
            LEFT JOIN here ON here.id = st.id
            LEFT JOIN earlier ON earlier.id = st.id
            LEFT JOIN registrations r ON r.meeting_id = @meetingId AND r.stakeholder_id = st.id
            WHERE st.erased = 0 AND (@registeredOnly = 0 OR r.id IS NOT NULL)
            ORDER BY st.display_name, st.id
            """),
            new
            {
                meetingId = session.MeetingId,
                exceptSessionId = session.SessionId,
                startTime = session.StartTime,
                endTime = session.EndTime,
                registeredOnly,
                uncounted = UncountedStates,
            })
            .Select(ToFacts)
            .ToList();
    }

    public IReadOnlyList<PersonFacts> FindNewcomers(SessionPanel session, CandidateProfile profile, IReadOnlyCollection<string> excluded, bool registeredOnly, int limit) =>
        database.ReadPrepared(connection =>
        {
            (string Name, object? Value)[] parameters =
            [
                ("@meetingId", session.MeetingId),
                ("@group", profile.Group),
                ("@region", profile.Region),
                ("@developing", profile.Developing),
                ("@developingCodes", JsonSerializer.Serialize(profile.Developing is null ? [] : profile.DevelopingCodes?.ToList() ?? countries.DevelopingCodes)),
                ("@youth", profile.Youth),
                ("@youthBit", 1L << (int)StakeholderAttribute.Youth),
                ("@panelOrganization", profile.Organization?.PanelOrganizationId),
                ("@sameOrganization", profile.Organization?.Same),
                ("@onsite", profile.Onsite),
                ("@onsiteAttendance", (int)Attendance.Onsite),
                ("@excluded", JsonSerializer.Serialize(excluded)),
                ("@limit", limit),
                .. profile.Gender is { } gender ? [("@gender", gender)] : AllGenders.Select((g, i) => ($"@gender{i}", (object?)g)),
            ];
            var people = new List<PersonFacts>(limit);
            using var rows = connection.Query(Dialect(NewcomerStatements[(registeredOnly ? 2 : 0) + (profile.Gender is null ? 1 : 0)]), parameters);
            while (rows.Read())
            {
                people.Add(new PersonFacts(
                    rows.GetString(0), rows.GetString(1), rows.GetInt32(2), rows.GetInt32(3), rows.GetInt32(4), rows.GetString(5), rows.GetInt64(6),
                    rows.IsDBNull(7) ? null : rows.GetString(7), Newcomer: true, SessionsInMeeting: 0, HasOverlap: false, rows.GetInt32(8)));
            }

            return people;
        });

    /// <summary>
    /// The statements of <see cref="FindNewcomers"/>, kept prepared: from every person or from the
    /// meeting's registrations, for one gender or any (every value of the index's first column,
    /// <c>@gender0</c> on).
    /// </summary>
    private static readonly string[] NewcomerStatements =
    [
        .. from registered in new[] { false, true }
           from anyGender in new[] { false, true }
           select (registered ? RegisteredNewcomers : Newcomers)
               + (anyGender ? $" st.gender IN ({string.Join(", ", AllGenders.Select((_, i) => $"@gender{i}"))})" : " st.gender = @gender")
               + NewcomerConditions,
    ];

    private const string NewcomerColumns = """
        SELECT st.id, st.display_name, st.stakeholder_group, st.regional_group, st.gender, st.country_code, st.attributes, st.organization_id,
               coalesce((SELECT r.attendance FROM registrations r WHERE r.meeting_id = @meetingId AND r.stakeholder_id = st.id), 0) AS registered_attendance
        """;

    /// <summary>The profile's conditions after gender on a person <c>st</c> for meeting <c>m</c>, and the order and limit of the page.</summary>
    private const string NewcomerConditions = """

          AND st.stakeholder_group = @group AND st.regional_group = @region
          AND st.erased = 0
          AND (CAST(@developing AS BIGINT) IS NULL
               OR (@developing = 1 AND st.country_code IN (SELECT value FROM json_each(@developingCodes)))
               OR (@developing = 0 AND st.country_code <> '' AND st.country_code NOT IN (SELECT value FROM json_each(@developingCodes))))
          AND (CAST(@youth AS BIGINT) IS NULL OR (CASE WHEN (st.attributes & @youthBit) <> 0 THEN 1 ELSE 0 END) = @youth)
          AND (CAST(@panelOrganization AS TEXT) IS NULL
               OR (@sameOrganization = 1 AND st.organization_id = @panelOrganization)
               OR (@sameOrganization = 0 AND st.organization_id IS NOT NULL AND st.organization_id <> @panelOrganization)
               OR (CAST(@sameOrganization AS BIGINT) IS NULL AND st.organization_id IS NULL))
          AND (CAST(@onsite AS BIGINT) IS NULL
               OR @onsite = CASE WHEN EXISTS (
                   SELECT 1 FROM registrations r
                   WHERE r.meeting_id = @meetingId AND r.stakeholder_id = st.id AND r.attendance = @onsiteAttendance) THEN 1 ELSE 0 END)
          AND st.id NOT IN (SELECT value FROM json_each(@excluded))
          AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.stakeholder_id = st.id AND p.meeting_id = m.id)
          AND NOT EXISTS (
              SELECT 1 FROM participants p JOIN meetings em ON em.id = p.meeting_id
              WHERE p.stakeholder_id = st.id AND m.forum <> '' AND em.forum = m.forum
                AND em.start_date <> '' AND em.start_date < m.start_date)
        ORDER BY st.create_time, st.id
        LIMIT @limit
        """;

    /// <summary>
    /// Gender, group and region are equalities on the (gender, group, region) index; people come
    /// oldest record first (create_time, then id: the same order on SQLite and PostgreSQL, where rowid
    /// order was SQLite's alone), sorted within the combination before the LIMIT; without INDEXED BY the
    /// planner may prefer a scan of the whole table, which is slow for rare combinations. An open gender is
    /// every value of the index's first column. The gender condition and <see cref="NewcomerConditions"/> follow.
    /// </summary>
    private const string Newcomers = $$"""
        {{NewcomerColumns}}
        FROM stakeholders st INDEXED BY stakeholders_by_gender
        JOIN meetings m ON m.id = @meetingId
        WHERE
        """;

    /// <summary>
    /// <see cref="Newcomers"/> among the people registered for the meeting, read from its
    /// registrations (CROSS JOIN keeps that order): in proportion to the meeting's registrations,
    /// where scanning the people of a profile for the few registered ones grows with the registry.
    /// </summary>
    private const string RegisteredNewcomers = $$"""
        {{NewcomerColumns}}
        FROM registrations registered
        CROSS JOIN stakeholders st
        JOIN meetings m ON m.id = @meetingId
        WHERE registered.meeting_id = @meetingId AND st.id = registered.stakeholder_id AND
        """;

    private static PersonFacts ToFacts(PersonRow p) => new(
        p.Id, p.DisplayName, p.StakeholderGroup, p.RegionalGroup, p.Gender, p.CountryCode, p.Attributes, p.OrganizationId,
        p.Newcomer, p.SessionsInMeeting, p.HasOverlap, p.RegisteredAttendance);

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
}
