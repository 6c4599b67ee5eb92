using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Client;

/// <summary>
/// Every service client of the registry over one channel that sends the API key on each call, gives
/// every call a deadline (<see cref="DefaultCallTimeout"/> unless told otherwise) and turns failed
/// unary calls into <see cref="RegistryCallException"/>.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    /// <summary>
    /// How long a call made without a deadline of its own may take, from the moment it starts until its
    /// answer (a streaming call: until its stream ends), when <see cref="Create(string, string)"/> made the
    /// client: five minutes, well above the largest batch the registry accepts, so that a server or
    /// network that never answers fails the call instead of waiting for ever.
    /// </summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromMinutes(5);

    private readonly GrpcChannel _channel;

    private RegistryClient(GrpcChannel channel, TimeSpan callTimeout)
    {
        _channel = channel;
        // Intercept's last interceptor runs first: the deadline is set before anything else sees the call.
        var invoker = channel.Intercept(new ErrorTranslation()).Intercept(new DefaultDeadline(callTimeout));
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
    /// A call without a deadline of its own gets <see cref="DefaultCallTimeout"/> (five minutes).
    /// </summary>
    public static RegistryClient Create(string address, string apiKey) => Create(address, apiKey, DefaultCallTimeout);

    /// <summary>
    /// As <see cref="Create(string, string)"/>, and every call made without a deadline of its own
    /// (<see cref="CallOptions.Deadline"/> null) gets one <paramref name="callTimeout"/> after it starts: it
    /// fails with <see cref="StatusCode.DeadlineExceeded"/> when the server has not answered by then (a streaming
    /// call: when its stream has not ended). A call that passes a deadline keeps it; pass
    /// <see cref="DateTime.MaxValue"/> for a call that may run without one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="callTimeout"/> is zero or negative.</exception>
    public static RegistryClient Create(string address, string apiKey, TimeSpan callTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(callTimeout, TimeSpan.Zero);
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
        }), callTimeout);
    }

    /// <summary>Closes the channel.</summary>
    public void Dispose() => _channel.Dispose();

    /// <summary>Gives every call that has no deadline one <c>timeout</c> from its start: unary, streaming and blocking calls alike.</summary>
    private sealed class DefaultDeadline(TimeSpan timeout) : Interceptor
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(
            TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context,
            BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
            continuation(request, WithDeadline(context));

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context,
            AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
            continuation(request, WithDeadline(context));

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
            TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context,
            AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
            continuation(request, WithDeadline(context));

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
            ClientInterceptorContext<TRequest, TResponse> context,
            AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
            continuation(WithDeadline(context));

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
            ClientInterceptorContext<TRequest, TResponse> context,
            AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
            continuation(WithDeadline(context));

        private ClientInterceptorContext<TRequest, TResponse> WithDeadline<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
            where TRequest : class
            where TResponse : class
        {
            if (context.Options.Deadline is not null)
            {
                return context;
            }

            var now = DateTime.UtcNow;
            // A timeout beyond the calendar's end (TimeSpan.MaxValue, say) is no deadline at all, not an overflow.
            var deadline = timeout < DateTime.MaxValue - now ? now + timeout : DateTime.MaxValue;
            return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithDeadline(deadline));
        }
    }

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
