using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// Turns refusals into rich gRPC statuses (google.rpc.Status with ErrorInfo and BadRequest) and
/// a busy database into UNAVAILABLE, for every unary method of every service.
/// </summary>
public sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger, Storage.Database database) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        // Every read of this call, on whatever task, watches the call's deadline and its client (Storage/CallCancellation).
        Storage.CallCancellation.Current = context.CancellationToken;
        try
        {
            if (context.GetHttpContext().GetAuthenticationFault() is { } fault)
            {
                // Authentication could not read the key: the storage fault is this call's answer.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
            }

            return await continuation(request, context);
        }
        catch (RegistryException e)
        {
            throw ToRpcException(e);
        }
        catch (Exception e) when (Storage.CallCancellation.Stopped(e, context.CancellationToken))
        {
            // The caller's doing, not the database's: no fault, no stack, and the status gRPC gives a call that has gone.
            Log.CallStopped(logger, context.Method);
            throw Stopped(context);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            Log.DatabaseBusy(logger, e, context.Method);
            throw new Google.Rpc.Status
            {
                Code = (int)Code.Unavailable,
                Message = "The database is busy; retry with backoff.",
            }.ToRpcException();
        }
        catch (Exception e) when (Storage.StorageFaults.Classify(e) is { } fault)
        {
            // Logged once per fault by StorageFaults, not once per call; the caller's text is in neither. A write's
            // fault was reported by the writer; one a read found (a corrupt page, failing I/O) is reported here.
            if (database.Faults.Current != fault)
            {
                database.Faults.ReadFailed(e);
            }

            throw ToRpcException(fault);
        }
    }

    /// <summary>
    /// The status of a call whose work stopped because it was cancelled: DEADLINE_EXCEEDED once its deadline has passed,
    /// CANCELLED when its client went (or cancelled) first. A client that has gone never reads it.
    /// </summary>
    public static RpcException Stopped(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Deadline <= DateTime.UtcNow
            ? new RpcException(new Grpc.Core.Status(StatusCode.DeadlineExceeded, "The deadline passed; the work was stopped."))
            : new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled; the work was stopped."));
    }

    /// <summary>The status of a write refused by a storage fault: nothing of it (or of its group) was written.</summary>
    public static RpcException ToRpcException(Storage.StorageFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var (code, reason, message) = fault.Kind switch
        {
            Storage.StorageFaultKind.ReadOnly => (Code.FailedPrecondition, ParticipationRegistry.V1.ErrorReason.DatabaseReadOnly,
                "The database is read-only; nothing was written. Reads still work."),
            Storage.StorageFaultKind.Full => (Code.ResourceExhausted, ParticipationRegistry.V1.ErrorReason.DatabaseFull,
                "The database is full (disk or size limit); nothing was written. Retry once space is freed."),
            _ => (Code.Unavailable, ParticipationRegistry.V1.ErrorReason.DatabaseUnavailable,
                "The database file is missing, corrupt or failing; nothing was written."),
        };
        var info = new ErrorInfo { Reason = RegistryException.ReasonNameOf(reason), Domain = RegistryException.Domain };
        // SQLite's result code name (SQLITE_FULL), or PostgreSQL's SQLSTATE (53100) under its own key.
        info.Metadata.Add(fault.Name.StartsWith("SQLITE_", StringComparison.Ordinal) || fault.Name == "FILE_MISSING" ? "sqlite_error" : "postgres_error", fault.Name);
        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } }.ToRpcException();
    }

    public static RpcException ToRpcException(RegistryException e) => ToStatus(e).ToRpcException();

    /// <summary>The google.rpc.Status of a refusal: ErrorInfo, and BadRequest when fields are named (bounded, see <see cref="Bounded"/>).</summary>
    public static Google.Rpc.Status ToStatus(RegistryException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var info = new ErrorInfo { Reason = e.ReasonName, Domain = RegistryException.Domain };
        if (e.Resource is not null)
        {
            info.Metadata.Add("resource", e.Resource);
        }

        if (e.Field is not null)
        {
            info.Metadata.Add("field", e.Field);
        }

        var status = new Google.Rpc.Status
        {
            Code = (int)e.Code,
            Message = SafeText.Escape(e.Message, MaxMessageChars),
            Details = { Any.Pack(info) },
        };
        if (e.Violations.Count > 0)
        {
            status.Details.Add(Any.Pack(new BadRequest { FieldViolations = { Bounded(e.Violations) } }));
        }

        return status;
    }

    /// <summary>Characters of the message an error carries (its grpc-message header and its status).</summary>
    public const int MaxMessageChars = 500;

    /// <summary>Bytes the violations of one error take at most, so the error fits in a client's 8 KB of headers.</summary>
    public const int MaxViolationBytes = 3000;

    /// <summary>
    /// The violations an error carries: each field path and description cut short and escaped, and no
    /// more than fit in <see cref="MaxViolationBytes"/>, the rest counted in one "… and N more".
    /// </summary>
    private static List<BadRequest.Types.FieldViolation> Bounded(IReadOnlyList<BadRequest.Types.FieldViolation> violations)
    {
        var kept = new List<BadRequest.Types.FieldViolation>();
        var bytes = 0;
        for (var i = 0; i < violations.Count; i++)
        {
            var violation = RegistryException.Violation(SafeText.Escape(violations[i].Field, 120), SafeText.Escape(violations[i].Description, 240));
            var size = violation.CalculateSize() + 4;
            if (bytes + size > MaxViolationBytes - 120 && i < violations.Count - 1 || bytes + size > MaxViolationBytes)
            {
                kept.Add(RegistryException.Violation(violation.Field, $"… and {violations.Count - i} more violations not listed."));
                break;
            }

            kept.Add(violation);
            bytes += size;
        }

        return kept;
    }
}
