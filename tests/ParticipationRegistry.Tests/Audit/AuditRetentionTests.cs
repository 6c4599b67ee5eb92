using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Hosting;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Audit;

/// <summary>--audit-retention-days / REGISTRY_AUDIT_RETENTION_DAYS, and the retention it sets.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class AuditRetentionTests
{
    private const string Variable = "REGISTRY_AUDIT_RETENTION_DAYS";

    private static async Task<(int ExitCode, RegistryOptions? Options)> ParseAsync(string[] args, string? environment)
    {
        var (exitCode, options, _) = await OptionParsing.ParseAsync(args, Variable, environment);
        return (exitCode, options);
    }

    [Theory]
    [InlineData(new string[0], null, 365)]
    [InlineData(new[] { "--audit-retention-days", "30" }, null, 30)]
    [InlineData(new string[0], "90", 90)]
    [InlineData(new[] { "--audit-retention-days", "30" }, "90", 30)]
    public async Task The_option_wins_over_the_environment_which_wins_over_365_days(string[] args, string? environment, int days)
    {
        var (exitCode, options) = await ParseAsync(args, environment);

        Assert.Equal(0, exitCode);
        Assert.Equal(days, options!.AuditRetentionDays);
    }

    [Theory]
    [InlineData(new[] { "--audit-retention-days", "0" }, null)]
    [InlineData(new string[0], "a year")]
    [InlineData(new string[0], "-5")]
    public async Task A_retention_under_one_day_or_not_a_number_is_refused(string[] args, string? environment)
    {
        var (exitCode, options) = await ParseAsync(args, environment);

        Assert.NotEqual(0, exitCode);
        Assert.Null(options);
    }

    [Fact]
    public async Task A_server_started_with_30_days_removes_an_event_31_days_old()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        var database = ParticipationRegistry.TestSupport.TestDatabases.For(folder);
        var app = RegistryApp.Build(new RegistryOptions("", "", database, false, TestRegistry.AdminSecret, AuditRetentionDays: 30), builder => builder.WebHost.UseTestServer());
        try
        {
            await app.StartAsync();
            await new KeyService.KeyServiceClient(Grpc.Net.Client.GrpcChannel.ForAddress(app.GetTestServer().BaseAddress, new() { HttpHandler = new AuthorizationHandler(app.GetTestServer().CreateHandler()) }))
                .CreateApiKeyAsync(new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Viewer } });
            using (var connection = ParticipationRegistry.TestSupport.TestDatabases.Open(folder))
            {
                // The time is computed here: SQLite's strftime and PostgreSQL's to_char differ.
                using var age = connection.CreateCommand();
                age.CommandText = "UPDATE audit_events SET time = @time";
                var time = age.CreateParameter();
                time.ParameterName = "time";
                time.Value = DateTimeOffset.UtcNow.AddDays(-31).ToString("yyyy-MM-dd'T'HH:mm:ss'.0000000Z'", System.Globalization.CultureInfo.InvariantCulture);
                age.Parameters.Add(time);
                Assert.Equal(1, age.ExecuteNonQuery());
            }

            await app.Services.GetRequiredService<DatabaseMaintenance>().PurgeAsync();

            using var check = ParticipationRegistry.TestSupport.TestDatabases.Open(folder);
            using var count = check.CreateCommand();
            count.CommandText = "SELECT count(*) FROM audit_events";
            Assert.Equal(0L, (long)count.ExecuteScalar()!);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            ParticipationRegistry.TestSupport.TestDatabases.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class AuthorizationHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestRegistry.AdminSecret);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
