using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using ParticipationRegistry.Server.Admin.Migrate;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary>
/// The real server as a child process opening the database read-only (<c>--read-only</c>; SQLite: mode=ro, which
/// stops root too; PostgreSQL: default_transaction_read_only): reads are served and health is SERVING, every write
/// gets FAILED_PRECONDITION / DATABASE_READ_ONLY, the engine's error (SQLITE_READONLY, SQLSTATE 25006) is named in
/// one log line, and the database is unchanged (SQLite: the file's bytes; PostgreSQL: every table's digest).
/// </summary>
public sealed class ReadOnlyOptionTests() : ServerFileTest("registry-readonly-")
{
    [Fact]
    public async Task A_server_started_read_only_serves_reads_and_refuses_every_write_with_database_read_only()
    {
        string name;
        using (var writable = await ServerProcess.StartAsync(Database, Secret))
        {
            using var channel = writable.Channel(Secret);
            name = (await new StakeholderService.StakeholderServiceClient(channel).CreateStakeholderAsync(
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Written while writable" } })).Name;
            writable.Terminate();
            Assert.True(writable.Process.WaitForExit(TimeSpan.FromSeconds(60)));
        }

        var digest = Snapshot();
        using (var server = await ServerProcess.StartAsync(Database, Secret, "--read-only"))
        {
            using var channel = server.Channel(Secret);
            var stakeholders = new StakeholderService.StakeholderServiceClient(channel);
            Assert.Equal("Written while writable", (await stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name })).DisplayName);
            Assert.Single((await stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders);
            for (var i = 0; i < 4; i++)
            {
                var refused = await Assert.ThrowsAsync<RpcException>(async () => await stakeholders.CreateStakeholderAsync(
                    new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"Refused {i}" } }));
                FaultHarness.AssertRefusal(refused, StatusCode.FailedPrecondition, "DATABASE_READ_ONLY", OnPostgres ? "postgres_error" : "sqlite_error", OnPostgres ? "25006" : "SQLITE_READONLY");
            }

            // Read-only by choice: the server serves what it can.
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "" });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
            server.Terminate();
            Assert.True(server.Process.WaitForExit(TimeSpan.FromSeconds(60)));
            // SQLITE_READONLY (8) / 25006 was really hit, and said once for four refused writes.
            var lines = server.Output.Split('\n').Count(l => l.Contains(OnPostgres ? "25006 (0)" : "SQLITE_READONLY (8)", StringComparison.Ordinal));
            Assert.True(lines == 1, server.Output);
            Assert.DoesNotContain("Refused", server.Output, StringComparison.Ordinal);
        }

        Assert.Equal(digest, Snapshot());
        using var connection = OpenDatabase();
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT count(*) FROM stakeholders"));
    }

    private static bool OnPostgres => ParticipationRegistry.TestSupport.TestDatabases.OnPostgres;

    // SQLite: the file's bytes; PostgreSQL: every table's row count and digest.
    private string Snapshot()
    {
        if (!OnPostgres)
        {
            return Convert.ToHexString(File.ReadAllBytes(DatabasePath));
        }

        using var connection = OpenDatabase();
        return string.Join('\n', RegistryTables.Describe(connection).Select(t => $"{t.Name} {RegistryTables.Digest(connection, t)}"));
    }

    [Fact]
    public void Read_only_with_demo_is_refused_as_a_bad_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => RegistryApp.Build(
            new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", Database, Demo: true, ReadOnly: true)));
        Assert.Contains("--read-only", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }
}
