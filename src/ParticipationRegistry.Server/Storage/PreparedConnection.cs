using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// A pooled connection seen as the commands it keeps prepared, by SQL text: a hot read then costs its
/// execution, not parsing and planning its SQL again (Microsoft.Data.Sqlite prepares a new command every
/// time). Each statement runs as its own autocommit read, so it sees every write committed before it starts.
/// </summary>
public sealed class PreparedConnection
{
    private readonly SqliteConnection connection;
    private readonly Dictionary<string, SqliteCommand> commands;

    internal PreparedConnection(SqliteConnection connection)
    {
        this.connection = connection;
        // A connection from outside the pool keeps its commands for this unit of work only.
        commands = connection is PooledConnection pooled ? pooled.Statements : new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (a constant text: each is kept for the connection's life) with the values given
    /// for its named parameters; dispose the reader before running the same SQL again.
    /// </summary>
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
}
