using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>The database's own connection pool and the statements its connections keep prepared.</summary>
// About the SQLite connection pool of Database (PreparedCommands); on PostgreSQL Npgsql pools.
[Trait("Engine", "SqliteOnly")]
public sealed class ConnectionPoolTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("registry-pool-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_returned_connection_is_handed_out_again_with_secure_delete_still_on()
    {
        using var database = new Database(Path.Combine(folder, "pool.db"));
        SqliteConnection first;
        using (first = (SqliteConnection)database.Open())
        {
            Assert.Equal(1L, Scalar(first, "PRAGMA secure_delete;"));
        }

        using var second = database.Open();
        Assert.Same(first, second);
        Assert.Equal(System.Data.ConnectionState.Open, second.State);
        Assert.Equal(1L, Scalar(second, "PRAGMA secure_delete;"));
    }

    [Fact]
    public void Connections_in_use_at_once_are_distinct()
    {
        using var database = new Database(Path.Combine(folder, "pool.db"));
        using var first = database.Open();
        using var second = database.Open();
        Assert.NotSame(first, second);
    }

    [Fact]
    public void A_connection_left_inside_a_transaction_is_closed_not_pooled()
    {
        using var database = new Database(Path.Combine(folder, "pool.db"));
        var leaked = database.Open();
        Scalar(leaked, "BEGIN; SELECT 1;");
        leaked.Dispose();

        Assert.Equal(System.Data.ConnectionState.Closed, leaked.State);
        using var next = database.Open();
        Assert.NotSame(leaked, next);
        // The next connection is not stuck behind a transaction nobody will finish.
        Scalar(next, "CREATE TABLE t (x); INSERT INTO t VALUES (1); SELECT count(*) FROM t;");
    }

    [Fact]
    public void Disposing_the_database_closes_its_idle_connections()
    {
        var database = new Database(Path.Combine(folder, "pool.db"));
        var connection = database.Open();
        connection.Dispose();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);

        database.Dispose();

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
    }

    [Fact]
    public void A_prepared_statement_is_reused_and_rebinds_its_parameters()
    {
        using var database = new Database(Path.Combine(folder, "pool.db"));
        using (var setup = database.Open())
        {
            Scalar(setup, "CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL); INSERT INTO people VALUES ('a', 'Ada'), ('b', 'Bo'); SELECT 1;");
        }

        const string sql = "SELECT id, name FROM people WHERE id = $1";
        using var connection = database.Open();
        Assert.Equal("Ada", connection.QueryFirstOrDefaultPrepared<Person>(null, sql, "a")!.Name);
        var statement = connection.Prepared(null, sql, "a");
        Assert.Equal("Bo", connection.QueryFirstOrDefaultPrepared<Person>(null, sql, "b")!.Name);
        Assert.Null(connection.QueryFirstOrDefaultPrepared<Person>(null, sql, "nobody"));

        Assert.Same(statement, connection.Prepared(null, sql, "b"));
        Assert.Equal(1, PreparedCommands.CountOn((SqliteConnection)connection));
        Assert.Equal(["Ada", "Bo"], connection.QueryPrepared<Person>(null, "SELECT id, name FROM people ORDER BY id").Select(p => p.Name));
    }

    private static object? Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private sealed class Person
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";
    }
}
