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
/// Online backups, always a SQLite file of the whole registry (a SQLite server opens it; the server command <c>migrate</c>
/// moves it into PostgreSQL). On SQLite: <c>VACUUM INTO</c> on a pooled read connection. It reads one WAL snapshot, so the copy is
/// consistent and holds every write committed before it began, while the writer keeps committing (readers
/// never block the writer in WAL mode; only checkpoints wait past the copy's snapshot). It copies live rows
/// only, into a fresh file: nothing erased before it, and no free page, reaches the copy.
/// On PostgreSQL: a fresh SQLite file is migrated to this server's schema and every table is copied into it
/// from one REPEATABLE READ, read-only snapshot (<see cref="Migrate.RegistryMigration"/>), whose row counts and
/// digests are then checked against the same snapshot; the writers of every server keep committing meanwhile.
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
            File.Delete(partial + "-wal");
            File.Delete(partial + "-shm");
            File.Delete(partial + "-journal");
        }
    }

    private (DateTimeOffset Snapshot, TimeSpan CopyTime) Copy(string partial, CancellationToken cancellation)
    {
        if (database.IsPostgres)
        {
            return CopyFromPostgres(partial, cancellation);
        }

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

    private (DateTimeOffset Snapshot, TimeSpan CopyTime) CopyFromPostgres(string partial, CancellationToken cancellation)
    {
        var location = DatabaseLocation.Parse($"sqlite:{partial}");
        (DateTimeOffset Snapshot, TimeSpan CopyTime) result;
        using (var target = new Database(location))
        {
            Migrator.Migrate(target);
            using var writer = target.Open();
            using var reader = database.Open();
            // A caller that gives up stops the copy: the running statement is cancelled, and the partial file is removed.
            using var cancel = cancellation.Register(() =>
            {
                if ((reader as PostgresConnection)?.Inner is Npgsql.NpgsqlConnection npgsql)
                {
                    CancelQuietly(npgsql.ProcessID);
                }
            });
            // Taken before the snapshot begins (its first read): whatever was acknowledged before this moment is committed, so in the copy.
            var snapshot = clock.GetUtcNow();
            var watch = Stopwatch.StartNew();
            var tables = Migrate.RegistryMigration.Copy(reader, writer, database.Path, "the backup", TextWriter.Null);
            cancellation.ThrowIfCancellationRequested();
            if (tables.FirstOrDefault(t => !t.Same) is { } differs)
            {
                throw new InvalidOperationException(
                    $"The backup copy {partial} differs from its snapshot in {differs.Table}: {differs.SourceRows} rows {differs.SourceDigest} copied as {differs.TargetRows} rows {differs.TargetDigest}.");
            }

            result = (snapshot, watch.Elapsed);
        }

        ToSingleFile(partial);
        return result;
    }

    private void CancelQuietly(int backend)
    {
        try
        {
            using var other = database.Open();
            using var command = other.CreateCommand();
            command.CommandText = $"SELECT pg_cancel_backend({backend})";
            command.ExecuteNonQuery();
        }
        catch (Npgsql.NpgsqlException)
        {
            // The copy goes on to its end; the caller is gone, and the partial file is removed then.
        }
    }

    // The copy is one file, like VACUUM INTO's: its WAL moved into it, and the journal mode of a file at rest.
    private static void ToSingleFile(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;";
        command.ExecuteNonQuery();
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
