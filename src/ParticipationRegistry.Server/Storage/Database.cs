using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// The one SQLite file. Reads take a fresh pooled connection each; every write goes through the one
/// <see cref="Writer"/>, which owns a long-lived connection of its own. Pragmas that are per connection
/// (foreign keys, busy timeout) are set through the connection string, which the pool keeps per
/// connection; <c>secure_delete</c>, which the string cannot carry, once per physical connection.
/// </summary>
public sealed class Database : IDisposable
{
    // The physical connections (their handles outlive the pooled SqliteConnection objects) already set up.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> SecureDeleteOn = [];
    private static readonly object Configured = new();

    private readonly Lock writerLock = new();
    private GroupCommitWriter? writer;
    private bool disposed;

    public Database(string path, Durability durability = Durability.Normal)
    {
        Path = System.IO.Path.GetFullPath(path);
        Durability = durability;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            // Seconds a command waits for the write lock before SQLITE_BUSY surfaces.
            DefaultTimeout = 30,
        };
        ConnectionString = builder.ToString();
        // The writer's connection lives as long as the writer: pooling it would only hand its pragmas on.
        builder.Pooling = false;
        WriterConnectionString = builder.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public Durability Durability { get; }

    private string WriterConnectionString { get; }

    /// <summary>The writer every write goes through; started by the first write.</summary>
    public GroupCommitWriter Writer
    {
        get
        {
            lock (writerLock)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                return writer ??= new GroupCommitWriter(OpenWriterConnection);
            }
        }
    }

    /// <summary>A pooled connection for reads (and for migrations, before the writer starts).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        if (!SecureDeleteOn.TryGetValue(connection.Handle!, out _))
        {
            EnableSecureDelete(connection);
            SecureDeleteOn.AddOrUpdate(connection.Handle!, Configured);
        }

        return connection;
    }

    private SqliteConnection OpenWriterConnection()
    {
        var connection = new SqliteConnection(WriterConnectionString);
        connection.Open();
        EnableSecureDelete(connection);
        using var command = connection.CreateCommand();
        // Per connection: WAL with NORMAL syncs at checkpoints, FULL at every commit (docs/ARCHITECTURE.md).
        command.CommandText = Durability == Durability.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }

    // Deleted and overwritten content is zeroed, not left in free space, so erased data leaves the file.
    private static void EnableSecureDelete(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
    }

    /// <summary>Moves the WAL into the file and empties it, so overwritten values are left in neither.</summary>
    public Task CheckpointAsync() => Writer.RunAloneAsync(connection => Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);"));

    /// <summary>
    /// Rewrites the file (VACUUM, so no page keeps bytes of rows gone before secure_delete applied) and
    /// moves the WAL into it and empties it (<c>wal_checkpoint(TRUNCATE)</c>): after an erasure, the old
    /// values are in neither file.
    /// </summary>
    public Task CompactAsync() => Writer.RunAloneAsync(connection => Execute(connection, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);"));

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Lets the writer finish what is queued, then closes its connection.</summary>
    public void Dispose()
    {
        GroupCommitWriter? running;
        lock (writerLock)
        {
            disposed = true;
            running = writer;
        }

        running?.Dispose();
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
