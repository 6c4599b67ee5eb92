using System.Data.Common;
using Dapper;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// PostgreSQL's answer to SQLite's <c>data_version</c> watch: one <c>REPEATABLE READ</c>, read-only
/// transaction exports its snapshot (<c>pg_export_snapshot()</c>), and every connection <see cref="Database.Open"/>
/// hands out on the same logical flow until this is disposed (the tasks it starts included: an
/// <see cref="AsyncLocal{T}"/>) begins its own read-only transaction on that snapshot. A report's parallel
/// reads thus describe one committed state, whatever other servers write meanwhile.
/// </summary>
public sealed class SharedSnapshot : IDisposable
{
    private static readonly AsyncLocal<SharedSnapshot?> Current = new();

    private readonly DbConnection exporter;
    private readonly SharedSnapshot? outer;
    private int disposed;

    private SharedSnapshot(DbConnection exporter, string id, SharedSnapshot? outer)
    {
        this.exporter = exporter;
        this.outer = outer;
        Id = id;
    }

    /// <summary>The exported snapshot's identifier.</summary>
    public string Id { get; }

    /// <summary>Begins the exporting transaction on <paramref name="connection"/> (which this then owns) and makes it the flow's snapshot.</summary>
    internal static SharedSnapshot Export(DbConnection connection)
    {
        try
        {
            connection.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            var id = connection.ExecuteScalar<string>("SELECT pg_export_snapshot()")!;
            var snapshot = new SharedSnapshot(connection, id, Current.Value);
            Current.Value = snapshot;
            return snapshot;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A new connection of the flow: inside the flow's snapshot when there is one (returned to the pool, its transaction is rolled back).</summary>
    internal static DbConnection Join(DbConnection connection)
    {
        if (Current.Value is not { } snapshot)
        {
            return connection;
        }

        try
        {
            // SET TRANSACTION SNAPSHOT takes no parameter; the id is PostgreSQL's own (digits and dashes).
            connection.Execute($"BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '{snapshot.Id.Replace("'", "", StringComparison.Ordinal)}'");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (ReferenceEquals(Current.Value, this))
        {
            Current.Value = outer;
        }

        try
        {
            exporter.Execute("COMMIT TRANSACTION");
        }
        finally
        {
            exporter.Dispose();
        }
    }
}
