using System.Collections.Concurrent;
using Dapper;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>
/// The real server as a child process, killed (SIGKILL) while 32 callers create people: every create it
/// acknowledged is in the database afterwards (SQLite: the file, intact; PostgreSQL: the server's schema).
/// Acknowledging before the commit fails this.
/// </summary>
public sealed class KillTests() : ServerFileTest("registry-kill-")
{
    private const int Callers = 32;
    private const int AcknowledgedBeforeKill = 150;

    [Fact]
    public async Task Every_acknowledged_create_survives_a_kill_of_the_server_during_grouped_commits()
    {
        var acknowledged = new ConcurrentDictionary<string, string>();
        for (var round = 0; round < 3; round++)
        {
            using var server = await ServerProcess.StartAsync(Database, Secret);
            using var channel = GrpcChannel.ForAddress(server.GrpcUrl);
            var client = new StakeholderService.StakeholderServiceClient(channel);
            var headers = new Metadata { { "authorization", $"Bearer {Secret}" } };
            var acknowledgedThisRound = 0;
            using var stop = new CancellationTokenSource();
            var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var displayName = $"Round {round} caller {caller} call {i}";
                    try
                    {
                        var created = await client.CreateStakeholderAsync(
                            new CreateStakeholderRequest { RequestId = Guid.NewGuid().ToString(), Stakeholder = new Stakeholder { DisplayName = displayName } },
                            headers);
                        acknowledged[created.Name] = displayName;
                        Interlocked.Increment(ref acknowledgedThisRound);
                    }
                    catch (RpcException)
                    {
                        // In flight when the server died: never acknowledged, so it may or may not be in the file.
                        return;
                    }
                }
            })).ToList();

            for (var waited = 0; Volatile.Read(ref acknowledgedThisRound) < AcknowledgedBeforeKill; waited++)
            {
                Assert.True(waited < 12000, $"Round {round}: only {acknowledgedThisRound} creates were acknowledged.");
                await Task.Delay(5);
            }

            server.Process.Kill();
            await server.Process.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(callers);

            using var connection = OpenDatabase();
            if (connection is SqliteConnection)
            {
                Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
            }

            var stored = connection.Query<(string Id, string DisplayName)>("SELECT id, display_name FROM stakeholders")
                .ToDictionary(r => $"stakeholders/{r.Id}", r => r.DisplayName);
            var lost = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var name) || name != a.Value).Select(a => a.Key).ToList();
            Assert.True(lost.Count == 0, $"Round {round}: {lost.Count} of {acknowledged.Count} acknowledged creates are not in the file, e.g. {lost.FirstOrDefault()}.");
        }
    }
}
