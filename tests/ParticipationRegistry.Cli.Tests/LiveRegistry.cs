using Google.Type;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Cli;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// The real server on Kestrel (h2c and HTTP/1.1 on free loopback ports) over a SQLite file in a temporary
/// folder, and the <c>registry</c> command run in process against it with captured output.
/// A subclass may change the server's services (<see cref="ConfigureServer"/>) before it is built.
/// </summary>
public class LiveRegistry : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly string _folder = Directory.CreateTempSubdirectory("registry-cli-test-").FullName;

    public string AdminKey { get; } = ApiKeySecrets.New();

    public string Address { get; private set; } = "";

    public string HttpAddress { get; private set; } = "";

    /// <summary>A folder for the test's files, deleted with the registry.</summary>
    public string Folder => _folder;

    public async Task InitializeAsync()
    {
        // Built and started off the test's synchronization context (xunit's: as many threads as the machine has
        // cores, two on CI): Build blocks its thread on start-up work, and the host's background services
        // would otherwise run their loops on the test threads.
        _app = await Task.Run(async () =>
        {
            var options = new RegistryOptions(
                "http://127.0.0.1:0", "http://127.0.0.1:0", ParticipationRegistry.TestSupport.TestDatabases.For(_folder), Demo: false, AdminKey, RateLimit: 0,
                // Backups in the test's folder on either engine (on PostgreSQL the default is the working folder, shared by every test).
                BackupDirectory: Path.Combine(_folder, "backups"));
            var app = RegistryApp.Build(options, builder =>
            {
                builder.ConfigureRegistryEndpoints(options);
                ConfigureServer(builder.Services);
            });
            await app.StartAsync();
            return app;
        });
        var endpoints = _app.Services.GetRequiredService<BoundEndpoints>();
        Address = endpoints.GrpcUrl;
        HttpAddress = endpoints.HttpUrl;
    }

    /// <summary>Services registered after the registry's own (a later registration of a service replaces it).</summary>
    protected virtual void ConfigureServer(IServiceCollection services)
    {
    }

    public RegistryClient Admin() => RegistryClient.Create(Address, AdminKey);

    /// <summary>How many sessions and seats <paramref name="meeting"/> has, and how many people the registry holds.</summary>
    public async Task<(int Sessions, int Seats, int People)> CountAsync(string meeting)
    {
        using var client = Admin();
        var sessions = await Pages.All(new ListSessionsRequest { Parent = meeting, PageSize = 1000 }, client.Meetings.ListSessionsAsync, r => r.Sessions).CountAsync();
        var seats = await Pages.All(new ListParticipantsRequest { Parent = $"{meeting}/sessions/-", PageSize = 1000 }, client.Meetings.ListParticipantsAsync, r => r.Participants).CountAsync();
        var people = await Pages.All(new ListStakeholdersRequest { PageSize = 1000 }, client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders).CountAsync();
        return (sessions, seats, people);
    }

    /// <summary>Runs <c>registry ARGS</c> with REGISTRY_SERVER, REGISTRY_KEY and REGISTRY_HTTP pointing here.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunWithAsync(new Dictionary<string, string>
    {
        ["REGISTRY_SERVER"] = Address,
        ["REGISTRY_KEY"] = AdminKey,
        ["REGISTRY_HTTP"] = HttpAddress,
    }, args);

    /// <summary>Runs <c>registry ARGS</c> with exactly <paramref name="environment"/>.</summary>
    public static async Task<CliResult> RunWithAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RegistryCli.RunAsync(args, new CliContext(output, error, name => environment.GetValueOrDefault(name)));
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>A meeting of forum IGF (its default policy: the forum default).</summary>
    public async Task<string> CreateMeetingAsync(string id)
    {
        using var client = Admin();
        var meeting = await client.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            MeetingId = id,
            Meeting = new Meeting
            {
                DisplayName = $"IGF 2012, Baku ({id})",
                Forum = "IGF",
                CountryCode = "AZ",
                StartDate = new Date { Year = 2012, Month = 11, Day = 6 },
                EndDate = new Date { Year = 2012, Month = 11, Day = 9 },
            },
        });
        return meeting.Name;
    }

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

/// <summary>What one run of the command gave: its exit code and what it wrote.</summary>
public sealed record CliResult(int Exit, string Output, string Error)
{
    public override string ToString() => $"exit {Exit}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
