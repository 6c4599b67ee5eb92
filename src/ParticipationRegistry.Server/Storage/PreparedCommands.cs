using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// Commands prepared once per connection and reused: for the hot statements of the writer, whose one
/// connection lives as long as the server, so each is parsed once rather than at every write. Only for
/// a connection one thread uses at a time; closing the connection disposes them.
/// </summary>
public static class PreparedCommands
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Cache = [];

    /// <summary>The prepared command for <paramref name="sql"/> on this connection, in <paramref name="transaction"/>, its parameters <c>$1</c>, <c>$2</c>… set to <paramref name="values"/>.</summary>
    public static SqliteCommand Prepared(this SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<object?> values)
    {
        var commands = Cache.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 1; i <= values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter($"${i}", null));
            }

            command.Prepare();
            commands[sql] = command;
        }

        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }
}
