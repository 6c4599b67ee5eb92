using System.Globalization;
using Dapper;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>
/// Issue #16 item 4: the real server as a child process, SIGKILLed at seeded random moments while 16 callers create
/// (with request ids), update with etags, delete, batch-create people and seat them singly and in batches. After each
/// kill the file must hold every acknowledged write, no half of a batch and no seat without its person, and pass
/// <c>PRAGMA integrity_check</c>; after the restart every in-flight create's request id is replayed and must answer once.
/// 20 kills in the suite; <c>REGISTRY_CRASH_KILLS</c> (tests/crash.sh) for the full run.
/// </summary>
// Reads the SQLite file between kills (CrashFile); the kill property on PostgreSQL is checked by KillTests.
[Trait("Engine", "SqliteOnly")]
public sealed class CrashTests(ITestOutputHelper output) : ServerFileTest("registry-crash-")
{
    private const int Callers = 16;

    [Fact]
    public async Task Acknowledged_writes_survive_kills_with_batches_updates_deletes_and_seats_in_flight_and_replays_answer_once()
    {
        var kills = int.Parse(Environment.GetEnvironmentVariable("REGISTRY_CRASH_KILLS") ?? "20", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("REGISTRY_CRASH_SEED") ?? "20261130", CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var callers = Enumerable.Range(0, Callers).Select(i => new CrashCaller(i, seed + i + 1)).ToList();
        int totalAcknowledged = 0, totalInFlight = 0, replayedCommitted = 0, replayedNow = 0;
        output.WriteLine($"crash: {kills} kills, {Callers} callers, seed {seed}");
        for (var kill = 1; kill <= kills + 1; kill++)
        {
            using var server = await ServerProcess.StartAsync(DatabasePath, Secret);
            using var channel = server.Channel(Secret);
            var people = new StakeholderService.StakeholderServiceClient(channel);
            var meetings = new MeetingService.MeetingServiceClient(channel);
            if (kill == 1)
            {
                await meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "crash", Meeting = new Meeting { DisplayName = "Crash", Forum = "IGF" } });
                await meetings.CreateSessionAsync(new CreateSessionRequest
                {
                    Parent = "meetings/crash", SessionId = "main", Session = new Session { DisplayName = "Main", Kind = SessionKind.Workshop },
                });
            }

            var (committed, now) = await ReplayAsync(callers, people, meetings);
            replayedCommitted += committed;
            replayedNow += now;
            if (kill > kills)
            {
                break;
            }

            var target = random.Next(50, 101);
            var afterTarget = random.Next(0, 20);
            var acknowledged = 0;
            var killing = false;
            var faults = new List<string>();
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = callers.Select(c => Task.Run(() => c.RunAsync(people, meetings, () => Volatile.Read(ref killing), () =>
            {
                if (Interlocked.Increment(ref acknowledged) >= target)
                {
                    reached.TrySetResult();
                }
            }, fault =>
            {
                lock (faults)
                {
                    faults.Add(fault);
                }
            }))).ToList();
            await Task.WhenAny(reached.Task, Task.WhenAll(running));
            Assert.True(reached.Task.IsCompleted, $"Kill {kill}: the callers stopped after {acknowledged} writes: {string.Join("; ", faults)}\n{server.Output}");
            await Task.Delay(afterTarget);
            Volatile.Write(ref killing, true);
            server.Process.Kill();
            await server.Process.WaitForExitAsync();
            await Task.WhenAll(running);
            Assert.Empty(faults);

            var inFlight = callers.Where(c => c.Pending is not null).Select(c => c.Pending!.Kind).ToList();
            totalAcknowledged += acknowledged;
            totalInFlight += inFlight.Count;
            output.WriteLine($"kill {kill}: {acknowledged} acknowledged, {inFlight.Count} in flight ({Describe(inFlight)})");
            var violations = CrashFile.Check(DatabasePath, callers);
            Assert.True(violations.Count == 0, $"Kill {kill}: {violations.Count} violations: {string.Join("\n", violations.Take(20))}");
        }

        output.WriteLine($"crash: {kills} kills, {totalAcknowledged} acknowledged writes, {totalInFlight} in flight at the kills; "
            + $"replayed creates: {replayedCommitted} had committed, {replayedNow} created on replay; 0 lost, 0 half-applied, integrity ok");
    }

    private static string Describe(List<WriteKind> kinds) =>
        string.Join(", ", kinds.GroupBy(k => k).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>Settles every caller's in-flight write on the restarted server: creates are resent with their request id.</summary>
    private async Task<(int Committed, int Now)> ReplayAsync(
        List<CrashCaller> callers, StakeholderService.StakeholderServiceClient people, MeetingService.MeetingServiceClient meetings)
    {
        int committed = 0, now = 0;
        foreach (var caller in callers)
        {
            if (caller.Pending is not { } write)
            {
                continue;
            }

            if (write.Kind is WriteKind.Update or WriteKind.Delete)
            {
                try
                {
                    var read = await people.GetStakeholderAsync(new GetStakeholderRequest { Name = write.Person!.Name });
                    write.Person.Etag = read.Etag;
                    write.Person.Affiliation = read.Affiliation;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && write.Kind == WriteKind.Delete)
                {
                    write.Person!.Deleted = true;
                }
            }
            else
            {
                var before = CrashFile.Count(DatabasePath, caller, write);
                var existing = write.Kind == WriteKind.Create ? CrashFile.IdOf(DatabasePath, ((CreateStakeholderRequest)write.Request).Stakeholder.DisplayName) : null;
                await caller.SendAsync(people, meetings, write);
                var after = CrashFile.Count(DatabasePath, caller, write);
                Assert.True(after == CrashFile.Expected(write), $"Replay of caller {caller.Index}'s {write.Kind}: {after} rows, expected {CrashFile.Expected(write)} ({before} before).");
                if (existing is not null)
                {
                    Assert.Equal($"stakeholders/{existing}", caller.People[^1].Name);
                }

                if (before > 0)
                {
                    committed++;
                }
                else
                {
                    now++;
                }
            }

            caller.Pending = null;
        }

        if (committed + now > 0)
        {
            output.WriteLine($"  replayed {committed + now} in-flight creates: {committed} had committed (same resource returned), {now} created once now");
        }

        return (committed, now);
    }
}
