using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>
/// The INSERT of a stakeholder as a command prepared once on the writer's connection and reused for every
/// row: a batch of a thousand rows costs one parse, and no per-row reflection.
/// </summary>
internal static class StakeholderInsert
{
    private const string Sql = """
        INSERT INTO stakeholders (
            id, display_name, affiliation, organization_id, stakeholder_group, country_code,
            regional_group, regional_group_stated, gender, attributes, email, publication_consent, publication_consent_time,
            create_time, update_time, version, gender_self_description,
            gender_source, gender_source_time, attributes_source, attributes_source_time,
            publication_consent_source, publication_consent_source_time, email_source, email_source_time, record_key,
            name_key, sorted_name_key, affiliation_key, block_first, block_last, organization_key)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32)
        """;

    /// <summary>Inserts <paramref name="row"/> with its search <paramref name="keys"/>' columns (the caller adds the token rows, see SearchKeys.WriteWritten).</summary>
    public static void Insert(StatementBatch batch, StakeholderRow row, SearchKeys keys) =>
        batch.Add(
            Sql,
            row.Id, row.DisplayName, row.Affiliation, row.OrganizationId, row.StakeholderGroup, row.CountryCode,
            row.RegionalGroup, row.RegionalGroupStated, row.Gender, row.Attributes, row.Email, row.PublicationConsent, row.PublicationConsentTime,
            row.CreateTime, row.UpdateTime, row.Version, row.GenderSelfDescription,
            row.GenderSource, row.GenderSourceTime, row.AttributesSource, row.AttributesSourceTime,
            row.PublicationConsentSource, row.PublicationConsentSourceTime, row.EmailSource, row.EmailSourceTime,
            // The record's key (0–255), drawn here: SQLite's random() and PostgreSQL's differ in type and range.
            (long)Random.Shared.Next(256),
            keys.NameKey, keys.SortedNameKey, keys.AffiliationKey, keys.BlockFirst, keys.BlockLast, keys.OrganizationKey);
}
