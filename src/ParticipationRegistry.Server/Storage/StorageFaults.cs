using Microsoft.Data.Sqlite;
using Npgsql;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// Whether writes currently fail because of the database itself (read-only, full, missing, corrupt,
/// failing I/O) rather than because of what a caller sent. The writer reports every group's outcome:
/// the first fault (or a change of fault) is logged once at error, the recovery once at warning, never
/// once per call; health reads <see cref="Current"/> and answers NOT_SERVING while it is set.
/// </summary>
/// <param name="openedReadOnly">
/// Opened read-only on purpose (<c>--read-only</c>): a refused write is logged once at warning and counted, but is
/// no fault of the database, so health stays SERVING (the server serves reads, as asked).
/// </param>
public sealed partial class StorageFaults(bool openedReadOnly = false)
{
    private readonly Lock gate = new();
    private ILogger? logger;
    private long hits;
    private volatile StorageFault? current;
    private long lastFailure;
    private int readOnlyLogged;

    /// <summary>
    /// How long after the last failed write a commit must come to end the fault: on a full disk, a small write
    /// that still fits must not flip health (and the log) back and forth while larger ones keep failing.
    /// </summary>
    public static readonly TimeSpan RecoveryQuiet = TimeSpan.FromSeconds(2);

    /// <summary>Raised (on the writer's thread) when a fault starts, changes or ends.</summary>
    public event Action? Changed;

    /// <summary>The fault writes fail with now; null while writes commit.</summary>
    public StorageFault? Current => current;

    /// <summary>How many writes (groups or single writes) failed with a storage fault since start.</summary>
    public long Hits => Interlocked.Read(ref hits);

    /// <summary>Where the state changes are logged; set once the host's logging exists.</summary>
    public void UseLogger(ILogger storageLogger) => logger = storageLogger;

    /// <summary>The fault <paramref name="e"/> is, or null when it is not one of the database's own (a caller's mistake, a constraint).</summary>
    public static StorageFault? Classify(Exception e) => e switch
    {
        // Primary code: extended codes (SQLITE_IOERR_WRITE = 778, …) keep it in their low byte.
        SqliteException s => (s.SqliteErrorCode & 0xFF) switch
        {
            8 => new StorageFault(StorageFaultKind.ReadOnly, s.SqliteErrorCode, "SQLITE_READONLY"),
            13 => new StorageFault(StorageFaultKind.Full, s.SqliteErrorCode, "SQLITE_FULL"),
            10 => new StorageFault(StorageFaultKind.Unavailable, s.SqliteErrorCode, "SQLITE_IOERR"),
            11 => new StorageFault(StorageFaultKind.Unavailable, s.SqliteErrorCode, "SQLITE_CORRUPT"),
            14 => new StorageFault(StorageFaultKind.Unavailable, s.SqliteErrorCode, "SQLITE_CANTOPEN"),
            26 => new StorageFault(StorageFaultKind.Unavailable, s.SqliteErrorCode, "SQLITE_NOTADB"),
            // SQLITE_INTERRUPT: a read stopped because its caller went (CallCancellation), never the database's fault.
            CallCancellation.SqliteInterrupt => null,
            _ => null,
        },
        DatabaseFileMissingException => new StorageFault(StorageFaultKind.Unavailable, 0, "FILE_MISSING"),
        PostgresException p => ClassifyPostgres(p.SqlState),
        // No answer from PostgreSQL at all: refused or broken connection, timeout, failover in progress.
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } =>
            new StorageFault(StorageFaultKind.Unavailable, 0, "POSTGRES_CONNECTION"),
        NpgsqlException { IsTransient: true } => new StorageFault(StorageFaultKind.Unavailable, 0, "POSTGRES_CONNECTION"),
        _ => null,
    };

    // SQLSTATE classes (PostgreSQL Appendix A): 53 insufficient resources, 08 connection, 57P admin shutdowns, 58 system errors, XX internal.
    private static StorageFault? ClassifyPostgres(string state) => state switch
    {
        PostgresErrorCodes.ReadOnlySqlTransaction => new StorageFault(StorageFaultKind.ReadOnly, 0, state),
        PostgresErrorCodes.DiskFull or PostgresErrorCodes.InsufficientResources or PostgresErrorCodes.OutOfMemory =>
            new StorageFault(StorageFaultKind.Full, 0, state),
        _ when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal)
            || state.StartsWith("58", StringComparison.Ordinal) || state.StartsWith("XX", StringComparison.Ordinal) =>
            new StorageFault(StorageFaultKind.Unavailable, 0, state),
        _ => null,
    };

    /// <summary>A write failed with <paramref name="e"/>; true when it is a storage fault.</summary>
    public bool Failed(Exception e) => Classify(e) is { } fault && Mark(fault, e, reading: false);

    /// <summary>
    /// A call's read failed with <paramref name="e"/>: a corrupt page or failing I/O found by a read makes the database
    /// unusable as much as one found by a write, so it is logged (once, as the writes' faults) and health turns
    /// NOT_SERVING until a write commits again after <see cref="RecoveryQuiet"/>. True when it is a storage fault.
    /// </summary>
    public bool ReadFailed(Exception e) =>
        Classify(e) is { Kind: StorageFaultKind.Unavailable } fault && Mark(fault, e, reading: true);

    private bool Mark(StorageFault fault, Exception e, bool reading)
    {

        Interlocked.Increment(ref hits);
        if (openedReadOnly && fault.Kind == StorageFaultKind.ReadOnly)
        {
            if (Interlocked.Exchange(ref readOnlyLogged, 1) == 0 && logger is not null)
            {
                Log.OpenedReadOnly(logger, fault.Name, fault.Code);
            }

            return true;
        }

        Interlocked.Exchange(ref lastFailure, Environment.TickCount64);
        lock (gate)
        {
            if (current == fault)
            {
                return true;
            }

            current = fault;
        }

        if (logger is not null && reading)
        {
            Log.ReadsFailing(logger, fault.Name, fault.Code, fault.Kind, e.Message);
        }
        else if (logger is not null)
        {
            Log.WritesFailing(logger, fault.Name, fault.Code, fault.Kind, e.Message);
        }

        Changed?.Invoke();

        return true;
    }

    /// <summary>A write committed: the fault, if any, is over once no write failed for <see cref="RecoveryQuiet"/>.</summary>
    public void Committed()
    {
        if (current is null || Environment.TickCount64 - Interlocked.Read(ref lastFailure) < (long)RecoveryQuiet.TotalMilliseconds)
        {
            return;
        }

        StorageFault? was;
        lock (gate)
        {
            was = current;
            current = null;
        }

        if (was is not null && logger is not null)
        {
            Log.WritesRecovered(logger, was.Name);
        }

        Changed?.Invoke();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Database writes fail: {Name} ({Code}), {Kind}: {Detail}. Writes are refused until this is fixed; health is NOT_SERVING")]
        public static partial void WritesFailing(ILogger logger, string name, int code, StorageFaultKind kind, string detail);

        [LoggerMessage(Level = LogLevel.Error, Message = "Database reads fail: {Name} ({Code}), {Kind}: {Detail}. Health is NOT_SERVING until a write commits again; stop the server and restore a backup")]
        public static partial void ReadsFailing(ILogger logger, string name, int code, StorageFaultKind kind, string detail);

        [LoggerMessage(Level = LogLevel.Warning, Message = "A write was refused: the database is open read-only (--read-only), {Name} ({Code}); writes are refused, reads served. Logged once")]
        public static partial void OpenedReadOnly(ILogger logger, string name, int code);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Database writes commit again after {Name}; health is SERVING")]
        public static partial void WritesRecovered(ILogger logger, string name);
    }
}

/// <summary>What is wrong with the database: the status kind, SQLite's code (0: found by the server itself) and its name.</summary>
public sealed record StorageFault(StorageFaultKind Kind, int Code, string Name);

public enum StorageFaultKind
{
    /// <summary>The file or connection is read-only: FAILED_PRECONDITION, DATABASE_READ_ONLY.</summary>
    ReadOnly,

    /// <summary>The disk (or max_page_count) is full: RESOURCE_EXHAUSTED, DATABASE_FULL.</summary>
    Full,

    /// <summary>The file is missing, corrupt or failing I/O: UNAVAILABLE, DATABASE_UNAVAILABLE.</summary>
    Unavailable,
}

/// <summary>The database file is no longer where the server opened it: writes would go to an unlinked file and be lost.</summary>
public sealed class DatabaseFileMissingException(string path) : IOException(
    $"The database file '{path}' was deleted or moved while the server ran; writes are refused so that none is lost in an unlinked file.");
