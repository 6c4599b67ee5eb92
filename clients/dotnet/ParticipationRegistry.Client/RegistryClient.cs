using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Client;

/// <summary>
/// Every service client of the registry over one channel that sends the API key on each call and
/// turns failed unary calls into <see cref="RegistryCallException"/>.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private readonly GrpcChannel _channel;

    private RegistryClient(GrpcChannel channel)
    {
        _channel = channel;
        var invoker = channel.Intercept(new ErrorTranslation());
        Stakeholders = new StakeholderService.StakeholderServiceClient(invoker);
        Meetings = new MeetingService.MeetingServiceClient(invoker);
        Balance = new BalanceService.BalanceServiceClient(invoker);
        Reports = new ReportService.ReportServiceClient(invoker);
        Keys = new KeyService.KeyServiceClient(invoker);
        Audit = new AuditService.AuditServiceClient(invoker);
        Admin = new AdminService.AdminServiceClient(invoker);
        Health = new Health.HealthClient(invoker);
    }

    /// <summary>People and organisations.</summary>
    public StakeholderService.StakeholderServiceClient Stakeholders { get; }

    /// <summary>Forums, meetings, sessions, seats and registrations.</summary>
    public MeetingService.MeetingServiceClient Meetings { get; }

    /// <summary>Balance policies, panel checks and suggestions.</summary>
    public BalanceService.BalanceServiceClient Balance { get; }

    /// <summary>Diversity reports.</summary>
    public ReportService.ReportServiceClient Reports { get; }

    /// <summary>API keys (admin only).</summary>
    public KeyService.KeyServiceClient Keys { get; }

    /// <summary>The audit trail (admin only).</summary>
    public AuditService.AuditServiceClient Audit { get; }

    /// <summary>Backups (admin only).</summary>
    public AdminService.AdminServiceClient Admin { get; }

    /// <summary>The standard gRPC health check (no key needed).</summary>
    public Health.HealthClient Health { get; }

    /// <summary>
    /// A client for the registry at <paramref name="address"/> sending <c>authorization: Bearer
    /// <paramref name="apiKey"/></c>; over <c>http://</c> (h2c) too, so keep plain addresses on loopback.
    /// </summary>
    public static RegistryClient Create(string address, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var key = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {apiKey}");
            return Task.CompletedTask;
        });
        var secure = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        return new RegistryClient(GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, key),
            UnsafeUseInsecureChannelCallCredentials = !secure,
        }));
    }

    /// <summary>Closes the channel.</summary>
    public void Dispose() => _channel.Dispose();

    /// <summary>Rethrows every failed unary call as a <see cref="RegistryCallException"/>.</summary>
    private sealed class ErrorTranslation : Interceptor
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(
            TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context,
            BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            try
            {
                return continuation(request, context);
            }
            catch (RpcException e) when (e is not RegistryCallException)
            {
                throw new RegistryCallException(e);
            }
        }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context,
            AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            var call = continuation(request, context);
            return new AsyncUnaryCall<TResponse>(Translate(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
        }

        private static async Task<TResponse> Translate<TResponse>(Task<TResponse> response)
        {
            try
            {
                return await response.ConfigureAwait(false);
            }
            catch (RpcException e) when (e is not RegistryCallException)
            {
                throw new RegistryCallException(e);
            }
        }
    }
}
