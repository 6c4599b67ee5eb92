using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary>
/// Corruption found while the server runs: a page of an index the writes use overwritten in the file behind
/// SQLite's back. A write touching it is refused with UNAVAILABLE / DATABASE_UNAVAILABLE naming SQLITE_CORRUPT
/// (really hit), health turns NOT_SERVING with one log line; the documented repair (stop, restore a backup, start)
/// brings back a SERVING server with every row the backup held.
/// </summary>
// About the SQLite file itself: garbage written into one of its pages.
[Trait("Engine", "SqliteOnly")]
public sealed class CorruptWhileRunningTests
{
    [Fact]
    public async Task A_corrupt_index_page_refuses_writes_with_sqlite_corrupt_and_a_restored_backup_serves_again()
    {
        var folder = Directory.CreateTempSubdirectory("registry-corrupt-running-").FullName;
        try
        {
            var logs = new FaultHarness();
            var registry = await TestRegistry.StartAsync(folder: folder, services: s => s.AddSingleton<ILoggerProvider>(logs));
            var database = FaultHarness.DatabaseOf(registry);
            var before = new List<Stakeholder>();
            for (var i = 0; i < 20; i++)
            {
                before.Add(await FaultHarness.CreateAsync(registry, $"Before the corruption {i:D2}"));
            }

            var backup = await new AdminService.AdminServiceClient(registry.Channel).CreateBackupAsync(new CreateBackupRequest { BackupId = "before-corruption" });
            await FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.Serving);

            // Every page in the file itself (none newer in the WAL), then the index's root page overwritten, bypassing SQLite.
            await FaultHarness.OnWriterAsync(registry, "PRAGMA wal_checkpoint(TRUNCATE);");
            OverwriteRootPage(database.Path, "stakeholders_by_display_name");

            // The writer's page cache still holds the good page: drop it, so the next write reads the file.
            await FaultHarness.OnWriterAsync(registry, "PRAGMA shrink_memory;");

            var n = 0;
            var failing = await RefusedAsCorruptAsync(registry, logs, () => FaultHarness.CreateAsync(registry, $"After the corruption {n++}"));
            Assert.StartsWith("Database writes fail: SQLITE_CORRUPT (11)", failing, StringComparison.Ordinal);
            Assert.DoesNotContain("After the corruption", failing, StringComparison.Ordinal);

            // The repair README gives: stop the server, restore a backup (its file copied to the database's path), start.
            await registry.DisposeAsync();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database.Path + suffix);
            }

            File.Copy(backup.Path, database.Path);
            await using var restored = await TestRegistry.StartAsync(folder: folder);
            await FaultHarness.WaitForHealthAsync(restored, HealthCheckResponse.Types.ServingStatus.Serving);
            var after = await FaultHarness.CreateAsync(restored, "After the restore");
            var people = await restored.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100 });
            Assert.Equal(before.Select(p => p.Name).Append(after.Name).Order(StringComparer.Ordinal), people.Stakeholders.Select(p => p.Name).Order(StringComparer.Ordinal));
            using var connection = FaultHarness.DatabaseOf(restored).Open();
            Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_corrupt_page_a_read_finds_is_unavailable_logged_once_and_health_turns_not_serving()
    {
        var (registry, logs) = await FaultHarness.StartAsync();
        await using (registry)
        {
            var database = FaultHarness.DatabaseOf(registry);
            for (var i = 0; i < 20; i++)
            {
                await FaultHarness.CreateAsync(registry, $"Read me {i:D2}");
            }

            var byName = new ListStakeholdersRequest { PageSize = 100, OrderBy = "display_name" };
            Assert.Equal(20, (await registry.Stakeholders.ListStakeholdersAsync(byName)).Stakeholders.Count);
            await FaultHarness.OnWriterAsync(registry, "PRAGMA wal_checkpoint(TRUNCATE);");
            OverwriteRootPage(database.Path, "stakeholders_by_display_name");

            // A commit that leaves the index alone: every read connection sees the database changed and drops its
            // cached pages, so the next read by name reads the overwritten page from the file.
            await FaultHarness.OnWriterAsync(registry, "CREATE TABLE corrupt_probe (x); DROP TABLE corrupt_probe;");
            Assert.Null(database.Faults.Current);

            var failing = await RefusedAsCorruptAsync(registry, logs, async () => await registry.Stakeholders.ListStakeholdersAsync(byName));
            Assert.StartsWith("Database reads fail: SQLITE_CORRUPT (11)", failing, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_key_that_cannot_be_read_gives_unavailable_not_an_unhandled_error()
    {
        var (registry, logs) = await FaultHarness.StartAsync();
        await using (registry)
        {
            var database = FaultHarness.DatabaseOf(registry);
            // A new key, never used: authentication reads it from the file (no cached copy).
            var secret = await registry.CreateKeyAsync(Role.Viewer);
            await FaultHarness.OnWriterAsync(registry, "PRAGMA wal_checkpoint(TRUNCATE);");
            OverwriteRootPage(database.Path, "sqlite_autoindex_api_keys_2");
            await FaultHarness.OnWriterAsync(registry, "CREATE TABLE corrupt_probe (x); DROP TABLE corrupt_probe;");

            var viewer = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(secret));
            var refused = await FaultHarness.RefusedAsync(async () => await viewer.ListStakeholdersAsync(new ListStakeholdersRequest()));
            FaultHarness.AssertRefusal(refused, StatusCode.Unavailable, "DATABASE_UNAVAILABLE", "sqlite_error", "SQLITE_CORRUPT");
            Assert.Equal("SQLITE_CORRUPT", database.Faults.Current?.Name);
            // Health without a key (one would be read from the same corrupt index).
            var health = new Health.HealthClient(registry.ChannelFor(null));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
            var failing = Assert.Single(logs.FaultLines());
            Assert.StartsWith("Database reads fail: SQLITE_CORRUPT (11)", failing.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Overwrites the root page of <paramref name="index"/> in the file with garbage, bypassing SQLite.</summary>
    private static void OverwriteRootPage(string path, string index)
    {
        long page, pageSize;
        using (var look = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
        {
            page = look.ExecuteScalar<long>("SELECT rootpage FROM sqlite_schema WHERE name = $index", new { index });
            pageSize = look.ExecuteScalar<long>("PRAGMA page_size");
        }

        Assert.True(page > 1, $"{index}'s root page is {page}");
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Position = (page - 1) * pageSize;
        file.Write(Enumerable.Repeat((byte)0x5A, (int)pageSize).ToArray());
        file.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Three calls of <paramref name="call"/> refused UNAVAILABLE / DATABASE_UNAVAILABLE naming SQLITE_CORRUPT, the fault
    /// current and health NOT_SERVING; returns the one storage-fault line logged (at error).
    /// </summary>
    private static async Task<string> RefusedAsCorruptAsync(TestRegistry registry, FaultHarness logs, Func<Task> call)
    {
        for (var i = 0; i < 3; i++)
        {
            var refused = await FaultHarness.RefusedAsync(call);
            FaultHarness.AssertRefusal(refused, StatusCode.Unavailable, "DATABASE_UNAVAILABLE", "sqlite_error", "SQLITE_CORRUPT");
        }

        Assert.Equal("SQLITE_CORRUPT", FaultHarness.DatabaseOf(registry).Faults.Current?.Name);
        await FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.NotServing);
        var failing = Assert.Single(logs.FaultLines());
        Assert.Equal(LogLevel.Error, failing.Level);
        return failing.Message;
    }
}
