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
        using var connection = registry.OpenDatabase();
        Assert.Equal(Migrator.LatestVersion, Migrator.VersionOf(connection));
    }
}
