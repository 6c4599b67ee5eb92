using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Reports;

// About SQLite's planner (EXPLAIN QUERY PLAN on the registry file); PostgreSQL plans these queries itself.
[Trait("Engine", "SqliteOnly")]
public sealed class ReportQueryPlanTests
{
    private static readonly string[] Developing = ["XX"];

    // Each seat's role and session come from the index (migration 15), and nothing is sorted.
    [Fact]
    public async Task People_by_kind_are_counted_from_the_person_index_alone_without_sorting()
    {
        var plan = await PlanOf(SqliteReportStore.PeopleByKindSql([1, 2, 3, 4, 5, 6]));

        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX participants_by_person", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seats_by_kind_are_read_from_the_person_index_alone_without_sorting()
    {
        var plan = await PlanOf(SqliteReportStore.SeatsByKindSql(SqliteReportStore.MeetingSeatsWithSessions));

        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX participants_by_person", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private static Task<List<string>> PlanOf(string sql) => QueryPlans.PlanOf(sql, new { meetingId = "m", developing = Developing });
}
