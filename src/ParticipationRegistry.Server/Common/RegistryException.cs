using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// A refusal the caller can act on: a canonical status code, one reason from the closed
/// <see cref="ErrorReason"/> list, and the bad fields. Thrown anywhere below the gRPC layer and
/// turned into a rich status by <see cref="ErrorInterceptor"/>.
/// </summary>
public sealed class RegistryException(
    StatusCode code,
    ErrorReason reason,
    string message,
    IReadOnlyList<BadRequest.Types.FieldViolation>? violations = null,
    string? resource = null,
    string? field = null) : Exception(message)
{
    public const string Domain = "participation.registry.v1";

    public StatusCode Code { get; } = code;
    public ErrorReason Reason { get; } = reason;
    public IReadOnlyList<BadRequest.Types.FieldViolation> Violations { get; } = violations ?? [];
    public string? Resource { get; } = resource;

    /// <summary>The part of the request a PERMISSION_DENIED refers to (ErrorInfo.metadata <c>field</c>).</summary>
    public string? Field { get; } = field;

    /// <summary>The ErrorInfo reason: the enum value's name without its prefix.</summary>
    public string ReasonName => ReasonNameOf(Reason);

    public static string ReasonNameOf(ErrorReason reason) => ProtoEnums.NameOf(reason)["ERROR_REASON_".Length..];

    public static RegistryException NotFound(ErrorReason reason, string resource, string? field = null) => new(
        StatusCode.NotFound,
        reason,
        $"{resource} does not exist.",
        field is null ? null : [Violation(field, $"{resource} does not exist.")],
        resource);

    public static RegistryException AlreadyExists(ErrorReason reason, string resource, string message) =>
        new(StatusCode.AlreadyExists, reason, message, resource: resource);

    public static RegistryException FailedPrecondition(ErrorReason reason, string resource, string message) =>
        new(StatusCode.FailedPrecondition, reason, message, resource: resource);

    public static RegistryException EtagMismatch(string resource) => new(
        StatusCode.Aborted,
        ErrorReason.EtagMismatch,
        $"{resource} has changed since the etag was read; get it again and retry.",
        [Violation("etag", "Not the resource's current etag.")],
        resource);

    public static RegistryException Unauthenticated(string message) =>
        new(StatusCode.Unauthenticated, ErrorReason.Unauthenticated, message);

    public static RegistryException PermissionDenied(string message, string? field = null) =>
        new(StatusCode.PermissionDenied, ErrorReason.PermissionDenied, message, field: field);

    public static RegistryException InvalidArgument(string field, string description, ErrorReason reason = ErrorReason.InvalidArgument) =>
        new(StatusCode.InvalidArgument, reason, $"{field}: {description}", [Violation(field, description)]);

    public static BadRequest.Types.FieldViolation Violation(string field, string description) =>
        new() { Field = field, Description = description };
}
