using Dapper;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// Queries for hot paths: the statement is prepared once per pooled connection and reused, where a
/// Dapper call prepares it anew each time (a third of a cheap Get). Rows are mapped by Dapper's row parser.
/// </summary>
public static class PreparedStatements
{
    // A statement's columns never change, so its row parser is built once (Dapper's own cache keys on every column name per call).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Sql, Type Row), Delegate> Parsers = new();

    /// <summary>The first row of <paramref name="sql"/>, or default; parameters are (name, value) with the name as written in the SQL.</summary>
    public static T? QueryFirstOrDefaultPrepared<T>(this SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Prepared(connection, sql, parameters);
        try
        {
            using var reader = command.ExecuteReader();
            return reader.Read() ? ParserOf<T>(sql, reader)(reader) : default;
        }
        finally
        {
            Release(connection, command);
        }
    }

    /// <summary>Every row of <paramref name="sql"/>, read into a list.</summary>
    public static List<T> QueryPrepared<T>(this SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Prepared(connection, sql, parameters);
        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            if (reader.Read())
            {
                var parse = ParserOf<T>(sql, reader);
                do
                {
                    rows.Add(parse(reader));
                }
                while (reader.Read());
            }

            return rows;
        }
        finally
        {
            Release(connection, command);
        }
    }

    private static Func<System.Data.Common.DbDataReader, T> ParserOf<T>(string sql, SqliteDataReader reader) =>
        (Func<System.Data.Common.DbDataReader, T>)Parsers.GetOrAdd((sql, typeof(T)), static (_, r) => r.GetRowParser<T>(), reader);

    private static SqliteCommand Prepared(SqliteConnection connection, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        SqliteCommand? command = null;
        if (connection is PooledConnection pooled)
        {
            // Taken out while in use, so a query run from inside another's row loop gets its own.
            if (pooled.Statements.Remove(sql, out command))
            {
                command.Transaction = null;
            }
        }

        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    private static void Release(SqliteConnection connection, SqliteCommand command)
    {
        if (connection is PooledConnection pooled && pooled.Statements.TryAdd(command.CommandText, command))
        {
            return;
        }

        command.Dispose();
    }
}
