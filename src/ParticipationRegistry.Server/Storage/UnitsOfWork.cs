using System.Data.Common;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Storage;

/// <summary>The shapes a store's unit of work takes: a read on a pooled connection; a write on the writer, in its group's transaction.</summary>
public static class UnitsOfWork
{
    /// <summary>Runs <paramref name="read"/> on its own connection, outside any transaction.</summary>
    public static T Read<T>(this Database database, Func<DbConnection, T> read)
    {
        using var connection = database.Open();
        return read(connection);
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection through the statements it keeps prepared.</summary>
    public static T ReadPrepared<T>(this Database database, Func<PreparedConnection, T> read)
    {
        using var connection = database.Open();
        return read(new PreparedConnection(connection));
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the writer, in the transaction of its group; completes when that
    /// transaction is committed. An exception undoes this write alone.
    /// </summary>
    public static Task<T> WriteAsync<T>(this Database database, Func<DbConnection, DbTransaction, T> write) =>
        database.Writer.WriteAsync(write);

    /// <inheritdoc cref="WriteAsync{T}"/>
    public static Task WriteAsync(this Database database, Action<DbConnection, DbTransaction> write) =>
        database.Writer.WriteAsync((connection, transaction) =>
        {
            write(connection, transaction);
            return 0;
        });

    /// <summary>
    /// A create under a request id (AIP-155): <paramref name="create"/> runs as one write unless
    /// <paramref name="claim"/> was seen before, in which case the first response is replayed.
    /// </summary>
    public static Task<Created<TRow>> CreateOnceAsync<TRow>(
        this Database database,
        RequestIdClaim? claim,
        TimeProvider clock,
        Func<DbConnection, DbTransaction, TRow> create,
        Func<TRow, byte[]> encodeResponse) =>
        database.WriteAsync((connection, transaction) =>
            RequestLedger.CreateOnce(connection, transaction, claim, clock.GetUtcNow(), () => create(connection, transaction), encodeResponse));
}

/// <summary>
/// Writes of versioned rows. The etag is the version, compared in the statement's WHERE clause, so
/// a write that touched no row met a stale etag (ABORTED), never a read-then-write race.
/// </summary>
public static class Versioned
{
    /// <summary>What a write callback gets: the transaction, the row as read, the row to write, and the version it must still have.</summary>
    public sealed record Write<TRow>(DbConnection Connection, DbTransaction Transaction, TRow Current, TRow Row, long Expected);

    /// <summary>Gives a new row its id, both times and version 1.</summary>
    public static T Stamped<T>(T row, string id, TimeProvider clock)
        where T : IVersionedRow
    {
        row.Id = id;
        row.CreateTime = row.UpdateTime = Times.ToText(clock.GetUtcNow());
        row.Version = 1;
        return row;
    }

    /// <summary>
    /// One read-modify-write: reads the current row (its NOT_FOUND is <paramref name="readCurrent"/>'s),
    /// applies <paramref name="change"/> to a copy stamped with the update time, and runs
    /// <paramref name="write"/>, which returns how many rows its versioned UPDATE wrote.
    /// </summary>
    public static Task<TRow> UpdateAsync<TRow>(
        this Database database,
        TimeProvider clock,
        string name,
        long? expectedVersion,
        Func<DbConnection, DbTransaction, TRow> readCurrent,
        Func<TRow, TRow> change,
        Func<Write<TRow>, int> write)
        where TRow : VersionedRow =>
        database.WriteAsync((connection, transaction) =>
        {
            var current = readCurrent(connection, transaction);
            var row = change((TRow)current.Copy());
            row.UpdateTime = Times.ToText(clock.GetUtcNow());
            Check(write(new Write<TRow>(connection, transaction, current, row, expectedVersion ?? current.Version)), name);
            row.Version = current.Version + 1;
            return row;
        });

    /// <summary>
    /// One delete: reads the current row (its NOT_FOUND is <paramref name="readCurrent"/>'s) and runs
    /// <paramref name="delete"/>, which returns how many rows its versioned DELETE (or UPDATE) wrote.
    /// </summary>
    public static Task DeleteAsync<TRow>(
        this Database database,
        string name,
        long? expectedVersion,
        Func<DbConnection, DbTransaction, TRow> readCurrent,
        Func<Write<TRow>, int> delete)
        where TRow : VersionedRow =>
        database.WriteAsync((connection, transaction) =>
        {
            var current = readCurrent(connection, transaction);
            Check(delete(new Write<TRow>(connection, transaction, current, current, expectedVersion ?? current.Version)), name);
        });

    private static void Check(int written, string name)
    {
        if (written == 0)
        {
            throw RegistryException.EtagMismatch(name);
        }
    }
}
