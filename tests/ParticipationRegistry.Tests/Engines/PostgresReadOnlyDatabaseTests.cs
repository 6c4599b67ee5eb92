using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using Npgsql;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Storage.Faults;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Engines;

/// <summary>
/// PostgreSQL's counterpart of ReadOnlyDatabaseTests: a database that turns read-only under the running server, as a
/// demoted primary does (its sessions end; the new ones are read-only). The server runs as a role of its own, so that
/// <c>ALTER ROLE … SET default_transaction_read_only = on</c> (applied by PostgreSQL when a session starts) and
/// <c>pg_terminate_backend</c> of that role's sessions reach this server and no other test sharing the database. Writes get
/// FAILED_PRECONDITION / DATABASE_READ_ONLY with <c>postgres_error</c> 25006, said in one log line, reads go on, health is
/// NOT_SERVING; once the role is writable again (and its sessions new), writes commit and health is SERVING.
/// </summary>
[Trait("Engine", "PostgresOnly")]
public sealed class PostgresReadOnlyDatabaseTests
{
    [Fact]
    public async Task A_database_turned_read_only_under_the_server_refuses_writes_keeps_reads_and_recovers()
    {
        Assert.True(TestDatabases.OnPostgres, "Runs in the PostgreSQL pass (REGISTRY_TEST_POSTGRES).");
        var role = $"registry_ro_{Guid.NewGuid():N}"[..28];
        try
        {
            var (registry, logs) = await FaultHarness.StartAsync(database: uri => AsOwnRole(uri, role));
            await using var _ = registry;
            var database = FaultHarness.DatabaseOf(registry);
            var before = await FaultHarness.CreateAsync(registry, "Written before");
            await FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.Serving);

            Admin($"ALTER ROLE \"{role}\" SET default_transaction_read_only = on");
            EndSessionsOf(role);
            // The writer meets its ended session once (UNAVAILABLE), then writes on a new, read-only one.
            await RefusedUntilReadOnlyAsync(registry);

            var refusals = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
                FaultHarness.RefusedAsync(() => FaultHarness.CreateAsync(registry, $"Refused {i}"))));
            Assert.All(refusals, e =>
            {
                FaultHarness.AssertRefusal(e, StatusCode.FailedPrecondition, "DATABASE_READ_ONLY", "postgres_error", "25006");
            });

            Assert.Equal(StorageFaultKind.ReadOnly, database.Faults.Current?.Kind);
            Assert.Equal("25006", database.Faults.Current?.Name);
            var errors = logs.FaultLines().Where(l => l.Level == LogLevel.Error).ToList();
            var readOnly = Assert.Single(errors, l => l.Message.Contains("25006 (0)", StringComparison.Ordinal));
            Assert.DoesNotContain("Refused", readOnly.Message, StringComparison.Ordinal);
            // Any other line is the ended session (57P01, or the broken connection), said before.
            Assert.All(errors.Where(l => l != readOnly), l => Assert.Matches("57P01|POSTGRES_CONNECTION", l.Message));
            await FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.NotServing);
            Assert.Equal(before.DisplayName, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = before.Name })).DisplayName);
            Assert.Single((await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders);

            Admin($"ALTER ROLE \"{role}\" RESET default_transaction_read_only");
            EndSessionsOf(role);
            var recovered = await WriteUntilCommittedAsync(registry);
            var after = await FaultHarness.WriteUntilServingAsync(registry);
            Assert.Null(database.Faults.Current);
            using var connection = registry.OpenDatabase();
            Assert.Equal(2 + after.Count, connection.ExecuteScalar<int>("SELECT count(*) FROM stakeholders"));
            Assert.Equal(recovered.DisplayName, connection.ExecuteScalar<string>("SELECT display_name FROM stakeholders WHERE id = @id", new { id = recovered.Name["stakeholders/".Length..] }));
            Assert.Equal(0, connection.ExecuteScalar<int>("SELECT count(*) FROM stakeholders WHERE display_name LIKE 'Refused%'"));
        }
        finally
        {
            // Whatever happened: the role's sessions end and the role goes (with anything it still owns), so nothing leaks into other tests.
            EndSessionsOf(role);
            Admin($"DROP OWNED BY \"{role}\" CASCADE", ifRoleExists: role);
            Admin($"DROP ROLE IF EXISTS \"{role}\"");
        }
    }

    /// <summary>
    /// Creates <paramref name="role"/>, gives it the test's schema and returns the URI that connects as it, without a pool:
    /// each read opens a session of its own, so only the writer's (held) session is ended under the server.
    /// </summary>
    private static string AsOwnRole(string uri, string role)
    {
        var schema = uri[(uri.IndexOf("search_path=", StringComparison.Ordinal) + "search_path=".Length)..].Split('&')[0];
        Admin($"CREATE ROLE \"{role}\" LOGIN");
        Admin($"ALTER SCHEMA \"{schema}\" OWNER TO \"{role}\"");
        var scheme = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = uri.IndexOf('@', scheme);
        return $"{uri[..scheme]}{role}@{uri[(at < 0 ? scheme : at + 1)..]}&pooling=false";
    }

    private static void EndSessionsOf(string role) =>
        Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{role}'");

    private static void Admin(string sql, string? ifRoleExists = null)
    {
        var location = DatabaseLocation.Parse(TestDatabases.PostgresUri!);
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location.Target) { Pooling = false }.ConnectionString);
        connection.Open();
        if (ifRoleExists is null || connection.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @ifRoleExists)", new { ifRoleExists }))
        {
            connection.Execute(sql);
        }
    }

    /// <summary>Writes until one is refused as read-only (at most 20 s); until then each is refused as unavailable, never written.</summary>
    private static async Task RefusedUntilReadOnlyAsync(TestRegistry registry)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var i = 0; ; i++)
        {
            var e = await FaultHarness.RefusedAsync(() => FaultHarness.CreateAsync(registry, $"Refused while demoted {i}"));
            if (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return;
            }

            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, "writes were never refused as read-only");
            await Task.Delay(100);
        }
    }

    /// <summary>Writes until one commits (at most 20 s): before, each is refused as read-only or unavailable.</summary>
    private static async Task<Stakeholder> WriteUntilCommittedAsync(TestRegistry registry)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                return await FaultHarness.CreateAsync(registry, "Written again");
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.FailedPrecondition)
            {
                Assert.True(DateTime.UtcNow < deadline, $"writes did not commit again: {e.Status}");
                await Task.Delay(100);
            }
        }
    }
}
