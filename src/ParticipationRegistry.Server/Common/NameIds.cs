namespace ParticipationRegistry.Server.Common;

/// <summary>The id inside a name, for rows and filters that hold the id alone; null when the text is not such a name.</summary>
public static class NameIds
{
    public static string? StakeholderId(string text) =>
        ResourceName.TryParse<StakeholderName>(text, out var name) ? name.StakeholderId : null;

    public static string? OrganizationId(string text) =>
        ResourceName.TryParse<OrganizationName>(text, out var name) ? name.OrganizationId : null;
}
