using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>Seats on panels and registrations to meetings: the rows that hold a snapshot of a person.</summary>
public sealed partial class SqliteMeetingStore
{
    private const string SnapshotColumns = """
        snap_display_name, snap_stakeholder_group, snap_regional_group, snap_country_code, snap_affiliation, snap_organization_id
        """;

    private const string SnapshotValues = """
        @SnapDisplayName, @SnapStakeholderGroup, @SnapRegionalGroup, @SnapCountryCode, @SnapAffiliation, @SnapOrganizationId
        """;

    private const string ParticipantColumns = $"""
        meeting_id, session_id, id, stakeholder_id, role, confirmation, attendance,
        {SnapshotColumns}, create_time, update_time, version
        """;

    private const string RegistrationColumns = $"""
        meeting_id, id, stakeholder_id, attendance, check_in_time, {SnapshotColumns}, create_time, update_time, version
        """;

    // Participants

    public Task<Created<ParticipantRow>> CreateParticipantAsync(ParticipantRow draft, RequestIdClaim? claim, Func<ParticipantRow, byte[]> encodeResponse) =>
        database.CreateOnceAsync(claim, clock, (connection, transaction) => InsertParticipant(connection, transaction, draft, ""), encodeResponse);

    /// <summary>Checks and inserts one new seat with its snapshot; <paramref name="item"/> prefixes the fields it names.</summary>
    private ParticipantRow InsertParticipant(DbConnection connection, DbTransaction transaction, ParticipantRow draft, string item)
    {
        ExistingSession(connection, transaction, new SessionName(draft.MeetingId, draft.SessionId));
        var row = Versioned.Stamped(draft.Copy(), Ids.New(), clock);
        TakeSnapshot(connection, transaction, row, At(item, "participant.stakeholder"));
        RequireFreeSeat(connection, transaction, row);
        connection.Execute(
            $"""
            INSERT INTO participants ({ParticipantColumns}, person_gender, person_attributes, person_key)
            VALUES (@MeetingId, @SessionId, @Id, @StakeholderId, @Role, @Confirmation, @Attendance,
                    {SnapshotValues}, @CreateTime, @UpdateTime, @Version, @PersonGender, @PersonAttributes,
                    (SELECT record_key FROM stakeholders WHERE id = @StakeholderId))
            """,
            row,
            transaction);
        return row;
    }

    public ParticipantRow GetParticipant(ParticipantName name) =>
        database.Read(connection => ExistingParticipant(connection, null, name));

    public Page<ParticipantRow> ListParticipants(SessionName parent, ListQuery query) =>
        database.Read(connection =>
        {
            if (parent.IsWildcard)
            {
                RequireMeeting(connection, null, parent.Meeting);
                return connection.QueryPage<ParticipantRow>(
                    query, ParticipantColumns, "participants", "meeting_id = @MeetingId", "id", new { parent.MeetingId });
            }

            ExistingSession(connection, null, parent);
            return connection.QueryPage<ParticipantRow>(
                query, ParticipantColumns, "participants", "meeting_id = @MeetingId AND session_id = @SessionId", "id", new { parent.MeetingId, parent.SessionId });
        });

    public Task<ParticipantRow> UpdateParticipantAsync(ParticipantName name, long? expectedVersion, Func<ParticipantRow, ParticipantRow> change) =>
        database.UpdateAsync(clock, name.ToString(), expectedVersion, (connection, transaction) => ExistingParticipant(connection, transaction, name), change, write =>
        {
            RequireFreeSeat(write.Connection, write.Transaction, write.Row);
            return write.Connection.Execute(
                """
                UPDATE participants
                SET role = @Role, confirmation = @Confirmation, attendance = @Attendance, update_time = @UpdateTime, version = version + 1
                WHERE id = @Id AND version = @Expected
                """,
                new { write.Row.Id, write.Row.Role, write.Row.Confirmation, write.Row.Attendance, write.Row.UpdateTime, write.Expected },
                write.Transaction);
        });

    public Task DeleteParticipantAsync(ParticipantName name, long? expectedVersion) =>
        database.DeleteAsync(name.ToString(), expectedVersion, (connection, transaction) => ExistingParticipant(connection, transaction, name), delete =>
            delete.Connection.Execute(
                "DELETE FROM participants WHERE id = @Id AND version = @Expected", new { delete.Current.Id, delete.Expected }, delete.Transaction));

    /// <summary>ALREADY_EXISTS when the person already holds the row's role in its session (in a seat other than the row's own).</summary>
    private static void RequireFreeSeat(DbConnection connection, DbTransaction transaction, ParticipantRow row)
    {
        var taken = connection.ExecuteScalar<long>(
            """
            SELECT count(*) FROM participants
            WHERE meeting_id = @MeetingId AND session_id = @SessionId AND stakeholder_id = @StakeholderId AND role = @Role AND id <> @Id
            """,
            row,
            transaction);
        if (taken > 0)
        {
            var session = new SessionName(row.MeetingId, row.SessionId).ToString();
            throw RegistryException.AlreadyExists(
                ErrorReason.ParticipantAlreadyExists,
                session,
                $"{new StakeholderName(row.StakeholderId)} already holds the role {(ParticipantRole)row.Role} in {session}.");
        }
    }

    // Registrations

    public Task<Created<RegistrationRow>> CreateRegistrationAsync(RegistrationRow draft, RequestIdClaim? claim, Func<RegistrationRow, byte[]> encodeResponse) =>
        database.CreateOnceAsync(claim, clock, (connection, transaction) => InsertRegistration(connection, transaction, draft, ""), encodeResponse);

    /// <summary>Checks and inserts one new registration with its snapshot; <paramref name="item"/> prefixes the fields it names.</summary>
    private RegistrationRow InsertRegistration(DbConnection connection, DbTransaction transaction, RegistrationRow draft, string item)
    {
        RequireMeeting(connection, transaction, new MeetingName(draft.MeetingId));
        var row = Versioned.Stamped(draft.Copy(), Ids.New(), clock);
        TakeSnapshot(connection, transaction, row, At(item, "registration.stakeholder"));
        var existing = connection.QuerySingleOrDefault<string>(
            "SELECT id FROM registrations WHERE meeting_id = @MeetingId AND stakeholder_id = @StakeholderId", row, transaction);
        if (existing is not null)
        {
            var name = new RegistrationName(row.MeetingId, existing).ToString();
            throw RegistryException.AlreadyExists(
                ErrorReason.RegistrationAlreadyExists,
                name,
                $"{new StakeholderName(row.StakeholderId)} is already registered for {new MeetingName(row.MeetingId)} as {name}.");
        }

        connection.Execute(
            $"""
            INSERT INTO registrations ({RegistrationColumns}, person_gender, person_attributes, person_key)
            VALUES (@MeetingId, @Id, @StakeholderId, @Attendance, @CheckInTime,
                    {SnapshotValues}, @CreateTime, @UpdateTime, @Version, @PersonGender, @PersonAttributes,
                    (SELECT record_key FROM stakeholders WHERE id = @StakeholderId))
            """,
            row,
            transaction);
        return row;
    }

    public RegistrationRow GetRegistration(RegistrationName name) =>
        database.Read(connection => ExistingRegistration(connection, null, name));

    public Page<RegistrationRow> ListRegistrations(MeetingName parent, ListQuery query) =>
        database.Read(connection =>
        {
            RequireMeeting(connection, null, parent);
            return connection.QueryPage<RegistrationRow>(
                query, RegistrationColumns, "registrations", "meeting_id = @MeetingId", "id", new { parent.MeetingId });
        });

    public Task<RegistrationRow> UpdateRegistrationAsync(RegistrationName name, long? expectedVersion, Func<RegistrationRow, RegistrationRow> change) =>
        database.UpdateAsync(clock, name.ToString(), expectedVersion, (connection, transaction) => ExistingRegistration(connection, transaction, name), change, write =>
            write.Connection.Execute(
                """
                UPDATE registrations
                SET attendance = @Attendance, check_in_time = @CheckInTime, update_time = @UpdateTime, version = version + 1
                WHERE id = @Id AND version = @Expected
                """,
                new { write.Row.Id, write.Row.Attendance, write.Row.CheckInTime, write.Row.UpdateTime, write.Expected },
                write.Transaction));

    public Task DeleteRegistrationAsync(RegistrationName name, long? expectedVersion) =>
        database.DeleteAsync(name.ToString(), expectedVersion, (connection, transaction) => ExistingRegistration(connection, transaction, name), delete =>
            delete.Connection.Execute(
                "DELETE FROM registrations WHERE id = @Id AND version = @Expected", new { delete.Current.Id, delete.Expected }, delete.Transaction));

    /// <summary>Copies the person's record as it is now onto <paramref name="row"/>; NOT_FOUND naming <paramref name="field"/> when there is none.</summary>
    private static void TakeSnapshot(DbConnection connection, DbTransaction transaction, PersonRow row, string field)
    {
        var person = connection.QuerySingleOrDefault<PersonSnapshot>(
            """
            SELECT display_name AS snap_display_name, stakeholder_group AS snap_stakeholder_group,
                   regional_group AS snap_regional_group, country_code AS snap_country_code,
                   affiliation AS snap_affiliation, organization_id AS snap_organization_id,
                   gender AS person_gender, attributes AS person_attributes
            FROM stakeholders
            WHERE id = @StakeholderId AND erased = 0
            """,
            new { row.StakeholderId },
            transaction) ?? throw RegistryException.NotFound(ErrorReason.StakeholderNotFound, new StakeholderName(row.StakeholderId).ToString(), field);
        row.SnapDisplayName = person.SnapDisplayName;
        row.SnapStakeholderGroup = person.SnapStakeholderGroup;
        row.SnapRegionalGroup = person.SnapRegionalGroup;
        row.SnapCountryCode = person.SnapCountryCode;
        row.SnapAffiliation = person.SnapAffiliation;
        row.SnapOrganizationId = person.SnapOrganizationId;
        row.PersonGender = person.PersonGender;
        row.PersonAttributes = person.PersonAttributes;
    }

    /// <summary>The snapshot columns alone, as read from the person's record.</summary>
    private sealed class PersonSnapshot : PersonRow;

    private static ParticipantRow ExistingParticipant(DbConnection connection, DbTransaction? transaction, ParticipantName name) =>
        connection.QuerySingleOrDefault<ParticipantRow>(
            $"SELECT {ParticipantColumns} FROM participants WHERE id = @ParticipantId AND meeting_id = @MeetingId AND session_id = @SessionId",
            new { name.MeetingId, name.SessionId, name.ParticipantId },
            transaction)
        ?? throw RegistryException.NotFound(ErrorReason.ParticipantNotFound, name.ToString());

    private static RegistrationRow ExistingRegistration(DbConnection connection, DbTransaction? transaction, RegistrationName name) =>
        connection.QuerySingleOrDefault<RegistrationRow>(
            $"SELECT {RegistrationColumns} FROM registrations WHERE id = @RegistrationId AND meeting_id = @MeetingId",
            new { name.MeetingId, name.RegistrationId },
            transaction)
        ?? throw RegistryException.NotFound(ErrorReason.RegistrationNotFound, name.ToString());
}
