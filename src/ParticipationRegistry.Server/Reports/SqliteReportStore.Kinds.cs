using Dapper;

namespace ParticipationRegistry.Server.Reports;

/// <summary>A meeting's seats and panellists by session kind, for the report page's table by kind.</summary>
public sealed partial class SqliteReportStore
{
    public IReadOnlyList<CubeRow> SeatCubeByKind(SeatScope scope)
    {
        var (seats, parameters) = Seats(scope, withSessions: true);
        parameters.Add("developing", countries.DevelopingCodes);
        using var connection = database.Open();
        return connection.Query<CubeData>(
            $"""
            SELECT p.snap_stakeholder_group AS grp, p.snap_regional_group AS region, p.person_gender AS gender, p.role,
                   {Developing("p.snap_country_code")} AS developing, p.person_attributes AS attributes, s.kind AS attendance, count(*) AS count,
                   sum({Privacy.CellKey.SeatKeySql}) AS keysum
            FROM {seats}
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            """,
            parameters).Select(c => c.ToRow()).ToList();
    }

    public IReadOnlyList<CubeRow> PanellistCubeByKind(string meetingId)
    {
        using var connection = database.Open();
        // Each person once per kind; gender, attributes and key are the person's own (the same on every
        // seat), so no latest seat is looked for.
        return connection.Query<CubeData>(
            """
            WITH people AS MATERIALIZED (
                SELECT s.kind, p.person_gender AS gender, p.person_attributes AS attributes, p.person_key AS pkey
                FROM participants p JOIN sessions s ON s.meeting_id = p.meeting_id AND s.id = p.session_id
                WHERE p.meeting_id = @meetingId
                GROUP BY s.kind, p.stakeholder_id
            )
            SELECT gender, attributes, kind AS attendance, count(*) AS count, sum(pkey) AS keysum
            FROM people
            GROUP BY 1, 2, 3
            """,
            new { meetingId }).Select(c => c.ToRow()).ToList();
    }

    public IReadOnlyDictionary<int, int> MostSeatsByKind(string meetingId)
    {
        using var connection = database.Open();
        return connection.Query<(long Kind, long Seats)>(
            """
            SELECT kind, max(seats) FROM (
                SELECT s.kind, count(*) AS seats
                FROM participants p JOIN sessions s ON s.meeting_id = p.meeting_id AND s.id = p.session_id
                WHERE p.meeting_id = @meetingId
                GROUP BY s.kind, p.stakeholder_id)
            GROUP BY kind
            """,
            new { meetingId }).ToDictionary(r => (int)r.Kind, r => (int)r.Seats);
    }
}
