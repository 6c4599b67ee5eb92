namespace ParticipationRegistry.Server.Common;

/// <summary><c>forums/{forum}</c></summary>
public sealed record ForumName(string ForumId) : IResourceName<ForumName>
{
    public static string Pattern => "forums/{forum}";

    public static ForumName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"forums/{ForumId}";
}
