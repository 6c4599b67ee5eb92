using System.Data.Common;
using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// The registry's database: one SQLite file (the default), or a PostgreSQL database (<see cref="DatabaseLocation"/>).
/// On SQLite, reads take connections from its own pool: each is opened and set up once
/// (foreign keys and busy timeout through the connection string; <c>secure_delete</c>, which the
/// string cannot carry, when opened) and goes back to the pool when disposed, keeping the statements
/// it prepared (<see cref="PreparedCommands"/>), so a cheap read costs neither an open nor a prepare.
/// On PostgreSQL, reads take connections from Npgsql's pool, which prepares hot statements itself
/// (auto-prepare); a report's reads share one exported snapshot (<see cref="SharedSnapshot"/>).
/// Every write goes through this server's one <see cref="Writer"/>, which owns a long-lived connection of its own.
/// </summary>
public sealed class Database : IDisposable
{
    // Enough for every thread-pool thread of a small machine to hold one; more are opened when needed and closed after.
    private static readonly int MaxIdle = Math.Max(8, Environment.ProcessorCount * 4);

    // A queue, not a bag: connections come back on other threads, where a bag's stealing takes a lock.
    private readonly ConcurrentQueue<PooledConnection> idle = new();
    private readonly Lock writerLock = new();
    private GroupCommitWriter? writer;
    private int idleCount;
    private int callReadsOpen;
    private long readsInterrupted;
    private long readsRefused;
    private volatile bool disposed;

    private readonly NpgsqlDataSource? postgres;

    public Database(string location, Durability durability = Durability.Normal, bool readOnly = false)
        : this(DatabaseLocation.Parse(location), durability, readOnly)
    {
    }

    public Database(DatabaseLocation location, Durability durability = Durability.Normal, bool readOnly = false)
    {
        Location = location;
        Path = location.Display;
        Durability = durability;
        ReadOnly = readOnly;
        Faults = new StorageFaults(openedReadOnly: readOnly);
        if (location.Engine == StorageEngine.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(location.Target);
            builder.ApplicationName ??= "ParticipationRegistry";
            // Unless the URI says otherwise (max_auto_prepare=0 behind an older PgBouncer, docs/DEPLOYMENT.md):
            if (!location.Target.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
            {
                // Npgsql prepares a statement on each physical connection once it ran twice: what PreparedCommands does on SQLite.
                builder.MaxAutoPrepare = 256;
                builder.AutoPrepareMinUsages = 2;
            }

            if (readOnly)
            {
                // --read-only: PostgreSQL itself refuses every write of this server's sessions (read_only_sql_transaction).
                builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
            }

            ConnectionString = builder.ConnectionString;
            postgres = new NpgsqlDataSourceBuilder(ConnectionString).Build();
            return;
        }

        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            // --read-only: SQLite itself refuses every write (SQLITE_READONLY), whoever runs the server.
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            // This class pools; Microsoft.Data.Sqlite's pool would only keep closed handles twice.
            Pooling = false,
            // Seconds a command waits for the write lock before SQLITE_BUSY surfaces.
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Which engine, and where.</summary>
    public DatabaseLocation Location { get; }

    public StorageEngine Engine => Location.Engine;

    /// <summary>True on PostgreSQL: the place for the few statements whose SQL differs by dialect.</summary>
    public bool IsPostgres => Location.Engine == StorageEngine.Postgres;

    /// <summary>The SQLite file's full path, or the PostgreSQL URI without its password.</summary>
    public string Path { get; }

    public string ConnectionString { get; }

    public Durability Durability { get; }

    /// <summary>Whether writes fail now because of the database itself (full, read-only, missing, corrupt).</summary>
    public StorageFaults Faults { get; }

    /// <summary>Opened read-only (<c>--read-only</c>): migrations are not run and writes are refused.</summary>
    public bool ReadOnly { get; }

    /// <summary>The writer every write goes through; started by the first write.</summary>
    public GroupCommitWriter Writer
    {
        get
        {
            lock (writerLock)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                return writer ??= new GroupCommitWriter(OpenWriterConnection, Faults, IsPostgres ? null : Path);
            }
        }
    }

    /// <summary>
    /// An open connection for one unit of work (a read, or migrations before the writer starts); disposing it returns it to the pool.
    /// Inside a call it watches the call's cancellation (<see cref="CallCancellation"/>): a call already cancelled gets none
    /// (<see cref="OperationCanceledException"/>), and one cancelled meanwhile has its running statement interrupted.
    /// </summary>
    public DbConnection Open()
    {
        var call = CallCancellation.Current;
        if (call.IsCancellationRequested)
        {
            Interlocked.Increment(ref readsRefused);
            throw new OperationCanceledException("The call was cancelled before this read started.", call);
        }

        if (postgres is not null)
        {
            var opened = new PostgresConnection(SharedSnapshot.Join(postgres.OpenConnection()));
            opened.Watch(this, call);
            return opened;
        }

        if (idle.TryDequeue(out var pooled))
        {
            Interlocked.Decrement(ref idleCount);
            pooled.Rent(call);
            return pooled;
        }

        var connection = new PooledConnection(ConnectionString, this);
        connection.Open();
        EnableSecureDelete(connection);
        connection.Rent(call);
        return connection;
    }

    /// <summary>Read connections leased now by calls that can be cancelled (so watching their cancellation).</summary>
    public int CallReadsOpen => Volatile.Read(ref callReadsOpen);

    /// <summary>Read connections whose call was cancelled while they were leased (their statement interrupted) since start.</summary>
    public long ReadsInterrupted => Interlocked.Read(ref readsInterrupted);

    /// <summary>Reads (a connection or one of its statements) refused since start because their call was cancelled before they began.</summary>
    public long ReadsRefused => Interlocked.Read(ref readsRefused);

    /// <summary>Tests: runs on the reading thread each time a call leases a read connection, before its first statement.</summary>
    internal Action<CancellationToken>? CallReadLeased { get; set; }

    internal void Leased(CancellationToken call)
    {
        Interlocked.Increment(ref callReadsOpen);
        CallReadLeased?.Invoke(call);
    }

    internal void Refused() => Interlocked.Increment(ref readsRefused);

    internal void Released(bool interrupted)
    {
        if (interrupted)
        {
            Interlocked.Increment(ref readsInterrupted);
        }

        Interlocked.Decrement(ref callReadsOpen);
    }

    /// <summary>
    /// PostgreSQL: until disposed, every <see cref="Open"/> of this flow (and the tasks it starts) reads one
    /// exported snapshot, so a report's parallel reads see one state. SQLite: null (reports watch data_version).
    /// </summary>
    public SharedSnapshot? ShareSnapshot() => postgres is null ? null : SharedSnapshot.Export(postgres.OpenConnection());

    private DbConnection OpenWriterConnection()
    {
        if (postgres is not null)
        {
            return new PostgresConnection(postgres.OpenConnection());
        }

        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        EnableSecureDelete(connection);
        using var command = connection.CreateCommand();
        // Per connection: WAL with NORMAL syncs at checkpoints, FULL at every commit (docs/ARCHITECTURE.md).
        command.CommandText = Durability == Durability.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }

    // Deleted and overwritten content is zeroed, not left in free space, so erased data leaves the file.
    private static void EnableSecureDelete(SqliteConnection connection) => Execute(connection, "PRAGMA secure_delete = ON;");

    /// <summary>Moves the WAL into the file and empties it, so overwritten values are left in neither.</summary>
    /// On PostgreSQL there is nothing to move: its WAL is the server's (docs/DEPLOYMENT.md).
    public Task CheckpointAsync() => IsPostgres ? Task.CompletedTask : Writer.RunAloneAsync(connection => Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);"));

    /// <summary>
    /// Rewrites the file (VACUUM, so no page keeps bytes of rows gone before secure_delete applied) and
    /// moves the WAL into it and empties it (<c>wal_checkpoint(TRUNCATE)</c>): after an erasure, the old
    /// values are in neither file.
    /// </summary>
    /// On PostgreSQL, VACUUM of the tables that hold names removes the erased rows' old versions from the
    /// tables and their indexes; copies in WAL archives and base backups remain until they expire (docs/DEPLOYMENT.md).
    public Task CompactAsync() => Writer.RunAloneAsync(connection => Execute(connection, IsPostgres
        ? "VACUUM stakeholders, participants, registrations, stakeholder_name_tokens, stakeholder_aliases, merged_stakeholders, request_ids, audit_events;"
        : "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);"));

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Lets the writer commit what is queued, checkpoint the WAL into the file and empty it, and close its
    /// connection, then closes every idle connection; connections still in use close when they are returned.
    /// </summary>
    public void Dispose()
    {
        GroupCommitWriter? running;
        lock (writerLock)
        {
            running = writer;
        }

        // Queued last, behind every write: a stopped server leaves its data in the file and an empty -wal.
        var checkpoint = IsPostgres ? null : running?.RunAloneAsync(connection => Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);"));
        lock (writerLock)
        {
            disposed = true;
        }

        running?.Dispose();
        // A reader still inside a snapshot makes the checkpoint give up on part of the WAL (it says so, it does
        // not throw); a checkpoint that failed outright leaves the WAL for the next start to replay, losing nothing.
        _ = checkpoint?.Exception;
        postgres?.Dispose();
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

/// <summary>
/// How a commit survives (<c>--durability</c>). With WAL, <see cref="Normal"/> syncs at checkpoints:
/// a commit survives a crash of the process, not of the machine or its power. <see cref="Full"/> syncs
/// the WAL at every commit.
/// </summary>
public enum Durability
{
    Normal,
    Full,
}
