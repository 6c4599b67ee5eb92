using System.Security.Cryptography;
using System.Text;
using Dapper;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Admin.Migrate;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Admin;

/// <summary>
/// AdminService.CreateBackup: a copy taken at rest has exactly the source's rows; an erased person is not in a
/// later backup; the request names a file, never a path (a copy taken under load: <see cref="BackupUnderLoadTests"/>). On both engines: the
/// backup is a SQLite file either way (on PostgreSQL copied from one REPEATABLE READ snapshot).
/// </summary>
public sealed class BackupTests
{
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
