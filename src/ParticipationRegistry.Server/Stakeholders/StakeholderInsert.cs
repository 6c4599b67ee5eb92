using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>
/// The INSERT of a stakeholder, prepared once per write and reused for every row of a batch: a
/// thousand rows cost one parse, and no per-row reflection.
/// </summary>
internal sealed class StakeholderInsert : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;

    public StakeholderInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO stakeholders (
                id, display_name, affiliation, organization_id, stakeholder_group, country_code,
                regional_group, regional_group_stated, gender, attributes, email, publication_consent, publication_consent_time,
                create_time, update_time, version, record_key)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, random() & 255)
            """;
        parameters = Enumerable.Range(1, 16).Select(i => command.Parameters.Add(new SqliteParameter($"${i}", null))).ToArray();
        command.Prepare();
    }

    public void Insert(StakeholderRow row)
    {
        object?[] values =
        [
            row.Id, row.DisplayName, row.Affiliation, row.OrganizationId, row.StakeholderGroup, row.CountryCode,
            row.RegionalGroup, row.RegionalGroupStated, row.Gender, row.Attributes, row.Email, row.PublicationConsent, row.PublicationConsentTime,
            row.CreateTime, row.UpdateTime, row.Version,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();
}
