using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

public sealed class SqliteMeetingStore(Database database, TimeProvider clock) : IMeetingStore
{
    private const string MeetingColumns = "id, display_name, forum, start_date, end_date, country_code, create_time, update_time, version";

    private const string SessionColumns = """
        meeting_id, id, display_name, kind, state, theme, start_time, end_time, room,
        grc_participant_count, grc_women_count, grc_women_share_band, grc_gender_discussion,
        create_time, update_time, version
        """;

    private const string SnapshotColumns = """
        snap_display_name, snap_stakeholder_group, snap_regional_group, snap_country_code, snap_affiliation, snap_organization_id
        """;

    private const string ParticipantColumns = $"""
        meeting_id, session_id, id, stakeholder_id, role, confirmation, attendance,
        {SnapshotColumns}, create_time, update_time, version
        """;

    private const string RegistrationColumns = $"""
        meeting_id, id, stakeholder_id, attendance, {SnapshotColumns}, create_time, update_time, version
        """;

    private const int Held = (int)SessionState.Held;

    // Meetings

    public Created<MeetingRow> CreateMeeting(MeetingRow draft, RequestIdClaim? claim, Func<MeetingRow, byte[]> encodeResponse)
    {
        using var connection = database.Open();
        return RequestLedger.CreateOnce(connection, claim, clock.GetUtcNow(), transaction =>
        {
            var row = Stamped(draft.Copy(), draft.Id);
            if (FindMeeting(connection, transaction, row.Id) is not null)
            {
                throw RegistryException.AlreadyExists(ErrorReason.MeetingAlreadyExists, MeetingRules.MeetingName(row.Id), $"{MeetingRules.MeetingName(row.Id)} already exists; choose another meeting_id.");
            }

            connection.Execute(
                $"""
                INSERT INTO meetings ({MeetingColumns})
                VALUES (@Id, @DisplayName, @Forum, @StartDate, @EndDate, @CountryCode, @CreateTime, @UpdateTime, @Version)
                """,
                row,
                transaction);
            return row;
        }, encodeResponse);
    }

    public MeetingRow GetMeeting(string id)
    {
        using var connection = database.Open();
        return FindMeeting(connection, null, id) ?? throw MeetingNotFound(id);
    }

    public Page<MeetingRow> ListMeetings(ListQuery query)
    {
        using var connection = database.Open();
        return connection.QueryPage<MeetingRow>(query, MeetingColumns, "meetings", "1 = 1", "id");
    }

    public MeetingRow UpdateMeeting(string id, long? expectedVersion, Func<MeetingRow, MeetingRow> change)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindMeeting(connection, transaction, id) ?? throw MeetingNotFound(id);
        var row = change(current.Copy());
        row.UpdateTime = Now();
        var updated = connection.Execute(
            """
            UPDATE meetings
            SET display_name = @DisplayName, forum = @Forum, start_date = @StartDate, end_date = @EndDate,
                country_code = @CountryCode, update_time = @UpdateTime, version = version + 1
            WHERE id = @Id AND version = @expected
            """,
            new { row.Id, row.DisplayName, row.Forum, row.StartDate, row.EndDate, row.CountryCode, row.UpdateTime, expected = expectedVersion ?? current.Version },
            transaction);
        return Committed(transaction, updated, row, current.Version, MeetingRules.MeetingName(id));
    }

    public void DeleteMeeting(string id, long? expectedVersion, bool force)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindMeeting(connection, transaction, id) ?? throw MeetingNotFound(id);
        var counts = connection.QuerySingle<(long Sessions, long Held, long Registrations)>(
            $"""
            SELECT (SELECT count(*) FROM sessions WHERE meeting_id = @id),
                   (SELECT count(*) FROM sessions WHERE meeting_id = @id AND state = {Held}),
                   (SELECT count(*) FROM registrations WHERE meeting_id = @id)
            """,
            new { id },
            transaction);
        var name = MeetingRules.MeetingName(id);
        if (counts.Sessions + counts.Registrations > 0 && !force)
        {
            throw RegistryException.FailedPrecondition(
                ErrorReason.MeetingNotEmpty,
                name,
                $"{name} has {counts.Sessions} session(s) and {counts.Registrations} registration(s); delete them first, or delete with force.");
        }

        if (counts.Held > 0)
        {
            throw RegistryException.FailedPrecondition(
                ErrorReason.SessionHeld,
                name,
                $"{name} has {counts.Held} HELD session(s); their panels are history and are not deleted.");
        }

        connection.Execute(
            """
            DELETE FROM participants WHERE meeting_id = @id;
            DELETE FROM session_organizers WHERE meeting_id = @id;
            DELETE FROM sessions WHERE meeting_id = @id;
            DELETE FROM registrations WHERE meeting_id = @id;
            """,
            new { id },
            transaction);
        var deleted = connection.Execute("DELETE FROM meetings WHERE id = @id AND version = @expected", new { id, expected = expectedVersion ?? current.Version }, transaction);
        Committed(transaction, deleted, current, current.Version, name);
    }

    // Sessions

    public Created<SessionRow> CreateSession(SessionRow draft, RequestIdClaim? claim, Func<SessionRow, byte[]> encodeResponse)
    {
        using var connection = database.Open();
        return RequestLedger.CreateOnce(connection, claim, clock.GetUtcNow(), transaction =>
        {
            RequireMeeting(connection, transaction, draft.MeetingId);
            var row = Stamped(draft.Copy(), draft.Id);
            if (FindSession(connection, transaction, row.MeetingId, row.Id) is not null)
            {
                var name = MeetingRules.SessionName(row.MeetingId, row.Id);
                throw RegistryException.AlreadyExists(ErrorReason.SessionAlreadyExists, name, $"{name} already exists; choose another session_id.");
            }

            RequireOrganizations(connection, transaction, row.OrganizerIds, "session.organizers");
            connection.Execute(
                $"""
                INSERT INTO sessions ({SessionColumns})
                VALUES (@MeetingId, @Id, @DisplayName, @Kind, @State, @Theme, @StartTime, @EndTime, @Room,
                        @GrcParticipantCount, @GrcWomenCount, @GrcWomenShareBand, @GrcGenderDiscussion,
                        @CreateTime, @UpdateTime, @Version)
                """,
                row,
                transaction);
            WriteOrganizers(connection, transaction, row);
            return row;
        }, encodeResponse);
    }

    public SessionRow GetSession(string meetingId, string id)
    {
        using var connection = database.Open();
        var row = FindSession(connection, null, meetingId, id) ?? throw SessionNotFound(meetingId, id);
        LoadOrganizers(connection, null, meetingId, [row]);
        return row;
    }

    public Page<SessionRow> ListSessions(string meetingId, ListQuery query)
    {
        using var connection = database.Open();
        RequireMeeting(connection, null, meetingId);
        var page = connection.QueryPage<SessionRow>(query, SessionColumns, "sessions", "meeting_id = @meetingId", "id", new { meetingId });
        LoadOrganizers(connection, null, meetingId, page.Items);
        return page;
    }

    public SessionRow UpdateSession(string meetingId, string id, long? expectedVersion, Func<SessionRow, SessionRow> change)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindSession(connection, transaction, meetingId, id) ?? throw SessionNotFound(meetingId, id);
        LoadOrganizers(connection, transaction, meetingId, [current]);
        var row = change(current.Copy());
        RequireOrganizations(connection, transaction, row.OrganizerIds, "session.organizers");
        row.UpdateTime = Now();
        var updated = connection.Execute(
            """
            UPDATE sessions
            SET display_name = @DisplayName, kind = @Kind, state = @State, theme = @Theme, start_time = @StartTime,
                end_time = @EndTime, room = @Room, grc_participant_count = @GrcParticipantCount,
                grc_women_count = @GrcWomenCount, grc_women_share_band = @GrcWomenShareBand,
                grc_gender_discussion = @GrcGenderDiscussion, update_time = @UpdateTime, version = version + 1
            WHERE meeting_id = @MeetingId AND id = @Id AND version = @expected
            """,
            new
            {
                row.MeetingId, row.Id, row.DisplayName, row.Kind, row.State, row.Theme, row.StartTime, row.EndTime, row.Room,
                row.GrcParticipantCount, row.GrcWomenCount, row.GrcWomenShareBand, row.GrcGenderDiscussion, row.UpdateTime,
                expected = expectedVersion ?? current.Version,
            },
            transaction);
        if (updated > 0 && !row.OrganizerIds.SequenceEqual(current.OrganizerIds))
        {
            connection.Execute("DELETE FROM session_organizers WHERE meeting_id = @MeetingId AND session_id = @Id", row, transaction);
            WriteOrganizers(connection, transaction, row);
        }

        return Committed(transaction, updated, row, current.Version, MeetingRules.SessionName(meetingId, id));
    }

    public void DeleteSession(string meetingId, string id, long? expectedVersion, bool force)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindSession(connection, transaction, meetingId, id) ?? throw SessionNotFound(meetingId, id);
        var name = MeetingRules.SessionName(meetingId, id);
        var seats = connection.ExecuteScalar<long>(
            "SELECT count(*) FROM participants WHERE meeting_id = @meetingId AND session_id = @id", new { meetingId, id }, transaction);
        if (seats > 0 && current.State == Held)
        {
            throw RegistryException.FailedPrecondition(
                ErrorReason.SessionHeld, name, $"{name} was HELD and has {seats} seat(s); its panel is history and is not deleted.");
        }

        if (seats > 0 && !force)
        {
            throw RegistryException.FailedPrecondition(
                ErrorReason.SessionHasSeats, name, $"{name} has {seats} seat(s); delete them first, or delete with force.");
        }

        connection.Execute(
            """
            DELETE FROM participants WHERE meeting_id = @meetingId AND session_id = @id;
            DELETE FROM session_organizers WHERE meeting_id = @meetingId AND session_id = @id;
            """,
            new { meetingId, id },
            transaction);
        var deleted = connection.Execute(
            "DELETE FROM sessions WHERE meeting_id = @meetingId AND id = @id AND version = @expected",
            new { meetingId, id, expected = expectedVersion ?? current.Version },
            transaction);
        Committed(transaction, deleted, current, current.Version, name);
    }

    // Participants

    public Created<ParticipantRow> CreateParticipant(ParticipantRow draft, RequestIdClaim? claim, Func<ParticipantRow, byte[]> encodeResponse)
    {
        using var connection = database.Open();
        return RequestLedger.CreateOnce(connection, claim, clock.GetUtcNow(), transaction =>
        {
            _ = FindSession(connection, transaction, draft.MeetingId, draft.SessionId) ?? throw SessionNotFound(draft.MeetingId, draft.SessionId);
            var row = Stamped(draft.Copy(), Ids.New());
            TakeSnapshot(connection, transaction, row, "participant.stakeholder");
            var taken = connection.ExecuteScalar<long>(
                """
                SELECT count(*) FROM participants
                WHERE meeting_id = @MeetingId AND session_id = @SessionId AND stakeholder_id = @StakeholderId AND role = @Role
                """,
                row,
                transaction);
            if (taken > 0)
            {
                throw DuplicateSeat(row);
            }

            connection.Execute(
                $"""
                INSERT INTO participants ({ParticipantColumns}, person_gender, person_attributes)
                VALUES (@MeetingId, @SessionId, @Id, @StakeholderId, @Role, @Confirmation, @Attendance,
                        @SnapDisplayName, @SnapStakeholderGroup, @SnapRegionalGroup, @SnapCountryCode, @SnapAffiliation, @SnapOrganizationId,
                        @CreateTime, @UpdateTime, @Version, @PersonGender, @PersonAttributes)
                """,
                row,
                transaction);
            return row;
        }, encodeResponse);
    }

    public ParticipantRow GetParticipant(string meetingId, string sessionId, string id)
    {
        using var connection = database.Open();
        return FindParticipant(connection, null, meetingId, sessionId, id) ?? throw ParticipantNotFound(meetingId, sessionId, id);
    }

    public Page<ParticipantRow> ListParticipants(string meetingId, string? sessionId, ListQuery query)
    {
        using var connection = database.Open();
        if (sessionId is null)
        {
            RequireMeeting(connection, null, meetingId);
            return connection.QueryPage<ParticipantRow>(query, ParticipantColumns, "participants", "meeting_id = @meetingId", "id", new { meetingId });
        }

        _ = FindSession(connection, null, meetingId, sessionId) ?? throw SessionNotFound(meetingId, sessionId);
        return connection.QueryPage<ParticipantRow>(
            query, ParticipantColumns, "participants", "meeting_id = @meetingId AND session_id = @sessionId", "id", new { meetingId, sessionId });
    }

    public ParticipantRow UpdateParticipant(string meetingId, string sessionId, string id, long? expectedVersion, Func<ParticipantRow, ParticipantRow> change)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindParticipant(connection, transaction, meetingId, sessionId, id) ?? throw ParticipantNotFound(meetingId, sessionId, id);
        var row = change(current.Copy());
        row.UpdateTime = Now();
        var clash = connection.ExecuteScalar<long>(
            """
            SELECT count(*) FROM participants
            WHERE meeting_id = @MeetingId AND session_id = @SessionId AND stakeholder_id = @StakeholderId AND role = @Role AND id <> @Id
            """,
            row,
            transaction);
        if (clash > 0)
        {
            throw DuplicateSeat(row);
        }

        var updated = connection.Execute(
            """
            UPDATE participants
            SET role = @Role, confirmation = @Confirmation, attendance = @Attendance, update_time = @UpdateTime, version = version + 1
            WHERE id = @Id AND version = @expected
            """,
            new { row.Id, row.Role, row.Confirmation, row.Attendance, row.UpdateTime, expected = expectedVersion ?? current.Version },
            transaction);
        return Committed(transaction, updated, row, current.Version, MeetingRules.ParticipantName(meetingId, sessionId, id));
    }

    public void DeleteParticipant(string meetingId, string sessionId, string id, long? expectedVersion)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindParticipant(connection, transaction, meetingId, sessionId, id) ?? throw ParticipantNotFound(meetingId, sessionId, id);
        var deleted = connection.Execute("DELETE FROM participants WHERE id = @id AND version = @expected", new { id, expected = expectedVersion ?? current.Version }, transaction);
        Committed(transaction, deleted, current, current.Version, MeetingRules.ParticipantName(meetingId, sessionId, id));
    }

    // Registrations

    public Created<RegistrationRow> CreateRegistration(RegistrationRow draft, RequestIdClaim? claim, Func<RegistrationRow, byte[]> encodeResponse)
    {
        using var connection = database.Open();
        return RequestLedger.CreateOnce(connection, claim, clock.GetUtcNow(), transaction =>
        {
            RequireMeeting(connection, transaction, draft.MeetingId);
            var row = Stamped(draft.Copy(), Ids.New());
            TakeSnapshot(connection, transaction, row, "registration.stakeholder");
            var existing = connection.QuerySingleOrDefault<string>(
                "SELECT id FROM registrations WHERE meeting_id = @MeetingId AND stakeholder_id = @StakeholderId", row, transaction);
            if (existing is not null)
            {
                var name = MeetingRules.RegistrationName(row.MeetingId, existing);
                throw RegistryException.AlreadyExists(
                    ErrorReason.RegistrationAlreadyExists, name, $"stakeholders/{row.StakeholderId} is already registered for meetings/{row.MeetingId} as {name}.");
            }

            connection.Execute(
                $"""
                INSERT INTO registrations ({RegistrationColumns}, person_gender, person_attributes)
                VALUES (@MeetingId, @Id, @StakeholderId, @Attendance,
                        @SnapDisplayName, @SnapStakeholderGroup, @SnapRegionalGroup, @SnapCountryCode, @SnapAffiliation, @SnapOrganizationId,
                        @CreateTime, @UpdateTime, @Version, @PersonGender, @PersonAttributes)
                """,
                row,
                transaction);
            return row;
        }, encodeResponse);
    }

    public RegistrationRow GetRegistration(string meetingId, string id)
    {
        using var connection = database.Open();
        return FindRegistration(connection, null, meetingId, id) ?? throw RegistrationNotFound(meetingId, id);
    }

    public Page<RegistrationRow> ListRegistrations(string meetingId, ListQuery query)
    {
        using var connection = database.Open();
        RequireMeeting(connection, null, meetingId);
        return connection.QueryPage<RegistrationRow>(query, RegistrationColumns, "registrations", "meeting_id = @meetingId", "id", new { meetingId });
    }

    public RegistrationRow UpdateRegistration(string meetingId, string id, long? expectedVersion, Func<RegistrationRow, RegistrationRow> change)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindRegistration(connection, transaction, meetingId, id) ?? throw RegistrationNotFound(meetingId, id);
        var row = change(current.Copy());
        row.UpdateTime = Now();
        var updated = connection.Execute(
            """
            UPDATE registrations
            SET attendance = @Attendance, update_time = @UpdateTime, version = version + 1
            WHERE id = @Id AND version = @expected
            """,
            new { row.Id, row.Attendance, row.UpdateTime, expected = expectedVersion ?? current.Version },
            transaction);
        return Committed(transaction, updated, row, current.Version, MeetingRules.RegistrationName(meetingId, id));
    }

    public void DeleteRegistration(string meetingId, string id, long? expectedVersion)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindRegistration(connection, transaction, meetingId, id) ?? throw RegistrationNotFound(meetingId, id);
        var deleted = connection.Execute("DELETE FROM registrations WHERE id = @id AND version = @expected", new { id, expected = expectedVersion ?? current.Version }, transaction);
        Committed(transaction, deleted, current, current.Version, MeetingRules.RegistrationName(meetingId, id));
    }

    // Shared

    private string Now() => Times.ToText(clock.GetUtcNow());

    private T Stamped<T>(T row, string id)
        where T : IVersionedRow
    {
        row.Id = id;
        row.CreateTime = row.UpdateTime = Now();
        row.Version = 1;
        return row;
    }

    /// <summary>Commits when the versioned write touched a row; otherwise the etag was stale.</summary>
    private static T Committed<T>(SqliteTransaction transaction, int written, T row, long previousVersion, string name)
        where T : IVersionedRow
    {
        if (written == 0)
        {
            throw RegistryException.EtagMismatch(name);
        }

        transaction.Commit();
        row.Version = previousVersion + 1;
        return row;
    }

    private static void TakeSnapshot(SqliteConnection connection, SqliteTransaction transaction, SnapshotRow row, string field)
    {
        var stakeholderId = row is ParticipantRow p ? p.StakeholderId : ((RegistrationRow)row).StakeholderId;
        var snapshot = connection.QuerySingleOrDefault<SnapshotSource>(
            """
            SELECT display_name, stakeholder_group, regional_group, country_code, affiliation, organization_id, gender, attributes
            FROM stakeholders
            WHERE id = @stakeholderId AND erased = 0
            """,
            new { stakeholderId },
            transaction) ?? throw RegistryException.NotFound(ErrorReason.StakeholderNotFound, $"stakeholders/{stakeholderId}", field);
        row.SnapDisplayName = snapshot.DisplayName;
        row.SnapStakeholderGroup = snapshot.StakeholderGroup;
        row.SnapRegionalGroup = snapshot.RegionalGroup;
        row.SnapCountryCode = snapshot.CountryCode;
        row.SnapAffiliation = snapshot.Affiliation;
        row.SnapOrganizationId = snapshot.OrganizationId;
        row.PersonGender = snapshot.Gender;
        row.PersonAttributes = snapshot.Attributes;
    }

    private sealed class SnapshotSource
    {
        public string DisplayName { get; set; } = "";
        public int StakeholderGroup { get; set; }
        public int RegionalGroup { get; set; }
        public string CountryCode { get; set; } = "";
        public string Affiliation { get; set; } = "";
        public string? OrganizationId { get; set; }
        public int Gender { get; set; }
        public long Attributes { get; set; }
    }

    private static void WriteOrganizers(SqliteConnection connection, SqliteTransaction transaction, SessionRow row) =>
        connection.Execute(
            """
            INSERT INTO session_organizers (meeting_id, session_id, position, organization_id)
            VALUES (@MeetingId, @SessionId, @Position, @OrganizationId)
            """,
            row.OrganizerIds.Select((organizationId, position) => new { row.MeetingId, SessionId = row.Id, Position = position, OrganizationId = organizationId }),
            transaction);

    /// <summary>One query for the organisers of a whole page of sessions.</summary>
    private static void LoadOrganizers(SqliteConnection connection, SqliteTransaction? transaction, string meetingId, IReadOnlyList<SessionRow> sessions)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        var bySession = sessions.ToDictionary(s => s.Id);
        var organizers = connection.Query<(string SessionId, string OrganizationId)>(
            """
            SELECT session_id, organization_id
            FROM session_organizers
            WHERE meeting_id = @meetingId AND session_id IN @ids
            ORDER BY session_id, position
            """,
            new { meetingId, ids = bySession.Keys },
            transaction);
        foreach (var (sessionId, organizationId) in organizers)
        {
            bySession[sessionId].OrganizerIds.Add(organizationId);
        }
    }

    private static void RequireOrganizations(SqliteConnection connection, SqliteTransaction transaction, List<string> ids, string field)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var known = connection.Query<string>("SELECT id FROM organizations WHERE id IN @ids", new { ids }, transaction).ToHashSet();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!known.Contains(ids[i]))
            {
                throw RegistryException.NotFound(ErrorReason.OrganizationNotFound, $"organizations/{ids[i]}", $"{field}[{i}]");
            }
        }
    }

    private static void RequireMeeting(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        if (connection.ExecuteScalar<long>("SELECT count(*) FROM meetings WHERE id = @id", new { id }, transaction) == 0)
        {
            throw MeetingNotFound(id);
        }
    }

    private static MeetingRow? FindMeeting(SqliteConnection connection, SqliteTransaction? transaction, string id) =>
        connection.QuerySingleOrDefault<MeetingRow>($"SELECT {MeetingColumns} FROM meetings WHERE id = @id", new { id }, transaction);

    private static SessionRow? FindSession(SqliteConnection connection, SqliteTransaction? transaction, string meetingId, string id) =>
        connection.QuerySingleOrDefault<SessionRow>(
            $"SELECT {SessionColumns} FROM sessions WHERE meeting_id = @meetingId AND id = @id", new { meetingId, id }, transaction);

    private static ParticipantRow? FindParticipant(SqliteConnection connection, SqliteTransaction? transaction, string meetingId, string sessionId, string id) =>
        connection.QuerySingleOrDefault<ParticipantRow>(
            $"SELECT {ParticipantColumns} FROM participants WHERE id = @id AND meeting_id = @meetingId AND session_id = @sessionId",
            new { meetingId, sessionId, id },
            transaction);

    private static RegistrationRow? FindRegistration(SqliteConnection connection, SqliteTransaction? transaction, string meetingId, string id) =>
        connection.QuerySingleOrDefault<RegistrationRow>(
            $"SELECT {RegistrationColumns} FROM registrations WHERE id = @id AND meeting_id = @meetingId", new { meetingId, id }, transaction);

    private static RegistryException DuplicateSeat(ParticipantRow row) => RegistryException.AlreadyExists(
        ErrorReason.ParticipantAlreadyExists,
        MeetingRules.SessionName(row.MeetingId, row.SessionId),
        $"stakeholders/{row.StakeholderId} already holds the role {(ParticipantRole)row.Role} in {MeetingRules.SessionName(row.MeetingId, row.SessionId)}.");

    private static RegistryException MeetingNotFound(string id) =>
        RegistryException.NotFound(ErrorReason.MeetingNotFound, MeetingRules.MeetingName(id));

    private static RegistryException SessionNotFound(string meetingId, string id) =>
        RegistryException.NotFound(ErrorReason.SessionNotFound, MeetingRules.SessionName(meetingId, id));

    private static RegistryException ParticipantNotFound(string meetingId, string sessionId, string id) =>
        RegistryException.NotFound(ErrorReason.ParticipantNotFound, MeetingRules.ParticipantName(meetingId, sessionId, id));

    private static RegistryException RegistrationNotFound(string meetingId, string id) =>
        RegistryException.NotFound(ErrorReason.RegistrationNotFound, MeetingRules.RegistrationName(meetingId, id));
}
