using Dapper;

namespace ParticipationRegistry.Server.Reports;

/// <summary>A meeting's seats and panellists by session kind, for the report page's table by kind.</summary>
public sealed partial class SqliteReportStore
{
    /// <summary>Kinds whose seat counts share one integer column of <see cref="PeopleByKindSql"/>, 16 bits each.</summary>
    private const int KindsPerColumn = 4;

    public IReadOnlyList<CubeRow> SeatCubeByKind(SeatScope scope)
    {
        // A whole meeting's seats from participants_by_person alone, each joined to its session; a narrower
        // scope's sessions first, then their seats. Counted here, seat by seat: grouping by kind in SQL would
        // sort every seat.
        var (seats, parameters) = scope.SessionId is null && !scope.IsRestricted
            ? (MeetingSeatsWithSessions, new DynamicParameters(new { meetingId = scope.MeetingId }))
            : Seats(scope, withSessions: true);
        parameters.Add("developing", countries.DevelopingCodes);
        using var connection = database.Open();
        var tally = new CubeTally();
        using var reader = connection.ExecuteReader(SeatsByKindSql(seats), parameters);
        while (reader.Read())
        {
            tally.AddPacked(reader.GetInt64(0), 1, reader.GetInt64(1));
        }

        return tally.Rows();
    }

    /// <summary>
    /// Every seat of meeting <c>@meetingId</c> from participants_by_person, joined to its session (the join's
    /// terms in the WHERE: PostgreSQL takes no ON after CROSS JOIN).
    /// </summary>
    internal const string MeetingSeatsWithSessions = """
        participants p INDEXED BY participants_by_person
        CROSS JOIN sessions s
        WHERE p.meeting_id = @meetingId AND s.meeting_id = p.meeting_id AND s.id = p.session_id
        """;

    /// <summary>Each seat of <paramref name="seats"/> as a cube cell packed with its session's kind, and its seat key.</summary>
    internal static string SeatsByKindSql(string seats) => $"""
        SELECT {PackedCell("p.snap_stakeholder_group", "p.snap_regional_group", "p.person_gender", Developing("p.snap_country_code"), "p.person_attributes", "p.role", "s.kind")},
               {Privacy.CellKey.SeatKeySql}
        FROM {seats}
        """;

    public IReadOnlyList<CubeRow> PanellistCubeByKind(string meetingId) => PanellistsByKind(meetingId).Cube;

    public IReadOnlyDictionary<int, int> MostSeatsByKind(string meetingId) => PanellistsByKind(meetingId).MostSeats;

    /// <summary>Both from one pass over the meeting's people, as participants_by_person is walked.</summary>
    public PeopleByKind PanellistsByKind(string meetingId)
    {
        using var connection = database.Open();
        var kinds = connection.Query<int>("SELECT DISTINCT kind FROM sessions WHERE meeting_id = @meetingId ORDER BY kind", new { meetingId }).ToList();
        var tally = new CubeTally();
        var mostSeats = new Dictionary<int, int>();
        using var reader = connection.ExecuteReader(PeopleByKindSql(kinds), new { meetingId });
        while (reader.Read())
        {
            var cell = reader.GetInt64(0);
            var key = reader.GetInt64(1);
            for (var i = 0; i < kinds.Count; i++)
            {
                var seats = (int)(((ulong)reader.GetInt64(2 + (i / KindsPerColumn)) >> (16 * (i % KindsPerColumn))) & 0xFFFF);
                if (seats > 0)
                {
                    // Each person once per kind; gender, attributes and key are the person's own (the same on every seat).
                    tally.AddPacked(cell | ((long)kinds[i] << 36), 1, key);
                    mostSeats[kinds[i]] = Math.Max(mostSeats.GetValueOrDefault(kinds[i]), seats);
                }
            }
        }

        return new PeopleByKind(tally.Rows(), mostSeats);
    }

    /// <summary>
    /// Each person of the meeting once, as participants_by_person is walked (no sort), with their gender and
    /// attributes packed as a cube cell, their key, and their seats in each of <paramref name="kinds"/>
    /// (16 bits a kind, <see cref="KindsPerColumn"/> kinds a column). The person's own columns are the same on every
    /// seat: max() takes them, as PostgreSQL allows no bare column beside GROUP BY.
    /// </summary>
    internal static string PeopleByKindSql(IReadOnlyList<int> kinds)
    {
        var columns = new List<string>();
        for (var first = 0; first < kinds.Count; first += KindsPerColumn)
        {
            var cases = kinds.Skip(first).Take(KindsPerColumn).Select((kind, i) => $"WHEN {kind} THEN {1L << (16 * i)}");
            columns.Add($"CAST(sum(CASE s.kind {string.Join(" ", cases)} ELSE 0 END) AS BIGINT)");
        }

        return $"""
            SELECT {PackedCell("0", "0", "max(p.person_gender)", "0", "max(p.person_attributes)")}, max(p.person_key) & 255{string.Concat(columns.Select(c => ", " + c))}
            FROM participants p INDEXED BY participants_by_person
            CROSS JOIN sessions s
            WHERE p.meeting_id = @meetingId AND s.meeting_id = p.meeting_id AND s.id = p.session_id
            GROUP BY p.stakeholder_id
            """;
    }
}
