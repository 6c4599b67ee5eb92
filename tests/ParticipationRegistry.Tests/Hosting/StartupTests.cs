using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public void Registering_storage_does_not_touch_the_database_file()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        try
        {
            var path = Path.Combine(folder, "registry.db");

            new ServiceCollection().AddRegistryStorage(path);

            Assert.False(File.Exists(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_started_registry_has_migrated_its_database_and_serves_pages()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);

        var page = await registry.Stakeholders.ListStakeholdersAsync(new ParticipationRegistry.V1.ListStakeholdersRequest { PageSize = 1 });

        Assert.Single(page.Stakeholders);
        Assert.NotEmpty(page.NextPageToken);
        using var connection = new SqliteConnection($"Data Source={registry.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        Assert.Equal((long)Migrator.LatestVersion, (long)command.ExecuteScalar()!);
    }
}
