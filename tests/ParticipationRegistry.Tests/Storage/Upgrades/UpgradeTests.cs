using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Storage.Upgrades;

/// <summary>
/// A database made by each released schema version (built here from the migration files as that version
/// shipped them, with the rows of <see cref="UpgradeFixtures"/>; no binary file in git), opened by the current
/// server: every row of every table that existed is still there with the values it had, and the server serves it.
/// </summary>
// Opens SQLite files of every older schema (fixtures); PostgreSQL schemas start at the current migrations.
[Trait("Engine", "SqliteOnly")]
public sealed class UpgradeTests(ITestOutputHelper output)
{
    public static TheoryData<int> ReleasedVersions() => new(Migrator.Available.Select(m => m.Version));

    [Theory]
    [MemberData(nameof(ReleasedVersions))]
    public async Task A_database_of_an_older_schema_opens_with_the_current_server_and_keeps_every_row(int version)
    {
        var folder = Directory.CreateTempSubdirectory("registry-upgrade-").FullName;
        try
        {
            var path = Path.Combine(folder, "registry.db");
            Build(path, version);
            var before = Rows(path, tables: null);
            Assert.True(before.Values.Sum(rows => rows.Count) > 10, "The fixture wrote too few rows to prove anything.");

            await using (var registry = await TestRegistry.StartAsync(folder: folder))
            {
                var people = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100 });
                Assert.Contains(people.Stakeholders, p => p.DisplayName == "Wolfgang Kleinwächter");
                var seats = await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/igf-2012/sessions/ws-85" });
                Assert.Equal(3, seats.Participants.Count);
            }

            var after = Rows(path, tables: before.Keys.ToList(), columnsOf: path + ".columns");
            foreach (var (table, rows) in before)
            {
                var kept = after[table].ToHashSet(StringComparer.Ordinal);
                var lost = rows.Where(row => !kept.Contains(row)).ToList();
                Assert.True(lost.Count == 0, $"Version {version}: {lost.Count} of {rows.Count} rows of {table} changed or went, e.g. {lost.FirstOrDefault()}");
            }

            output.WriteLine($"version {version}: {before.Count} tables, {before.Values.Sum(r => r.Count)} rows kept");
            if (version < 13)
            {
                // Migration 13 turned the free-text forum into a forums/ resource named after it: that change is the point.
                using var connection = Open(path);
                var forums = connection.Query<(string Forum, string DisplayName)>(
                    "SELECT m.forum, f.display_name FROM meetings m JOIN forums f ON m.forum = 'forums/' || f.id ORDER BY m.id").ToList();
                Assert.Equal([("forums/eurodig-pan-european", "EuroDIG (Pan-European)"), ("forums/igf", "IGF")], forums);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Applies the migrations up to <paramref name="version"/> as that server did, each followed by the rows its version could write.</summary>
    private static void Build(string path, int version)
    {
        var now = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var assembly = typeof(Migrator).Assembly;
        using var connection = Open(path);
        connection.Execute("PRAGMA journal_mode = WAL;");
        // As the Migrator does: migrations may call the registry's own normalisation (0017 fills search keys with it).
        ParticipationRegistry.Server.Stakeholders.Search.SearchKeys.RegisterFunctions(connection);
        foreach (var (step, name) in Migrator.Available.Where(m => m.Version <= version))
        {
            using var stream = assembly.GetManifestResourceStream($"Migrations.{name}.sql")!;
            using var reader = new StreamReader(stream);
            using var transaction = connection.BeginTransaction();
            connection.Execute(reader.ReadToEnd(), transaction: transaction);
            if (Migrator.AfterScript.TryGetValue(step, out var fill))
            {
                fill(connection, transaction);
            }

            connection.Execute($"PRAGMA user_version = {step};", transaction: transaction);
            if (UpgradeFixtures.RowsAfter.TryGetValue(step, out var rows))
            {
                connection.Execute(rows.Replace("{now}", now, StringComparison.Ordinal), transaction: transaction);
            }

            transaction.Commit();
        }

        // The columns each table had at this version: the rows are compared on these after the upgrade.
        File.WriteAllLines(path + ".columns", Tables(connection).Select(t => $"{t}\t{string.Join(',', Columns(connection, t))}"));
    }

    /// <summary>Every row of each table as one line of its columns' values (those the table had before the upgrade); a meeting's forum aside, which migration 13 rewrote on purpose.</summary>
    private static Dictionary<string, List<string>> Rows(string path, List<string>? tables, string? columnsOf = null)
    {
        using var connection = Open(path);
        var columns = File.ReadAllLines(columnsOf ?? path + ".columns")
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1].Split(',').Where(c => !(parts[0] == "meetings" && c == "forum")).ToList());
        var result = new Dictionary<string, List<string>>();
        foreach (var table in tables ?? Tables(connection))
        {
            result[table] = connection.Query<string>($"SELECT {string.Join(" || '|' || ", columns[table].Select(c => $"quote(\"{c}\")"))} FROM \"{table}\"")
                .Order(StringComparer.Ordinal).ToList();
        }

        return result;
    }

    private static List<string> Tables(SqliteConnection connection) =>
        connection.Query<string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").ToList();

    private static List<string> Columns(SqliteConnection connection, string table) =>
        connection.Query<string>("SELECT name FROM pragma_table_info(@table) ORDER BY cid", new { table }).ToList();

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}
