using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>A stakeholders row. Enums are proto numbers; attributes a bit set (1 &lt;&lt; value).</summary>
public sealed class StakeholderRow : VersionedRow
{
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
    public int PublicationConsent { get; set; }
    public string? PublicationConsentTime { get; set; }

    public override StakeholderRow Copy() => (StakeholderRow)base.Copy();
}

public sealed class OrganizationRow : VersionedRow
{
    public string DisplayName { get; set; } = "";
    public int StakeholderGroup { get; set; }
    public bool Multistakeholder { get; set; }
    public string CountryCode { get; set; } = "";

    public override OrganizationRow Copy() => (OrganizationRow)base.Copy();
}
