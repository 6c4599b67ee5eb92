using System.Diagnostics;
using Npgsql;
using ParticipationRegistry.Server.Admin.Migrate;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Benchmarks;

/// <summary>
/// A server child process on a fresh copy of a cached registry, so a run's writes never reach the cache:
/// on SQLite a copy of the file; on PostgreSQL a fresh schema filled by the server's own copier
/// (<see cref="RegistryMigration.Copy"/>), then vacuumed and analysed, the server given <c>…?search_path=schema</c>.
/// </summary>
public sealed class Servers : IDisposable
{
    private readonly Action cleanUp;

    private Servers(ServerProcess process, string database, Action cleanUp)
    {
        Process = process;
        Database = database;
        this.cleanUp = cleanUp;
    }

    public ServerProcess Process { get; }

    /// <summary>The server's <c>--database</c>: the copied file, or the PostgreSQL URI with its schema.</summary>
    public string Database { get; }

    public static async Task<Servers> Start(BenchOptions options, string cached)
    {
        var folder = Path.GetDirectoryName(cached)!;
        var clock = Stopwatch.StartNew();
        var (database, cleanUp) = options.Engine == StorageEngine.Postgres
            ? CopyToPostgres(options.Postgres, cached)
            : CopyFile(cached);
        var copied = clock.Elapsed.TotalSeconds;
        ServerProcess process;
        try
        {
            process = await ServerProcess.Start(options.ServerDll, database, options.AdminKey, folder);
        }
        catch
        {
            cleanUp();
            throw;
        }

        Console.WriteLine($"server: pid {process.Pid} on {DatabaseLocation.Parse(database).Display} (copied in {copied:F1} s, started in {clock.Elapsed.TotalSeconds - copied:F1} s), gRPC {process.GrpcUrl}");
        return new Servers(process, database, cleanUp);
    }

    public void Dispose()
    {
        if (Process.LoggedFailures(20) is { Count: > 0 } failures)
        {
            Console.WriteLine($"server on {DatabaseLocation.Parse(Database).Display} logged these failures:\n  {string.Join("\n  ", failures)}");
        }

        Process.Dispose();
        cleanUp();
    }

    private static (string Database, Action CleanUp) CopyFile(string cached)
    {
        var copy = Path.Combine(Path.GetDirectoryName(cached)!, "run-" + Path.GetFileName(cached));
        Delete(copy);
        File.Copy(cached, copy);
        return (copy, () => Delete(copy));
    }

    private static void Delete(string database)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(database + suffix);
        }
    }

    /// <summary>The URI of <paramref name="uri"/>'s database with <c>search_path</c> set to <paramref name="schema"/>.</summary>
    public static string WithSchema(string uri, string schema) => $"{uri}{(uri.Contains('?', StringComparison.Ordinal) ? '&' : '?')}search_path={schema}";

    /// <summary>Drops and creates <paramref name="schema"/> in <paramref name="uri"/>'s database.</summary>
    public static void FreshSchema(string uri, string schema, bool create = true)
    {
        using var connection = new NpgsqlConnection(DatabaseLocation.Parse(uri).Target);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;" + (create ? $" CREATE SCHEMA \"{schema}\";" : "");
        command.ExecuteNonQuery();
    }

    // Each cached file has a schema of its own (dropped after the run), so a large and a small server run side by side.
    private static (string Database, Action CleanUp) CopyToPostgres(string uri, string cached)
    {
        var schema = "bench_" + new string(Path.GetFileNameWithoutExtension(cached).Replace("registry-", "", StringComparison.Ordinal)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
        var database = WithSchema(uri, schema);
        FreshSchema(uri, schema);
        var clock = Stopwatch.StartNew();
        try
        {
            Console.WriteLine($"postgres: copying {Path.GetFileName(cached)} into schema {schema} with RegistryMigration.Copy");
            var results = RegistryMigration.Copy(DatabaseLocation.Parse("sqlite:" + cached), DatabaseLocation.Parse(database), TextWriter.Null);
            if (results.FirstOrDefault(r => !r.Same) is { } differs)
            {
                throw new InvalidOperationException($"the copy of {differs.Table} differs: {differs.SourceRows} rows → {differs.TargetRows}");
            }

            var copied = clock.Elapsed.TotalSeconds;
            VacuumAnalyze(uri, schema);
            Console.WriteLine($"postgres: {results.Sum(r => r.TargetRows):N0} rows in {results.Count} tables copied in {copied:F1} s, VACUUM ANALYZE {clock.Elapsed.TotalSeconds - copied:F1} s");
        }
        catch
        {
            FreshSchema(uri, schema, create: false);
            throw;
        }

        return (database, () => FreshSchema(uri, schema, create: false));
    }

    // A registry in service has been vacuumed and analysed by autovacuum; a fresh COPY has neither statistics
    // nor a visibility map, so the first measurements would see plans and heap reads no running registry sees.
    private static void VacuumAnalyze(string uri, string schema)
    {
        using var connection = new NpgsqlConnection(DatabaseLocation.Parse(uri).Target);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT tablename FROM pg_tables WHERE schemaname = @schema ORDER BY tablename";
            list.Parameters.AddWithValue("schema", schema);
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = $"VACUUM (ANALYZE) \"{schema}\".\"{table}\"";
            vacuum.CommandTimeout = 0;
            vacuum.ExecuteNonQuery();
        }
    }
}
