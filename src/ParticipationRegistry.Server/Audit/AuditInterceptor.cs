using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ParticipationRegistry.Server.Access;

namespace ParticipationRegistry.Server.Audit;

/// <summary>
/// Appends to the audit trail what a call did (<see cref="AuditedMethods"/>) once it succeeded. It sits
/// inside <see cref="AccessInterceptor"/>, so a refused call never reaches it and appends nothing.
/// The events are a write of their own, after the call's: when the database refuses it (full, read-only,
/// gone), the call's own write is already committed, so the caller is still answered with its result (told
/// "nothing was written", it would retry and write twice) and the lost events are logged at error, by name.
/// </summary>
public sealed class AuditInterceptor(AuditTrail trail, ILogger<AuditInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context);
        if (request is IMessage message && response is IMessage result && AuditedMethods.EventsOf(context.Method, message, result, context.UserState) is { Count: > 0 } events)
        {
            try
            {
                await trail.AppendAsync(context.GetCaller().KeyId ?? "", events);
            }
            catch (Exception e) when (Storage.StorageFaults.Classify(e) is { } fault)
            {
                AuditLog.EventsLost(logger, context.Method, fault.Name, string.Join(", ", events.Select(r => r.Resource)));
            }
        }

        return response;
    }
}
