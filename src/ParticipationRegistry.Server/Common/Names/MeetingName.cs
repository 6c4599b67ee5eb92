namespace ParticipationRegistry.Server.Common;

/// <summary><c>meetings/{meeting}</c></summary>
public sealed record MeetingName(string MeetingId) : IResourceName<MeetingName>
{
    public static string Pattern => "meetings/{meeting}";

    public static MeetingName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"meetings/{MeetingId}";
}
