using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>The group-commit writer on a real SQLite file: grouping, a savepoint per write, nesting, pragmas.</summary>
// Drives the SQLite writer directly (SqliteException codes, the connection handle); the PostgreSQL writer is in TwoServersTests.
[Trait("Engine", "SqliteOnly")]
public sealed class GroupCommitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("registry-writer-").FullName;
    private readonly Database database;

    public GroupCommitTests()
    {
        database = new Database(Path.Combine(folder, "registry.db"));
        Migrator.Migrate(database);
    }

    public void Dispose()
    {
        database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Waits (without deciding anything by time) until <paramref name="count"/> writes are queued.</summary>
    internal static async Task WaitUntilQueuedAsync(Database database, int count)
    {
        for (var i = 0; database.Writer.Queued < count; i++)
        {
            Assert.True(i < 6000, $"Only {database.Writer.Queued} of {count} writes were queued.");
            await Task.Delay(5);
        }
    }

    private Task SetAsync(string name, string value) => new RegistryState(database).SetAsync(name, value);

    private string? Get(string name) => new RegistryState(database).Get(name);

    [Fact]
    public async Task Writes_queued_together_commit_as_one_group_and_a_failing_write_fails_alone()
    {
        await SetAsync("taken", "first");
        using var hold = await WriterHold.StartAsync(database);
        var groups = database.Writer.Groups;

        var good = Enumerable.Range(0, 5).Select(i => SetAsync($"good-{i}", "kept")).ToList();
        var refused = database.WriteAsync((connection, transaction) =>
        {
            connection.Execute("INSERT INTO registry_state (name, value) VALUES ('refused', 'undone')", transaction: transaction);
            throw RegistryException.EtagMismatch("stakeholders/x");
        });
        var constraint = database.WriteAsync((connection, transaction) =>
        {
            connection.Execute("INSERT INTO registry_state (name, value) VALUES ('partial', 'undone')", transaction: transaction);
            connection.Execute("INSERT INTO registry_state (name, value) VALUES ('taken', 'second')", transaction: transaction);
        });
        good.Add(SetAsync("good-last", "kept"));
        await WaitUntilQueuedAsync(database, 8);
        hold.Release();

        await hold.Held;
        await Task.WhenAll(good);
        Assert.Equal(ErrorReason.EtagMismatch, (await Assert.ThrowsAsync<RegistryException>(() => refused)).Reason);
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => constraint)).SqliteErrorCode);
        Assert.Equal(groups + 1, database.Writer.Groups);
        Assert.All(Enumerable.Range(0, 5).Select(i => $"good-{i}").Append("good-last"), name => Assert.Equal("kept", Get(name)));
        Assert.Null(Get("refused"));
        Assert.Null(Get("partial"));
        Assert.Equal("first", Get("taken"));
    }

    [Fact]
    public async Task When_the_commit_fails_every_write_of_the_group_fails_and_none_is_in_the_file()
    {
        using (var connection = database.Open())
        {
            connection.Execute(
                """
                CREATE TABLE test_parent (id TEXT PRIMARY KEY);
                CREATE TABLE test_child (parent_id TEXT REFERENCES test_parent (id) DEFERRABLE INITIALLY DEFERRED);
                """);
        }

        using var hold = await WriterHold.StartAsync(database);
        var innocent = SetAsync("innocent", "lost with its group");
        // A deferred foreign key is checked at COMMIT: the statement succeeds, the commit of its group does not.
        var orphan = database.WriteAsync((connection, transaction) =>
            connection.Execute("INSERT INTO test_child (parent_id) VALUES ('missing')", transaction: transaction));
        await WaitUntilQueuedAsync(database, 2);
        hold.Release();

        await Assert.ThrowsAsync<SqliteException>(() => hold.Held);
        await Assert.ThrowsAsync<SqliteException>(() => innocent);
        await Assert.ThrowsAsync<SqliteException>(() => orphan);
        Assert.Null(Get("innocent"));
        await SetAsync("after", "the writer goes on");
        Assert.Equal("the writer goes on", Get("after"));
    }

    [Fact]
    public async Task A_write_made_inside_a_write_runs_inline_in_the_same_transaction()
    {
        var innerCompletedInline = false;
        var outer = await database.WriteAsync((connection, transaction) =>
        {
            var inner = SetAsync("inner", "written");
            innerCompletedInline = inner.IsCompletedSuccessfully;
            var failing = database.WriteAsync((c, t) =>
            {
                c.Execute("INSERT INTO registry_state (name, value) VALUES ('inner-failed', 'undone')", transaction: t);
                throw RegistryException.EtagMismatch("stakeholders/x");
            });
            connection.Execute("INSERT INTO registry_state (name, value) VALUES ('outer', 'written')", transaction: transaction);
            return failing.IsFaulted;
        });

        Assert.True(innerCompletedInline);
        Assert.True(outer);
        Assert.Equal("written", Get("inner"));
        Assert.Equal("written", Get("outer"));
        Assert.Null(Get("inner-failed"));
    }

    [Fact]
    public async Task Concurrent_writes_from_many_tasks_all_commit()
    {
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => SetAsync($"key-{i}", $"value-{i}"))));

        using var connection = database.Open();
        Assert.Equal(500, connection.ExecuteScalar<long>("SELECT count(*) FROM registry_state WHERE name LIKE 'key-%'"));
    }

    [Fact]
    public async Task A_pooled_connection_opened_again_still_has_secure_delete_on()
    {
        SQLitePCL.sqlite3 first;
        using (var connection = database.Open())
        {
            first = ((Microsoft.Data.Sqlite.SqliteConnection)connection).Handle!;
            Assert.Equal(1, connection.ExecuteScalar<long>("PRAGMA secure_delete"));
        }

        using (var again = database.Open())
        {
            // The same physical connection from the pool, not set up a second time.
            Assert.Same(first, ((Microsoft.Data.Sqlite.SqliteConnection)again).Handle);
            Assert.Equal(1, again.ExecuteScalar<long>("PRAGMA secure_delete"));
        }

        Assert.Equal(1, await database.WriteAsync((connection, transaction) => connection.ExecuteScalar<long>("PRAGMA secure_delete", transaction: transaction)));
    }

    [Theory]
    [InlineData(Durability.Normal, 1)]
    [InlineData(Durability.Full, 2)]
    public async Task The_write_connection_syncs_as_the_durability_option_says(Durability durability, long synchronous)
    {
        using var configured = new Database(database.Path, durability);

        var actual = await configured.WriteAsync((connection, transaction) => connection.ExecuteScalar<long>("PRAGMA synchronous", transaction: transaction));

        Assert.Equal(synchronous, actual);
    }

    [Fact]
    public async Task Closing_the_database_finishes_the_queued_writes_first()
    {
        using var hold = await WriterHold.StartAsync(database);
        var queued = Enumerable.Range(0, 20).Select(i => SetAsync($"drained-{i}", "yes")).ToList();
        await WaitUntilQueuedAsync(database, 20);
        hold.Release();

        database.Dispose();

        await hold.Held;
        await Task.WhenAll(queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => SetAsync("late", "no"));
        using var connection = new Database(database.Path).Open();
        Assert.Equal(20, connection.ExecuteScalar<long>("SELECT count(*) FROM registry_state WHERE name LIKE 'drained-%'"));
    }
}

/// <summary>Holds the writer inside a write until released (or disposed), so that what is queued meanwhile joins its group.</summary>
internal sealed class WriterHold : IDisposable
{
    private readonly ManualResetEventSlim gate = new();

    private WriterHold()
    {
    }

    public Task Held { get; private set; } = Task.CompletedTask;

    public static async Task<WriterHold> StartAsync(Database database)
    {
        var hold = new WriterHold();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hold.Held = database.WriteAsync((_, _) =>
        {
            entered.SetResult();
            hold.gate.Wait();
        });
        await entered.Task;
        return hold;
    }

    public void Release() => gate.Set();

    public void Dispose()
    {
        gate.Set();
        gate.Dispose();
    }
}
