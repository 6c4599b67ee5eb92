using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// Turns refusals into rich gRPC statuses (google.rpc.Status with ErrorInfo and BadRequest) and
/// a busy database into UNAVAILABLE, for every unary method of every service.
/// </summary>
public sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RegistryException e)
        {
            throw ToRpcException(e);
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
    }

    public static RpcException ToRpcException(RegistryException e)
    {
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
            Message = e.Message,
            Details = { Any.Pack(info) },
        };
        if (e.Violations.Count > 0)
        {
            status.Details.Add(Any.Pack(new BadRequest { FieldViolations = { e.Violations } }));
        }

        return status.ToRpcException();
    }
}
