namespace ParticipationRegistry.Server.Common;

/// <summary><c>policies/{policy}</c></summary>
public sealed record PolicyName(string PolicyId) : IResourceName<PolicyName>
{
    public static string Pattern => "policies/{policy}";

    public static PolicyName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"policies/{PolicyId}";
}
