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
    public string GenderSelfDescription { get; set; } = "";

    // Provenance of each personal field: a DataSource number and when (see Provenance).
    public int GenderSource { get; set; }
    public string? GenderSourceTime { get; set; }
    public int AttributesSource { get; set; }
    public string? AttributesSourceTime { get; set; }
    public int PublicationConsentSource { get; set; }
    public string? PublicationConsentSourceTime { get; set; }
    public int EmailSource { get; set; }
    public string? EmailSourceTime { get; set; }

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
