using Grpc.Core;
using Microsoft.Data.Sqlite;
using Npgsql;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary>
/// StorageFaults.Classify: which errors of either engine are faults of the database itself (and which status
/// each gives), and which are not (a busy database, a constraint, a serialization failure: the caller's or retried).
/// </summary>
public sealed class StorageFaultClassificationTests
{
    [Theory]
    [InlineData(10, StorageFaultKind.Unavailable, "SQLITE_IOERR")]
    [InlineData(778, StorageFaultKind.Unavailable, "SQLITE_IOERR")] // SQLITE_IOERR_WRITE
    [InlineData(11, StorageFaultKind.Unavailable, "SQLITE_CORRUPT")]
    [InlineData(267, StorageFaultKind.Unavailable, "SQLITE_CORRUPT")] // SQLITE_CORRUPT_VTAB
    [InlineData(14, StorageFaultKind.Unavailable, "SQLITE_CANTOPEN")]
    [InlineData(26, StorageFaultKind.Unavailable, "SQLITE_NOTADB")]
    [InlineData(13, StorageFaultKind.Full, "SQLITE_FULL")]
    [InlineData(8, StorageFaultKind.ReadOnly, "SQLITE_READONLY")]
    [InlineData(1032, StorageFaultKind.ReadOnly, "SQLITE_READONLY")] // SQLITE_READONLY_DBMOVED
    public void A_sqlite_fault_of_the_database_is_classified_by_its_primary_code(int code, StorageFaultKind kind, string name)
    {
        var fault = StorageFaults.Classify(new SqliteException("test", code, code));

        Assert.NotNull(fault);
        Assert.Equal(kind, fault.Kind);
        Assert.Equal(name, fault.Name);
        Assert.Equal(code, fault.Code);
    }

    [Theory]
    [InlineData(5)] // SQLITE_BUSY: retried, answered UNAVAILABLE "busy" by the error interceptor, no fault
    [InlineData(6)] // SQLITE_LOCKED
    [InlineData(19)] // SQLITE_CONSTRAINT: a caller's write, not the database
    [InlineData(1)] // SQLITE_ERROR
    public void Other_sqlite_errors_are_not_storage_faults(int code) =>
        Assert.Null(StorageFaults.Classify(new SqliteException("test", code, code)));

    [Theory]
    [InlineData("25006", StorageFaultKind.ReadOnly)]
    [InlineData("53100", StorageFaultKind.Full)]
    [InlineData("53000", StorageFaultKind.Full)]
    [InlineData("53200", StorageFaultKind.Full)]
    [InlineData("08006", StorageFaultKind.Unavailable)]
    [InlineData("08001", StorageFaultKind.Unavailable)]
    [InlineData("57P01", StorageFaultKind.Unavailable)]
    [InlineData("57P03", StorageFaultKind.Unavailable)]
    [InlineData("58030", StorageFaultKind.Unavailable)]
    [InlineData("XX000", StorageFaultKind.Unavailable)]
    public void A_postgres_fault_is_classified_by_its_sqlstate(string sqlState, StorageFaultKind kind)
    {
        var fault = StorageFaults.Classify(new PostgresException("test", "ERROR", "ERROR", sqlState));

        Assert.NotNull(fault);
        Assert.Equal(kind, fault.Kind);
        Assert.Equal(sqlState, fault.Name);
    }

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("40001")] // serialization failure: retried write by write
    [InlineData("40P01")] // deadlock
    [InlineData("57014")] // query cancelled (a caller gone)
    [InlineData("42601")] // syntax error: a bug, not the database
    public void Other_postgres_errors_are_not_storage_faults(string sqlState) =>
        Assert.Null(StorageFaults.Classify(new PostgresException("test", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_postgres_connection_that_does_not_answer_and_a_moved_file_are_unavailable()
    {
        var refused = StorageFaults.Classify(new NpgsqlException("refused", new System.Net.Sockets.SocketException(111)));
        Assert.Equal(new StorageFault(StorageFaultKind.Unavailable, 0, "POSTGRES_CONNECTION"), refused);
        Assert.Equal(new StorageFault(StorageFaultKind.Unavailable, 0, "FILE_MISSING"), StorageFaults.Classify(new DatabaseFileMissingException("/x/registry.db")));
        Assert.Null(StorageFaults.Classify(new InvalidOperationException("a bug")));
    }

    [Theory]
    [InlineData(StorageFaultKind.ReadOnly, "SQLITE_READONLY", StatusCode.FailedPrecondition, "DATABASE_READ_ONLY", "sqlite_error")]
    [InlineData(StorageFaultKind.Full, "SQLITE_FULL", StatusCode.ResourceExhausted, "DATABASE_FULL", "sqlite_error")]
    [InlineData(StorageFaultKind.Unavailable, "SQLITE_CORRUPT", StatusCode.Unavailable, "DATABASE_UNAVAILABLE", "sqlite_error")]
    [InlineData(StorageFaultKind.Unavailable, "FILE_MISSING", StatusCode.Unavailable, "DATABASE_UNAVAILABLE", "sqlite_error")]
    [InlineData(StorageFaultKind.Full, "53100", StatusCode.ResourceExhausted, "DATABASE_FULL", "postgres_error")]
    [InlineData(StorageFaultKind.Unavailable, "08006", StatusCode.Unavailable, "DATABASE_UNAVAILABLE", "postgres_error")]
    public void Each_kind_of_fault_has_its_status_reason_and_metadata(StorageFaultKind kind, string name, StatusCode code, string reason, string key)
    {
        var e = ErrorInterceptor.ToRpcException(new StorageFault(kind, 0, name));

        Assert.Equal(code, e.StatusCode);
        var info = e.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal(reason, info.Reason);
        Assert.Equal(name, Assert.Single(info.Metadata, m => m.Key == key).Value);
    }
}
