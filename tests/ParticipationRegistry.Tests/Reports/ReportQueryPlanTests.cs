using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Reports;

public sealed class ReportQueryPlanTests
{
    [Fact]
    public async Task People_by_kind_are_counted_from_the_person_index_alone_without_sorting()
    {
        await using var registry = await TestRegistry.StartAsync();
        using var connection = new SqliteConnection($"Data Source={registry.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteReportStore.PeopleByKindSql([1, 2, 3, 4, 5, 6]);
        command.Parameters.AddWithValue("@meetingId", "m");
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // Each seat's session comes from the index (migration 15), and people are grouped as it is walked.
        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX participants_by_person", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        SqliteConnection.ClearAllPools();
    }
}
