using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// A PostgreSQL connection whose commands drop SQLite's planner hints from their SQL: <c>INDEXED BY index</c>,
/// the unary <c>+</c> that keeps SQLite's planner off an index (<c>+p.meeting_id</c>), and the <c>CROSS</c> of
/// <c>CROSS JOIN t a ON</c> (SQLite's way to fix the join order; an inner join either way). They choose a plan,
/// never a result, and PostgreSQL has no syntax for them (its planner decides from statistics). Nothing else is
/// rewritten: where the dialects really differ, the store asks <see cref="Database.IsPostgres"/> and says both.
/// Flags are 0/1 integers in both schemas (SQLite has no boolean type); a .NET <see cref="bool"/> parameter, which
/// Npgsql would send as a PostgreSQL boolean, is sent as that integer.
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The registry's own SQL texts, with hints removed; values stay parameters.")]
public sealed partial class PostgresConnection(DbConnection inner) : DbConnection
{
    private static readonly ConcurrentDictionary<string, string> Rewritten = new(StringComparer.Ordinal);

    /// <summary>The Npgsql connection underneath.</summary>
    public DbConnection Inner { get; } = inner;

    /// <summary>A parameter's value as PostgreSQL is sent it: a bool as the integer 0 or 1 (as SQLite stores it), null as NULL.</summary>
    internal static object ParameterValue(object? value) => value switch
    {
        null => DBNull.Value,
        bool flag => flag ? 1L : 0L,
        _ => value,
    };

    /// <summary><paramref name="sql"/> without SQLite's planner hints (cached per text: the registry's SQL texts are few).</summary>
    public static string WithoutHints(string sql) => Rewritten.GetOrAdd(sql, static text =>
        !text.Contains("INDEXED", StringComparison.Ordinal) && !text.Contains('+', StringComparison.Ordinal) && !text.Contains("CROSS JOIN", StringComparison.Ordinal)
            ? text
            : CrossJoinOn().Replace(UnaryPlus().Replace(IndexedBy().Replace(text, ""), ""), "JOIN $1 ON"));

    // " INDEXED BY participants_by_session" or " NOT INDEXED" after a table alias.
    [GeneratedRegex(@"\s+(?:INDEXED\s+BY\s+[A-Za-z_][A-Za-z0-9_]*|NOT\s+INDEXED)\b")]
    private static partial Regex IndexedBy();

    // "CROSS JOIN stakeholders st ON": PostgreSQL takes no ON after CROSS JOIN; a plain JOIN is the same inner join.
    [GeneratedRegex(@"\bCROSS\s+JOIN\s+([A-Za-z_][A-Za-z0-9_]*\s+[A-Za-z_][A-Za-z0-9_]*)\s+ON\b")]
    private static partial Regex CrossJoinOn();

    // The "+" of "+e.meeting_id" (after a space, "(" or an operator), not the "+" of "a + b".
    [GeneratedRegex(@"(?<=[\s(,=<>])\+(?=[a-z_][a-z0-9_]*\.[a-z_])")]
    private static partial Regex UnaryPlus();

    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => Inner.ConnectionString = value;
    }

    public override string Database => Inner.Database;

    public override string DataSource => Inner.DataSource;

    public override string ServerVersion => Inner.ServerVersion;

    public override ConnectionState State => Inner.State;

    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

    public override void Close() => Inner.Close();

    public override void Open() => Inner.Open();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => Inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new Command(Inner.CreateCommand(), this);

    private CancellationToken cancellation;
    private CancellationTokenRegistration watch;
    private Database? pool;
    private volatile DbCommand? running;
    private int interrupted;

    /// <summary>
    /// Until disposed, a cancellation of <paramref name="call"/> cancels the command running (Npgsql sends PostgreSQL a
    /// cancel request: 57014 query_canceled) and refuses the next; <paramref name="database"/> counts it.
    /// </summary>
    internal void Watch(Database database, CancellationToken call)
    {
        if (!call.CanBeCanceled)
        {
            return;
        }

        cancellation = call;
        pool = database;
        database.Leased(call);
        watch = call.UnsafeRegister(static state => ((PostgresConnection)state!).CancelRunning(), this);
    }

    private void CancelRunning()
    {
        if (running is { } command)
        {
            Volatile.Write(ref interrupted, 1);
            command.Cancel();
        }
    }

    private void Starting(DbCommand command)
    {
        if (cancellation.IsCancellationRequested)
        {
            pool?.Refused();
            cancellation.ThrowIfCancellationRequested();
        }

        running = command;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (Interlocked.Exchange(ref pool, null) is { } database)
            {
                // Waits for a cancel request already being sent, so none reaches the physical connection's next user.
                watch.Dispose();
                running = null;
                database.Released(Volatile.Read(ref interrupted) == 1);
            }

            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Command(DbCommand inner, PostgresConnection connection) : DbCommand
    {
        [AllowNull]
        public override string CommandText
        {
            get => inner.CommandText;
            set => inner.CommandText = value is null ? null : WithoutHints(value);
        }

        public override int CommandTimeout
        {
            get => inner.CommandTimeout;
            set => inner.CommandTimeout = value;
        }

        public override CommandType CommandType
        {
            get => inner.CommandType;
            set => inner.CommandType = value;
        }

        public override bool DesignTimeVisible
        {
            get => inner.DesignTimeVisible;
            set => inner.DesignTimeVisible = value;
        }

        public override UpdateRowSource UpdatedRowSource
        {
            get => inner.UpdatedRowSource;
            set => inner.UpdatedRowSource = value;
        }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set
            {
                // Commands are made by the connection and stay on it.
            }
        }

        protected override DbParameterCollection DbParameterCollection => inner.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => inner.Transaction;
            set => inner.Transaction = value;
        }

        public override void Cancel() => inner.Cancel();

        public override int ExecuteNonQuery() => Flags().ExecuteNonQuery();

        public override object? ExecuteScalar() => Flags().ExecuteScalar();

        public override void Prepare() => inner.Prepare();

        protected override DbParameter CreateDbParameter() => inner.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Flags().ExecuteReader(behavior);

        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
            Flags().ExecuteReaderAsync(behavior, cancellationToken);

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Flags().ExecuteNonQueryAsync(cancellationToken);

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Flags().ExecuteScalarAsync(cancellationToken);

        // Marks the command running on its connection (refused once the call is cancelled, see Watch). A bool is stored as the integer 0 or 1, as on SQLite.
        private DbCommand Flags()
        {
            connection.Starting(inner);
            foreach (DbParameter parameter in inner.Parameters)
            {
                if (parameter.Value is bool)
                {
                    parameter.DbType = DbType.Int64;
                    parameter.Value = ParameterValue(parameter.Value);
                }
            }

            return inner;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
