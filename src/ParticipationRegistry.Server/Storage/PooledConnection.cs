using System.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// A connection of <see cref="Database"/>'s pool. Disposing it hands it back (still open, the commands it
/// keeps prepared kept: <see cref="PreparedCommands"/>) instead of closing it; it closes for real when the pool is full or gone.
/// While leased to a call it watches the call's cancellation (<see cref="CallCancellation"/>): when that fires, the
/// running statement is interrupted (<c>sqlite3_interrupt</c>, SQLITE_INTERRUPT) and no other statement starts.
/// </summary>
public sealed class PooledConnection : SqliteConnection
{
    private readonly Database pool;
    private int rented;
    private int interrupted;
    private CancellationToken cancellation;
    private CancellationTokenRegistration watch;

    internal PooledConnection(string connectionString, Database pool)
        : base(connectionString) => this.pool = pool;

    /// <summary>True between BEGIN and COMMIT/ROLLBACK, whoever began it.</summary>
    internal bool InTransaction => Handle is { } handle && raw.sqlite3_get_autocommit(handle) == 0;

    internal void Rent(CancellationToken call)
    {
        Volatile.Write(ref rented, 1);
        interrupted = 0;
        cancellation = call;
        if (call.CanBeCanceled)
        {
            pool.Leased(call);
            watch = call.UnsafeRegister(static state => ((PooledConnection)state!).Interrupt(), this);
        }
    }

    public override SqliteCommand CreateCommand() => new WatchedCommand(this) { Connection = this, CommandTimeout = DefaultTimeout, Transaction = Transaction };

    private void ThrowIfCancelled()
    {
        if (cancellation.IsCancellationRequested)
        {
            pool.Refused();
            cancellation.ThrowIfCancellationRequested();
        }
    }

    // On the thread that cancels (a deadline's timer, the aborted request): SQLite allows it from any thread.
    private void Interrupt()
    {
        if (Handle is { } handle)
        {
            Volatile.Write(ref interrupted, 1);
            raw.sqlite3_interrupt(handle);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref rented, 0) == 1)
        {
            if (cancellation.CanBeCanceled)
            {
                // Waits for an interrupt already running, so none reaches the connection's next lease.
                watch.Dispose();
                pool.Released(Volatile.Read(ref interrupted) == 1);
                cancellation = default;
            }

            if (pool.TryReturn(this))
            {
                return;
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// A command that starts no statement once its connection's call is cancelled: an interrupt reaches only the
    /// statement running when it fires (SQLite forgets it once no statement runs), so the next one is refused here.
    /// </summary>
    private sealed class WatchedCommand(PooledConnection connection) : SqliteCommand
    {
        public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
        {
            connection.ThrowIfCancelled();
            return base.ExecuteReader(behavior);
        }
    }
}
