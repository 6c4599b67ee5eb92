using Microsoft.Data.Sqlite;
using Npgsql;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// The cancellation of the call this flow serves (the gRPC call's deadline and its client going, or an HTTP
/// page's request aborted), set once where the call enters (<c>Common/ErrorInterceptor</c>, <c>Reports/ReportPages</c>,
/// <c>Programme/ProgrammeFeed</c>, the form's GET in <c>Declarations/DeclarationForm</c>)
/// and flowing with the call's awaits and tasks. Every read connection a call leases watches it
/// (<see cref="Database.Open"/>): when it fires, SQLite's running statement is interrupted (<c>sqlite3_interrupt</c>),
/// PostgreSQL's running command cancelled, and no further statement starts on that connection. The writer's
/// connection never watches it: a write whose caller has gone commits or never starts, never half.
/// </summary>
public static class CallCancellation
{
    private static readonly AsyncLocal<CancellationToken> Token = new();

    /// <summary>The current call's cancellation; none outside a call (start-up, the writer, maintenance).</summary>
    public static CancellationToken Current
    {
        get => Token.Value;
        set => Token.Value = value;
    }

    /// <summary>
    /// True when <paramref name="e"/> is how work ends because <paramref name="cancellation"/> fired: an interrupted
    /// SQLite statement (SQLITE_INTERRUPT), a cancelled PostgreSQL query (57014) or an <see cref="OperationCanceledException"/>.
    /// Such an end is the caller's doing, never a fault of the database.
    /// </summary>
    public static bool Stopped(Exception e, CancellationToken cancellation) => cancellation.IsCancellationRequested && IsCancellation(e);

    /// <summary>Whether <paramref name="e"/> is an interruption or cancellation (of whatever cause).</summary>
    public static bool IsCancellation(Exception e) => e switch
    {
        OperationCanceledException => true,
        SqliteException s => (s.SqliteErrorCode & 0xFF) == SqliteInterrupt,
        PostgresException p => p.SqlState == PostgresErrorCodes.QueryCanceled,
        NpgsqlException { InnerException: { } inner } => IsCancellation(inner),
        _ => false,
    };

    /// <summary>SQLite's result code of an interrupted statement.</summary>
    public const int SqliteInterrupt = 9;
}
