using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Infrastructure;

/// <summary>
/// The real server pipeline in process (TestServer + GrpcChannel) over a real SQLite file in a
/// temporary folder of its own, or (REGISTRY_TEST_POSTGRES) that folder's own PostgreSQL schema. <see cref="Channel"/> calls with the bootstrap admin key;
/// <see cref="ChannelFor"/> with any other key, or none.
/// </summary>
public sealed class TestRegistry : IAsyncDisposable
{
    /// <summary>The bootstrap admin key every test registry starts with.</summary>
    public static readonly string AdminSecret = ApiKeySecrets.New();

    private readonly bool _ownsFolder;
    private readonly List<GrpcChannel> _channels = [];

    private TestRegistry(WebApplication app, string folder, bool ownsFolder)
    {
        App = app;
        Folder = folder;
        _ownsFolder = ownsFolder;
        Channel = ChannelFor(AdminSecret);
        Stakeholders = new StakeholderService.StakeholderServiceClient(Channel);
        Meetings = new MeetingService.MeetingServiceClient(Channel);
    }

    public WebApplication App { get; }
    public string Folder { get; }
    /// <summary>The SQLite file (on PostgreSQL: the name of the file the folder's schema is named after).</summary>
    public string DatabasePath => Path.Combine(Folder, "registry.db");

    /// <summary>The <c>--database</c> value this registry runs on: the SQLite file, or a postgres:// URI.</summary>
    public string Database => ParticipationRegistry.TestSupport.TestDatabases.For(Folder);

    /// <summary>A connection of the test's own to this registry's database (SQLite or PostgreSQL), to look at rows.</summary>
    public System.Data.Common.DbConnection OpenDatabase() => ParticipationRegistry.TestSupport.TestDatabases.Open(Folder);
    public GrpcChannel Channel { get; }
    public StakeholderService.StakeholderServiceClient Stakeholders { get; }
    public MeetingService.MeetingServiceClient Meetings { get; }

    /// <summary>A channel sending <c>authorization: Bearer <paramref name="secret"/></c>; null: an anonymous caller.</summary>
    public GrpcChannel ChannelFor(string? secret)
    {
        var server = App.GetTestServer();
        var options = new GrpcChannelOptions { HttpHandler = server.CreateHandler() };
        if (secret is not null)
        {
            options.Credentials = ChannelCredentials.Create(
                ChannelCredentials.Insecure,
                CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", $"Bearer {secret}");
                    return Task.CompletedTask;
                }));
            options.UnsafeUseInsecureChannelCallCredentials = true;
        }

        var channel = GrpcChannel.ForAddress(server.BaseAddress, options);
        _channels.Add(channel);
        return channel;
    }

    /// <summary>Creates a key with <paramref name="role"/> (organisers: with these sessions and meetings) and returns its secret.</summary>
    public async Task<string> CreateKeyAsync(Role role, IEnumerable<string>? sessions = null, IEnumerable<string>? meetings = null)
    {
        var keys = new KeyService.KeyServiceClient(Channel);
        var created = await keys.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = role, DisplayName = $"test {role}", Sessions = { sessions ?? [] }, Meetings = { meetings ?? [] } },
        });
        return created.Secret;
    }

    /// <summary>An HTTP client for the HTTP/1.1 routes; with <paramref name="secret"/>, sending it as a bearer key.</summary>
    public HttpClient HttpClientFor(string? secret)
    {
        var http = App.GetTestServer().CreateClient();
        if (secret is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        }

        return http;
    }

    /// <summary>
    /// Starts a registry on a new database, or on the file in <paramref name="folder"/> (a restart);
    /// calls are not rate-limited unless <paramref name="rateLimit"/> says so; <paramref name="services"/>
    /// may replace registered services (a test clock).
    /// </summary>
    public static async Task<TestRegistry> StartAsync(
        bool demo = false, string? folder = null, double rateLimit = 0, Action<IServiceCollection>? services = null, Func<string, string>? database = null)
    {
        var ownsFolder = folder is null;
        folder ??= Directory.CreateTempSubdirectory("registry-test-").FullName;
        var app = RegistryApp.Build(
            // Backups in the test's folder on either engine (on PostgreSQL the default would be the working folder, shared by all tests).
            // database: the test may add to the --database value (a PostgreSQL application_name, say).
            new RegistryOptions("", "", (database ?? (d => d))(ParticipationRegistry.TestSupport.TestDatabases.For(folder)), demo, AdminSecret, rateLimit, BackupDirectory: Path.Combine(folder, "backups")),
            builder =>
            {
                builder.WebHost.UseTestServer();
                services?.Invoke(builder.Services);
            });
        await app.StartAsync();
        return new TestRegistry(app, folder, ownsFolder);
    }

    /// <summary>Stops this server and starts another on the same file.</summary>
    public async Task<TestRegistry> RestartAsync(bool demo = false)
    {
        await StopAsync();
        return await StartAsync(demo, Folder);
    }

    private async Task StopAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsFolder)
        {
            ParticipationRegistry.TestSupport.TestDatabases.Drop(Folder);
            Directory.Delete(Folder, recursive: true);
        }
    }
}

public static class RpcAssert
{
    /// <summary>Asserts the call fails with <paramref name="code"/> and the ErrorInfo reason; returns the status.</summary>
    public static async Task<Google.Rpc.Status> FailsAsync(StatusCode code, string reason, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, e.StatusCode);
        var status = e.GetRpcStatus();
        Assert.NotNull(status);
        var info = status.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("participation.registry.v1", info.Domain);
        Assert.Equal(reason, info.Reason);
        return status;
    }

    /// <summary>Asserts INVALID_ARGUMENT naming <paramref name="field"/> in a BadRequest violation.</summary>
    public static async Task<BadRequest.Types.FieldViolation> InvalidFieldAsync(string field, Func<Task> call, string reason = "INVALID_ARGUMENT")
    {
        var status = await FailsAsync(StatusCode.InvalidArgument, reason, call);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        var violation = badRequest.FieldViolations.FirstOrDefault(v => v.Field == field);
        Assert.True(violation is not null, $"No violation for '{field}'; got: {string.Join(", ", badRequest.FieldViolations.Select(v => v.Field))}");
        Assert.False(string.IsNullOrWhiteSpace(violation.Description));
        return violation;
    }
}
