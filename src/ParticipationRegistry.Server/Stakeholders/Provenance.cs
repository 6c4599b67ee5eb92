using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>
/// Where each personal field's value came from (gender with its self-description, attributes,
/// publication consent, email). A write stamps the fields whose value it sets or changes with its
/// source; a self-declaration stamps all of them, since the person confirmed what they did not change.
/// A stamped field's time is left empty here and filled by the store with the write's own time.
/// </summary>
public static class Provenance
{
    /// <summary>The SET list that blanks the self-description and every field's provenance, for an erasure.</summary>
    public const string ErasedColumns = """
        gender_self_description = '', gender_source = 0, gender_source_time = NULL, attributes_source = 0, attributes_source_time = NULL,
        publication_consent_source = 0, publication_consent_source_time = NULL, email_source = 0, email_source_time = NULL
        """;

    /// <summary>
    /// The SET list that erases a person's row (live or kept by a merge): name, affiliation, organisation and every
    /// personal field blanked, provenance included, stamped with the erasure's time (<c>@now</c>), version bumped.
    /// </summary>
    public const string ErasedPerson = $"""
        display_name = '', affiliation = '', organization_id = NULL, gender = 0, attributes = 0, email = '',
        publication_consent = 0, publication_consent_time = NULL, {ErasedColumns},
        erase_time = @now, update_time = @now, version = version + 1
        """;

    /// <summary>A new record: every personal field given a value comes from <paramref name="source"/>.</summary>
    public static StakeholderRow ForNew(StakeholderRow row, DataSource source)
    {
        if (row.Gender != 0 || row.GenderSelfDescription.Length > 0) (row.GenderSource, row.GenderSourceTime) = ((int)source, null);
        if (row.Attributes != 0) (row.AttributesSource, row.AttributesSourceTime) = ((int)source, null);
        if (row.PublicationConsent != 0) (row.PublicationConsentSource, row.PublicationConsentSourceTime) = ((int)source, null);
        if (row.Email.Length > 0) (row.EmailSource, row.EmailSourceTime) = ((int)source, null);
        return row;
    }

    /// <summary>An update: every personal field whose value differs from <paramref name="before"/> now comes from <paramref name="source"/>.</summary>
    public static StakeholderRow ForChanged(StakeholderRow before, StakeholderRow after, DataSource source)
    {
        if (after.Gender != before.Gender || after.GenderSelfDescription != before.GenderSelfDescription) (after.GenderSource, after.GenderSourceTime) = ((int)source, null);
        if (after.Attributes != before.Attributes) (after.AttributesSource, after.AttributesSourceTime) = ((int)source, null);
        if (after.PublicationConsent != before.PublicationConsent) (after.PublicationConsentSource, after.PublicationConsentSourceTime) = ((int)source, null);
        if (after.Email != before.Email) (after.EmailSource, after.EmailSourceTime) = ((int)source, null);
        return after;
    }

    /// <summary>Gives each field stamped since it was read the time of the write that stores it.</summary>
    public static void Date(StakeholderRow row, string time)
    {
        if (row.GenderSource != 0) row.GenderSourceTime ??= time;
        if (row.AttributesSource != 0) row.AttributesSourceTime ??= time;
        if (row.PublicationConsentSource != 0) row.PublicationConsentSourceTime ??= time;
        if (row.EmailSource != 0) row.EmailSourceTime ??= time;
    }

    /// <summary>Null when no field has any (a placeholder, or a record from before provenance was kept).</summary>
    public static PersonalDataProvenance? ToProto(StakeholderRow row) =>
        row.GenderSource == 0 && row.AttributesSource == 0 && row.PublicationConsentSource == 0 && row.EmailSource == 0
            ? null
            : new PersonalDataProvenance
            {
                Gender = Field(row.GenderSource, row.GenderSourceTime),
                Attributes = Field(row.AttributesSource, row.AttributesSourceTime),
                PublicationConsent = Field(row.PublicationConsentSource, row.PublicationConsentSourceTime),
                Email = Field(row.EmailSource, row.EmailSourceTime),
            };

    private static FieldProvenance Field(int source, string? time) =>
        new() { Source = (DataSource)source, Time = time is null ? null : Times.ToTimestamp(time) };
}
