using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary>
/// A full disk, made by <c>PRAGMA max_page_count</c> on the writer's connection: concurrent writes are refused
/// with RESOURCE_EXHAUSTED / DATABASE_FULL (SQLITE_FULL really hit), reads go on, health turns NOT_SERVING with
/// one log line, nothing acknowledged is lost, and once the limit is raised writes commit and health is SERVING.
/// </summary>
// About SQLite: the full disk is made with PRAGMA max_page_count (SQLITE_FULL); PostgreSQL classifies 53100 the same way.
[Trait("Engine", "SqliteOnly")]
public sealed class FullDatabaseTests
{
    [Fact]
    public async Task A_full_database_refuses_writes_with_database_full_and_recovers_when_space_is_freed()
    {
        var (registry, logs) = await FaultHarness.StartAsync();
        await using var _ = registry;
        var database = FaultHarness.DatabaseOf(registry);
        var before = await FaultHarness.CreateAsync(registry, "Before the disk filled");
        await FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.Serving);

        // The file may not grow by a page more (SQLite raises a limit below the current size to that size).
        await FaultHarness.OnWriterAsync(registry, "PRAGMA max_page_count = 1;");
        var acknowledged = new List<string>();
        var refusals = 0;
        for (var round = 0; round < 50 && refusals == 0; round++)
        {
            var names = Enumerable.Range(0, 16).Select(i => $"Filler {round}-{i} " + new string('x', 180)).ToList();
            var calls = names.Select(async name =>
            {
                try
                {
                    await FaultHarness.CreateAsync(registry, name);
                    return (name, (RpcException?)null);
                }
                catch (RpcException e)
                {
                    return (name, e);
                }
            }).ToList();
            foreach (var (name, error) in await Task.WhenAll(calls))
            {
                if (error is null)
                {
                    acknowledged.Add(name);
                    continue;
                }

                // Every refused caller of a failed group gets the storage status, never UNKNOWN or INTERNAL.
                Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
                Assert.Equal("DATABASE_FULL", error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
                Assert.Equal("SQLITE_FULL", error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata["sql" + "ite_error"]);
                refusals++;
            }
        }

        Assert.True(refusals > 0, "the size limit never filled the file");
        // One at a time until the last free bytes of the last page are used: five refusals in a row.
        var inARow = 0;
        for (var i = 0; i < 500 && inARow < 5; i++)
        {
            var name = $"Single {i} " + new string('y', 180);
            try
            {
                await FaultHarness.CreateAsync(registry, name);
                acknowledged.Add(name);
                inARow = 0;
            }
            catch (RpcException e)
            {
                Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
                inARow++;
                refusals++;
            }
        }

        Assert.Equal(5, inARow);

        // SQLITE_FULL was really hit, and counted.
        Assert.Equal(13, database.Faults.Current?.Code & 0xFF);
        Assert.True(database.Faults.Hits >= 6);
        await FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.NotServing);
        // Reads go on while writes are refused.
        Assert.Equal(before.DisplayName, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = before.Name })).DisplayName);

        // One line when the fault starts, not one a refused call (a small write that still fits more than
        // StorageFaults.RecoveryQuiet after a refusal may end the fault once on a slow machine: at most a few lines).
        var failing = logs.FaultLines().Where(l => l.Level == LogLevel.Error).ToList();
        Assert.InRange(failing.Count, 1, 3);
        Assert.True(refusals >= 5 * failing.Count, $"{failing.Count} lines for {refusals} refusals");
        Assert.All(failing, line =>
        {
            Assert.Contains("SQLITE_FULL (13)", line.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("yyyy", line.Message, StringComparison.Ordinal);
        });

        // The operator frees space (here: raises the limit); the next write commits and health recovers.
        await FaultHarness.OnWriterAsync(registry, "PRAGMA max_page_count = 1073741823;");
        var after = await FaultHarness.WriteUntilServingAsync(registry);
        Assert.Null(database.Faults.Current);
        Assert.Contains(logs.FaultLines(), l => l.Level == LogLevel.Warning && l.Message.Contains("commit again", StringComparison.Ordinal));

        // Nothing acknowledged was lost; nothing refused was stored.
        using var connection = database.Open();
        var stored = connection.Query<string>("SELECT display_name FROM stakeholders").ToHashSet();
        Assert.Contains(before.DisplayName, stored);
        Assert.All(after, s => Assert.Contains(s.DisplayName, stored));
        Assert.All(acknowledged, name => Assert.Contains(name, stored));
        // Nothing else: a refused write is not in the file (named, if one is).
        var unacknowledged = stored.Except(acknowledged).Except(after.Select(s => s.DisplayName)).Where(n => n != before.DisplayName).ToList();
        Assert.True(unacknowledged.Count == 0, $"stored but refused: {string.Join(", ", unacknowledged.Select(n => n[..Math.Min(n.Length, 20)]))}");
    }
}
