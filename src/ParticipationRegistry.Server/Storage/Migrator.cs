using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// Applies the embedded, numbered migrations in order, each in its own transaction: on SQLite
/// Storage/Migrations/NNNN_name.sql, recording the schema version in user_version; on PostgreSQL the
/// same numbers in the PostgreSQL dialect (Storage/Migrations/postgres/NNNN_name.sql), recording it in
/// the table schema_version, under an advisory lock so that servers starting together migrate once.
/// A database written by a newer schema is refused rather than guessed at.
/// </summary>
public static class Migrator
{
    public static IReadOnlyList<(int Version, string Name)> Available { get; } = LoadScripts(StorageEngine.Sqlite)
        .Select(s => (s.Version, s.Name)).ToList();

    // Any constant: the lock servers sharing one PostgreSQL database take while one of them migrates.
    private const long MigrationLock = 0x5052_4547_4D49_4752;

    public static int LatestVersion => Available.Count == 0 ? 0 : Available[^1].Version;

    public static void Migrate(Database database)
    {
        var directory = database.IsPostgres ? null : System.IO.Path.GetDirectoryName(database.Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = database.Open();
        // Refuse a newer schema before touching the database at all.
        var current = VersionOf(connection);
        CheckVersion(database, current);
        if (database.ReadOnly)
        {
            // Nothing may be written: the database must already be at this server's schema (and hold its keys).
            if (current != LatestVersion)
            {
                throw new ArgumentException(
                    $"--read-only: the database '{database.Path}' has schema version {current}, this server needs {LatestVersion}; " +
                    "start it once without --read-only to upgrade it.");
            }

            return;
        }

        // 0019's fill maps rows with Dapper (s.name_key → NameKey), as the server does once it runs; a process that only migrates needs it too.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        if (database.IsPostgres)
        {
            MigratePostgres(database, connection);
        }
        else
        {
            MigrateSqlite((SqliteConnection)connection, current);
        }

        EnsureSecret(connection, PageTokenKeyName, 32);
    }

    private static void MigrateSqlite(SqliteConnection connection, int current)
    {
        // WAL is a property of the file, set once; readers then never block the writer.
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute("PRAGMA synchronous = NORMAL;");

        // Migrations may call the registry's own normalisation (0017 fills the search keys with it).
        Stakeholders.Search.SearchKeys.RegisterFunctions(connection);
        foreach (var script in LoadScripts(StorageEngine.Sqlite).Where(s => s.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(script.Sql, transaction: transaction);
            if (AfterScript.TryGetValue(script.Version, out var fill))
            {
                fill(connection, transaction);
            }

            // PRAGMA takes no parameters; the version is an integer we parsed from a resource name.
            connection.Execute($"PRAGMA user_version = {script.Version};", transaction: transaction);
            transaction.Commit();
        }
    }

    private static void MigratePostgres(Database database, DbConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        // Held to the end of this transaction: a second server starting now waits, then finds the schema current.
        connection.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLock }, transaction);
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)", transaction: transaction);
        // Read again under the lock: another server may have migrated since.
        var current = connection.ExecuteScalar<int?>("SELECT max(version) FROM schema_version", transaction: transaction) ?? 0;
        CheckVersion(database, current);
        foreach (var script in LoadScripts(StorageEngine.Postgres).Where(s => s.Version > current))
        {
            // One transaction for all: PostgreSQL's DDL is transactional, so a failed script leaves the schema as it was.
            connection.Execute(script.Sql, transaction: transaction);
            if (AfterScript.TryGetValue(script.Version, out var fill))
            {
                fill(connection, transaction);
            }

            connection.Execute("DELETE FROM schema_version", transaction: transaction);
            connection.Execute("INSERT INTO schema_version (version) VALUES (@version)", new { version = (long)script.Version }, transaction);
        }

        transaction.Commit();
    }

    private static void CheckVersion(Database database, int current)
    {
        if (current > LatestVersion)
        {
            throw new SchemaTooNewException(database.Path, current, LatestVersion);
        }
    }

    /// <summary>The schema version <paramref name="connection"/>'s database has (0 before the first migration).</summary>
    public static int VersionOf(DbConnection connection) => connection is SqliteConnection
        ? connection.ExecuteScalar<int>("PRAGMA user_version;")
        : connection.ExecuteScalar<bool>("SELECT to_regclass('schema_version') IS NOT NULL")
            ? connection.ExecuteScalar<int?>("SELECT max(version) FROM schema_version") ?? 0
            : 0;

    /// <summary>
    /// What a migration fills in .NET after its script, in its transaction: 0019 the search keys again (the normalisation
    /// changed) and then the stored duplicate candidates of migration 0018's table, computed as the list computes them.
    /// 0018 filled that table itself once; the code that computes it now reads indexes of 0019, so 0019's fill does it
    /// (a registry of schema 18 is filled again by it, one of 17 or older once).
    /// </summary>
    public static IReadOnlyDictionary<int, Action<DbConnection, DbTransaction>> AfterScript { get; } =
        new Dictionary<int, Action<DbConnection, DbTransaction>> { [19] = Stakeholders.Search.KeysRecompute.Run };

    private const string PageTokenKeyName = "page_token_key";

    /// <summary>The key that seals page tokens; the migration creates it.</summary>
    public static byte[] ReadPageTokenKey(Database database)
    {
        using var connection = database.Open();
        return connection.QuerySingle<byte[]>("SELECT value FROM registry_secrets WHERE name = @name", new { name = PageTokenKeyName });
    }

    /// <summary>Creates a random secret once; every server sharing the file then shares it.</summary>
    private static void EnsureSecret(DbConnection connection, string name, int bytes)
    {
        connection.Execute(
            """
            INSERT INTO registry_secrets (name, value) VALUES (@name, @value)
            ON CONFLICT (name) DO NOTHING
            """,
            new { name, value = RandomNumberGenerator.GetBytes(bytes) });
    }

    private sealed record Script(int Version, string Name, string Sql);

    private static List<Script> LoadScripts(StorageEngine engine)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = engine == StorageEngine.Postgres ? "Migrations.postgres." : "Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            // The SQLite scripts' prefix is also the start of the PostgreSQL ones'.
            .Where(n => char.IsAsciiDigit(n[prefix.Length]))
            .Select(n =>
            {
                var fileName = n[prefix.Length..^".sql".Length];
                var version = int.Parse(fileName.AsSpan(0, fileName.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Script(version, fileName, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }
}

public sealed class SchemaTooNewException(string path, int found, int supported) : Exception(
    $"The database '{path}' has schema version {found}, but this server understands versions up to {supported}. " +
    "It was written by a newer ParticipationRegistry: run that version, or point --database at another file.")
{
    public int Found { get; } = found;
    public int Supported { get; } = supported;
}
