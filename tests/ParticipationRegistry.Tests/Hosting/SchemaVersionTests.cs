using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Hosting;

// About SQLite's user_version and the file's journal mode; the engine-neutral counterpart is SchemaVersionOnEitherEngineTests.
[Trait("Engine", "SqliteOnly")]
public sealed class SchemaVersionTests
{
    [Fact]
    public async Task A_database_from_a_newer_schema_is_refused_with_a_clear_message()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        try
        {
            var newer = Migrator.LatestVersion + 1;
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "registry.db")}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA user_version = {newer};";
                command.ExecuteNonQuery();
            }

            var e = await Assert.ThrowsAsync<SchemaTooNewException>(() => TestRegistry.StartAsync(folder: folder));

            Assert.Equal(newer, e.Found);
            Assert.Equal(Migrator.LatestVersion, e.Supported);
            Assert.Contains("registry.db", e.Message, StringComparison.Ordinal);
            Assert.Contains($"schema version {newer}", e.Message, StringComparison.Ordinal);
            Assert.Contains("newer ParticipationRegistry", e.Message, StringComparison.Ordinal);
            SqliteConnection.ClearAllPools();
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "registry.db")}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode;";
                // Refused before it was touched: still in the rollback journal mode it was made with.
                Assert.Equal("delete", (string)command.ExecuteScalar()!);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_at_the_current_schema_starts()
    {
        await using var registry = await TestRegistry.StartAsync();

        await using var restarted = await registry.RestartAsync();

        using var connection = new SqliteConnection($"Data Source={restarted.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        Assert.Equal((long)Migrator.LatestVersion, (long)command.ExecuteScalar()!);
    }
}
