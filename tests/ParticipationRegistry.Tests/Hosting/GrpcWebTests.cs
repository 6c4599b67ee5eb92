using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>
/// Browsers' way in, on a real Kestrel server (port 0): gRPC-Web over HTTP/1.1 on the HTTP port, with
/// the same key check as gRPC, and CORS only for the origins configured with --cors-origins.
/// </summary>
public sealed class GrpcWebTests : IDisposable
{
    private const string AllowedOrigin = "http://forum.example.org:8080";
    private const string OtherOrigin = "http://elsewhere.example.com";
    private const string GetMeetingPath = "/participation.registry.v1.MeetingService/GetMeeting";
    private static readonly string Admin = ApiKeySecrets.New();
    private readonly string folder = Directory.CreateTempSubdirectory("registry-grpc-web-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Grpc_web_over_HTTP_1_1_on_the_HTTP_port_answers_a_call_with_a_key()
    {
        await using var app = await RunningRegistry.StartAsync(folder, [AllowedOrigin]);
        using var channel = GrpcWebChannel(HttpUrl(app.App), new OriginHandler(null));

        var meeting = await new MeetingService.MeetingServiceClient(channel).GetMeetingAsync(
            new GetMeetingRequest { Name = "meetings/igf-2012" }, Key(Admin));

        Assert.Equal("meetings/igf-2012", meeting.Name);
    }

    [Fact]
    public async Task Grpc_web_without_a_key_or_with_a_wrong_one_is_refused_as_gRPC_is()
    {
        await using var app = await RunningRegistry.StartAsync(folder, [AllowedOrigin]);
        using var channel = GrpcWebChannel(HttpUrl(app.App), new OriginHandler(null));
        var meetings = new MeetingService.MeetingServiceClient(channel);

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "UNAUTHENTICATED",
            () => meetings.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "UNAUTHENTICATED",
            () => meetings.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" }, Key(ApiKeySecrets.New())).ResponseAsync);
    }

    [Fact]
    public async Task A_viewer_key_over_grpc_web_may_read_but_not_write()
    {
        await using var app = await RunningRegistry.StartAsync(folder, [AllowedOrigin]);
        var viewer = await CreateKeyAsync(app.App, Role.Viewer);
        using var channel = GrpcWebChannel(HttpUrl(app.App), new OriginHandler(null));
        var stakeholders = new StakeholderService.StakeholderServiceClient(channel);

        var page = await stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 2 }, Key(viewer));
        Assert.Equal(2, page.Stakeholders.Count);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED",
            () => stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Nobody" } }, Key(viewer)).ResponseAsync);
    }

    [Fact]
    public async Task A_call_from_an_allowed_origin_exposes_the_status_headers_to_the_page()
    {
        await using var app = await RunningRegistry.StartAsync(folder, [AllowedOrigin]);
        var origin = new OriginHandler(AllowedOrigin);
        using var channel = GrpcWebChannel(HttpUrl(app.App), origin);

        await new MeetingService.MeetingServiceClient(channel).GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" }, Key(Admin));

        var response = Assert.Single(origin.Responses);
        Assert.Equal(AllowedOrigin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal(BrowserAccess.ExposedHeaders, HeaderList(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_gets_the_CORS_headers()
    {
        await using var app = await RunningRegistry.StartAsync(folder, ["https://other.example.net", AllowedOrigin]);

        using var response = await PreflightAsync(app.App, AllowedOrigin);

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
        Assert.Equal(AllowedOrigin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("post", HeaderList(response, "Access-Control-Allow-Methods"));
        Assert.Equal(
            ["authorization", "content-type", "x-grpc-web", "x-user-agent"],
            HeaderList(response, "Access-Control-Allow-Headers").Intersect(["authorization", "content-type", "x-grpc-web", "x-user-agent"]).Order());
    }

    [Fact]
    public async Task A_preflight_from_another_origin_gets_no_CORS_headers()
    {
        await using var app = await RunningRegistry.StartAsync(folder, [AllowedOrigin]);

        using var response = await PreflightAsync(app.App, OtherOrigin);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Without_cors_origins_no_origin_is_allowed_but_grpc_web_still_answers()
    {
        await using var app = await RunningRegistry.StartAsync(folder, []);

        using var preflight = await PreflightAsync(app.App, AllowedOrigin);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        var origin = new OriginHandler(AllowedOrigin);
        using var channel = GrpcWebChannel(HttpUrl(app.App), origin);
        var meeting = await new MeetingService.MeetingServiceClient(channel).GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" }, Key(Admin));
        Assert.Equal("meetings/igf-2012", meeting.Name);
        Assert.False(Assert.Single(origin.Responses).Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static string HttpUrl(WebApplication app) => app.Services.GetRequiredService<BoundEndpoints>().HttpUrl;

    private static async Task<string> CreateKeyAsync(WebApplication app, Role role)
    {
        using var channel = GrpcChannel.ForAddress(app.Services.GetRequiredService<BoundEndpoints>().GrpcUrl);
        var created = await new KeyService.KeyServiceClient(channel).CreateApiKeyAsync(
            new CreateApiKeyRequest { ApiKey = new ApiKey { DisplayName = "Forum website", Role = role } }, Key(Admin));
        return created.Secret;
    }

    // HTTP/1.1 only: the HTTP port speaks nothing else, so a call that worked went over HTTP/1.1.
    private static GrpcChannel GrpcWebChannel(string url, OriginHandler inner) =>
        GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, inner),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

    private static async Task<HttpResponseMessage> PreflightAsync(WebApplication app, string origin)
    {
        using var http = new HttpClient { BaseAddress = new Uri(HttpUrl(app)) };
        using var request = new HttpRequestMessage(HttpMethod.Options, GetMeetingPath);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-grpc-web,x-user-agent");
        return await http.SendAsync(request);
    }

    private static Metadata Key(string secret) => new() { { "authorization", $"Bearer {secret}" } };

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    private static string[] HeaderList(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
            ? [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Select(v => v.ToLowerInvariant())]
            : [];

    /// <summary>The demo registry on real ports, stopped (not only disposed) at the end.</summary>
    private sealed class RunningRegistry(WebApplication app) : IAsyncDisposable
    {
        public WebApplication App => app;

        public static async Task<RunningRegistry> StartAsync(string folder, IReadOnlyList<string> corsOrigins)
        {
            var app = RegistryApp.Build(new RegistryOptions(
                "http://127.0.0.1:0", "http://127.0.0.1:0", Path.Combine(folder, "registry.db"), Demo: true, Admin, RateLimit: 0, CorsOrigins: string.Join(',', corsOrigins)));
            await app.StartAsync();
            return new RunningRegistry(app);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Sends an Origin header as a browser page would (none when null) and keeps each response.</summary>
    private sealed class OriginHandler(string? origin) : DelegatingHandler(new HttpClientHandler())
    {
        public List<HttpResponseMessage> Responses { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            var response = await base.SendAsync(request, cancellationToken);
            Responses.Add(response);
            return response;
        }
    }
}
