using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Admin.Migrate;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Admin;

/// <summary>
/// AdminService.CreateBackup: a copy taken while 16 callers write is intact, holds every write acknowledged
/// before it began and restores into a new server; a copy taken at rest has exactly the source's rows; an
/// erased person is not in a later backup; the request names a file, never a path. On both engines: the
/// backup is a SQLite file either way (on PostgreSQL copied from one REPEATABLE READ snapshot).
/// </summary>
public sealed class BackupTests(ITestOutputHelper output)
{
    private const int Callers = 16;

    [Fact]
    public async Task A_backup_taken_under_load_holds_every_acknowledged_write_and_restores_into_a_new_server()
    {
        await using var registry = await TestRegistry.StartAsync();
        var admin = new AdminService.AdminServiceClient(registry.Channel);
        var acknowledged = new ConcurrentDictionary<string, string>();
        var latencies = new ConcurrentBag<(long StartTicks, double Milliseconds)>();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var created = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
                {
                    RequestId = Guid.NewGuid().ToString(),
                    Stakeholder = new Stakeholder { DisplayName = $"Caller {caller} call {i}", CountryCode = "FI" },
                });
                latencies.Add((started, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                acknowledged[created.Name] = created.DisplayName;
            }
        })).ToList();
        while (acknowledged.Count < 300)
        {
            await Task.Delay(5);
        }

        var before = acknowledged.ToDictionary();
        var backupStarted = Stopwatch.GetTimestamp();
        var backup = await admin.CreateBackupAsync(new CreateBackupRequest { BackupId = "under-load" });
        var backupEnded = Stopwatch.GetTimestamp();
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(callers);
        Report("under load", latencies, backupStarted, backupEnded);

        Assert.Equal("backups/under-load", backup.Name);
        Assert.Equal(Path.Combine(registry.Folder, "backups", "under-load.db"), backup.Path);
        var bytes = await File.ReadAllBytesAsync(backup.Path);
        Assert.Equal(bytes.LongLength, backup.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), backup.Sha256);
        Assert.Equal(Migrator.LatestVersion, backup.SchemaVersion);
        Assert.NotNull(backup.SnapshotTime);

        Dictionary<string, string> copied;
        using (var copy = OpenFile(backup.Path))
        {
            Assert.Equal("ok", copy.ExecuteScalar<string>("PRAGMA integrity_check"));
            Assert.Empty(copy.Query("PRAGMA foreign_key_check"));
            copied = copy.Query<(string Id, string DisplayName)>("SELECT id, display_name FROM stakeholders")
                .ToDictionary(r => $"stakeholders/{r.Id}", r => r.DisplayName);
        }

        var missing = before.Count(a => !copied.TryGetValue(a.Key, out var name) || name != a.Value);
        Assert.True(missing == 0, $"{missing} of the {before.Count} creates acknowledged before the backup began are not in it.");
        // Nothing in the copy that was never written: each person is one the callers created (acknowledged, or in flight when they stopped).
        Assert.True(copied.Count <= acknowledged.Count + Callers, $"The backup holds {copied.Count} people; {acknowledged.Count} were acknowledged.");
        output.WriteLine($"acknowledged before the backup: {before.Count}; in the backup: {copied.Count}; acknowledged in all: {acknowledged.Count}");

        // Restore: the file copied to where a new server's database goes, and that server started on it.
        // On PostgreSQL the backup (a SQLite file) is restored by the migrate command's copier into the new server's schema.
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
            var served = new HashSet<string>();
            var request = new ListStakeholdersRequest { PageSize = 1000 };
            do
            {
                var page = await restored.Stakeholders.ListStakeholdersAsync(request);
                served.UnionWith(page.Stakeholders.Select(s => s.Name));
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            Assert.Equal(copied.Keys.Order(), served.Order());
            var one = before.First();
            Assert.Equal(one.Value, (await restored.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = one.Key })).DisplayName);
        }

        TestDatabases.Drop(restoredFolder);
        Directory.Delete(restoredFolder, recursive: true);
    }

    [Fact]
    public async Task A_backup_taken_at_rest_has_exactly_the_rows_of_every_table_of_the_source()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Nnenna Nwakanma", CountryCode = "CI" } });

        var backup = await new AdminService.AdminServiceClient(registry.Channel).CreateBackupAsync(new CreateBackupRequest { BackupId = "at-rest" });

        // The source is the registry's own database (SQLite or PostgreSQL); the backup is a SQLite file on both.
        using var source = registry.OpenDatabase();
        using var copy = OpenFile(backup.Path);
        var tables = RegistryTables.Describe(source).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(tables, RegistryTables.Describe(copy).Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var table in tables)
        {
            Assert.True(Digest(source, table) == Digest(copy, table), $"{table} differs between the source and its backup.");
        }

        Assert.True(Digest(copy, "stakeholders").Length > 0);
        Assert.Equal(Migrator.LatestVersion, copy.ExecuteScalar<int>("PRAGMA user_version"));
    }

    [Fact]
    public async Task An_erased_person_is_not_in_a_backup_taken_after_the_erasure()
    {
        await using var registry = await TestRegistry.StartAsync();
        var admin = new AdminService.AdminServiceClient(registry.Channel);
        var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Qwerty Erasable-Person", Email = "qwerty.erasable@example.org", CountryCode = "FI" },
        });
        var earlier = await admin.CreateBackupAsync(new CreateBackupRequest { BackupId = "before-erasure" });

        await registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = person.Name });
        var later = await admin.CreateBackupAsync(new CreateBackupRequest { BackupId = "after-erasure" });

        // The earlier copy holds the person (so the search below can find them): erasing does not reach existing backups.
        Assert.True(Contains(earlier.Path, "Qwerty Erasable-Person"));
        Assert.False(Contains(later.Path, "Qwerty Erasable-Person"));
        Assert.False(Contains(later.Path, "qwerty.erasable@example.org"));
    }

    [Fact]
    public async Task A_backup_id_is_a_file_name_never_a_path_and_a_backup_is_never_overwritten()
    {
        await using var registry = await TestRegistry.StartAsync();
        var admin = new AdminService.AdminServiceClient(registry.Channel);
        var folder = Path.Combine(registry.Folder, "backups");

        foreach (var id in new[] { "../registry", "/etc/passwd", "a/b", "Backup", "x.db", "-x" })
        {
            await RpcAssert.InvalidFieldAsync("backup_id", () => admin.CreateBackupAsync(new CreateBackupRequest { BackupId = id }).ResponseAsync);
        }

        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());

        var first = await admin.CreateBackupAsync(new CreateBackupRequest { BackupId = "nightly" });
        var written = await File.ReadAllBytesAsync(first.Path);
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Later" } });
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "BACKUP_ALREADY_EXISTS",
            () => admin.CreateBackupAsync(new CreateBackupRequest { BackupId = "nightly" }).ResponseAsync);
        Assert.Equal(written, await File.ReadAllBytesAsync(first.Path));

        var named = await admin.CreateBackupAsync(new CreateBackupRequest());
        Assert.Matches("^backups/registry-[0-9]{8}-[0-9]{6}$", named.Name);
        Assert.Equal(["nightly.db", named.Name["backups/".Length..] + ".db"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order());

        var audit = await new AuditService.AuditServiceClient(registry.Channel).ListAuditEventsAsync(new ListAuditEventsRequest { Filter = "resource = \"backups/nightly\"" });
        Assert.Equal("/participation.registry.v1.AdminService/CreateBackup", Assert.Single(audit.AuditEvents).Method);
    }

    private void Report(string label, IEnumerable<(long StartTicks, double Milliseconds)> latencies, long backupStarted, long backupEnded)
    {
        var during = latencies.Where(l => l.StartTicks >= backupStarted && l.StartTicks <= backupEnded).Select(l => l.Milliseconds).Order().ToList();
        var outside = latencies.Where(l => l.StartTicks < backupStarted).Select(l => l.Milliseconds).Order().ToList();
        static double Max(List<double> values) => values.Count == 0 ? 0 : values[^1];
        output.WriteLine($"{label}: backup call {Stopwatch.GetElapsedTime(backupStarted, backupEnded).TotalMilliseconds:F0} ms; " +
            $"creates started during it: {during.Count}, slowest {Max(during):F1} ms; before it: {outside.Count}, slowest {Max(outside):F1} ms");
    }

    private static string Digest(System.Data.Common.DbConnection connection, string table)
    {
        // The backup's own audit event is appended after the copy was taken: only the source has it.
        var rows = connection.Query($"SELECT * FROM \"{table}\"")
            .Where(row => !(table == "audit_events" && (string)((IDictionary<string, object?>)row)["method"]! == "/participation.registry.v1.AdminService/CreateBackup"))
            .Select(row => string.Join('|', ((IDictionary<string, object?>)row)
                .Where(column => !(table == "api_keys" && column.Key == "last_use_time"))
                .Select(column => column.Value is byte[] blob ? Convert.ToHexString(blob) : Convert.ToString(column.Value, System.Globalization.CultureInfo.InvariantCulture))))
            .Order(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))));
    }

    private static bool Contains(string path, string text) =>
        File.ReadAllBytes(path).AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static SqliteConnection OpenFile(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}
