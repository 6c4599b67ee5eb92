using Dapper;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Tests.Infrastructure;

/// <summary>What SQLite's planner does with a query on a freshly migrated registry file.</summary>
public static class QueryPlans
{
    /// <summary>The detail lines of EXPLAIN QUERY PLAN for <paramref name="sql"/>, its parameters bound from <paramref name="parameters"/>.</summary>
    public static async Task<List<string>> PlanOf(string sql, object parameters)
    {
        await using var registry = await TestRegistry.StartAsync();
        using var connection = new SqliteConnection($"Data Source={registry.DatabasePath}");
        var plan = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters)
            .Select(row => row.Detail).ToList();
        SqliteConnection.ClearAllPools();
        return plan;
    }
}
