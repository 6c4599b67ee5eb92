using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Client;
using ParticipationRegistry.Examples;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Browser.Tests;

/// <summary>
/// The real server on Kestrel (gRPC and HTTP on free loopback ports) over a SQLite file in a temporary
/// folder of its own, with a clock the test can move forward; the browser reaches it over real HTTP.
/// </summary>
public sealed class LiveRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private LiveRegistry(WebApplication app, string folder, string adminKey, ManualClock clock)
    {
        _app = app;
        _folder = folder;
        Clock = clock;
        var endpoints = app.Services.GetRequiredService<BoundEndpoints>();
        GrpcUrl = endpoints.GrpcUrl;
        HttpUrl = endpoints.HttpUrl;
        AdminKey = adminKey;
        Admin = RegistryClient.Create(GrpcUrl, adminKey);
    }

    public string GrpcUrl { get; }

    /// <summary>The HTTP/1.1 port, where the declaration form lives.</summary>
    public string HttpUrl { get; }

    public string AdminKey { get; }

    /// <summary>A client calling with the bootstrap admin key.</summary>
    public RegistryClient Admin { get; }

    /// <summary>The server's clock.</summary>
    public ManualClock Clock { get; }

    public static async Task<LiveRegistry> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("registry-browser-test-").FullName;
        var adminKey = ApiKeySecrets.New();
        var options = new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", ParticipationRegistry.TestSupport.TestDatabases.For(folder), Demo: false, adminKey, RateLimit: 0);
        var clock = new ManualClock();
        var app = RegistryApp.Build(options, builder =>
        {
            builder.ConfigureRegistryEndpoints(options);
            builder.Services.AddSingleton<TimeProvider>(clock);
        });
        await app.StartAsync();
        return new LiveRegistry(app, folder, adminKey, clock);
    }

    /// <summary>Registers the seed workshop's panel with the C# quickstart, as its README runs it; returns the session's name.</summary>
    public async Task<string> RegisterSeedPanelAsync()
    {
        await Quickstart.RunAsync(GrpcUrl, AdminKey, TextWriter.Null);
        return "meetings/quickstart-2012/sessions/ws-85";
    }

    /// <summary>A client calling with a new organiser key of <paramref name="session"/>.</summary>
    public async Task<RegistryClient> OrganiserOfAsync(string session)
    {
        var created = await Admin.Keys.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = Role.Organizer, DisplayName = "workshop organiser", Sessions = { session } },
        });
        return RegistryClient.Create(GrpcUrl, created.Secret);
    }

    public Task<Stakeholder> FullAsync(string name) =>
        Admin.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name, View = StakeholderView.Full }).ResponseAsync;

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        ParticipationRegistry.TestSupport.TestDatabases.Drop(_folder);
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The system clock, moved forward by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    private TimeSpan _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
