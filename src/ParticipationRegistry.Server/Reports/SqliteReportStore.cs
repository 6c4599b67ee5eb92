using Dapper;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Reports;

public sealed class SqliteReportStore(Database database, CountryCatalog countries) : IReportStore
{

    private static string Developing(string countryColumn) =>
        $"CASE WHEN {countryColumn} = '' THEN -1 WHEN {countryColumn} IN @developing THEN 1 ELSE 0 END";

    /// <summary>The sessions in scope, as a WHERE over <c>sessions s</c>, with or without seats.</summary>
    private static (string Where, DynamicParameters Parameters) Sessions(SeatScope scope)
    {
        var where = new List<string> { "s.meeting_id = @meetingId" };
        var parameters = new DynamicParameters(new { meetingId = scope.MeetingId });
        if (scope.SessionId is not null)
        {
            where.Add("s.id = @sessionId");
            parameters.Add("sessionId", scope.SessionId);
        }

        In(where, parameters, scope.Kinds, "s.kind", "kinds");
        In(where, parameters, scope.States, "s.state", "states");
        In(where, parameters, scope.Themes, "s.theme", "themes");
        return (string.Join(" AND ", where), parameters);
    }

    /// <summary>
    /// The seats in scope: FROM participants p (joined to sessions s only when the scope restricts
    /// sessions: the join costs a lookup per seat), with the scope's predicates.
    /// </summary>
    private static (string Sql, DynamicParameters Parameters) Seats(SeatScope scope)
    {
        if (scope.Kinds.Count + scope.States.Count + scope.Themes.Count == 0)
        {
            var seatsOnly = new List<string> { "p.meeting_id = @meetingId" };
            var seatParameters = new DynamicParameters(new { meetingId = scope.MeetingId });
            if (scope.SessionId is not null)
            {
                seatsOnly.Add("p.session_id = @sessionId");
                seatParameters.Add("sessionId", scope.SessionId);
            }

            In(seatsOnly, seatParameters, scope.Roles, "p.role", "roles");
            In(seatsOnly, seatParameters, scope.Confirmations, "p.confirmation", "confirmations");
            return ($"participants p\nWHERE {string.Join(" AND ", seatsOnly)}", seatParameters);
        }

        var (sessions, parameters) = Sessions(scope);
        var where = new List<string> { sessions };
        In(where, parameters, scope.Roles, "p.role", "roles");
        In(where, parameters, scope.Confirmations, "p.confirmation", "confirmations");
        return ($"""
            participants p
            JOIN sessions s ON s.meeting_id = p.meeting_id AND s.id = p.session_id
            WHERE {string.Join(" AND ", where)}
            """, parameters);
    }

    private static void In<T>(List<string> where, DynamicParameters parameters, IReadOnlyList<T> values, string column, string name)
    {
        if (values.Count > 0)
        {
            where.Add($"{column} IN @{name}");
            parameters.Add(name, values);
        }
    }

    // Mutable rows for Dapper: aggregates have no declared column type, and on an empty result
    // constructor matching would see them as BLOBs.
    private sealed class HolderRow
    {
        public string StakeholderId { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public long Seats { get; set; }
    }

    private sealed class PanelRow
    {
        public string SessionId { get; set; } = "";
        public long Seats { get; set; }
        public long InCategory { get; set; }
    }

    private sealed class CubeData
    {
        public long Grp { get; set; }
        public long Region { get; set; }
        public long Gender { get; set; }
        public long Role { get; set; }
        public long Developing { get; set; }
        public long Attributes { get; set; }
        public long Attendance { get; set; }
        public long Count { get; set; }

        public CubeRow ToRow() => new((int)Grp, (int)Region, (int)Gender, (int)Role, (int)Developing, Attributes, (int)Attendance, Count);
    }

    public ReportSubject? FindMeeting(string meetingId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<ReportSubject>(
            "SELECT id, display_name AS displayname, forum, start_date AS startdate FROM meetings WHERE id = @meetingId", new { meetingId });
    }

    public ReportSubject? FindSession(string meetingId, string sessionId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<ReportSubject>(
            """
            SELECT s.id, s.display_name AS displayname, m.forum, m.start_date AS startdate
            FROM sessions s JOIN meetings m ON m.id = s.meeting_id
            WHERE s.meeting_id = @meetingId AND s.id = @sessionId
            """,
            new { meetingId, sessionId });
    }

    public int CountSessions(SeatScope scope)
    {
        var (where, parameters) = Sessions(scope);
        using var connection = database.Open();
        return connection.ExecuteScalar<int>($"SELECT count(*) FROM sessions s WHERE {where}", parameters);
    }

    public IReadOnlyList<string> SessionIds(SeatScope scope)
    {
        var (where, parameters) = Sessions(scope);
        using var connection = database.Open();
        return connection.Query<string>($"SELECT s.id FROM sessions s WHERE {where} ORDER BY s.start_time, s.id", parameters).ToList();
    }

    public IReadOnlyList<CubeRow> SeatCube(SeatScope scope)
    {
        var (seats, parameters) = Seats(scope);
        parameters.Add("developing", countries.DevelopingCodes);
        using var connection = database.Open();
        return connection.Query<CubeData>(
            $"""
            SELECT p.snap_stakeholder_group AS grp, p.snap_regional_group AS region, p.person_gender AS gender, p.role,
                   {Developing("p.snap_country_code")} AS developing, p.person_attributes AS attributes, 0 AS attendance, count(*) AS count
            FROM {seats}
            GROUP BY 1, 2, 3, 4, 5, 6
            """,
            parameters).Select(c => c.ToRow()).ToList();
    }

    public IReadOnlyList<CubeRow> PanellistCube(SeatScope scope)
    {
        var (seats, parameters) = Seats(scope);
        parameters.Add("developing", countries.DevelopingCodes);
        using var connection = database.Open();
        // One row per person: SQLite takes the bare columns from the row holding max(create_time),
        // the person's latest seat in scope.
        return connection.Query<CubeData>(
            $"""
            WITH people AS (
                SELECT p.stakeholder_id, p.snap_stakeholder_group AS grp, p.snap_regional_group AS region,
                       p.snap_country_code AS country, p.person_gender AS gender, p.person_attributes AS attributes, max(p.create_time)
                FROM {seats}
                GROUP BY p.stakeholder_id
            )
            SELECT grp, region, gender, 0 AS role, {Developing("people.country")} AS developing,
                   attributes, 0 AS attendance, count(*) AS count
            FROM people
            GROUP BY 1, 2, 3, 5, 6
            """,
            parameters).Select(c => c.ToRow()).ToList();
    }

    public IReadOnlyList<CubeRow> RegistrantCube(string meetingId)
    {
        using var connection = database.Open();
        return connection.Query<CubeData>(
            $"""
            SELECT r.snap_stakeholder_group AS grp, r.snap_regional_group AS region, r.person_gender AS gender, 0 AS role,
                   {Developing("r.snap_country_code")} AS developing, r.person_attributes AS attributes, r.attendance, count(*) AS count
            FROM registrations r
            WHERE r.meeting_id = @meetingId
            GROUP BY 1, 2, 3, 5, 6, 7
            """,
            new { meetingId, developing = countries.DevelopingCodes }).Select(c => c.ToRow()).ToList();
    }

    public IReadOnlyList<SeatHolderCount> TopSeatHolders(SeatScope scope, int limit)
    {
        var (seats, parameters) = Seats(scope);
        parameters.Add("limit", limit);
        using var connection = database.Open();
        // The name shown is the latest seat's snapshot (blank for a person erased since).
        return connection.Query<HolderRow>(
            $"""
            SELECT p.stakeholder_id AS stakeholderid, p.snap_display_name AS displayname, count(*) AS seats
            FROM {seats}
            GROUP BY p.stakeholder_id
            HAVING count(*) > 0
            ORDER BY seats DESC, displayname, stakeholderid
            LIMIT @limit
            """,
            parameters).Select(h => new SeatHolderCount(h.StakeholderId, h.DisplayName, h.Seats)).ToList();
    }

    public long SeatsHeldByRepeatPanellists(SeatScope scope)
    {
        var (seats, parameters) = Seats(scope);
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            $"""
            SELECT coalesce(sum(n), 0) FROM (
                SELECT count(*) AS n FROM {seats} GROUP BY p.stakeholder_id HAVING count(*) > 1
            )
            """,
            parameters);
    }

    public long Newcomers(SeatScope scope)
    {
        var (seats, parameters) = Seats(scope);
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            $"""
            WITH this AS (SELECT forum, start_date FROM meetings WHERE id = @meetingId),
            earlier_meetings AS (
                SELECT em.id FROM meetings em, this
                WHERE this.forum <> '' AND this.start_date <> '' AND em.forum = this.forum
                  AND em.start_date <> '' AND em.start_date < this.start_date
            ),
            -- Scans of the earlier meetings' seats and registrations, not a probe per person.
            returners AS (
                SELECT stakeholder_id FROM participants WHERE meeting_id IN (SELECT id FROM earlier_meetings)
                UNION
                SELECT stakeholder_id FROM registrations WHERE meeting_id IN (SELECT id FROM earlier_meetings)
            )
            SELECT count(*) FROM (
                SELECT p.stakeholder_id FROM {seats}
                EXCEPT
                SELECT stakeholder_id FROM returners
            )
            """,
            parameters);
    }

    private sealed class CardRow
    {
        public long? GrcParticipantCount { get; set; }
        public long? GrcWomenCount { get; set; }
        public long GrcWomenShareBand { get; set; }
        public long GrcGenderDiscussion { get; set; }
        public long Sessions { get; set; }
    }

    public ReportCardTotals ReportCards(SeatScope scope)
    {
        var (where, parameters) = Sessions(scope);
        using var connection = database.Open();
        var rows = connection.Query<CardRow>(
            $"""
            SELECT CASE WHEN grc_participant_count IS NOT NULL AND grc_women_count IS NOT NULL THEN grc_participant_count END AS grc_participant_count,
                   CASE WHEN grc_participant_count IS NOT NULL AND grc_women_count IS NOT NULL THEN grc_women_count END AS grc_women_count,
                   grc_women_share_band, grc_gender_discussion, count(*) AS sessions
            FROM sessions s
            WHERE {where}
              AND (grc_participant_count IS NOT NULL OR grc_women_count IS NOT NULL OR grc_women_share_band <> 0 OR grc_gender_discussion <> 0)
            GROUP BY 1, 2, 3, 4
            """,
            parameters).ToList();
        var withCounts = rows.Where(r => r.GrcParticipantCount is not null).ToList();
        return new ReportCardTotals(
            (int)rows.Sum(r => r.Sessions),
            (int)withCounts.Sum(r => r.Sessions),
            withCounts.Sum(r => r.GrcParticipantCount!.Value * r.Sessions),
            withCounts.Sum(r => r.GrcWomenCount!.Value * r.Sessions),
            rows.Where(r => r.GrcParticipantCount is null && r.GrcWomenShareBand != 0).GroupBy(r => (int)r.GrcWomenShareBand).ToDictionary(g => g.Key, g => (int)g.Sum(r => r.Sessions)),
            rows.Where(r => r.GrcGenderDiscussion != 0).GroupBy(r => (int)r.GrcGenderDiscussion).ToDictionary(g => g.Key, g => (int)g.Sum(r => r.Sessions)));
    }

    public IReadOnlyList<PanelCategoryCount> PanelCounts(SeatScope scope, Dimension dimension, int categoryValue)
    {
        var (seats, parameters) = Seats(scope);
        parameters.Add("value", categoryValue);
        parameters.Add("developing", countries.DevelopingCodes);
        var matches = dimension switch
        {
            Dimension.StakeholderGroup => "p.snap_stakeholder_group = @value",
            Dimension.RegionalGroup => "p.snap_regional_group = @value",
            Dimension.Gender => "p.person_gender = @value",
            Dimension.Attribute => "(p.person_attributes & (1 << @value)) <> 0",
            Dimension.Role => "p.role = @value",
            _ => $"{Developing("p.snap_country_code")} = @value",
        };
        using var connection = database.Open();
        return connection.Query<PanelRow>(
            $"""
            SELECT p.session_id AS sessionid, count(*) AS seats, sum(CASE WHEN {matches} THEN 1 ELSE 0 END) AS incategory
            FROM {seats}
            GROUP BY p.session_id
            """,
            parameters).Select(p => new PanelCategoryCount(p.SessionId, p.Seats, p.InCategory)).ToList();
    }
}
