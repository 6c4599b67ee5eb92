using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

public sealed partial class SqliteStakeholderStore(Database database, TimeProvider clock) : IStakeholderStore
{
    internal const string StakeholderColumns = """
        id, display_name, affiliation, organization_id, stakeholder_group, country_code,
        regional_group, regional_group_stated, gender, attributes, email, publication_consent, publication_consent_time,
        create_time, update_time, version, gender_self_description,
        gender_source, gender_source_time, attributes_source, attributes_source_time,
        publication_consent_source, publication_consent_source_time, email_source, email_source_time
        """;

    private const string OrganizationColumns = """
        id, display_name, stakeholder_group, multistakeholder, country_code, create_time, update_time, version
        """;

    private const int HeldState = (int)SessionState.Held;

    public Task<Created<StakeholderRow>> CreateStakeholderAsync(StakeholderRow draft, RequestIdClaim? claim, Func<StakeholderRow, byte[]> encodeResponse) =>
        database.CreateOnceAsync(claim, clock, (connection, transaction) => Insert(connection, transaction, [draft], _ => "stakeholder.organization")[0], encodeResponse);

    public Task<Created<IReadOnlyList<StakeholderRow>>> CreateStakeholdersAsync(
        IReadOnlyList<StakeholderRow> rows,
        RequestIdClaim? claim,
        Func<IReadOnlyList<StakeholderRow>, byte[]> encodeResponse,
        Func<int, string> fieldOf) =>
        database.CreateOnceAsync<IReadOnlyList<StakeholderRow>>(claim, clock, (connection, transaction) => Insert(connection, transaction, rows, fieldOf), encodeResponse);

    /// <summary>Inserts every draft with one prepared command, after checking the organisations they name (<paramref name="fieldOf"/> says where).</summary>
    private List<StakeholderRow> Insert(DbConnection connection, DbTransaction transaction, IReadOnlyList<StakeholderRow> drafts, Func<int, string> fieldOf)
    {
        // Each organisation named is read once: its existence, and its name for its people's search keys.
        var organizations = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count; i++)
        {
            if (drafts[i].OrganizationId is { } organization && !organizations.ContainsKey(organization))
            {
                organizations[organization] = OrganizationName(connection, transaction, organization)
                    ?? throw OrganizationNotFound(new OrganizationName(organization), fieldOf(i));
            }
        }

        // On PostgreSQL a person's row, tokens and block read go as one round trip, with the pairs found for the person before.
        var batch = new StatementBatch(connection, transaction);
        var rows = new List<StakeholderRow>(drafts.Count);
        foreach (var draft in drafts)
        {
            var row = Versioned.Stamped(draft.Copy(), Ids.New(), clock);
            row.PublicationConsentTime = row.PublicationConsent == 0 ? null : row.CreateTime;
            Provenance.Date(row, row.CreateTime);
            var keys = SearchKeys.Of(row.DisplayName, row.Affiliation, row.OrganizationId is { } organization ? organizations[organization] : "");
            StakeholderInsert.Insert(batch, row, keys);
            SearchKeys.WriteWritten(batch, row, keys, created: true);
            rows.Add(row);
        }

        batch.Flush();
        return rows;
    }

    private static string? OrganizationName(DbConnection connection, DbTransaction transaction, string id) =>
        connection.Prepared(transaction, "SELECT display_name FROM organizations WHERE id = $1", id).ExecuteScalar() as string;

    /// <summary>The person, or the person an old name was merged into (see MergeStakeholdersAsync).</summary>
    public StakeholderRow GetStakeholder(StakeholderName name) =>
        database.Read(connection => AliasTarget(connection, null, name.StakeholderId) is { } target
            ? ExistingStakeholder(connection, null, new StakeholderName(target))
            : ExistingStakeholder(connection, null, name));

    public Page<StakeholderRow> ListStakeholders(ListQuery query) =>
        database.Read(connection => connection.QueryPage<StakeholderRow>(query, StakeholderColumns, "stakeholders", "erased = 0", "id"));

    public Task<StakeholderRow> UpdateStakeholderAsync(StakeholderName name, long? expectedVersion, Func<StakeholderRow, StakeholderRow> change) =>
        database.UpdateAsync(clock, name.ToString(), expectedVersion, (connection, transaction) => ExistingStakeholder(connection, transaction, name), change, write =>
        {
            var (connection, transaction, current, row, expected) = write;
            // One read: whether the person was erased, and the name of the organisation the row names (null when there is none).
            bool erased;
            string? organization;
            using (var reader = connection.Prepared(
                transaction, "SELECT s.erase_time, (SELECT o.display_name FROM organizations o WHERE o.id = $2) FROM stakeholders s WHERE s.id = $1", current.Id, row.OrganizationId)
                .ExecuteReader())
            {
                reader.Read();
                erased = !reader.IsDBNull(0);
                organization = reader.IsDBNull(1) ? null : reader.GetString(1);
            }

            if (erased)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.StakeholderErased, name.ToString(), $"{name} was erased: its placeholder keeps group, region and country only, and cannot be updated.");
            }

            if (row.PublicationConsent != current.PublicationConsent)
            {
                row.PublicationConsentTime = row.UpdateTime;
            }

            if (row.OrganizationId is not null && organization is null)
            {
                throw OrganizationNotFound(new OrganizationName(row.OrganizationId), "stakeholder.organization");
            }
            Provenance.Date(row, row.UpdateTime);
            var keys = SearchKeys.Of(row.DisplayName, row.Affiliation, organization ?? "");
            var updated = WriteRow(connection, transaction, row, expected, keys);
            if (updated > 0)
            {
                var batch = new StatementBatch(connection, transaction);
                RefreshSnapshots(batch, row);
                SearchKeys.WriteWritten(batch, row, keys, created: false);
                batch.Flush();
            }

            return updated;
        });

    /// <summary>
    /// Writes every field of <paramref name="row"/> if its version is still <paramref name="expected"/>; 0 when it is not.
    /// Prepared once on the writer's connection: an update runs on the one writer thread.
    /// </summary>
    private static int WriteRow(DbConnection connection, DbTransaction transaction, StakeholderRow row, long expected, SearchKeys keys) =>
        connection.Prepared(
            transaction,
            """
            UPDATE stakeholders
            SET display_name = $2, affiliation = $3, organization_id = $4, stakeholder_group = $5, country_code = $6,
                regional_group = $7, regional_group_stated = $8, gender = $9, attributes = $10, email = $11,
                publication_consent = $12, publication_consent_time = $13, update_time = $14, version = version + 1,
                gender_self_description = $16, gender_source = $17, gender_source_time = $18,
                attributes_source = $19, attributes_source_time = $20,
                publication_consent_source = $21, publication_consent_source_time = $22, email_source = $23, email_source_time = $24,
                name_key = $25, sorted_name_key = $26, affiliation_key = $27, block_first = $28, block_last = $29, organization_key = $30
            WHERE id = $1 AND version = $15 AND erased = 0
            """,
            row.Id, row.DisplayName, row.Affiliation, row.OrganizationId, row.StakeholderGroup, row.CountryCode,
            row.RegionalGroup, row.RegionalGroupStated, row.Gender, row.Attributes, row.Email,
            row.PublicationConsent, row.PublicationConsentTime, row.UpdateTime, expected,
            row.GenderSelfDescription, row.GenderSource, row.GenderSourceTime, row.AttributesSource, row.AttributesSourceTime,
            row.PublicationConsentSource, row.PublicationConsentSourceTime, row.EmailSource, row.EmailSourceTime,
            keys.NameKey, keys.SortedNameKey, keys.AffiliationKey, keys.BlockFirst, keys.BlockLast, keys.OrganizationKey).ExecuteNonQuery();

    /// <summary>
    /// Seats in sessions that are not HELD, and registrations to meetings that have not ended,
    /// follow the person's record; the rest is history and keeps what was true then. Gender and
    /// attributes are not history: every seat and registration follows the person.
    /// </summary>
    /// (One statement per command: Npgsql sends a command with positional parameters as one statement; on PostgreSQL the four go
    /// in one round trip, see <see cref="StatementBatch"/>.)
    private void RefreshSnapshots(DbConnection connection, DbTransaction transaction, StakeholderRow row)
    {
        var batch = new StatementBatch(connection, transaction);
        RefreshSnapshots(batch, row);
        batch.Flush();
    }

    /// <inheritdoc cref="RefreshSnapshots(DbConnection, DbTransaction, StakeholderRow)"/>
    private void RefreshSnapshots(StatementBatch batch, StakeholderRow row)
    {
        batch.Add(
            $"""
            UPDATE participants
            SET (snap_display_name, snap_stakeholder_group, snap_regional_group, snap_country_code, snap_affiliation, snap_organization_id) =
                (SELECT display_name, stakeholder_group, regional_group, country_code, affiliation, organization_id
                 FROM stakeholders WHERE id = $1)
            WHERE stakeholder_id = $1
              AND EXISTS (SELECT 1 FROM sessions s WHERE s.meeting_id = participants.meeting_id AND s.id = participants.session_id AND s.state <> {HeldState})
            """,
            row.Id);
        batch.Add(
            """
            UPDATE registrations
            SET (snap_display_name, snap_stakeholder_group, snap_regional_group, snap_country_code, snap_affiliation, snap_organization_id) =
                (SELECT display_name, stakeholder_group, regional_group, country_code, affiliation, organization_id
                 FROM stakeholders WHERE id = $1)
            WHERE stakeholder_id = $1
              AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = registrations.meeting_id AND (m.end_date = '' OR m.end_date >= $2))
            """,
            row.Id, Today());

        // Only the rows whose gender or attributes change are written.
        batch.Add(
            "UPDATE participants SET person_gender = $2, person_attributes = $3 WHERE stakeholder_id = $1 AND (person_gender <> $2 OR person_attributes <> $3)",
            row.Id, row.Gender, row.Attributes);
        batch.Add(
            "UPDATE registrations SET person_gender = $2, person_attributes = $3 WHERE stakeholder_id = $1 AND (person_gender <> $2 OR person_attributes <> $3)",
            row.Id, row.Gender, row.Attributes);
    }

    public async Task DeleteStakeholderAsync(StakeholderName name, long? expectedVersion, bool force)
    {
        await database.DeleteAsync(name.ToString(), expectedVersion, (connection, transaction) => ExistingStakeholder(connection, transaction, name), delete =>
        {
            var (connection, transaction, current, _, expected) = delete;
            var id = current.Id;
            if (force)
            {
                connection.Execute(
                    $"""
                    DELETE FROM participants
                    WHERE stakeholder_id = @id
                      AND EXISTS (SELECT 1 FROM sessions s WHERE s.meeting_id = participants.meeting_id AND s.id = participants.session_id AND s.state <> {HeldState});

                    DELETE FROM registrations
                    WHERE stakeholder_id = @id
                      AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = registrations.meeting_id AND (m.end_date = '' OR m.end_date >= @today));
                    """,
                    new { id, today = Today() },
                    transaction);
            }

            var history = connection.ExecuteScalar<long>(
                """
                SELECT (SELECT count(*) FROM participants WHERE stakeholder_id = @id)
                     + (SELECT count(*) FROM registrations WHERE stakeholder_id = @id)
                """,
                new { id },
                transaction);
            if (history == 0)
            {
                return connection.Execute("DELETE FROM stakeholders WHERE id = @id AND version = @expected", new { id, expected }, transaction);
            }

            if (!force)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.StakeholderHasSeats,
                    name.ToString(),
                    $"{name} holds {history} seat(s) or registration(s); remove them first, or delete with force " +
                    "(seats in HELD sessions and registrations to past meetings are kept as history under an anonymous placeholder).");
            }

            var erased = connection.Execute(
                $"""
                UPDATE stakeholders
                SET erased = 1, display_name = '', affiliation = '', organization_id = NULL, gender = 0,
                    attributes = 0, email = '', publication_consent = 0, publication_consent_time = NULL,
                    {Provenance.ErasedColumns},
                    update_time = @now, version = version + 1
                WHERE id = @id AND version = @expected
                """,
                new { id, expected, now = Times.ToText(clock.GetUtcNow()) },
                transaction);
            // A separate command: Execute sums the rows of every statement it runs, so the blanked
            // snapshots would otherwise hide a stale etag on the stakeholder itself.
            BlankPersonCopies(connection, transaction, id);
            EraseMergedRecords(connection, transaction, id, Times.ToText(clock.GetUtcNow()));
            SearchKeys.Write(connection, transaction, id, SearchKeys.None);
            // Reduced to a placeholder, the person is erased: the stored replies of their request ids go too.
            RequestLedger.ForgetResponsesNaming(connection, transaction, name.ToString());
            return erased;
        });

        // secure_delete zeroed the freed pages in the file; the WAL still holds the old ones until a checkpoint.
        await database.CheckpointAsync();
    }

    public Task<Created<OrganizationRow>> CreateOrganizationAsync(OrganizationRow draft, RequestIdClaim? claim, Func<OrganizationRow, byte[]> encodeResponse) =>
        database.CreateOnceAsync(claim, clock, (connection, transaction) =>
        {
            var row = Versioned.Stamped(draft.Copy(), Ids.New(), clock);
            connection.Execute(
                $"""
                INSERT INTO organizations ({OrganizationColumns})
                VALUES (@Id, @DisplayName, @StakeholderGroup, @Multistakeholder, @CountryCode, @CreateTime, @UpdateTime, @Version)
                """,
                row,
                transaction);
            return row;
        }, encodeResponse);

    public OrganizationRow GetOrganization(OrganizationName name) =>
        database.Read(connection => ExistingOrganization(connection, null, name));

    public Page<OrganizationRow> ListOrganizations(ListQuery query) =>
        database.Read(connection => connection.QueryPage<OrganizationRow>(query, OrganizationColumns, "organizations", "1 = 1", "id"));

    public Task<OrganizationRow> UpdateOrganizationAsync(OrganizationName name, long? expectedVersion, Func<OrganizationRow, OrganizationRow> change) =>
        database.UpdateAsync(clock, name.ToString(), expectedVersion, (connection, transaction) => ExistingOrganization(connection, transaction, name), change, write =>
        {
            var updated = write.Connection.Execute(
                """
                UPDATE organizations
                SET display_name = @DisplayName, stakeholder_group = @StakeholderGroup, multistakeholder = @Multistakeholder,
                    country_code = @CountryCode, update_time = @UpdateTime, version = version + 1
                WHERE id = @Id AND version = @Expected
                """,
                new { write.Row.Id, write.Row.DisplayName, write.Row.StakeholderGroup, write.Row.Multistakeholder, write.Row.CountryCode, write.Row.UpdateTime, write.Expected },
                write.Transaction);
            // Its people are found by the words of its name: a new name refreshes theirs.
            if (updated > 0 && write.Row.DisplayName != write.Current.DisplayName)
            {
                SearchKeys.RefreshMembers(write.Connection, write.Transaction, write.Row.Id, write.Row.DisplayName);
            }

            return updated;
        });

    public Task DeleteOrganizationAsync(OrganizationName name, long? expectedVersion) =>
        database.DeleteAsync(name.ToString(), expectedVersion, (connection, transaction) => ExistingOrganization(connection, transaction, name), delete =>
        {
            var users = delete.Connection.ExecuteScalar<long>(
                """
                SELECT (SELECT count(*) FROM stakeholders WHERE organization_id = @Id)
                     + (SELECT count(*) FROM merged_stakeholders WHERE organization_id = @Id)
                     + (SELECT count(*) FROM session_organizers WHERE organization_id = @Id)
                """,
                new { delete.Current.Id },
                delete.Transaction);
            if (users > 0)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.OrganizationInUse,
                    name.ToString(),
                    $"{name} is referred to by {users} stakeholder(s) (records kept of merged ones included) or session(s); change those first.");
            }

            return delete.Connection.Execute(
                "DELETE FROM organizations WHERE id = @Id AND version = @Expected", new { delete.Current.Id, delete.Expected }, delete.Transaction);
        });

    private string Today() =>
        DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static StakeholderRow ExistingStakeholder(DbConnection connection, DbTransaction? transaction, StakeholderName name) =>
        connection.QueryFirstOrDefaultPrepared<StakeholderRow>(
            transaction, $"SELECT {StakeholderColumns} FROM stakeholders WHERE id = $1 AND erased = 0", name.StakeholderId)
        ?? throw (MergedInto(connection, transaction, name) ?? RegistryException.NotFound(ErrorReason.StakeholderNotFound, name.ToString()));

    private static OrganizationRow ExistingOrganization(DbConnection connection, DbTransaction? transaction, OrganizationName name) =>
        connection.QuerySingleOrDefault<OrganizationRow>(
            $"SELECT {OrganizationColumns} FROM organizations WHERE id = @id",
            new { id = name.OrganizationId },
            transaction)
        ?? throw OrganizationNotFound(name, null);

    private static RegistryException OrganizationNotFound(OrganizationName name, string? field) =>
        RegistryException.NotFound(ErrorReason.OrganizationNotFound, name.ToString(), field);
}
