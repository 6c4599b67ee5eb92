using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// A pooled connection seen as the commands it keeps prepared, by SQL text: a hot read then costs its
/// execution, not parsing and planning its SQL again (Microsoft.Data.Sqlite prepares a new command every
/// time). Each statement runs as its own autocommit read, so it sees every write committed before it starts.
/// </summary>
public sealed class PreparedConnection
{
    private readonly DbConnection connection;

    internal PreparedConnection(DbConnection connection) => this.connection = connection;

    /// <summary>
    /// Runs <paramref name="sql"/> (a constant text: each is kept for the connection's life) with the values given
    /// for its named parameters; dispose the reader before running the same SQL again.
    /// </summary>
    public DbDataReader Query(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        connection.PreparedNamed(sql, parameters).ExecuteReader();
}
