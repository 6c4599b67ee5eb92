using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>Erasure and export of one person (data-subject requests).</summary>
public sealed partial class SqliteStakeholderStore : IPersonalDataStore
{
    private const string CopyColumns = """
        snap_display_name, snap_stakeholder_group, snap_regional_group, snap_country_code, snap_affiliation, snap_organization_id,
        create_time, update_time, version
        """;

    public async Task<StakeholderRow> EraseStakeholderAsync(StakeholderName name, long? expectedVersion)
    {
        var (placeholder, erased) = await database.WriteAsync((connection, transaction) =>
        {
            // An old name: what the registry keeps of that duplicate (see .Unmerge); its primary stays.
            if (AliasTarget(connection, transaction, name.StakeholderId) is { } primary)
            {
                return EraseMergedRecord(connection, transaction, name, primary, expectedVersion);
            }

            var current = ExistingStakeholder(connection, transaction, name);
            if (connection.ExecuteScalar<string?>("SELECT erase_time FROM stakeholders WHERE id = @Id", new { current.Id }, transaction) is not null)
            {
                return (current, false);
            }

            var now = Times.ToText(clock.GetUtcNow());
            var written = connection.Execute(
                $"""
                UPDATE stakeholders
                SET {Provenance.ErasedPerson}
                WHERE id = @Id AND version = @expected
                """,
                new { current.Id, now, expected = expectedVersion ?? current.Version },
                transaction);
            if (written == 0)
            {
                throw RegistryException.EtagMismatch(name.ToString());
            }

            BlankPersonCopies(connection, transaction, current.Id);
            EraseMergedRecords(connection, transaction, current.Id, now);
            SearchKeys.Write(connection, transaction, current.Id, SearchKeys.None);
            RequestLedger.ForgetResponsesNaming(connection, transaction, name.ToString());
            return (ExistingStakeholder(connection, transaction, name), true);
        });
        if (erased)
        {
            await database.CompactAsync();
        }

        return placeholder;
    }

    /// <summary>
    /// Blanks the name, affiliation, organisation, gender and attributes every seat and registration
    /// copies from the person, keeping group, region and country for the counts of the past; the
    /// person's declaration links go too.
    /// </summary>
    private static void BlankPersonCopies(DbConnection connection, DbTransaction transaction, string id) =>
        connection.Execute(
            """
            UPDATE participants
            SET snap_display_name = '', snap_affiliation = '', snap_organization_id = NULL, person_gender = 0, person_attributes = 0
            WHERE stakeholder_id = @id;
            UPDATE registrations
            SET snap_display_name = '', snap_affiliation = '', snap_organization_id = NULL, person_gender = 0, person_attributes = 0
            WHERE stakeholder_id = @id;
            DELETE FROM declaration_links WHERE stakeholder_id = @id;
            """,
            new { id },
            transaction);

    public PersonalDataRows ExportStakeholder(StakeholderName name) =>
        database.Read(connection =>
        {
            // An old name: the record kept of that duplicate, and the seats and registrations it brought that its primary still holds.
            if (AliasTarget(connection, null, name.StakeholderId) is { } primary && KeptRecord(connection, null, name) is { } kept)
            {
                var moved = JsonSerializer.Deserialize<List<string>>(
                    connection.ExecuteScalar<string>("SELECT moved FROM stakeholder_aliases WHERE alias_id = @Id", new { kept.Id }) ?? "[]") ?? [];
                return new PersonalDataRows(
                    kept,
                    Copies<ParticipantRow>(connection, "meeting_id, session_id, id, stakeholder_id, role, confirmation, attendance", "participants", primary)
                        .Where(s => moved.Contains(new ParticipantName(s.MeetingId, s.SessionId, s.Id).ToString())).ToList(),
                    Copies<RegistrationRow>(connection, "meeting_id, id, stakeholder_id, attendance", "registrations", primary)
                        .Where(r => moved.Contains(new RegistrationName(r.MeetingId, r.Id).ToString())).ToList());
            }

            var person = ExistingStakeholder(connection, null, name);
            return new PersonalDataRows(
                person,
                Copies<ParticipantRow>(connection, "meeting_id, session_id, id, stakeholder_id, role, confirmation, attendance", "participants", person.Id),
                Copies<RegistrationRow>(connection, "meeting_id, id, stakeholder_id, attendance", "registrations", person.Id));
        });

    private static List<T> Copies<T>(DbConnection connection, string keyColumns, string table, string stakeholderId) =>
        connection.Query<T>(
            $"SELECT {keyColumns}, {CopyColumns} FROM {table} WHERE stakeholder_id = @stakeholderId ORDER BY create_time, id", new { stakeholderId }).AsList();
}
