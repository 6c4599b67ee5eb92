using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Access;

/// <summary>
/// A token bucket per key (per remote address for anonymous callers): <c>rate</c> tokens a second,
/// up to two seconds' worth saved; a rate of 0 turns limiting off.
/// </summary>
public sealed class RateLimits(double rate, TimeProvider clock)
{
    /// <summary>What an expensive call costs (reports, suggestions, balances of a whole meeting, data export); a Get costs 1.</summary>
    public const double ExpensiveCost = 10;

    private static readonly HashSet<string> Expensive =
    [
        $"/{BalanceService.Descriptor.FullName}/SuggestPanelists",
        $"/{BalanceService.Descriptor.FullName}/ListSessionBalances",
        $"/{StakeholderService.Descriptor.FullName}/ExportStakeholderData",
    ];

    // Beyond this many buckets, full ones (idle callers) are dropped: a full bucket and none are the same.
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> buckets = new();

    public double Capacity => Math.Max(2 * rate, ExpensiveCost);

    /// <summary>How many callers have a bucket now.</summary>
    public int Callers => buckets.Count;

    /// <summary>What a gRPC method costs.</summary>
    public static double CostOf(string method) =>
        method.StartsWith($"/{ReportService.Descriptor.FullName}/", StringComparison.Ordinal) || Expensive.Contains(method) ? ExpensiveCost : 1;

    /// <summary>Who is counted: the key, or the remote address without one.</summary>
    public static string WhoIs(HttpContext http) =>
        http.GetCaller().KeyId is { } key ? $"key:{key}" : $"address:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    /// <summary>Takes <paramref name="cost"/> tokens from <paramref name="who"/>'s bucket; null when granted, else how long until they would be.</summary>
    public TimeSpan? TryTake(string who, double cost)
    {
        if (rate <= 0)
        {
            return null;
        }

        var now = clock.GetTimestamp();
        if (buckets.Count > SweepAbove)
        {
            Sweep(now);
        }

        var bucket = buckets.GetOrAdd(who, _ => new Bucket(Capacity, now));
        lock (bucket)
        {
            var elapsed = clock.GetElapsedTime(bucket.Refilled, now).TotalSeconds;
            bucket.Tokens = Math.Min(Capacity, bucket.Tokens + (elapsed * rate));
            bucket.Refilled = now;
            if (bucket.Tokens >= cost)
            {
                bucket.Tokens -= cost;
                return null;
            }

            return TimeSpan.FromSeconds((cost - bucket.Tokens) / rate);
        }
    }

    private void Sweep(long now)
    {
        var refillSeconds = Capacity / rate;
        foreach (var (who, bucket) in buckets)
        {
            if (clock.GetElapsedTime(bucket.Refilled, now).TotalSeconds >= refillSeconds)
            {
                buckets.TryRemove(who, out _);
            }
        }
    }

    /// <summary>Whole seconds to wait, at least one.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private sealed class Bucket(double tokens, long refilled)
    {
        public double Tokens { get; set; } = tokens;
        public long Refilled { get; set; } = refilled;
    }
}

/// <summary>
/// Answers RESOURCE_EXHAUSTED (reason RATE_LIMITED, ErrorInfo.metadata <c>retry_after_seconds</c>) to a
/// caller over its rate. A gRPC status, not HTTP 429: gRPC clients read 429 as UNAVAILABLE and retry.
/// </summary>
public sealed class RateLimitInterceptor(RateLimits limits) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Charge(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Charge(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Charge(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Charge(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Charge(ServerCallContext context)
    {
        if (limits.TryTake(RateLimits.WhoIs(context.GetHttpContext()), RateLimits.CostOf(context.Method)) is not { } wait)
        {
            return;
        }

        var seconds = RateLimits.RetryAfterSeconds(wait);
        var info = new ErrorInfo { Reason = RegistryException.ReasonNameOf(ErrorReason.RateLimited), Domain = RegistryException.Domain };
        info.Metadata.Add("retry_after_seconds", seconds.ToString(CultureInfo.InvariantCulture));
        throw new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = $"Too many calls from this {(context.GetCaller().IsAnonymous ? "address" : "key")}; retry after {seconds} s.",
            Details = { Any.Pack(info), Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) }) },
        }.ToRpcException();
    }
}
