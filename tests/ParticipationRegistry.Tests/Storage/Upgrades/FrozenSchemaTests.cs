using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Storage.Upgrades;

/// <summary>
/// A database of schema version 1 as the first release made it, frozen as a text dump (Fixtures/schema-v1.sql,
/// made from 0001_initial.sql as first committed, not from the current migration files): the current server opens
/// it, migrates it to the latest version and keeps every row with the values it had.
/// </summary>
// Opens a SQLite file made by the first schema; PostgreSQL schemas start at the current migrations.
[Trait("Engine", "SqliteOnly")]
public sealed class FrozenSchemaTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_frozen_database_of_schema_version_1_opens_with_the_current_server_and_keeps_every_row()
    {
        var folder = Directory.CreateTempSubdirectory("registry-frozen-v1-").FullName;
        try
        {
            var path = Path.Combine(folder, "registry.db");
            using (var connection = Open(path))
            {
                connection.Execute(Fixture("schema-v1.sql"));
                Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA user_version"));
            }

            var columns = Columns(path);
            var before = Rows(path, columns);
            Assert.Equal(9, before.Count);
            Assert.True(before.Values.Sum(rows => rows.Count) >= 15, "The fixture holds too few rows to prove anything.");

            await using (var registry = await TestRegistry.StartAsync(folder: folder))
            {
                var people = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100 });
                Assert.Equal(5, people.Stakeholders.Count);
                Assert.Contains(people.Stakeholders, p => p.DisplayName == "Wolfgang Kleinwächter");
                var seats = await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/igf-2012/sessions/ws-85" });
                Assert.Equal(["stakeholders/p-kultamaa", "stakeholders/p-major", "stakeholders/p-singh"], seats.Participants.Select(p => p.Stakeholder).Order(StringComparer.Ordinal));
                var meeting = await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" });
                Assert.Equal("forums/igf", meeting.Forum);
            }

            var after = Rows(path, columns);
            foreach (var (table, rows) in before)
            {
                var kept = after[table].ToHashSet(StringComparer.Ordinal);
                var lost = rows.Where(row => !kept.Contains(row)).ToList();
                Assert.True(lost.Count == 0, $"{lost.Count} of {rows.Count} rows of {table} changed or went, e.g. {lost.FirstOrDefault()}");
            }

            using (var connection = Open(path))
            {
                Assert.Equal(Migrator.LatestVersion, connection.ExecuteScalar<int>("PRAGMA user_version"));
                Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
            }

            output.WriteLine($"schema 1 → {Migrator.LatestVersion}: {before.Count} tables, {before.Values.Sum(r => r.Count)} rows kept");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Fixture(string name)
    {
        using var stream = typeof(FrozenSchemaTests).Assembly.GetManifestResourceStream($"Fixtures.{name}")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The columns each table had in the fixture: the rows are compared on these (a meeting's forum aside, which migration 13 rewrote on purpose).</summary>
    private static Dictionary<string, List<string>> Columns(string path)
    {
        using var connection = Open(path);
        return connection.Query<string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .ToDictionary(
                table => table,
                table => connection.Query<string>("SELECT name FROM pragma_table_info(@table) ORDER BY cid", new { table })
                    .Where(c => !(table == "meetings" && c == "forum")).ToList());
    }

    /// <summary>Every row of each table as one line of its quoted values.</summary>
    private static Dictionary<string, List<string>> Rows(string path, Dictionary<string, List<string>> columns)
    {
        using var connection = Open(path);
        return columns.ToDictionary(
            t => t.Key,
            t => connection.Query<string>($"SELECT {string.Join(" || '|' || ", t.Value.Select(c => $"quote(\"{c}\")"))} FROM \"{t.Key}\"")
                .Order(StringComparer.Ordinal).ToList());
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}
