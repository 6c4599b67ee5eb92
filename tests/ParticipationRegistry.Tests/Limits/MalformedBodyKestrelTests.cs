using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Limits;

/// <summary>
/// The malformed-body answer on the real gRPC port: Kestrel, plain HTTP/2 (h2c) with prior knowledge,
/// a gRPC frame whose message holds invalid UTF-8 — as a fuzzing client sends it.
/// </summary>
public sealed class MalformedBodyKestrelTests
{
    [Fact]
    public async Task Kestrel_answers_a_malformed_body_with_invalid_argument_in_the_trailers()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        var app = RegistryApp.Build(new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", ParticipationRegistry.TestSupport.TestDatabases.For(folder), false, TestRegistry.AdminSecret, 0));
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<BoundEndpoints>().GrpcUrl) };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/participation.registry.v1.MeetingService/GetMeeting")
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent([0, 0, 0, 0, 4, 0x0A, 0x02, 0xC3, 0x28]),
            };
            request.Content.Headers.ContentType = new("application/grpc");
            request.Headers.TryAddWithoutValidation("te", "trailers");
            request.Headers.Authorization = new("Bearer", TestRegistry.AdminSecret);

            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpVersion.Version20, response.Version);
            var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
                : Assert.Single(response.Headers.GetValues("grpc-status"));
            Assert.Equal("3", status);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            ParticipationRegistry.TestSupport.TestDatabases.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }
}
