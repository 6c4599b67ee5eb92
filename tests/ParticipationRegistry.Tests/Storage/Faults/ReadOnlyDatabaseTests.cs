using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary>
/// A database that turns read-only under the running server (root ignores file modes, so the writer's own
/// connection is made read-only with <c>PRAGMA query_only</c>; SQLite answers writes with SQLITE_READONLY,
/// as for a file on a read-only mount): writes get FAILED_PRECONDITION / DATABASE_READ_ONLY, reads go on,
/// health is NOT_SERVING with one log line, and once writable again writes commit and health is SERVING.
/// </summary>
// About SQLite: made read-only with PRAGMA query_only (SQLITE_READONLY); --read-only on PostgreSQL is in ReadOnlyOptionTests.
[Trait("Engine", "SqliteOnly")]
public sealed class ReadOnlyDatabaseTests
{
    [Fact]
    public async Task A_read_only_database_refuses_writes_keeps_reads_and_recovers()
    {
        var (registry, logs) = await FaultHarness.StartAsync();
        await using var _ = registry;
        var database = FaultHarness.DatabaseOf(registry);
        var before = await FaultHarness.CreateAsync(registry, "Written before");
        await FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.Serving);

        await FaultHarness.OnWriterAsync(registry, "PRAGMA query_only = ON;");
        var refusals = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            FaultHarness.RefusedAsync(() => FaultHarness.CreateAsync(registry, $"Refused {i}"))));
        Assert.All(refusals, e =>
        {
            FaultHarness.AssertRefusal(e, StatusCode.FailedPrecondition, "DATABASE_READ_ONLY", "sqlite_error", "SQLITE_READONLY");
        });

        // SQLITE_READONLY (8) was really hit: counted, and named in the one log line.
        Assert.Equal(8, database.Faults.Current?.Code & 0xFF);
        Assert.True(database.Faults.Hits >= 1);
        var failing = Assert.Single(logs.FaultLines(), l => l.Level == LogLevel.Error);
        Assert.Contains("SQLITE_READONLY (8)", failing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Refused", failing.Message, StringComparison.Ordinal);
        await FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.NotServing);
        Assert.Equal(before.DisplayName, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = before.Name })).DisplayName);
        var listed = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest());
        Assert.Single(listed.Stakeholders);

        await FaultHarness.OnWriterAsync(registry, "PRAGMA query_only = OFF;");
        var after = await FaultHarness.WriteUntilServingAsync(registry);
        Assert.Null(database.Faults.Current);
        using var connection = database.Open();
        Assert.Equal(1 + after.Count, connection.ExecuteScalar<int>("SELECT count(*) FROM stakeholders"));
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT count(*) FROM stakeholders WHERE display_name LIKE 'Refused%'"));
    }
}
