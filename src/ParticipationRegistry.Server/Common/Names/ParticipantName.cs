namespace ParticipationRegistry.Server.Common;

/// <summary><c>meetings/{meeting}/sessions/{session}/participants/{participant}</c>: a seat on a panel.</summary>
public sealed record ParticipantName(string MeetingId, string SessionId, string ParticipantId) : IResourceName<ParticipantName>
{
    public static string Pattern => "meetings/{meeting}/sessions/{session}/participants/{participant}";

    public SessionName Session => new(MeetingId, SessionId);

    public static ParticipantName FromIds(IReadOnlyList<string> ids) => new(ids[0], ids[1], ids[2]);

    public override string ToString() => $"meetings/{MeetingId}/sessions/{SessionId}/participants/{ParticipantId}";
}
