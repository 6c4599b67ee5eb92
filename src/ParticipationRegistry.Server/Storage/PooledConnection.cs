using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// A connection of <see cref="Database"/>'s pool. Disposing it hands it back (still open, the commands it
/// keeps prepared kept: <see cref="PreparedCommands"/>) instead of closing it; it closes for real when the pool is full or gone.
/// </summary>
public sealed class PooledConnection : SqliteConnection
{
    private readonly Database pool;
    private int rented;

    internal PooledConnection(string connectionString, Database pool)
        : base(connectionString) => this.pool = pool;

    /// <summary>True between BEGIN and COMMIT/ROLLBACK, whoever began it.</summary>
    internal bool InTransaction => Handle is { } handle && raw.sqlite3_get_autocommit(handle) == 0;

    internal void Rent() => Volatile.Write(ref rented, 1);

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref rented, 0) == 1 && pool.TryReturn(this))
        {
            return;
        }

        base.Dispose(disposing);
    }
}
