using System.Collections.Concurrent;
using Dapper;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>
/// The real server as a child process stopped with SIGTERM while 16 callers create people: the calls in flight
/// finish or fail cleanly (UNAVAILABLE, never UNKNOWN or INTERNAL), the process exits 0, every acknowledged
/// create is in the file, and the WAL was checkpointed into it (the -wal file is gone or empty).
/// </summary>
// About the SQLite file and its -wal after a stop (checkpoint to an empty WAL).
[Trait("Engine", "SqliteOnly")]
public sealed class GracefulStopTests(ITestOutputHelper output) : ServerFileTest("registry-stop-")
{
    private const int Callers = 16;

    [Fact]
    public async Task Sigterm_under_load_finishes_calls_in_flight_checkpoints_the_wal_and_exits_0()
    {
        var acknowledged = new ConcurrentDictionary<string, string>();
        var failures = new ConcurrentBag<StatusCode>();
        using var server = await ServerProcess.StartAsync(DatabasePath, Secret);
        output.WriteLine(server.StartupLine);
        using var channel = server.Channel(Secret);
        var client = new StakeholderService.StakeholderServiceClient(channel);
        var count = 0;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var displayName = $"Caller {caller} call {i}";
                try
                {
                    var created = await client.CreateStakeholderAsync(new CreateStakeholderRequest
                    {
                        RequestId = Guid.NewGuid().ToString(),
                        Stakeholder = new Stakeholder { DisplayName = displayName },
                    });
                    acknowledged[created.Name] = displayName;
                    Interlocked.Increment(ref count);
                }
                catch (RpcException e)
                {
                    // Sent after the server stopped listening: refused, never half-done.
                    failures.Add(e.StatusCode);
                    return;
                }
            }
        })).ToList();

        for (var waited = 0; Volatile.Read(ref count) < 200; waited++)
        {
            Assert.True(waited < 12000, $"Only {count} creates were acknowledged: {server.Output}");
            await Task.Delay(5);
        }

        server.Terminate();
        using (var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await server.Process.WaitForExitAsync(exit.Token);
        }

        await stop.CancelAsync();
        await Task.WhenAll(callers);

        output.WriteLine($"{acknowledged.Count} creates acknowledged; after SIGTERM {failures.Count} calls refused ({string.Join(", ", failures.Distinct())})");
        Assert.True(server.Process.ExitCode == 0, $"Exit code {server.Process.ExitCode}: {server.Output}");
        Assert.All(failures, code => Assert.Equal(StatusCode.Unavailable, code));
        var wal = new FileInfo(DatabasePath + "-wal");
        var walBytes = wal.Exists ? wal.Length : 0;
        Assert.True(walBytes == 0, $"The -wal file holds {walBytes} bytes after a graceful stop.");

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
        var stored = connection.Query<(string Id, string DisplayName)>("SELECT id, display_name FROM stakeholders")
            .ToDictionary(r => $"stakeholders/{r.Id}", r => r.DisplayName);
        var lost = acknowledged.Count(a => !stored.TryGetValue(a.Key, out var name) || name != a.Value);
        Assert.True(lost == 0, $"{lost} of {acknowledged.Count} acknowledged creates are not in the file.");
    }

    [Fact]
    public async Task After_a_kill_under_load_the_server_starts_again_and_says_what_start_up_spent()
    {
        using (var first = await ServerProcess.StartAsync(DatabasePath, Secret))
        {
            using var channel = first.Channel(Secret);
            var client = new StakeholderService.StakeholderServiceClient(channel);
            var created = 0;
            using var stop = new CancellationTokenSource();
            var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await client.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Avri Doria" } });
                        Interlocked.Increment(ref created);
                    }
                }
                catch (RpcException)
                {
                    // The server was killed.
                }
            })).ToList();
            for (var waited = 0; Volatile.Read(ref created) < 300; waited++)
            {
                Assert.True(waited < 12000, "The server acknowledged too few creates.");
                await Task.Delay(5);
            }

            first.Process.Kill();
            await first.Process.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(callers);
        }

        var wal = new FileInfo(DatabasePath + "-wal");
        output.WriteLine($"-wal after the kill: {(wal.Exists ? wal.Length : 0)} bytes");
        using var second = await ServerProcess.StartAsync(DatabasePath, Secret);
        output.WriteLine(second.StartupLine);
        // Every phase is named, so a slow start says which phase was slow.
        foreach (var phase in new[] { "host", "migrations", "probe", "demo", "keys", "mapping", "kestrel" })
        {
            Assert.Contains($"{phase} ", second.StartupLine, StringComparison.Ordinal);
        }

        using var channel2 = second.Channel(Secret);
        var health = await new Grpc.Health.V1.Health.HealthClient(channel2).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
