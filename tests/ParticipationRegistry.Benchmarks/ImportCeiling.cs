using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Benchmarks;

/// <summary>
/// (h): the same people imported twice — through BatchCreateStakeholders (batches of 1,000, a few in
/// parallel) and by Debian's <c>sqlite3</c> CLI <c>.import</c> of a CSV into a scratch database with the
/// real <c>stakeholders</c> table and indexes (copied from the server's file), the storage ceiling; on
/// PostgreSQL by <c>COPY … FROM STDIN</c> into an empty copy of the server's table (<see cref="Engines.PostgresCopy"/>).
/// </summary>
public sealed class ImportCeiling(BenchOptions options, ResultTable table)
{
    private const int Batch = 1000;

    public async Task Run(Clients clients, ServerProcess server, string database)
    {
        var rows = options.Sizes.ImportRows;
        var countries = CountryCatalog.LoadEmbedded().All.ToList();
        var people = Enumerable.Range(0, rows).Select(i =>
        {
            var country = countries[(i * 7) % countries.Count];
            return new Person($"Imported {i:D7}", 1 + (i % 5), country.Alpha2, (int)country.Region, i % 2 == 0 ? 1 : 2, i % 10 == 0);
        }).ToArray();
        var batches = people.Chunk(Batch).Select(chunk => new BatchCreateStakeholdersRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Requests =
            {
                chunk.Select(p => new CreateStakeholderRequest
                {
                    Stakeholder = new Stakeholder
                    {
                        DisplayName = p.Name, StakeholderGroup = (StakeholderGroup)p.Group, CountryCode = p.Country, Gender = (Gender)p.Gender,
                        Attributes = { p.Academia ? [StakeholderAttribute.Academia] : Array.Empty<StakeholderAttribute>() },
                    },
                }),
            },
        }).ToList();

        Console.WriteLine($"(h) import: {rows:N0} people in {batches.Count} BatchCreateStakeholders calls, {options.ImportParallel} at a time; then the engine's own bulk load");
        var errors = new Dictionary<string, long>();
        var before = server.Stats();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = options.ImportParallel }, async (batch, _) =>
        {
            try
            {
                await clients.Stakeholders.BatchCreateStakeholdersAsync(batch, clients.Options);
            }
            catch (RpcException e)
            {
                lock (errors)
                {
                    errors[e.StatusCode.ToString()] = errors.GetValueOrDefault(e.StatusCode.ToString()) + batch.Requests.Count;
                }
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var after = server.Stats();
        var imported = rows - errors.Values.Sum();

        var postgres = options.Engine == ParticipationRegistry.Server.Storage.StorageEngine.Postgres;
        var ceilingName = postgres ? "PostgreSQL COPY" : "sqlite3 .import";
        var (ceilingSeconds, ceilingError) = postgres ? PostgresCopy(database, people) : SqliteImport(database, people);
        var ceilingRate = rows / ceilingSeconds;
        var rate = imported / seconds;
        table.Add(new Row(
            $"(h) import {rows:N0} people, BatchCreateStakeholders ×{Batch:N0}, {options.ImportParallel} in parallel", $"{ResultTable.F(rate, "N0")} rows/s ({ResultTable.F(seconds, "F2")} s)",
            double.NaN, double.NaN, $"{ceilingName} {ResultTable.F(ceilingRate, "N0")} rows/s", ceilingError is null ? rate / ceilingRate : null, "≥ 0.3",
            errors.Values.Sum(), ResultTable.ErrorText(errors), after.CpuSeconds - before.CpuSeconds, null, after.RssMb));
        table.Add(new Row(
            $"(h) storage ceiling: {ceilingName} of the same {rows:N0} rows", $"{ResultTable.F(ceilingRate, "N0")} rows/s ({ResultTable.F(ceilingSeconds, "F2")} s)", double.NaN, double.NaN,
            "—", null, "—", ceilingError is null ? 0 : 1, ceilingError ?? "0", null, null, null));
    }

    /// <summary>Seconds sqlite3 takes to import the people as the server would store them, or an error.</summary>
    private static (double Seconds, string? Error) SqliteImport(string database, Person[] people)
    {
        var folder = Directory.CreateTempSubdirectory("registry-import-").FullName;
        try
        {
            var (schema, columns) = StakeholderTable(database);
            var csv = Path.Combine(folder, "stakeholders.csv");
            WriteCsv(csv, columns, people);
            var script = new StringBuilder();
            script.AppendLine(CultureInfo.InvariantCulture, $"{schema}");
            script.AppendLine(".mode csv");
            script.AppendLine(CultureInfo.InvariantCulture, $".import '{csv}' stakeholders");
            script.AppendLine("SELECT count(*) FROM stakeholders;");
            var clock = Stopwatch.StartNew();
            var (exit, output) = Sqlite3(Path.Combine(folder, "scratch.db"), script.ToString());
            var seconds = clock.Elapsed.TotalSeconds;
            return exit == 0 && output.Trim() == people.Length.ToString(CultureInfo.InvariantCulture)
                ? (seconds, null)
                : (double.NaN, $"sqlite3 exited {exit}: {output.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (double.NaN, $"sqlite3 not runnable ({e.Message}); install Debian's sqlite3");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The same people as CSV, in the columns the service fills; the other columns take their defaults.
    private static (double Seconds, string? Error) PostgresCopy(string database, Person[] people)
    {
        var folder = Directory.CreateTempSubdirectory("registry-import-").FullName;
        try
        {
            var columns = new List<(string Name, string Type, string? Default)>
            {
                ("id", "TEXT", null), ("display_name", "TEXT", null), ("stakeholder_group", "INTEGER", null), ("country_code", "TEXT", null),
                ("regional_group", "INTEGER", null), ("gender", "INTEGER", null), ("attributes", "INTEGER", null), ("record_key", "INTEGER", null),
                ("create_time", "TEXT", null), ("update_time", "TEXT", null), ("version", "INTEGER", null),
            };
            var csv = Path.Combine(folder, "stakeholders.csv");
            WriteCsv(csv, columns, people);
            return Engines.PostgresCopy(database, columns.Select(c => c.Name).ToList(), csv, people.Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Exit, string Output) Sqlite3(string scratch, string script)
    {
        var start = new ProcessStartInfo("sqlite3", [scratch])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    // The CREATE TABLE and CREATE INDEX statements of the real table, and its columns in order.
    private static (string Schema, List<(string Name, string Type, string? Default)> Columns) StakeholderTable(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var ddl = connection.CreateCommand();
        ddl.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'stakeholders' AND sql IS NOT NULL ORDER BY type = 'index', name";
        var schema = new StringBuilder();
        using (var reader = ddl.ExecuteReader())
        {
            while (reader.Read())
            {
                schema.Append(reader.GetString(0)).AppendLine(";");
            }
        }

        using var info = connection.CreateCommand();
        info.CommandText = "SELECT name, type, dflt_value FROM pragma_table_info('stakeholders') ORDER BY cid";
        var columns = new List<(string, string, string?)>();
        using (var reader = info.ExecuteReader())
        {
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2).Trim('\'')));
            }
        }

        return (schema.ToString(), columns);
    }

    private static void WriteCsv(string path, List<(string Name, string Type, string? Default)> columns, Person[] people)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var random = new Random(12);
        using var writer = new StreamWriter(path);
        foreach (var p in people)
        {
            writer.WriteLine(string.Join(',', columns.Select(column => column.Name switch
            {
                "id" => Guid.CreateVersion7().ToString("D"),
                "display_name" => p.Name,
                "stakeholder_group" => Number(p.Group),
                "country_code" => p.Country,
                "regional_group" => Number(p.Region),
                "gender" => Number(p.Gender),
                "attributes" => p.Academia ? Number(1 << (int)StakeholderAttribute.Academia) : "0",
                "record_key" => Number(random.Next(256)),
                "create_time" or "update_time" => now,
                "version" => "1",
                _ => column.Default ?? (column.Type == "INTEGER" ? "0" : ""),
            })));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Person(string Name, int Group, string Country, int Region, int Gender, bool Academia);
}
