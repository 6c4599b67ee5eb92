using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Engines;

/// <summary>
/// What a failover or a restart of PostgreSQL looks like to a server: every one of its sessions is ended under it
/// (<c>pg_terminate_backend</c>, SQLSTATE 57P01). Calls caught by it are refused with <c>UNAVAILABLE</c>
/// (<c>DATABASE_UNAVAILABLE</c>, metadata <c>postgres_error</c>), never <c>UNKNOWN</c>; the writer opens a new
/// connection for its next group and the read pool drops the dead ones, so writes and reads resume without a
/// restart, health comes back to SERVING, and every write that was answered is in the database.
/// </summary>
[Trait("Engine", "PostgresOnly")]
public sealed class PostgresConnectionLossTests
{
    [Fact]
    public async Task Sessions_ended_under_the_server_are_unavailable_then_writes_resume_and_nothing_answered_is_lost()
    {
        Assert.True(TestDatabases.OnPostgres, "Runs in the PostgreSQL pass (REGISTRY_TEST_POSTGRES).");
        var application = $"loss_{Guid.NewGuid():N}"[..20];
        await using var registry = await TestRegistry.StartAsync(database: uri => $"{uri}&application_name={application}");
        var answered = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answered.Add((await Create(registry, $"Before {i}")).Name);
        }

        var refusedInAll = 0;
        for (var round = 0; round < 3; round++)
        {
            using (var admin = registry.OpenDatabase())
            {
                var ended = admin.QuerySingle<long>(
                    "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @application) t",
                    new { application });
                Assert.True(ended > 0, "the server had no session to end");
            }

            // The ended backends close their sockets; the server learns it at its next statement on each.
            await Task.Delay(300);

            // Until the server has new sessions: each call either works or is refused as unavailable, nothing else.
            var refused = 0;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                try
                {
                    answered.Add((await Create(registry, $"Round {round} try {refused}")).Name);
                    Assert.Equal(answered[^1], (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = answered[^1] })).Name);
                    break;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
                {
                    var info = e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
                    Assert.Equal("DATABASE_UNAVAILABLE", info?.Reason);
                    Assert.True(info!.Metadata.ContainsKey("postgres_error"), e.Status.Detail);
                    refused++;
                    refusedInAll++;
                    Assert.True(DateTime.UtcNow < deadline, "writes did not resume after the sessions were ended");
                    await Task.Delay(100);
                }
            }
        }

        // The writer's own session was ended each time: its next group met it (a refusal, not a silent retry).
        Assert.True(refusedInAll >= 3, $"{refusedInAll} refusals in 3 rounds");
        await Storage.Faults.FaultHarness.WriteUntilServingAsync(registry);
        await Storage.Faults.FaultHarness.WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.Serving);
        using var check = registry.OpenDatabase();
        var ids = check.Query<string>("SELECT id FROM stakeholders").ToHashSet();
        Assert.All(answered, name => Assert.Contains(name["stakeholders/".Length..], ids));
    }

    private static Task<Stakeholder> Create(TestRegistry registry, string displayName) =>
        registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = displayName } }).ResponseAsync;
}
