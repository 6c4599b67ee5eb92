using Google.Rpc;
using Grpc.Core;

namespace ParticipationRegistry.Client;

/// <summary>
/// A failed call with the registry's rich error details read: the ErrorInfo reason and metadata,
/// the BadRequest field violations and the RetryInfo delay. Still an <see cref="RpcException"/>.
/// </summary>
public sealed class RegistryCallException : RpcException
{
    /// <summary>Reads the details <paramref name="failure"/> carries in <c>grpc-status-details-bin</c>.</summary>
    public RegistryCallException(RpcException failure)
        : base((failure ?? throw new ArgumentNullException(nameof(failure))).Status, failure.Trailers, failure.Message)
    {
        Details = failure.GetRpcStatus();
        var info = Details?.GetDetail<ErrorInfo>();
        Reason = info?.Reason ?? "";
        Domain = info?.Domain ?? "";
        Metadata = info?.Metadata.ToDictionary() ?? [];
        FieldViolations = Details?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [];
        RetryAfter = Details?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
    }

    /// <summary>The google.rpc.Status the server sent, or null when it sent none (e.g. a proxy failed).</summary>
    public Google.Rpc.Status? Details { get; }

    /// <summary>ErrorInfo's reason, such as <c>ETAG_MISMATCH</c>; empty when the status had none.</summary>
    public string Reason { get; }

    /// <summary>ErrorInfo's domain, <c>participation.registry.v1</c> for the registry's own errors.</summary>
    public string Domain { get; }

    /// <summary>ErrorInfo's metadata, such as the <c>resource</c> or <c>field</c> concerned.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>One entry per bad field (its dotted path and what is allowed), for INVALID_ARGUMENT.</summary>
    public IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations { get; }

    /// <summary>How long to wait before retrying, when the server said (a rate limit).</summary>
    public TimeSpan? RetryAfter { get; }
}
