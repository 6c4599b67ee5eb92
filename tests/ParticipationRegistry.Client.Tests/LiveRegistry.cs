using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;

namespace ParticipationRegistry.Client.Tests;

/// <summary>
/// The real server on Kestrel (h2c on a free loopback port) over a SQLite file in a temporary
/// folder (the tests' shared one limits no rate): the client speaks real HTTP/2 to it.
/// </summary>
public sealed class LiveRegistry : IAsyncLifetime
{
    private readonly double _rateLimit;

    /// <summary>A registry that never limits the rate of calls.</summary>
    public LiveRegistry()
    {
    }

    /// <summary>A registry allowing <paramref name="rateLimit"/> calls a second per key.</summary>
    internal LiveRegistry(double rateLimit) => _rateLimit = rateLimit;

    /// <summary>The bootstrap admin key.</summary>
    public string AdminKey { get; } = ApiKeySecrets.New();

    public string Address { get; private set; } = "";

    private WebApplication? _app;
    private readonly string _folder = Directory.CreateTempSubdirectory("registry-client-test-").FullName;

    public async Task InitializeAsync()
    {
        // Built and started off the test's synchronization context (xunit's: as many threads as the machine has
        // cores, two on CI): Build blocks its thread on start-up work, and the host's background services
        // would otherwise run their loops on the test threads.
        _app = await Task.Run(async () =>
        {
            var app = RegistryApp.Build(new RegistryOptions(
                "http://127.0.0.1:0", "http://127.0.0.1:0", ParticipationRegistry.TestSupport.TestDatabases.For(_folder), Demo: false, AdminKey, _rateLimit));
            await app.StartAsync();
            return app;
        });
        Address = _app.Services.GetRequiredService<BoundEndpoints>().GrpcUrl;
    }

    /// <summary>A client calling with the admin key.</summary>
    public RegistryClient Admin() => RegistryClient.Create(Address, AdminKey);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            var app = _app;
            await Task.Run(async () =>
            {
                await app.StopAsync();
                await app.DisposeAsync();
            });
        }

        SqliteConnection.ClearAllPools();
        ParticipationRegistry.TestSupport.TestDatabases.Drop(_folder);
        Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SharedLiveRegistry : ICollectionFixture<LiveRegistry>
{
    public const string Name = "live registry";
}
