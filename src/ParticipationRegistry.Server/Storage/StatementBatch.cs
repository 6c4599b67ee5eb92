using System.Data.Common;
using Dapper;
using Npgsql;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// Statements of one write whose outcome the write does not read (an INSERT of known rows, a DELETE), sent with the
/// next query or at <see cref="Flush"/>: on PostgreSQL each statement is a round trip, and an NpgsqlBatch sends the
/// statements queued and the query in one, run in order in the same transaction. On SQLite each runs at once (an
/// in-process call; a prepared command, as <see cref="PreparedCommands.Prepared"/>). A statement's error surfaces at
/// the query or the flush that sent it, and fails the write as it would have at once. Call <see cref="Flush"/> before
/// anything else uses the connection.
/// </summary>
public sealed class StatementBatch(DbConnection connection, DbTransaction transaction)
{
    private readonly List<(string Sql, object?[] Values)> queued = [];

    /// <summary>The connection and transaction the statements run on.</summary>
    public DbConnection Connection => connection;

    /// <inheritdoc cref="Connection"/>
    public DbTransaction Transaction => transaction;

    /// <summary>Runs <paramref name="sql"/> (parameters <c>$1</c>, <c>$2</c>…) now on SQLite, with the next query or flush on PostgreSQL.</summary>
    public void Add(string sql, params object?[] values)
    {
        if (connection is PostgresConnection)
        {
            queued.Add((sql, values));
        }
        else
        {
            connection.Prepared(transaction, sql, values).ExecuteNonQuery();
        }
    }

    /// <summary>The rows of <paramref name="sql"/>, run after the statements queued.</summary>
    public List<T> Query<T>(string sql, params object?[] values)
    {
        if (connection is not PostgresConnection postgres)
        {
            return connection.QueryPrepared<T>(transaction, sql, values);
        }

        queued.Add((sql, values));
        using var batch = Batch(postgres);
        using var reader = batch.ExecuteReader();
        // Npgsql's reader skips the statements that return no rows; should one come first, it is passed over here.
        while (reader.FieldCount == 0 && reader.NextResult())
        {
        }

        var rows = new List<T>();
        if (reader.Read())
        {
            var parse = reader.GetRowParser<T>();
            do
            {
                rows.Add(parse(reader));
            }
            while (reader.Read());
        }

        return rows;
    }

    /// <summary>Sends the statements queued, if any.</summary>
    public void Flush()
    {
        if (queued.Count > 0 && connection is PostgresConnection postgres)
        {
            using var batch = Batch(postgres);
            batch.ExecuteNonQuery();
        }
    }

    // The queued statements as one NpgsqlBatch (emptying the queue), sent as PostgresConnection's commands are: SQLite's hints
    // dropped, values as PostgresConnection.ParameterValue gives them.
    private NpgsqlBatch Batch(PostgresConnection postgres)
    {
        var batch = ((NpgsqlConnection)postgres.Inner).CreateBatch();
        batch.Transaction = (NpgsqlTransaction)transaction;
        foreach (var (sql, values) in queued)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = PostgresConnection.WithoutHints(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = PostgresConnection.ParameterValue(value) });
            }

            batch.BatchCommands.Add(command);
        }

        queued.Clear();
        return batch;
    }
}
