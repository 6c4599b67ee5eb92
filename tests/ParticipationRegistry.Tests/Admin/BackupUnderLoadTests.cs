using System.Diagnostics;
using System.Security.Cryptography;
using Dapper;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Admin.Migrate;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Admin;

/// <summary>
/// AdminService.CreateBackup while 16 callers create, update (with etags) and delete: the copy is the registry
/// at one moment. Each caller's writes are sequential, so its people in the copy must be exactly its people after
/// some number k of its writes (never a mix); the k of all callers must form one moment (no write in the copy
/// started after a write missing from it was acknowledged); every write acknowledged before the call began, or
/// before the backup's <c>snapshot_time</c>, is in it; every table the callers did not write equals the source.
/// Restored into a new server (on PostgreSQL through the migrate command's copier) it has every table of the copy,
/// row for row. On both engines: the backup is a SQLite file either way.
/// </summary>
public sealed class BackupUnderLoadTests(ITestOutputHelper output)
{
    private const int Callers = 16;

    private sealed record Write(char Kind, string Name, string DisplayName, string? RequestId, long Started, long Acknowledged, DateTimeOffset AcknowledgedUtc);

    [Fact]
    public async Task A_backup_taken_under_load_is_the_registry_at_one_moment_and_restores_into_a_new_server()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        Dictionary<string, (long, string)> atStart;
        Dictionary<string, string> demoPeople;
        using (var source = registry.OpenDatabase())
        {
            atStart = Digests(source);
            demoPeople = People(source);
        }

        var writes = Enumerable.Range(0, Callers).Select(_ => new List<Write>()).ToArray();
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            // Oldest first, with the etag of its last write.
            var live = new List<(string Name, string Etag)>();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var displayName = $"Caller {caller} write {i}";
                var started = Stopwatch.GetTimestamp();
                Write write;
                if (live.Count < 2 || i % 3 == 0)
                {
                    var requestId = Guid.NewGuid().ToString();
                    var created = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
                    {
                        RequestId = requestId,
                        Stakeholder = new Stakeholder { DisplayName = displayName, CountryCode = "FI" },
                    });
                    live.Add((created.Name, created.Etag));
                    write = new Write('c', created.Name, displayName, requestId, started, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
                }
                else if (i % 3 == 1)
                {
                    var (name, etag) = live[i % live.Count];
                    var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
                    {
                        Stakeholder = new Stakeholder { Name = name, DisplayName = displayName, Etag = etag },
                        UpdateMask = new FieldMask { Paths = { "display_name" } },
                    });
                    live[i % live.Count] = (name, updated.Etag);
                    write = new Write('u', name, displayName, null, started, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
                }
                else
                {
                    // Always the oldest, and never the last one: no two numbers of writes leave a caller with the same people.
                    var (name, etag) = live[0];
                    await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = name, Etag = etag });
                    live.RemoveAt(0);
                    write = new Write('d', name, "", null, started, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
                }

                writes[caller].Add(write);
                Interlocked.Increment(ref acknowledged);
            }
        })).ToList();

        while (Volatile.Read(ref acknowledged) < 400)
        {
            await Task.Delay(5);
        }

        var backupStarted = Stopwatch.GetTimestamp();
        var backup = await new AdminService.AdminServiceClient(registry.Channel).CreateBackupAsync(new CreateBackupRequest { BackupId = "under-load" });
        var backupEnded = Stopwatch.GetTimestamp();
        var atBackup = Volatile.Read(ref acknowledged);
        // Writes go on after the copy: they must not be in it.
        while (Volatile.Read(ref acknowledged) < atBackup + 200)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Task.WhenAll(callers);

        var bytes = await File.ReadAllBytesAsync(backup.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), backup.Sha256);
        Assert.Equal(Migrator.LatestVersion, backup.SchemaVersion);
        var snapshot = backup.SnapshotTime.ToDateTimeOffset();

        Dictionary<string, (long, string)> copied, atEnd;
        using (var source = registry.OpenDatabase())
        {
            atEnd = Digests(source);
        }

        var moment = new int[Callers];
        using (var copy = OpenFile(backup.Path))
        {
            Assert.Equal("ok", copy.ExecuteScalar<string>("PRAGMA integrity_check"));
            Assert.Empty(copy.Query("PRAGMA foreign_key_check"));
            copied = Digests(copy);
            var people = People(copy);

            // The people of the demo, untouched by the callers, are there as they were.
            Assert.All(demoPeople, p => Assert.Equal(p.Value, people.GetValueOrDefault(p.Key)));
            for (var caller = 0; caller < Callers; caller++)
            {
                var own = writes[caller].Select(w => w.Name).ToHashSet();
                var held = people.Where(p => own.Contains(p.Key)).ToDictionary();
                moment[caller] = WritesIn(writes[caller], held);
                Assert.True(moment[caller] >= 0, $"Caller {caller}'s people in the backup are not its people after any number of its writes: half of a write, or a mix.");
            }

            var callersPeople = people.Keys.Count(p => !demoPeople.ContainsKey(p));
            Assert.Equal(callersPeople, Enumerable.Range(0, Callers).Sum(c => State(writes[c], moment[c]).Count));

            // A create's request id is in the copy exactly when the create is (one transaction).
            var requestIds = copy.Query<string>("SELECT request_id FROM request_ids").ToHashSet();
            var expectedIds = Enumerable.Range(0, Callers).SelectMany(c => writes[c].Take(moment[c])).Where(w => w.RequestId is not null).Select(w => w.RequestId!);
            var callersIds = writes.SelectMany(ws => ws).Where(w => w.RequestId is not null).Select(w => w.RequestId!).ToHashSet();
            Assert.Equal(expectedIds.Order(StringComparer.Ordinal), requestIds.Where(callersIds.Contains).Order(StringComparer.Ordinal));
        }

        for (var caller = 0; caller < Callers; caller++)
        {
            var own = writes[caller];
            Assert.True(own.Count(w => w.Acknowledged < backupStarted) <= moment[caller], $"Caller {caller}: a write acknowledged before the backup began is not in it.");
            Assert.True(own.Count(w => w.AcknowledgedUtc < snapshot) <= moment[caller], $"Caller {caller}: a write acknowledged before snapshot_time is not in it.");
            Assert.All(own.Take(moment[caller]), w => Assert.True(w.Started < backupEnded, $"Caller {caller}: a write started after the backup returned is in it."));
            for (var other = 0; other < Callers; other++)
            {
                // One moment: a write missing from the copy was not acknowledged before a write in the copy started.
                if (moment[caller] > 0 && moment[other] < writes[other].Count)
                {
                    Assert.False(writes[other][moment[other]].Acknowledged < own[moment[caller] - 1].Started,
                        $"Caller {other}'s write {moment[other]} is not in the backup, yet it was acknowledged before caller {caller}'s write {moment[caller] - 1}, which is, started.");
                }
            }
        }

        var inFlight = writes.Sum(ws => ws.Count(w => w.Started < backupEnded && w.Acknowledged > backupStarted));
        Assert.True(inFlight > 0, "No write was in flight during the backup.");
        Assert.True(writes.Sum(ws => ws.Count) > moment.Sum(), "Every write is in the backup: none came after it.");

        // Every table the callers never wrote is the source's, row for row.
        var untouched = atStart.Keys.Where(t => atStart[t] == atEnd[t]).ToList();
        Assert.Contains("meetings", untouched);
        Assert.All(untouched, table => Assert.True(atStart[table] == copied[table], $"{table} differs between the source and its backup."));
        output.WriteLine($"writes: {writes.Sum(ws => ws.Count)}; in the backup: {moment.Sum()}; in flight during the backup call: {inFlight}; " +
            $"backup call {Stopwatch.GetElapsedTime(backupStarted, backupEnded).TotalMilliseconds:F0} ms; tables written: {string.Join(", ", atStart.Keys.Except(untouched))}");

        // Restore: the file copied to where a new server's database goes (on PostgreSQL moved in by the migrate copier), then that server started on it.
        var restoredFolder = Directory.CreateTempSubdirectory("registry-restored-").FullName;
        File.Copy(backup.Path, Path.Combine(restoredFolder, "registry.db"));
        if (TestDatabases.OnPostgres)
        {
            var moved = RegistryMigration.Copy(
                DatabaseLocation.Parse($"sqlite:{Path.Combine(restoredFolder, "registry.db")}"), DatabaseLocation.Parse(TestDatabases.For(restoredFolder)), TextWriter.Null);
            Assert.All(moved, table => Assert.True(table.Same, table.Table));
        }

        await using (var restored = await TestRegistry.StartAsync(folder: restoredFolder))
        {
            using (var connection = restored.OpenDatabase())
            {
                var served = Digests(connection);
                Assert.Equal(copied.Keys.Order(StringComparer.Ordinal), served.Keys.Order(StringComparer.Ordinal));
                Assert.All(copied, table => Assert.True(table.Value == served[table.Key], $"{table.Key} differs between the backup and the restored server."));
            }

            var names = new HashSet<string>();
            var request = new ListStakeholdersRequest { PageSize = 1000 };
            do
            {
                var page = await restored.Stakeholders.ListStakeholdersAsync(request);
                names.UnionWith(page.Stakeholders.Select(s => s.Name));
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            var expected = Enumerable.Range(0, Callers).SelectMany(c => State(writes[c], moment[c]).Keys).Concat(demoPeople.Keys);
            Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        }

        TestDatabases.Drop(restoredFolder);
        Directory.Delete(restoredFolder, recursive: true);
    }

    /// <summary>A caller's people after its first <paramref name="count"/> writes: name → display name.</summary>
    private static Dictionary<string, string> State(List<Write> writes, int count)
    {
        var state = new Dictionary<string, string>();
        foreach (var write in writes.Take(count))
        {
            if (write.Kind == 'd')
            {
                state.Remove(write.Name);
            }
            else
            {
                state[write.Name] = write.DisplayName;
            }
        }

        return state;
    }

    /// <summary>How many of a caller's writes <paramref name="held"/> is the result of; -1 when no number of them gives it.</summary>
    private static int WritesIn(List<Write> writes, Dictionary<string, string> held)
    {
        for (var count = 0; count <= writes.Count; count++)
        {
            var state = State(writes, count);
            if (state.Count == held.Count && state.All(p => held.GetValueOrDefault(p.Key) == p.Value))
            {
                return count;
            }
        }

        return -1;
    }

    private static Dictionary<string, string> People(System.Data.Common.DbConnection connection) =>
        connection.Query<(string Id, string DisplayName)>("SELECT id, display_name FROM stakeholders")
            .ToDictionary(r => $"stakeholders/{r.Id}", r => r.DisplayName);

    /// <summary>Every table's row count and digest (the same on both engines for the same rows).</summary>
    private static Dictionary<string, (long, string)> Digests(System.Data.Common.DbConnection connection) =>
        RegistryTables.Describe(connection).ToDictionary(t => t.Name, t => RegistryTables.Digest(connection, t));

    private static SqliteConnection OpenFile(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}
