using Grpc.Core;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Access;

/// <summary>
/// Who is calling: the key's id and role, for an organiser the sessions and meetings the key holds,
/// and the forums the key is limited to (empty: every forum).
/// </summary>
public sealed record Caller(string? KeyId, Role Role, IReadOnlySet<SessionName> Sessions, IReadOnlySet<MeetingName> Meetings, IReadOnlySet<ForumName> Forums)
{
    /// <summary>No key was sent.</summary>
    public static readonly Caller Anonymous = new(null, Role.Unspecified, new HashSet<SessionName>(), new HashSet<MeetingName>(), new HashSet<ForumName>());

    public bool IsAnonymous => KeyId is null;

    /// <summary><c>apiKeys/{api_key}</c>, or empty for an anonymous caller.</summary>
    public string KeyName => KeyId is null ? "" : new ApiKeyName(KeyId).ToString();

    /// <summary>Admin and editor keys; an organiser's rights depend on the session (<see cref="PersonalDataRights"/>).</summary>
    public bool IsStaff => Role is Role.Admin or Role.Editor;

    public bool OwnsSession(SessionName session) => Role == Role.Organizer && Sessions.Contains(session);
}

/// <summary>Where the authenticated caller of a request is kept, for gRPC methods and HTTP routes alike.</summary>
public static class CallerContext
{
    private static readonly object CallerKey = new();
    private static readonly object RefusalKey = new();
    private static readonly object FaultKey = new();

    public static Caller GetCaller(this HttpContext http) =>
        http.Items.TryGetValue(CallerKey, out var value) && value is Caller caller ? caller : Caller.Anonymous;

    public static Caller GetCaller(this ServerCallContext context) => context.GetHttpContext().GetCaller();

    public static void SetCaller(this HttpContext http, Caller caller) => http.Items[CallerKey] = caller;

    /// <summary>Why the credentials sent were refused (unknown, expired, revoked key), or null when none were or they were good.</summary>
    public static string? GetCredentialProblem(this HttpContext http) =>
        http.Items.TryGetValue(RefusalKey, out var value) ? value as string : null;

    public static void SetCredentialProblem(this HttpContext http, string problem) => http.Items[RefusalKey] = problem;

    /// <summary>
    /// The storage fault that kept the key from being read (the database unusable at that moment), or null: a gRPC call
    /// answers with it (Common/ErrorInterceptor) as it would if its own read had met it.
    /// </summary>
    public static Exception? GetAuthenticationFault(this HttpContext http) =>
        http.Items.TryGetValue(FaultKey, out var value) ? value as Exception : null;

    public static void SetAuthenticationFault(this HttpContext http, Exception fault) => http.Items[FaultKey] = fault;
}
