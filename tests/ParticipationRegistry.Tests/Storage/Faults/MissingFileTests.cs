using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary>
/// The database file deleted or moved away under the running server: SQLite would go on writing into the
/// unlinked file, lost at the next start. Writes are refused with UNAVAILABLE / DATABASE_UNAVAILABLE, health
/// is NOT_SERVING with one log line; when the file is back where it was, writes commit and health is SERVING.
/// </summary>
// About the SQLite file moved away under the server; PostgreSQL has no file of the registry's own.
[Trait("Engine", "SqliteOnly")]
public sealed class MissingFileTests
{
    [Fact]
    public async Task A_database_file_moved_away_under_the_server_refuses_writes_until_it_is_back()
    {
        var (registry, logs) = await FaultHarness.StartAsync();
        await using var _ = registry;
        var database = FaultHarness.DatabaseOf(registry);
        var before = await FaultHarness.CreateAsync(registry, "Written before");
        var aside = database.Path + ".aside";

        File.Move(database.Path, aside);
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var refused = await FaultHarness.RefusedAsync(() => FaultHarness.CreateAsync(registry, $"Refused {i}"));
                FaultHarness.AssertRefusal(refused, StatusCode.Unavailable, "DATABASE_UNAVAILABLE", "sqlite_error", "FILE_MISSING");
            }

            Assert.Equal("FILE_MISSING", database.Faults.Current?.Name);
            var failing = Assert.Single(logs.FaultLines(), l => l.Level == LogLevel.Error);
            Assert.Contains("deleted or moved", failing.Message, StringComparison.Ordinal);
            await FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.NotServing);
        }
        finally
        {
            File.Move(aside, database.Path);
        }

        var after = await FaultHarness.WriteUntilServingAsync(registry);
        using var connection = database.Open();
        Assert.Equal(1 + after.Count, connection.ExecuteScalar<int>("SELECT count(*) FROM stakeholders"));
        Assert.Equal(before.DisplayName, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = before.Name })).DisplayName);
    }
}
