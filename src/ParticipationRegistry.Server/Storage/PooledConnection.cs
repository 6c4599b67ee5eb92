using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// A connection of <see cref="Database"/>'s pool. Disposing it hands it back (still open, its prepared
/// statements kept) instead of closing it; it closes for real when the pool is full or gone.
/// </summary>
public sealed class PooledConnection : SqliteConnection
{
    private readonly Database pool;
    private int rented;

    internal PooledConnection(string connectionString, Database pool)
        : base(connectionString) => this.pool = pool;

    /// <summary>Statements prepared on this connection, by SQL text (<see cref="PreparedStatements"/>).</summary>
    internal Dictionary<string, SqliteCommand> Statements { get; } = new(StringComparer.Ordinal);

    /// <summary>True between BEGIN and COMMIT/ROLLBACK, whoever began it.</summary>
    internal bool InTransaction => Handle is { } handle && raw.sqlite3_get_autocommit(handle) == 0;

    internal void Rent() => Volatile.Write(ref rented, 1);

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref rented, 0) == 1 && pool.TryReturn(this))
        {
            return;
        }

        if (disposing)
        {
            foreach (var statement in Statements.Values)
            {
                statement.Dispose();
            }

            Statements.Clear();
        }

        base.Dispose(disposing);
    }
}
