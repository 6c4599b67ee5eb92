using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// Commands prepared once per connection and reused, for hot paths: Microsoft.Data.Sqlite (and Dapper
/// over it) parses and plans a statement anew on every call, a third of a cheap read. The connections
/// that use them live long: the writer's, and the read pool's (<see cref="Database.Open"/>). Only for
/// constant SQL texts, on a connection one thread uses at a time; closing the connection disposes them.
/// On PostgreSQL each call makes a new command: Npgsql's auto-prepare keeps the statement prepared on the
/// physical connection (Max Auto Prepare, set by <see cref="Database"/>), and its pooled connections are new objects per open.
/// </summary>
public static class PreparedCommands
{
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Cache = [];

    // A statement's columns never change, so its row parser is built once (Dapper's own cache keys on every column name per call).
    private static readonly ConcurrentDictionary<(string Sql, Type Row, Type Reader), Delegate> Parsers = new();

    /// <summary>The prepared command for <paramref name="sql"/> on this connection, in <paramref name="transaction"/>, its parameters <c>$1</c>, <c>$2</c>… set to <paramref name="values"/>.</summary>
    public static DbCommand Prepared(this DbConnection connection, DbTransaction? transaction, string sql, params ReadOnlySpan<object?> values)
    {
        if (connection is not SqliteConnection)
        {
            // Positional: an unnamed parameter is $1, $2… in the order added.
            var fresh = Fresh(connection, transaction, sql);
            foreach (var value in values)
            {
                AddParameter(fresh, null, value);
            }

            return fresh;
        }

        var commands = Cache.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = Prepare(connection, commands, sql);
            for (var i = 1; i <= values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter($"${i}", null));
            }

            command.Prepare();
        }

        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>As <see cref="Prepared"/>, outside a transaction, with parameters named as the SQL names them.</summary>
    public static DbCommand PreparedNamed(this DbConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (connection is not SqliteConnection)
        {
            var fresh = Fresh(connection, null, sql);
            foreach (var (name, value) in parameters)
            {
                AddParameter(fresh, name, value);
            }

            return fresh;
        }

        var commands = Cache.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = Prepare(connection, commands, sql);
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
        }

        command.Transaction = null;
        foreach (var (name, value) in parameters)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>The first row of <paramref name="sql"/> (parameters <c>$1</c>, <c>$2</c>…), mapped by Dapper's row parser, or default.</summary>
    public static T? QueryFirstOrDefaultPrepared<T>(this DbConnection connection, DbTransaction? transaction, string sql, params ReadOnlySpan<object?> values)
    {
        using var reader = connection.Prepared(transaction, sql, values).ExecuteReader();
        return reader.Read() ? ParserOf<T>(sql, reader)(reader) : default;
    }

    /// <summary>Every row of <paramref name="sql"/>, read into a list.</summary>
    public static List<T> QueryPrepared<T>(this DbConnection connection, DbTransaction? transaction, string sql, params ReadOnlySpan<object?> values)
    {
        using var reader = connection.Prepared(transaction, sql, values).ExecuteReader();
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

    /// <summary>How many commands this connection keeps prepared.</summary>
    internal static int CountOn(DbConnection connection) => Cache.TryGetValue(connection, out var commands) ? commands.Count : 0;

    // PostgreSQL: a new command per call (Npgsql's auto-prepare keeps the statement prepared on the physical connection).
    private static DbCommand Fresh(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void AddParameter(DbCommand command, string? name, object? value)
    {
        var parameter = command.CreateParameter();
        if (name is not null)
        {
            parameter.ParameterName = name;
        }

        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    // A new command, kept for the connection's life; the caller adds its parameters and prepares it.
    private static DbCommand Prepare(DbConnection connection, Dictionary<string, DbCommand> commands, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        commands[sql] = command;
        return command;
    }

    private static Func<DbDataReader, T> ParserOf<T>(string sql, DbDataReader reader) =>
        (Func<DbDataReader, T>)Parsers.GetOrAdd((sql, typeof(T), reader.GetType()), static (_, r) => r.GetRowParser<T>(), reader);
}
