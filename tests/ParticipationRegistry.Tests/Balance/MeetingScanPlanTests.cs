using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>A meeting's panels stream from the session index in order: nothing is sorted, whatever the filter.</summary>
// SQLite's EXPLAIN QUERY PLAN of SQLite's statement texts (PostgreSQL plans by its own statistics; the results are checked on both engines by ManySessionsThresholdTests).
[Trait("Engine", "SqliteOnly")]
public sealed class MeetingScanPlanTests
{
    [Fact]
    public async Task Seats_alone_come_from_the_covering_index_in_session_order()
    {
        var plan = await PlanOf(SqliteBalanceStore.MeetingPanelsAlone);

        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX participants_by_session", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    // The people's aggregates count distinct sessions per person; the seats themselves are not sorted.
    [Fact]
    public async Task Other_seats_are_walked_person_by_person_and_the_seats_are_not_sorted()
    {
        var plan = await PlanOf(SqliteBalanceStore.MeetingPanels);

        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX participants_by_session", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX participants_by_person", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("SCAN p", StringComparison.Ordinal));
    }

    private static Task<List<string>> PlanOf(string sql) => QueryPlans.PlanOf(
        sql, new { meetingId = "m", anyKind = false, kinds = "[1]", anyState = true, states = "[]", anyTheme = true, themes = "[]", cancelled = 5, rejected = 6 });
}
