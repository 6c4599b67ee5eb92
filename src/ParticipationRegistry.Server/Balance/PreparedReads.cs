using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// Open connections that keep their read commands prepared, lent to one caller at a time: a hot read
/// then costs its execution, not parsing and planning its SQL again (Microsoft.Data.Sqlite prepares a
/// new command every time). Each statement runs as its own autocommit read, so it sees every write
/// committed before it starts.
/// </summary>
public sealed class PreparedReads(Database database) : IDisposable
{
    // Enough for every core to read at once; connections beyond it are closed when returned.
    private static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ConcurrentQueue<PreparedConnection> idle = new();
    private int idleCount;
    private volatile bool disposed;

    public T Read<T>(Func<PreparedConnection, T> read)
    {
        PreparedConnection connection;
        if (idle.TryDequeue(out var taken))
        {
            Interlocked.Decrement(ref idleCount);
            connection = taken;
        }
        else
        {
            connection = new PreparedConnection(database.Open());
        }

        try
        {
            var result = read(connection);
            Return(connection);
            return result;
        }
        catch
        {
            // A failed read may leave a statement mid-way: the connection is not lent again.
            connection.Dispose();
            throw;
        }
    }

    private void Return(PreparedConnection connection)
    {
        if (disposed || Interlocked.Increment(ref idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref idleCount);
            connection.Dispose();
            return;
        }

        idle.Enqueue(connection);
        if (disposed && idle.TryDequeue(out var late))
        {
            late.Dispose();
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryDequeue(out var connection))
        {
            connection.Dispose();
        }
    }
}

/// <summary>One open connection and the commands prepared on it, each kept by its SQL text.</summary>
public sealed class PreparedConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="sql"/> with the values given for its named parameters; the command is prepared once per connection.</summary>
    public SqliteDataReader Query(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
            commands[sql] = command;
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }

        return command.ExecuteReader();
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}
