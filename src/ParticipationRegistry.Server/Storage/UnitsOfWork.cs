using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Storage;

/// <summary>The shapes a store's unit of work takes: one pooled connection each, writes in one transaction.</summary>
public static class UnitsOfWork
{
    /// <summary>Runs <paramref name="read"/> on its own connection, outside any transaction.</summary>
    public static T Read<T>(this Database database, Func<SqliteConnection, T> read)
    {
        using var connection = database.Open();
        return read(connection);
    }

    /// <summary>Runs <paramref name="write"/> in one transaction, committed only when it returns.</summary>
    public static T Write<T>(this Database database, Func<SqliteConnection, SqliteTransaction, T> write)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var result = write(connection, transaction);
        transaction.Commit();
        return result;
    }

    /// <inheritdoc cref="Write{T}"/>
    public static void Write(this Database database, Action<SqliteConnection, SqliteTransaction> write) =>
        database.Write((connection, transaction) =>
        {
            write(connection, transaction);
            return 0;
        });

    /// <summary>
    /// A create under a request id (AIP-155): <paramref name="create"/> runs in one transaction unless
    /// <paramref name="claim"/> was seen before, in which case the first response is replayed.
    /// </summary>
    public static Created<TRow> CreateOnce<TRow>(
        this Database database,
        RequestIdClaim? claim,
        TimeProvider clock,
        Func<SqliteConnection, SqliteTransaction, TRow> create,
        Func<TRow, byte[]> encodeResponse)
    {
        using var connection = database.Open();
        return RequestLedger.CreateOnce(connection, claim, clock.GetUtcNow(), transaction => create(connection, transaction), encodeResponse);
    }
}

/// <summary>
/// Writes of versioned rows. The etag is the version, compared in the statement's WHERE clause, so
/// a write that touched no row met a stale etag.
/// </summary>
public static class Versioned
{
    /// <summary>Gives a new row its id, both times and version 1.</summary>
    public static T Stamped<T>(T row, string id, TimeProvider clock)
        where T : IVersionedRow
    {
        row.Id = id;
        row.CreateTime = row.UpdateTime = Times.ToText(clock.GetUtcNow());
        row.Version = 1;
        return row;
    }

    /// <summary>ABORTED (etag mismatch on <paramref name="name"/>) when the versioned write touched no row.</summary>
    public static void Check(int written, string name)
    {
        if (written == 0)
        {
            throw RegistryException.EtagMismatch(name);
        }
    }

    /// <summary>As <see cref="Check"/>; then <paramref name="row"/> carries the version the write gave it.</summary>
    public static T Checked<T>(int written, T row, long previousVersion, string name)
        where T : IVersionedRow
    {
        Check(written, name);
        row.Version = previousVersion + 1;
        return row;
    }
}
