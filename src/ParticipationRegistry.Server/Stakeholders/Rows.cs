using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>A stakeholders row. Enums are proto numbers; attributes a bit set (1 &lt;&lt; value).</summary>
public sealed class StakeholderRow : IPageable, IVersionedRow
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Affiliation { get; set; } = "";
    public string? OrganizationId { get; set; }
    public int StakeholderGroup { get; set; }
    public string CountryCode { get; set; } = "";
    public int RegionalGroup { get; set; }
    public bool RegionalGroupStated { get; set; }
    public int Gender { get; set; }
    public long Attributes { get; set; }
    public string Email { get; set; } = "";
    public string CreateTime { get; set; } = "";
    public string UpdateTime { get; set; } = "";
    public long Version { get; set; }
    public string SortKey { get; set; } = "";

    public StakeholderRow Copy() => (StakeholderRow)MemberwiseClone();
}

public sealed class OrganizationRow : IPageable, IVersionedRow
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public int StakeholderGroup { get; set; }
    public bool Multistakeholder { get; set; }
    public string CountryCode { get; set; } = "";
    public string CreateTime { get; set; } = "";
    public string UpdateTime { get; set; } = "";
    public long Version { get; set; }
    public string SortKey { get; set; } = "";

    public OrganizationRow Copy() => (OrganizationRow)MemberwiseClone();
}
