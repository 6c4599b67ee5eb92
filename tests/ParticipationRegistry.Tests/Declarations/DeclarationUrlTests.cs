using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Declarations;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Hosting;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Declarations;

/// <summary>Where a link points: the HTTP port as bound, or --public-http-url / REGISTRY_PUBLIC_HTTP_URL.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class DeclarationUrlTests
{
    [Fact]
    public async Task On_real_kestrel_ports_a_link_points_at_the_bound_http_port_and_opens_the_form_there()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        var app = RegistryApp.Build(new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", Path.Combine(folder, "registry.db"), false, TestRegistry.AdminSecret));
        try
        {
            await app.StartAsync();
            var endpoints = app.Services.GetRequiredService<BoundEndpoints>();
            using var channel = GrpcChannel.ForAddress(endpoints.GrpcUrl, new GrpcChannelOptions
            {
                Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", $"Bearer {TestRegistry.AdminSecret}");
                    return Task.CompletedTask;
                })),
                UnsafeUseInsecureChannelCallCredentials = true,
            });
            var stakeholders = new StakeholderService.StakeholderServiceClient(channel);
            var person = await stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Markus Kummer" } });

            var link = await stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name });

            Assert.StartsWith($"{endpoints.HttpUrl}/declare/", link.Url);
            using var http = new HttpClient();
            var page = await http.GetAsync(link.Url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Markus Kummer", await page.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_public_http_url_is_the_start_of_every_link()
    {
        await using var registry = await TestRegistry.StartAsync(services: s => s.AddSingleton(new DeclarationSettings(TimeSpan.FromDays(30), "https://registry.example.org/")));
        var person = await registry.StakeholderAsync();

        var link = await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name });

        Assert.Matches("^https://registry\\.example\\.org/declare/[A-Za-z0-9_-]{43}$", link.Url);
    }

    [Theory]
    [InlineData(new string[0], null, "")]
    [InlineData(new[] { "--public-http-url", "https://registry.example.org" }, null, "https://registry.example.org")]
    [InlineData(new string[0], "https://from-env.example.org", "https://from-env.example.org")]
    [InlineData(new[] { "--public-http-url", "https://registry.example.org" }, "https://from-env.example.org", "https://registry.example.org")]
    public async Task The_public_url_comes_from_the_option_then_the_environment(string[] args, string? environment, string expected)
    {
        var (exitCode, options, _) = await OptionParsing.ParseAsync(args, "REGISTRY_PUBLIC_HTTP_URL", environment);

        Assert.Equal(0, exitCode);
        Assert.Equal(expected, options!.PublicHttpUrl);
    }

    [Fact]
    public async Task A_public_url_that_is_not_an_http_url_is_refused()
    {
        var (exitCode, options, _) = await OptionParsing.ParseAsync(["--public-http-url", "registry.example.org"], "REGISTRY_PUBLIC_HTTP_URL", null);

        Assert.NotEqual(0, exitCode);
        Assert.Null(options);
        Assert.Throws<ArgumentException>(() => RegistryApp.Build(new RegistryOptions("", "", "unused.db", false, PublicHttpUrl: "ftp://x")));
    }
}
