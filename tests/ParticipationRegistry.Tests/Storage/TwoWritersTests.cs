using Dapper;
using Grpc.Core;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>
/// Two servers' writers on one PostgreSQL schema: when their groups deadlock, PostgreSQL aborts one and its
/// writer runs that group's writes again, each alone, so both callers are answered with success; and rate
/// limits, kept in each server's memory, are per server.
/// </summary>
// Two writers meet only on PostgreSQL: on SQLite one file has one writer (BEGIN IMMEDIATE), which cannot deadlock.
[Trait("Engine", "PostgresOnly")]
public sealed class TwoWritersTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_group_chosen_as_a_deadlock_victim_is_run_again_and_both_writes_commit()
    {
        var folder = Directory.CreateTempSubdirectory("registry-deadlock-").FullName;
        try
        {
            using var first = new Database(TestDatabases.For(folder));
            using var second = new Database(TestDatabases.For(folder));
            Migrator.Migrate(first);
            using (var setup = first.Open())
            {
                setup.Execute("CREATE TABLE deadlock_rows (id BIGINT PRIMARY KEY, writes BIGINT NOT NULL)");
                setup.Execute("INSERT INTO deadlock_rows VALUES (1, 0), (2, 0)");
            }

            using var firstLocked = new ManualResetEventSlim();
            using var secondLocked = new ManualResetEventSlim();
            var runs = new int[2];
            // Each write locks its own row, waits until the other writer locked its row, then updates the other's:
            // the classic cycle. A rerun (after the victim's group was undone) waits for nothing.
            Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, int> Cross(int index, long own, long other, ManualResetEventSlim mine, ManualResetEventSlim theirs) =>
                (connection, transaction) =>
                {
                    var run = Interlocked.Increment(ref runs[index]);
                    connection.Execute("UPDATE deadlock_rows SET writes = writes + 1 WHERE id = @own", new { own }, transaction);
                    if (run == 1)
                    {
                        mine.Set();
                        Assert.True(theirs.Wait(TimeSpan.FromSeconds(30)));
                    }

                    connection.Execute("UPDATE deadlock_rows SET writes = writes + 1 WHERE id = @other", new { other }, transaction);
                    return run;
                };

            var results = await Task.WhenAll(
                first.Writer.WriteAsync(Cross(0, 1, 2, firstLocked, secondLocked)),
                second.Writer.WriteAsync(Cross(1, 2, 1, secondLocked, firstLocked))).WaitAsync(TimeSpan.FromMinutes(1));

            output.WriteLine($"runs: first writer {runs[0]}, second writer {runs[1]}");
            // One of them was the deadlock's victim and ran again. Usually the other ran once (3 runs), but a rerun
            // can take the victim's row back before the other's waiting UPDATE wakes, deadlock again and make the
            // other a victim too (on a loaded machine): each answer is the run that committed, and each committed once.
            Assert.True(runs.Sum() >= 3 && runs.Max() >= 2, $"runs: {runs[0]} and {runs[1]}");
            Assert.Equal(runs, results);
            using var check = first.Open();
            Assert.Equal([2L, 2L], check.Query<long>("SELECT writes FROM deadlock_rows ORDER BY id"));
        }
        finally
        {
            TestDatabases.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Rate_limits_are_per_server_a_key_refused_by_one_is_served_by_the_other()
    {
        var folder = Directory.CreateTempSubdirectory("registry-rates-").FullName;
        try
        {
            // 1 call a second: a bucket of max(2 × 1, 10) = 10 tokens per key, in each server's memory.
            await using var a = await TestRegistry.StartAsync(folder: folder, rateLimit: 1);
            await using var b = await TestRegistry.StartAsync(folder: folder, rateLimit: 1);
            var request = new ListStakeholdersRequest { PageSize = 1 };
            var servedByA = 0;
            while (true)
            {
                try
                {
                    await a.Stakeholders.ListStakeholdersAsync(request);
                    servedByA++;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
                {
                    break;
                }

                Assert.True(servedByA < 100, "Server A never limited the key.");
            }

            // The same key, at once, on the other server: its own full bucket.
            var servedByB = 0;
            for (var i = 0; i < 8; i++)
            {
                await b.Stakeholders.ListStakeholdersAsync(request);
                servedByB++;
            }

            output.WriteLine($"server A served {servedByA} calls before RESOURCE_EXHAUSTED; server B then served {servedByB}");
            Assert.InRange(servedByA, 10, 12);
            Assert.Equal(8, servedByB);
        }
        finally
        {
            TestDatabases.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }
}
