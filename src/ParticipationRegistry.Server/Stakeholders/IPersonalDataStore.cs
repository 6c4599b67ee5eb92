using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>Everything held about one person: the record, every seat and every registration with their snapshots.</summary>
public sealed record PersonalDataRows(StakeholderRow Stakeholder, IReadOnlyList<ParticipantRow> Seats, IReadOnlyList<RegistrationRow> Registrations);

/// <summary>The data-subject requests: erasure and export of one person.</summary>
public interface IPersonalDataStore
{
    /// <summary>
    /// Blanks the person's personal fields in the record, every seat's and registration's copies and
    /// the stored replies of request ids, keeping group, region and country; then rewrites the file so
    /// no byte of them is left. Returns the placeholder; an erased person is returned unchanged.
    /// </summary>
    Task<StakeholderRow> EraseStakeholderAsync(StakeholderName name, long? expectedVersion);

    PersonalDataRows ExportStakeholder(StakeholderName name);
}

public static class PersonalData
{
    /// <summary>The fields an erasure removes, as the audit trail names them.</summary>
    public static readonly IReadOnlyList<string> ErasedFields =
        ["display_name", "affiliation", "organization", "gender", "attributes", "email", "publication_consent"];
}
