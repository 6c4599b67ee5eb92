using System.Data.Common;
using Dapper;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.TestSupport;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>
/// The schema version on the engine the tests run on (SQLite: user_version; PostgreSQL: the schema_version table):
/// a started server has brought it to the latest; a database of a newer schema is refused, by the server
/// process with exit code 2 and one line naming both versions, before it changed anything.
/// </summary>
public sealed class SchemaVersionOnEitherEngineTests
{
    [Fact]
    public async Task A_started_server_leaves_its_database_at_the_latest_schema_version()
    {
        await using var registry = await TestRegistry.StartAsync();
        await using var restarted = await registry.RestartAsync();

        using var connection = restarted.OpenDatabase();
        Assert.Equal(Migrator.LatestVersion, Migrator.VersionOf(connection));
    }

    [Fact]
    public async Task A_server_given_a_database_of_a_newer_schema_exits_with_code_2_and_changes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        try
        {
            var newer = Migrator.LatestVersion + 1;
            var database = TestDatabases.For(folder);
            using (var connection = TestDatabases.Open(folder))
            {
                SetVersion(connection, newer);
            }

            using var server = new System.Diagnostics.Process
            {
                StartInfo = new System.Diagnostics.ProcessStartInfo("dotnet")
                {
                    ArgumentList = { typeof(Server.Hosting.RegistryApp).Assembly.Location, "--database", database, "--grpc-url", "http://127.0.0.1:0", "--http-url", "http://127.0.0.1:0" },
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                },
            };
            server.Start();
            var error = server.StandardError.ReadToEndAsync();
            _ = await server.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await server.WaitForExitAsync(timeout.Token);

            Assert.Equal(2, server.ExitCode);
            var message = await error;
            Assert.Contains($"schema version {newer}", message, StringComparison.Ordinal);
            Assert.Contains($"up to {Migrator.LatestVersion}", message, StringComparison.Ordinal);
            Assert.Contains("newer ParticipationRegistry", message, StringComparison.Ordinal);
            using (var connection = TestDatabases.Open(folder))
            {
                Assert.Equal(newer, Migrator.VersionOf(connection));
                // Refused before any migration ran: no table of the registry was created.
                Assert.Equal(0L, connection.ExecuteScalar<long>(TestDatabases.OnPostgres
                    ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'stakeholders'"
                    : "SELECT count(*) FROM sqlite_schema WHERE name = 'stakeholders'"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestDatabases.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void SetVersion(DbConnection connection, int version)
    {
        if (TestDatabases.OnPostgres)
        {
            connection.Execute("CREATE TABLE schema_version (version BIGINT NOT NULL)");
            connection.Execute("INSERT INTO schema_version (version) VALUES (@version)", new { version = (long)version });
        }
        else
        {
            connection.Execute($"PRAGMA user_version = {version};");
        }
    }
}
