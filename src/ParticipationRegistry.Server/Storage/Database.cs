using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// The one SQLite file. Hands out connections from its own pool: each is opened and set up once
/// (foreign keys and busy timeout through the connection string; <c>secure_delete</c>, which the
/// string cannot carry, when opened) and goes back to the pool when disposed, keeping the statements
/// it prepared (<see cref="PreparedStatements"/>), so a cheap read costs neither an open nor a prepare.
/// </summary>
public sealed class Database : IDisposable
{
    // Enough for every thread-pool thread of a small machine to hold one; more are opened when needed and closed after.
    private static readonly int MaxIdle = Math.Max(8, Environment.ProcessorCount * 4);

    // A queue, not a bag: connections come back on other threads, where a bag's stealing takes a lock.
    private readonly ConcurrentQueue<PooledConnection> idle = new();
    private int idleCount;
    private volatile bool disposed;

    public Database(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            // This class pools; Microsoft.Data.Sqlite's pool would only keep closed handles twice.
            Pooling = false,
            // Seconds a command waits for the write lock before SQLITE_BUSY surfaces.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>An open connection for one unit of work; disposing it returns it to the pool.</summary>
    public SqliteConnection Open()
    {
        if (idle.TryDequeue(out var pooled))
        {
            Interlocked.Decrement(ref idleCount);
            pooled.Rent();
            return pooled;
        }

        var connection = new PooledConnection(ConnectionString, this);
        connection.Open();
        // Deleted and overwritten content is zeroed, not left in free space, so erased data leaves the file.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA secure_delete = ON;";
            command.ExecuteNonQuery();
        }

        connection.Rent();
        return connection;
    }

    /// <summary>Moves the WAL into the file and empties it, so overwritten values are left in neither.</summary>
    public void Checkpoint()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Rewrites the file (VACUUM, so no page keeps bytes of rows gone before secure_delete applied) and
    /// moves the WAL into it and empties it: after an erasure, the old values are in neither file.
    /// </summary>
    public void Compact()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    /// <summary>Closes every idle connection; connections still in use close when they are returned.</summary>
    public void Dispose()
    {
        disposed = true;
        while (idle.TryDequeue(out var connection))
        {
            Interlocked.Decrement(ref idleCount);
            connection.Close();
        }
    }

    /// <summary>Takes back a connection: false (close it) when the pool is full or gone, or it was left mid-transaction.</summary>
    internal bool TryReturn(PooledConnection connection)
    {
        if (disposed || connection.State != System.Data.ConnectionState.Open || connection.InTransaction)
        {
            return false;
        }

        if (Interlocked.Increment(ref idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref idleCount);
            return false;
        }

        idle.Enqueue(connection);
        if (disposed)
        {
            // Disposed while this one came back: close what the disposal may have missed.
            Dispose();
        }

        return true;
    }
}
