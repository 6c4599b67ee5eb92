using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Access;

/// <summary>Refuses every gRPC call its caller may not make (<see cref="AccessRules"/>), before the method runs.</summary>
public sealed class AccessInterceptor(IKeyStore keys) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, request as IMessage);
        var response = await continuation(request, context);
        // A session an organiser key creates becomes the key's.
        var caller = context.GetCaller();
        if (response is Session session && caller.Role == Role.Organizer && ResourceName.TryParse<SessionName>(session.Name, out var name))
        {
            keys.AddSession(caller.KeyId!, name);
        }

        return response;
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, request as IMessage);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, null);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, null);
        return continuation(requestStream, responseStream, context);
    }

    private static void Authorize(ServerCallContext context, IMessage? request)
    {
        var http = context.GetHttpContext();
        if (http.GetCredentialProblem() is { } problem)
        {
            throw Refuse(RegistryException.Unauthenticated(problem));
        }

        var caller = http.GetCaller();
        if (!AccessRules.ByMethod.TryGetValue(context.Method, out var rule))
        {
            throw Refuse(RegistryException.PermissionDenied($"{context.Method} has no access rule, so nobody may call it."));
        }

        if (rule.Need == Need.Anyone)
        {
            return;
        }

        if (caller.IsAnonymous)
        {
            throw Refuse(RegistryException.Unauthenticated("This call needs an API key: send 'authorization: Bearer <secret>'."));
        }

        var allowed = rule.Need switch
        {
            Need.AnyKey => true,
            Need.Editor => caller.IsStaff || (caller.Role == Role.Organizer && request is not null && rule.Organizer?.Invoke(request, caller) == true),
            _ => caller.Role == Role.Admin,
        };
        if (!allowed)
        {
            throw Refuse(RegistryException.PermissionDenied(Denial(rule, caller)));
        }
    }

    private static string Denial(AccessRule rule, Caller caller) => rule.Need switch
    {
        Need.Admin => $"Only an admin key may make this call; {caller.KeyName} is {ProtoEnums.NameOf(caller.Role)}.",
        _ when caller.Role == Role.Organizer && rule.Organizer is not null =>
            $"{caller.KeyName} is an organiser key: it may make this call only for its own sessions, and may not accept, schedule or hold them.",
        _ => $"Only an editor or admin key may make this call; {caller.KeyName} is {ProtoEnums.NameOf(caller.Role)}.",
    };

    // Thrown as an RpcException, so that the refusal reads the same wherever this interceptor sits.
    private static RpcException Refuse(RegistryException e) => ErrorInterceptor.ToRpcException(e);
}
