using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Admin;

/// <summary>The folder backups are written to (<c>--backup-dir</c>); a request names only a file in it.</summary>
public sealed record BackupFolder(string Path)
{
    /// <summary><paramref name="configured"/>, or a <c>backups</c> folder beside the SQLite file (on PostgreSQL: in the working folder).</summary>
    public static BackupFolder For(string configured, DatabaseLocation database) => new(System.IO.Path.GetFullPath(
        configured.Length > 0 ? configured
        : database.Engine == StorageEngine.Sqlite ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(database.Target)!, "backups")
        : "backups"));
}

/// <summary>A finished backup: its file and what it holds.</summary>
public sealed record BackupFile(string Id, string Path, long SizeBytes, int SchemaVersion, DateTimeOffset SnapshotTime, DateTimeOffset CreateTime, string Sha256, TimeSpan CopyTime);

/// <summary>
/// Online backups: <c>VACUUM INTO</c> on a pooled read connection. It reads one WAL snapshot, so the copy is
/// consistent and holds every write committed before it began, while the writer keeps committing (readers
/// never block the writer in WAL mode; only checkpoints wait past the copy's snapshot). It copies live rows
/// only, into a fresh file: nothing erased before it, and no free page, reaches the copy.
/// </summary>
public sealed class Backups(Database database, BackupFolder folder, TimeProvider clock, ILogger<Backups> logger)
{
    public BackupFolder Folder { get; } = folder;

    /// <summary>An id from the clock, for a request that names none.</summary>
    public string DefaultId() => $"registry-{clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";

    public async Task<BackupFile> CreateAsync(string id, CancellationToken cancellation)
    {
        Directory.CreateDirectory(Folder.Path);
        var target = System.IO.Path.Combine(Folder.Path, $"{id}.db");
        if (File.Exists(target))
        {
            throw AlreadyExists(id);
        }

        // Written under a name no request can give, then renamed: a half-written copy never carries a backup's name.
        var partial = System.IO.Path.Combine(Folder.Path, $".{id}.{Guid.NewGuid():N}.partial");
        try
        {
            // Off the request thread: the copy runs synchronously for as long as the file takes to read.
            var (snapshot, copyTime) = await Task.Run(() => Copy(partial, cancellation), cancellation);
            var schemaVersion = Verify(partial);
            var (size, sha256) = await DigestAsync(partial, cancellation);
            try
            {
                File.Move(partial, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                throw AlreadyExists(id);
            }

            var backup = new BackupFile(id, target, size, schemaVersion, snapshot, clock.GetUtcNow(), sha256, copyTime);
            AdminLog.BackupCreated(logger, target, size, schemaVersion, (long)copyTime.TotalMilliseconds);
            return backup;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private (DateTimeOffset Snapshot, TimeSpan CopyTime) Copy(string partial, CancellationToken cancellation)
    {
        using var connection = (SqliteConnection)database.Open();
        // A caller that gives up stops the copy: SQLite abandons the statement, and the partial file is removed.
        using var interrupt = cancellation.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle));
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO @path;";
        command.Parameters.AddWithValue("@path", partial);
        // Taken before the statement begins its read: whatever was acknowledged before this moment is committed, so in the copy.
        var snapshot = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        command.ExecuteNonQuery();
        return (snapshot, watch.Elapsed);
    }

    /// <summary>The copy's schema version, after <c>quick_check</c> found it intact.</summary>
    private static int Verify(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA quick_check;";
        if (check.ExecuteScalar() as string != "ok")
        {
            throw new InvalidOperationException($"The backup copy {path} failed its quick_check.");
        }

        check.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(check.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static async Task<(long Size, string Sha256)> DigestAsync(string path, CancellationToken cancellation)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellation);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }

    private static RegistryException AlreadyExists(string id) => RegistryException.AlreadyExists(
        ErrorReason.BackupAlreadyExists, $"backups/{id}", $"backups/{id} exists: a backup is never overwritten; choose another backup_id.");
}
