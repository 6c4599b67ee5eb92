namespace ParticipationRegistry.Server.Common;

/// <summary><c>organizations/{organization}</c></summary>
public sealed record OrganizationName(string OrganizationId) : IResourceName<OrganizationName>
{
    public static string Pattern => "organizations/{organization}";

    public static OrganizationName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"organizations/{OrganizationId}";
}
