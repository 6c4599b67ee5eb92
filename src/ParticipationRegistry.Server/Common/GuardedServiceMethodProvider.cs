using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// Binds every gRPC service as grpc-dotnet's own binder does, but with request marshallers that turn
/// a body that is not a valid message (truncated, a wire type that does not exist, invalid UTF-8 in
/// a string) into INVALID_ARGUMENT, logged once at warning without a stack trace. The request is
/// deserialized before any interceptor runs, so no interceptor can do this; without it the call is
/// UNKNOWN and the framework logs the exception with its stack at error, every time.
/// </summary>
public sealed class GuardedServiceMethodProvider<TService>(ILogger<GuardedServiceMethodProvider<TService>> logger) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var attribute = typeof(TService).GetCustomAttribute<BindServiceMethodAttribute>(inherit: true);
        if (attribute is null)
        {
            return;
        }

        var bind = attribute.BindType
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == attribute.BindMethodName && m.GetParameters() is { Length: 2 } p && p[0].ParameterType == typeof(ServiceBinderBase));
        bind.Invoke(null, [new Binder(context, logger), null]);
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, ILogger logger) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Guard(method), metadata, invoker);
        }

        /// <summary>The service's method as an open delegate, and its endpoint metadata (as grpc-dotnet gathers it).</summary>
        private static (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, params Type[] parameters)
            where TDelegate : Delegate
        {
            var method = typeof(TService).GetMethod(name, parameters)
                ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {name}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(method.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), method), metadata);
        }

        private Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class
            where TResponse : class
        {
            var inner = method.RequestMarshaller;
            var requestType = typeof(TRequest).Name;
            var marshaller = Marshallers.Create<TRequest>(
                inner.ContextualSerializer,
                deserialization =>
                {
                    try
                    {
                        return inner.ContextualDeserializer(deserialization);
                    }
                    catch (InvalidProtocolBufferException e)
                    {
                        Log.MalformedRequest(logger, method.FullName, SafeText.ForLog(e.Message));
                        throw ErrorInterceptor.ToRpcException(new RegistryException(
                            StatusCode.InvalidArgument,
                            ErrorReason.InvalidArgument,
                            $"The request body is not a valid {requestType}: {e.Message}"));
                    }
                });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }
    }
}

public static class GuardedServiceMethods
{
    /// <summary>Replaces grpc-dotnet's binder with <see cref="GuardedServiceMethodProvider{TService}"/> (call after AddGrpc).</summary>
    public static IServiceCollection AddGuardedServiceMethods(this IServiceCollection services)
    {
        var binder = services.SingleOrDefault(d => d.ServiceType == typeof(IServiceMethodProvider<>) && d.ImplementationType?.Name == "BinderServiceMethodProvider`1")
            ?? throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider was not found: was AddGrpc called, or has grpc-dotnet changed?");
        services.Remove(binder);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>)));
        return services;
    }
}
