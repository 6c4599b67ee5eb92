using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>The first admin key: from the configuration, refused when weak, or made fresh by <c>--demo</c>.</summary>
public sealed class BootstrapKeyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("registry-test-").FullName;

    private string DatabasePath => Path.Combine(folder, "registry.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("twenty-two characters with spaces")]
    public void A_weak_bootstrap_key_is_refused_at_start(string secret)
    {
        // Program.cs turns this ArgumentException into exit code 2 with the message.
        var e = Assert.Throws<ArgumentException>(() => RegistryApp.Build(new RegistryOptions("", "", DatabasePath, false, secret), TestHost));
        Assert.Contains("openssl rand", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Demo_without_a_bootstrap_key_makes_an_admin_key_that_works_and_a_new_one_at_each_start()
    {
        var first = await CallAsAsync(demo: true, bootstrap: "", app => app.Services.GetRequiredService<DemoAdminKey>().Secret);
        var second = await CallAsAsync(demo: true, bootstrap: "", app => app.Services.GetRequiredService<DemoAdminKey>().Secret);

        Assert.NotNull(first.Secret);
        Assert.Equal(StatusCode.OK, first.Code);
        Assert.Equal(StatusCode.OK, second.Code);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Equal(StatusCode.Unauthenticated, (await CallAsAsync(demo: true, bootstrap: "", _ => first.Secret)).Code);
    }

    [Fact]
    public async Task With_a_bootstrap_key_demo_makes_none_and_a_changed_bootstrap_key_replaces_the_old_one()
    {
        var old = ApiKeySecrets.New();
        var replacement = ApiKeySecrets.New();
        var demo = await CallAsAsync(demo: true, bootstrap: old, app => app.Services.GetRequiredService<DemoAdminKey>().Secret ?? old);
        Assert.Equal(StatusCode.OK, demo.Code);
        Assert.Equal(old, demo.Secret);

        Assert.Equal(StatusCode.OK, (await CallAsAsync(demo: false, bootstrap: replacement, _ => replacement)).Code);
        Assert.Equal(StatusCode.Unauthenticated, (await CallAsAsync(demo: false, bootstrap: replacement, _ => old)).Code);
        Assert.Equal(StatusCode.Unauthenticated, (await CallAsAsync(demo: false, bootstrap: "", _ => "prk_guessed-guessed-guessed-guessed")).Code);
    }

    private static void TestHost(WebApplicationBuilder builder) => builder.WebHost.UseTestServer();

    /// <summary>Starts the registry on this test's file and makes an admin-only call (ListApiKeys) with the key <paramref name="secret"/> picks.</summary>
    private async Task<(string? Secret, StatusCode Code)> CallAsAsync(bool demo, string bootstrap, Func<WebApplication, string?> secret)
    {
        await using var app = RegistryApp.Build(new RegistryOptions("", "", DatabasePath, demo, bootstrap, RateLimit: 0), TestHost);
        await app.StartAsync();
        var key = secret(app);
        var server = app.GetTestServer();
        using var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        try
        {
            await new KeyService.KeyServiceClient(channel).ListApiKeysAsync(new ListApiKeysRequest(), new Metadata { { "authorization", $"Bearer {key}" } });
            return (key, StatusCode.OK);
        }
        catch (RpcException e)
        {
            return (key, e.StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
