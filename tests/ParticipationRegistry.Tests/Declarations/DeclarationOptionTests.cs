using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.Tests.Hosting;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Declarations;

/// <summary>--declaration-link-days / REGISTRY_DECLARATION_LINK_DAYS, the form's rate limit, and links after an erasure.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class DeclarationOptionTests
{
    private const string Variable = "REGISTRY_DECLARATION_LINK_DAYS";

    [Theory]
    [InlineData(new string[0], null, 30)]
    [InlineData(new[] { "--declaration-link-days", "7" }, null, 7)]
    [InlineData(new string[0], "14", 14)]
    [InlineData(new[] { "--declaration-link-days", "7" }, "14", 7)]
    public async Task The_option_wins_over_the_environment_which_wins_over_30_days(string[] args, string? environment, int days)
    {
        var (exitCode, options, _) = await OptionParsing.ParseAsync(args, Variable, environment);

        Assert.Equal(0, exitCode);
        Assert.Equal(days, options!.DeclarationLinkDays);
    }

    [Theory]
    [InlineData(new[] { "--declaration-link-days", "0" }, null)]
    [InlineData(new string[0], "a month")]
    public async Task A_lifetime_under_one_day_or_not_a_number_is_refused(string[] args, string? environment)
    {
        var (exitCode, options, _) = await OptionParsing.ParseAsync(args, Variable, environment);

        Assert.NotEqual(0, exitCode);
        Assert.Null(options);
    }

    [Fact]
    public async Task A_server_started_with_declaration_link_days_7_makes_links_that_expire_in_7_days()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        // The real command-line path: the switch parsed as the server parses it, then the app built from those options.
        var (exitCode, parsed, _) = await OptionParsing.ParseAsync(["--declaration-link-days", "7", "--database", TestDatabases.For(folder)], Variable, null);
        Assert.Equal(0, exitCode);
        var app = RegistryApp.Build(parsed! with { BootstrapAdminKey = TestRegistry.AdminSecret, RateLimit = 0 }, builder => builder.WebHost.UseTestServer());
        try
        {
            await app.StartAsync();
            var server = app.GetTestServer();
            using var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
            var admin = new Metadata { { "authorization", $"Bearer {TestRegistry.AdminSecret}" } };
            var stakeholders = new StakeholderService.StakeholderServiceClient(channel);
            var person = await stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Markus Kummer" } }, admin);

            var link = await stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name }, admin);

            // A range wide enough for any test machine's delay, narrow enough to tell 7 days from the default 30.
            Assert.InRange((link.ExpireTime.ToDateTimeOffset() - DateTimeOffset.UtcNow).TotalDays, 6.5, 7.01);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            TestDatabases.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_form_is_rate_limited_per_address_with_the_other_http_routes()
    {
        await using var registry = await TestRegistry.StartAsync(rateLimit: 1);
        using var http = registry.HttpClientFor(null);
        var forged = $"/declare/{new string('A', 43)}";

        // The form costs as much as a report: the bucket (ten tokens at one a second) holds one request.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(forged)).StatusCode);
        var limited = await http.GetAsync(forged);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Erasing_a_person_removes_their_links()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await registry.StakeholderAsync();
        var link = await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name });

        await registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = person.Name });

        Assert.Empty(await DeclarationLinkTests.StoredLinksAsync(registry));
        using var http = registry.HttpClientFor(null);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(link.Url).AbsolutePath)).StatusCode);
    }
}
