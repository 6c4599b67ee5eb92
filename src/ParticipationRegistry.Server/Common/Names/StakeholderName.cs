namespace ParticipationRegistry.Server.Common;

/// <summary><c>stakeholders/{stakeholder}</c></summary>
public sealed record StakeholderName(string StakeholderId) : IResourceName<StakeholderName>
{
    public static string Pattern => "stakeholders/{stakeholder}";

    public static StakeholderName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"stakeholders/{StakeholderId}";
}
