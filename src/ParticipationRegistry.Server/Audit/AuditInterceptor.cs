using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ParticipationRegistry.Server.Access;

namespace ParticipationRegistry.Server.Audit;

/// <summary>
/// Appends to the audit trail what a call did (<see cref="AuditedMethods"/>) once it succeeded. It sits
/// inside <see cref="AccessInterceptor"/>, so a refused call never reaches it and appends nothing.
/// </summary>
public sealed class AuditInterceptor(AuditTrail trail) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context);
        if (request is IMessage message && response is IMessage result && AuditedMethods.EventsOf(context.Method, message, result) is { Count: > 0 } events)
        {
            await trail.AppendAsync(context.GetCaller().KeyId ?? "", events);
        }

        return response;
    }
}
