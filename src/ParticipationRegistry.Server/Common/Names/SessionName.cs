namespace ParticipationRegistry.Server.Common;

/// <summary><c>meetings/{meeting}/sessions/{session}</c>; session <c>-</c> stands for every session of a list's parent.</summary>
public sealed record SessionName(string MeetingId, string SessionId) : IResourceName<SessionName>
{
    public const string Wildcard = "-";

    public static string Pattern => "meetings/{meeting}/sessions/{session}";

    public MeetingName Meeting => new(MeetingId);

    public bool IsWildcard => SessionId == Wildcard;

    public static SessionName FromIds(IReadOnlyList<string> ids) => new(ids[0], ids[1]);

    public override string ToString() => $"meetings/{MeetingId}/sessions/{SessionId}";
}
