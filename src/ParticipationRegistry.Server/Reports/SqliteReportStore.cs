using System.Data.Common;
using Dapper;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Reports;

public sealed partial class SqliteReportStore(Database database, CountryCatalog countries) : IReportStore
{
    private static string Developing(string countryColumn) =>
        $"CASE WHEN {countryColumn} = '' THEN -1 WHEN {countryColumn} IN @developing THEN 1 ELSE 0 END";

    /// <summary>
    /// A cube cell's values packed in one integer, read back by <see cref="CubeTally.AddPacked"/> (each column read
    /// costs a call into SQLite): group, region, gender and role a byte each, then developing country (as
    /// <see cref="Developing(string)"/> gives it, plus one) in 4 bits, attendance or session kind in 12, attributes in 16.
    /// The developing flag is cast to BIGINT: on PostgreSQL a CASE of integer literals is a 32-bit integer, whose
    /// shift by 32 would wrap.
    /// </summary>
    private static string PackedCell(string group, string region, string gender, string developing, string attributes, string role = "0", string attendance = "0") =>
        $"{group} | ({region} << 8) | ({gender} << 16) | ({role} << 24) | ((CAST({developing} AS BIGINT) + 1) << 32) | ({attendance} << 36) | ({attributes} << 48)";

    /// <summary>
    /// A seat's or registration's (<paramref name="alias"/>) gender and attributes as the report counts them:
    /// the person's live copies, or with <paramref name="selfDeclaredOnly"/> only those the person declared
    /// (provenance SELF_DECLARED), the others counting as not recorded.
    /// </summary>
    private static (string Gender, string Attributes) PersonValues(string alias, bool selfDeclaredOnly) => selfDeclaredOnly
        ? ($"(CASE WHEN {Declared(alias, "gender_source")} THEN {alias}.person_gender ELSE 0 END)",
           $"(CASE WHEN {Declared(alias, "attributes_source")} THEN {alias}.person_attributes ELSE 0 END)")
        : ($"{alias}.person_gender", $"{alias}.person_attributes");

    private static string Declared(string alias, string sourceColumn) =>
        $"EXISTS (SELECT 1 FROM stakeholders d WHERE d.id = {alias}.stakeholder_id AND d.{sourceColumn} = {(int)V1.DataSource.SelfDeclared})";

    /// <summary>The sessions in scope, as a WHERE over <c>sessions s</c>, with or without seats.</summary>
    private static (string Where, DynamicParameters Parameters) Sessions(SeatScope scope)
    {
        var (where, parameters) = SessionConditions(scope);
        return (string.Join(" AND ", where), parameters);
    }

    private static (List<string> Where, DynamicParameters Parameters) SessionConditions(SeatScope scope)
    {
        var (where, parameters) = MeetingAndSession(scope, "s.meeting_id = @meetingId", "s.id = @sessionId");
        In(where, parameters, scope.Kinds, "s.kind", "kinds");
        In(where, parameters, scope.States, "s.state", "states");
        In(where, parameters, scope.Themes, "s.theme", "themes");
        return (where, parameters);
    }

    /// <summary>The scope's meeting, and its session if it names one, as the given conditions.</summary>
    private static (List<string> Where, DynamicParameters Parameters) MeetingAndSession(SeatScope scope, string meetingCondition, string sessionCondition)
    {
        var where = new List<string> { meetingCondition };
        var parameters = new DynamicParameters(new { meetingId = scope.MeetingId });
        if (scope.SessionId is not null)
        {
            where.Add(sessionCondition);
            parameters.Add("sessionId", scope.SessionId);
        }

        return (where, parameters);
    }

    /// <summary>
    /// The seats in scope: FROM participants p (joined to sessions s only when the scope restricts
    /// sessions or <paramref name="withSessions"/> asks for their columns, the sessions first and each
    /// one's seats from an index), with the scope's predicates. A meeting's seats read without sessions walk
    /// <paramref name="meetingIndex"/> when given: the one whose order the query needs, whatever the
    /// planner's statistics say. The join's terms are in the WHERE: PostgreSQL takes no ON after CROSS JOIN
    /// (SQLite's way to fix the join order), and SQLite plans an inner join's WHERE terms as its ON terms.
    /// </summary>
    private static (string Sql, DynamicParameters Parameters) Seats(SeatScope scope, bool withSessions = false, string? meetingIndex = null)
    {
        var joinSessions = withSessions || scope.Kinds.Count + scope.States.Count + scope.Themes.Count > 0;
        var (where, parameters) = joinSessions
            ? SessionConditions(scope)
            : MeetingAndSession(scope, "p.meeting_id = @meetingId", "p.session_id = @sessionId");
        In(where, parameters, scope.Roles, "p.role", "roles");
        In(where, parameters, scope.Confirmations, "p.confirmation", "confirmations");
        var conditions = string.Join(" AND ", where);
        return joinSessions
            ? ($"""
                sessions s
                CROSS JOIN participants p INDEXED BY participants_by_session
                WHERE p.meeting_id = s.meeting_id AND p.session_id = s.id AND {conditions}
                """, parameters)
            : ($"participants p{(meetingIndex is null || scope.SessionId is not null ? "" : $" INDEXED BY {meetingIndex}")}\nWHERE {conditions}", parameters);
    }

    /// <summary>
    /// As <see cref="Seats"/>, read person by person: the whole meeting's seats are walked in
    /// participants_by_person, so grouping by person needs no sort. (Restricted scopes filter on
    /// columns that index does not hold, and keep the planner's choice.)
    /// </summary>
    private static (string Sql, DynamicParameters Parameters, string Person) PersonSeats(SeatScope scope)
    {
        if (scope.SessionId is null && !scope.IsRestricted)
        {
            return ("participants p INDEXED BY participants_by_person\nWHERE p.meeting_id = @meetingId", new DynamicParameters(new { meetingId = scope.MeetingId }), "p.stakeholder_id");
        }

        // "+" keeps the planner off the index by person across every meeting.
        var (sql, parameters) = Seats(scope);
        return (sql, parameters, "+p.stakeholder_id");
    }

    private static void In<T>(List<string> where, DynamicParameters parameters, IReadOnlyList<T> values, string column, string name)
    {
        if (values.Count > 0)
        {
            where.Add($"{column} IN @{name}");
            parameters.Add(name, values);
        }
    }

    /// <summary>
    /// SQLite: a watch of data_version (the report is built again when a write came between its reads).
    /// PostgreSQL: every read of the report until disposed joins one exported REPEATABLE READ snapshot, so
    /// nothing written meanwhile (by this server or another) can reach it, and it is never built twice.
    /// </summary>
    public IWriteWatch WatchWrites() =>
        database.ShareSnapshot() is { } snapshot ? new SnapshotWatch(snapshot) : new DataVersionWatch(database.Open());

    private sealed class SnapshotWatch(SharedSnapshot snapshot) : IWriteWatch
    {
        public bool WrittenSince => false;

        public void Dispose() => snapshot.Dispose();
    }

    /// <summary>
    /// PRAGMA data_version, read twice on one connection, differs exactly when another connection
    /// committed in between.
    /// </summary>
    private sealed class DataVersionWatch : IWriteWatch
    {
        private readonly DbConnection connection;
        private readonly long start;

        public DataVersionWatch(DbConnection connection)
        {
            this.connection = connection;
            start = Read();
        }

        public bool WrittenSince => Read() != start;

        public void Dispose() => connection.Dispose();

        private long Read() => connection.ExecuteScalar<long>("PRAGMA data_version;");
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

    public IReadOnlyList<CubeRow> SeatCube(SeatScope scope)
    {
        var (seats, parameters) = Seats(scope, meetingIndex: "participants_for_reports");
        parameters.Add("developing", countries.DevelopingCodes);
        using var connection = database.Open();
        // Grouped by the country itself, in the covering index's column order, so SQLite aggregates as
        // it walks the index instead of sorting every seat; each group's LDC/LLDC/SIDS is decided in
        // the same statement, and groups differing only by country are merged here.
        var tally = new CubeTally();
        var (gender, attributes) = PersonValues("p", scope.SelfDeclaredOnly);
        using var reader = connection.ExecuteReader(
            $"""
            SELECT {PackedCell("p.snap_stakeholder_group", "p.snap_regional_group", gender, Developing("p.snap_country_code"), attributes, "p.role")},
                   count(*), CAST(sum({Privacy.CellKey.SeatKeySql}) AS BIGINT)
            FROM {seats}
            GROUP BY p.snap_stakeholder_group, p.snap_regional_group, {gender}, p.role, p.snap_country_code, {attributes}
            """,
            parameters);
        while (reader.Read())
        {
            tally.AddPacked(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        return tally.Rows();
    }

    public IReadOnlyDictionary<int, int> PanelsByKind(string meetingId)
    {
        using var connection = database.Open();
        return connection.Query<(long Kind, long Panels)>(
            """
            SELECT s.kind, count(*)
            FROM sessions s
            WHERE s.meeting_id = @meetingId
              AND EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = s.meeting_id AND p.session_id = s.id)
            GROUP BY s.kind
            ORDER BY s.kind
            """,
            new { meetingId }).ToDictionary(r => (int)r.Kind, r => (int)r.Panels);
    }

    public IReadOnlyList<CubeRow> RegistrantCube(string meetingId) => RegistrantCube(meetingId, selfDeclaredOnly: false);

    public IReadOnlyList<CubeRow> RegistrantCube(string meetingId, bool selfDeclaredOnly)
    {
        using var connection = database.Open();
        // In registrations_for_reports' column order: aggregated as the index is walked, no sort.
        var tally = new CubeTally();
        var (gender, attributes) = PersonValues("r", selfDeclaredOnly);
        using var reader = connection.ExecuteReader(
            $"""
            SELECT {PackedCell("r.snap_stakeholder_group", "r.snap_regional_group", gender, Developing("r.snap_country_code"), attributes, attendance: "r.attendance")},
                   {CheckedIn}, count(*), CAST(sum(r.person_key) AS BIGINT)
            FROM registrations r
            WHERE r.meeting_id = @meetingId
            GROUP BY r.snap_stakeholder_group, r.snap_regional_group, {gender}, r.snap_country_code, {attributes}, r.attendance,
                     {CheckedIn}
            """,
            new { meetingId, developing = countries.DevelopingCodes });
        while (reader.Read())
        {
            tally.AddPacked(reader.GetInt64(0), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(1) != 0);
        }

        return tally.Rows();
    }

    /// <summary>Whether registration <c>r</c> was checked in, as 1 or 0 (PostgreSQL's comparisons are booleans, not integers).</summary>
    private const string CheckedIn = "CASE WHEN r.check_in_time <> '' THEN 1 ELSE 0 END";

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
            ORDER BY 1 NULLS FIRST, 2 NULLS FIRST, 3, 4
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

    public IReadOnlyList<PanelSize> PanelSizes(SeatScope scope, Dimension dimension, IReadOnlyList<int> categoryValues)
    {
        var (seats, parameters) = Seats(scope, meetingIndex: "participants_by_session");
        parameters.Add("developing", countries.DevelopingCodes);
        var (gender, attributes) = PersonValues("p", scope.SelfDeclaredOnly);
        var value = dimension switch
        {
            Dimension.StakeholderGroup => "p.snap_stakeholder_group",
            Dimension.RegionalGroup => "p.snap_regional_group",
            Dimension.Gender => gender,
            Dimension.Role => "p.role",
            Dimension.DevelopingCountry => Developing("p.snap_country_code"),
            _ => null,
        };
        var inCategory = new List<string>();
        var without = new List<string>();
        for (var i = 0; i < categoryValues.Count; i++)
        {
            parameters.Add($"v{i}", categoryValues[i]);
            var matches = value is null ? $"({attributes} & (1 << @v{i})) <> 0" : $"{value} = @v{i}";
            inCategory.Add($", sum(CASE WHEN {matches} THEN 1 ELSE 0 END) AS c{i}");
            without.Add($", sum(CASE WHEN c{i} = 0 THEN 1 ELSE 0 END) AS w{i}");
        }

        using var connection = database.Open();
        using var reader = connection.ExecuteReader(
            $"""
            WITH panels AS (
                SELECT count(*) AS seats{string.Concat(inCategory)}
                FROM {seats}
                GROUP BY p.session_id
            )
            SELECT seats, count(*) AS panels{string.Concat(without)}
            FROM panels
            GROUP BY seats
            ORDER BY seats
            """,
            parameters);
        var sizes = new List<PanelSize>();
        while (reader.Read())
        {
            sizes.Add(new PanelSize(reader.GetInt64(0), reader.GetInt64(1), Enumerable.Range(0, categoryValues.Count).Select(i => reader.GetInt64(2 + i)).ToList()));
        }

        return sizes;
    }
}
