using System.Reflection;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// Applies the embedded, numbered migrations (Storage/Migrations/NNNN_name.sql) in order, each in
/// its own transaction, and records the schema version in SQLite's user_version. A database
/// written by a newer schema is refused rather than guessed at.
/// </summary>
public static class Migrator
{
    public static IReadOnlyList<(int Version, string Name)> Available { get; } = LoadScripts()
        .Select(s => (s.Version, s.Name)).ToList();

    public static int LatestVersion => Available.Count == 0 ? 0 : Available[^1].Version;

    public static void Migrate(Database database)
    {
        var directory = System.IO.Path.GetDirectoryName(database.Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = database.Open();
        // Refuse a newer schema before touching the file at all.
        var current = connection.ExecuteScalar<int>("PRAGMA user_version;");
        if (current > LatestVersion)
        {
            throw new SchemaTooNewException(database.Path, current, LatestVersion);
        }

        if (database.ReadOnly)
        {
            // Nothing may be written: the file must already be at this server's schema (and hold its keys).
            if (current != LatestVersion)
            {
                throw new ArgumentException(
                    $"--read-only: the database '{database.Path}' has schema version {current}, this server needs {LatestVersion}; " +
                    "start it once without --read-only to upgrade it.");
            }

            return;
        }

        // WAL is a property of the file, set once; readers then never block the writer.
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute("PRAGMA synchronous = NORMAL;");

        // Migrations may call the registry's own normalisation (0017 fills the search keys with it).
        Stakeholders.Search.SearchKeys.RegisterFunctions(connection);
        // 0018's fill maps rows with Dapper (s.name_key → NameKey), as the server does once it runs; a process that only migrates needs it too.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        foreach (var script in LoadScripts().Where(s => s.Version > current))
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

        EnsureSecret(connection, PageTokenKeyName, 32);
    }

    /// <summary>What a migration fills in .NET after its script, in its transaction (0018: the stored duplicate candidates, computed as the list computed them).</summary>
    public static IReadOnlyDictionary<int, Action<SqliteConnection, SqliteTransaction>> AfterScript { get; } =
        new Dictionary<int, Action<SqliteConnection, SqliteTransaction>> { [18] = Stakeholders.Duplicates.DuplicatePairs.Backfill };

    private const string PageTokenKeyName = "page_token_key";

    /// <summary>The key that seals page tokens; the migration creates it.</summary>
    public static byte[] ReadPageTokenKey(Database database)
    {
        using var connection = database.Open();
        return connection.QuerySingle<byte[]>("SELECT value FROM registry_secrets WHERE name = @name", new { name = PageTokenKeyName });
    }

    /// <summary>Creates a random secret once; every server sharing the file then shares it.</summary>
    private static void EnsureSecret(SqliteConnection connection, string name, int bytes)
    {
        connection.Execute(
            """
            INSERT INTO registry_secrets (name, value) VALUES (@name, @value)
            ON CONFLICT (name) DO NOTHING
            """,
            new { name, value = RandomNumberGenerator.GetBytes(bytes) });
    }

    private sealed record Script(int Version, string Name, string Sql);

    private static List<Script> LoadScripts()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
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
