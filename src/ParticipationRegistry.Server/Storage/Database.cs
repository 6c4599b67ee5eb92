using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// The one SQLite file. Hands out a fresh pooled connection per unit of work; pragmas that
/// are per connection (foreign keys, busy timeout) are set through the connection string, which
/// the pool keeps per connection; <c>secure_delete</c>, which the string cannot carry, when opened.
/// </summary>
public sealed class Database
{
    public Database(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            // Seconds a command waits for the write lock before SQLITE_BUSY surfaces.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        // Deleted and overwritten content is zeroed, not left in free space, so erased data leaves the file.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Rewrites the file (VACUUM, so no page keeps bytes of rows gone before secure_delete applied) and
    /// moves the WAL into it and empties it (<c>wal_checkpoint(TRUNCATE)</c>): after an erasure, the old
    /// values are in neither file.
    /// </summary>
    /// <summary>Moves the WAL into the file and empties it, so overwritten values are left in neither.</summary>
    public void Checkpoint()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    public void Compact()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }
}
