using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ParticipationRegistry.TestSupport;

/// <summary>
/// Which engine the tests run on. Unset <c>REGISTRY_TEST_POSTGRES</c>: a SQLite file in each test's own folder.
/// Set (tests/run-all.sh's PostgreSQL pass: a superuser URI such as <c>postgres://postgres@127.0.0.1:PORT/registry_tests</c>):
/// each test folder gets its own schema in that database, named from the folder, so a restart on the same
/// folder finds the same data, and tests never see each other's rows.
/// </summary>
public static class TestDatabases
{
    /// <summary>The PostgreSQL the tests run on, or null for SQLite.</summary>
    public static string? PostgresUri { get; } =
        Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 } uri ? uri : null;

    public static bool OnPostgres => PostgresUri is not null;

    /// <summary>The schema a folder's registry lives in on PostgreSQL.</summary>
    public static string SchemaFor(string folder) =>
        "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..20];

    /// <summary>The <c>--database</c> value for a registry kept in <paramref name="folder"/>: its SQLite file, or its own PostgreSQL schema (created now).</summary>
    public static string For(string folder, string file = "registry.db")
    {
        if (PostgresUri is null)
        {
            return Path.Combine(folder, file);
        }

        var schema = SchemaFor(Path.Combine(folder, file));
        using (var connection = OpenAdmin())
        {
            Execute(connection, $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"");
        }

        return $"{PostgresUri}{(PostgresUri.Contains('?', StringComparison.Ordinal) ? "&" : "?")}search_path={schema}";
    }

    /// <summary>A connection to the registry kept in <paramref name="folder"/>, for tests that look at its rows: SQLite or PostgreSQL.</summary>
    public static DbConnection Open(string folder, string file = "registry.db")
    {
        if (PostgresUri is null)
        {
            var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, file), Pooling = false }.ToString());
            sqlite.Open();
            return sqlite;
        }

        var location = Server.Storage.DatabaseLocation.Parse(For(folder, file));
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location.Target) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Removes the folder's registry: its schema on PostgreSQL (the folder itself is the caller's).</summary>
    public static void Drop(string folder, string file = "registry.db")
    {
        if (PostgresUri is null)
        {
            return;
        }

        using var connection = OpenAdmin();
        Execute(connection, $"DROP SCHEMA IF EXISTS \"{SchemaFor(Path.Combine(folder, file))}\" CASCADE");
    }

    private static NpgsqlConnection OpenAdmin()
    {
        var location = Server.Storage.DatabaseLocation.Parse(PostgresUri!);
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location.Target) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
