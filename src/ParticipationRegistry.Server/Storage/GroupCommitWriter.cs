using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// The one writer of the database: queued writes run on one dedicated thread over one long-lived
/// connection, up to <see cref="MaxBatch"/> of them in one transaction, each under its own savepoint so
/// that a write that throws undoes only its own work. Callers are answered after the COMMIT returned.
/// On PostgreSQL there is one such writer per server, several servers writing at once: a group that
/// PostgreSQL aborts as a deadlock or serialization failure (it can meet another server's group) is run
/// again write by write, each in its own transaction; a broken connection is opened again for the next group.
/// </summary>
public sealed class GroupCommitWriter : IDisposable
{
    public const int MaxBatch = 256;

    // Not SingleReader: that channel cannot count what it holds (Queued).
    private readonly Channel<Work> queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions
    {
        // The only continuation on the reader is the writer thread's wake-up: it must not wait for the pool.
        AllowSynchronousContinuations = true,
    });

    private readonly Func<DbConnection> openConnection;
    private readonly StorageFaults? faults;
    private readonly string? path;
    private readonly Thread thread;
    private DbConnection? connection;
    private DbTransaction? transaction;
    private int nesting;
    private bool releasePending; // the last write's savepoint, released with the next one's SAVEPOINT (one statement) or by the COMMIT
    private Exception? unavailable;
    private long groups;

    /// <param name="openConnection">Opens the writer's connection.</param>
    /// <param name="faults">Told every group's outcome, so a storage fault is logged and reported by health.</param>
    /// <param name="path">The database file: a group whose file is gone is refused, not written into an unlinked file.</param>
    public GroupCommitWriter(Func<DbConnection> openConnection, StorageFaults? faults = null, string? path = null)
    {
        this.openConnection = openConnection;
        this.faults = faults;
        this.path = path;
        thread = new Thread(Run) { IsBackground = true, Name = "registry-writer" };
        // Unsafe: the thread must not carry the ExecutionContext (and so the CallCancellation) of the call that happened to start it.
        thread.UnsafeStart();
    }

    /// <summary>How many writes wait for the writer.</summary>
    public int Queued => queue.Reader.Count;

    /// <summary>How many groups were committed so far.</summary>
    public long Groups => Interlocked.Read(ref groups);

    /// <summary>
    /// Runs <paramref name="write"/> in the next group's transaction; completes once that group is committed,
    /// or with the write's own exception (its work undone, the others' kept). Called from inside a write, runs inline.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> write) =>
        Submit(new Work<T>((c, t) => write(c, t!), alone: false));

    /// <summary>Runs <paramref name="work"/> between groups, outside any transaction (VACUUM, checkpoints).</summary>
    public Task RunAloneAsync(Action<DbConnection> work) =>
        Submit(new Work<int>((c, _) =>
        {
            work(c);
            return 0;
        }, alone: true));

    private Task<T> Submit<T>(Work<T> work)
    {
        if (Thread.CurrentThread == thread)
        {
            RunInline(work);
        }
        else if (!queue.Writer.TryWrite(work))
        {
            work.Abort(unavailable ?? new ObjectDisposedException(nameof(GroupCommitWriter), "The database is closed; nothing more can be written."));
        }

        return work.Task;
    }

    // A write made by a write joins the running transaction under a savepoint of its own.
    private void RunInline(Work work)
    {
        if (work.Alone || transaction is null)
        {
            work.Abort(new InvalidOperationException("Work that runs alone, or a write inside it, cannot start from the writer thread."));
            return;
        }

        nesting++;
        try
        {
            TryRun(work, $"nested{nesting}");
            work.Answer();
        }
        finally
        {
            nesting--;
        }
    }

    private void Run()
    {
        try
        {
            connection = openConnection();
        }
        catch (Exception e)
        {
            unavailable = e;
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var work))
            {
                work.Abort(e);
            }

            return;
        }

        try
        {
            Work? next = null;
            while (next is not null || WaitForWork())
            {
                if (next is null && !queue.Reader.TryRead(out next))
                {
                    continue;
                }

                next = next.Alone ? RunAlone(next) : RunGroup(next);
            }
        }
        finally
        {
            // The connection of the last group: Begin may have replaced the first one.
            connection?.Dispose();
        }
    }

    // Blocks this dedicated thread only; the channel wakes it on the enqueuing thread.
    private bool WaitForWork() => queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();

    private Work? RunAlone(Work work)
    {
        try
        {
            work.Run(connection!, null);
        }
        catch (Exception e)
        {
            work.Failed(e);
        }

        work.Answer();
        return null;
    }

    /// <summary>
    /// Runs <paramref name="first"/> and what else is queued in one transaction, then answers them all;
    /// returns the work item read that must run alone, if any.
    /// </summary>
    private Work? RunGroup(Work first)
    {
        var group = new List<Work>();
        Work? carried = null;
        try
        {
            // A stat per group, not per write: a file deleted under the server would take every later commit with it.
            if (path is not null && !File.Exists(path))
            {
                throw new DatabaseFileMissingException(path);
            }

            transaction = Begin();
            for (var work = first; work is not null; work = group.Count < MaxBatch && queue.Reader.TryRead(out var read) ? read : null)
            {
                if (work.Alone)
                {
                    carried = work;
                    break;
                }

                group.Add(work);
                TryRun(work, "write");
            }

            transaction.Commit();
            Interlocked.Increment(ref groups);
            faults?.Committed();
        }
        catch (Exception e) when (group.Count > 0 && IsRetryable(e))
        {
            // PostgreSQL chose this group's transaction as a deadlock's victim (another server's group held
            // rows it needed, and the other way round): nothing of it is written; each write runs again alone.
            EndTransaction();
            RunEachAlone(group);
            return carried;
        }
        catch (Exception e)
        {
            // BEGIN, a savepoint, a write's storage fault or the COMMIT failed: nothing of the group is in the file,
            // and every caller of the group is answered with that failure (a storage fault: its own status).
            faults?.Failed(e);
            foreach (var work in group)
            {
                work.Abort(e);
            }

            if (group.Count == 0)
            {
                first.Abort(e);
            }

            EndTransaction();
            return carried;
        }

        EndTransaction();
        foreach (var work in group)
        {
            work.Answer();
        }

        return carried;
    }

    private DbTransaction Begin()
    {
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(deferred: false);
        }

        if (connection is not { State: System.Data.ConnectionState.Open })
        {
            // The PostgreSQL server restarted or failed over (or the last reopening failed): this group runs on a new connection.
            connection?.Dispose();
            connection = null;
            connection = openConnection();
        }

        return connection.BeginTransaction();
    }

    /// <summary>A deadlock or serialization failure: PostgreSQL undid the whole transaction, and running it again may succeed.</summary>
    internal static bool IsRetryable(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }
        || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    private void RunEachAlone(List<Work> group)
    {
        foreach (var work in group)
        {
            for (var attempt = 1; ; attempt++)
            {
                work.Reset();
                try
                {
                    transaction = Begin();
                    TryRun(work, "write");
                    transaction.Commit();
                    Interlocked.Increment(ref groups);
                    faults?.Committed();
                    EndTransaction();
                    work.Answer();
                    break;
                }
                catch (Exception e)
                {
                    EndTransaction();
                    if (attempt < 5 && IsRetryable(e))
                    {
                        Thread.Sleep(Random.Shared.Next(1, 10 * attempt));
                        continue;
                    }

                    faults?.Failed(e);
                    work.Abort(e);
                    break;
                }
            }
        }
    }

    /// <summary>Runs one write under its own savepoint; its exception undoes it alone. Throws only when the savepoint itself fails.</summary>
    /// (A write of the group leaves its savepoint to the next write's statement or the COMMIT: on PostgreSQL each statement is a round trip.)
    private void TryRun(Work work, string savepoint)
    {
        var top = savepoint == "write";
        Savepoint(top && releasePending ? "RELEASE write; SAVEPOINT" : "SAVEPOINT", savepoint);
        releasePending = false;

        try
        {
            work.Run(connection!, transaction);
        }
        catch (Exception e)
        {
            if (StorageFaults.Classify(e) is not null || IsRetryable(e))
            {
                // Full, read-only, I/O: SQLite may have rolled back the whole transaction; the group fails as one.
                work.Failed(e);
                throw;
            }

            work.Failed(e);
            Savepoint("ROLLBACK TO", savepoint);
        }

        releasePending = top;
        if (!top)
        {
            Savepoint("RELEASE", savepoint);
        }
    }

    // What DbTransaction.Save/Rollback/Release run, as commands prepared once: they run with every write.
    private void Savepoint(string verb, string savepoint) =>
        connection!.Prepared(transaction, $"{verb} {savepoint};").ExecuteNonQuery();

    // Leaves the connection outside any transaction, whatever failed, so the next group can begin.
    private void EndTransaction()
    {
        try
        {
            transaction?.Dispose();
        }
        catch (DbException)
        {
            // The transaction was already rolled back by the database itself (or its connection is gone).
        }

        transaction = null;
        releasePending = false;
        if (connection is SqliteConnection sqlite && SQLitePCL.raw.sqlite3_get_autocommit(sqlite.Handle) == 0)
        {
            using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
    }

    /// <summary>Finishes the queued writes, then closes the connection.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        thread.Join();
    }

    private abstract class Work(bool alone)
    {
        public bool Alone { get; } = alone;

        /// <summary>The work's own exception: it is answered with it whatever happens to its group.</summary>
        protected Exception? Failure { get; private set; }

        public abstract void Run(DbConnection connection, DbTransaction? transaction);

        public void Failed(Exception e) => Failure ??= e;

        /// <summary>Forgets the outcome of a run PostgreSQL undid, before running again.</summary>
        public void Reset() => Failure = null;

        /// <summary>Answers the caller: the result, or the work's own exception.</summary>
        public abstract void Answer();

        /// <summary>Answers the caller with the work's own exception, else <paramref name="groupFailure"/>.</summary>
        public abstract void Abort(Exception groupFailure);
    }

    private sealed class Work<T>(Func<DbConnection, DbTransaction?, T> body, bool alone) : Work(alone)
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => completion.Task;

        public override void Run(DbConnection connection, DbTransaction? transaction) => result = body(connection, transaction);

        public override void Answer()
        {
            if (Failure is not null)
            {
                completion.TrySetException(Failure);
            }
            else
            {
                completion.TrySetResult(result!);
            }
        }

        public override void Abort(Exception groupFailure) => completion.TrySetException(Failure ?? groupFailure);
    }
}
