using System.Diagnostics;
using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary>
/// The real server as a child process opening the database read-only (<c>--read-only</c>, SQLite mode=ro, which
/// stops root too): reads are served and health is SERVING, every write gets FAILED_PRECONDITION /
/// DATABASE_READ_ONLY, SQLITE_READONLY is named in one log line, and the file is unchanged.
/// </summary>
public sealed class ReadOnlyOptionTests() : ServerFileTest("registry-readonly-")
{
    [Fact]
    public async Task A_server_started_read_only_serves_reads_and_refuses_every_write_with_database_read_only()
    {
        string name;
        using (var writable = await ServerProcess.StartAsync(DatabasePath, Secret))
        {
            using var channel = writable.Channel(Secret);
            name = (await new StakeholderService.StakeholderServiceClient(channel).CreateStakeholderAsync(
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Written while writable" } })).Name;
            writable.Terminate();
            Assert.True(writable.Process.WaitForExit(TimeSpan.FromSeconds(60)));
        }

        var digest = File.ReadAllBytes(DatabasePath);
        using (var server = await ServerProcess.StartAsync(DatabasePath, Secret, "--read-only"))
        {
            using var channel = server.Channel(Secret);
            var stakeholders = new StakeholderService.StakeholderServiceClient(channel);
            Assert.Equal("Written while writable", (await stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name })).DisplayName);
            Assert.Single((await stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders);
            for (var i = 0; i < 4; i++)
            {
                var refused = await Assert.ThrowsAsync<RpcException>(async () => await stakeholders.CreateStakeholderAsync(
                    new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"Refused {i}" } }));
                Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
                var info = refused.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>();
                Assert.Equal("DATABASE_READ_ONLY", info.Reason);
                Assert.Equal("SQLITE_READONLY", info.Metadata["sqlite_error"]);
            }

            // Read-only by choice: the server serves what it can.
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "" });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
            server.Terminate();
            Assert.True(server.Process.WaitForExit(TimeSpan.FromSeconds(60)));
            // SQLITE_READONLY (8) was really hit, and said once for four refused writes.
            var lines = server.Output.Split('\n').Count(l => l.Contains("SQLITE_READONLY (8)", StringComparison.Ordinal));
            Assert.True(lines == 1, server.Output);
            Assert.DoesNotContain("Refused", server.Output, StringComparison.Ordinal);
        }

        Assert.Equal(digest, File.ReadAllBytes(DatabasePath));
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT count(*) FROM stakeholders"));
    }

    [Fact]
    public async Task Read_only_on_a_missing_file_stops_the_start_with_exit_code_3()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { typeof(RegistryApp).Assembly.Location, "--database", DatabasePath, "--read-only", "--grpc-url", "http://127.0.0.1:0", "--http-url", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("SQLITE_CANTOPEN (14)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + await output, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void Read_only_with_demo_is_refused_as_a_bad_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => RegistryApp.Build(
            new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", DatabasePath, Demo: true, ReadOnly: true)));
        Assert.Contains("--read-only", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }
}
