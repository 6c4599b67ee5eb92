using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Benchmarks;

/// <summary>What the run's engine is, for the table's title, and PostgreSQL's counterpart of (h)'s <c>sqlite3 .import</c>.</summary>
public static class Engines
{
    /// <summary>The engine, its version and the settings that decide what a commit costs.</summary>
    public static string Describe(BenchOptions options)
    {
        if (options.Engine == StorageEngine.Sqlite)
        {
            using var memory = new SqliteConnection("Data Source=:memory:");
            memory.Open();
            using var version = memory.CreateCommand();
            version.CommandText = "SELECT sqlite_version()";
            return $"SQLite {version.ExecuteScalar()} (a copy of the cached file per server, WAL, the server's default --durability normal)";
        }

        var location = DatabaseLocation.Parse(options.Postgres);
        using var connection = new NpgsqlConnection(location.Target);
        connection.Open();
        string Show(string setting)
        {
            using var show = connection.CreateCommand();
            show.CommandText = $"SHOW {setting}";
            return (string)show.ExecuteScalar()!;
        }

        return $"PostgreSQL {Show("server_version")} at {location.Display} over loopback TCP (a fresh schema per server; " +
            $"fsync={Show("fsync")}, synchronous_commit={Show("synchronous_commit")}, full_page_writes={Show("full_page_writes")}, shared_buffers={Show("shared_buffers")})";
    }

    /// <summary>
    /// Seconds PostgreSQL's <c>COPY … FROM STDIN (FORMAT csv)</c> takes to load <paramref name="csv"/> into an empty
    /// copy of the server's <c>stakeholders</c> table (<c>LIKE … INCLUDING ALL</c>: the same columns, defaults and
    /// indexes) in a scratch schema, or an error.
    /// </summary>
    public static (double Seconds, string? Error) PostgresCopy(string database, IReadOnlyList<string> columns, string csv, int rows)
    {
        var target = DatabaseLocation.Parse(database).Target;
        var serverSchema = new NpgsqlConnectionStringBuilder(target).SearchPath ?? "public";
        const string Scratch = "bench_import_ceiling";
        using var connection = new NpgsqlConnection(target);
        connection.Open();
        void Execute(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        try
        {
            Execute($"DROP SCHEMA IF EXISTS {Scratch} CASCADE; CREATE SCHEMA {Scratch}; " +
                $"CREATE TABLE {Scratch}.stakeholders (LIKE \"{serverSchema}\".stakeholders INCLUDING ALL)");
            var clock = Stopwatch.StartNew();
            using (var writer = connection.BeginTextImport($"COPY {Scratch}.stakeholders ({string.Join(", ", columns)}) FROM STDIN (FORMAT csv)"))
            {
                using var reader = new StreamReader(csv);
                writer.Write(reader.ReadToEnd());
            }

            var seconds = clock.Elapsed.TotalSeconds;
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {Scratch}.stakeholders";
            var copied = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            return copied == rows ? (seconds, null) : (double.NaN, $"COPY loaded {copied} of {rows} rows");
        }
        catch (PostgresException e)
        {
            return (double.NaN, $"COPY failed: {e.SqlState} {e.MessageText}");
        }
        finally
        {
            Execute($"DROP SCHEMA IF EXISTS {Scratch} CASCADE");
        }
    }
}
