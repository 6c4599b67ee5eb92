using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>Meetings and sessions; seats and registrations are in SqliteMeetingStore.People.cs.</summary>
public sealed partial class SqliteMeetingStore(Database database, TimeProvider clock) : IMeetingStore
{
    private const string MeetingColumns = "id, display_name, forum, start_date, end_date, country_code, time_zone, create_time, update_time, version";

    private const string SessionColumns = """
        meeting_id, id, display_name, kind, state, theme, start_time, end_time, room,
        grc_participant_count, grc_women_count, grc_women_share_band, grc_gender_discussion,
        create_time, update_time, version
        """;

    private const int Held = (int)SessionState.Held;

    // Meetings

    public Task<Created<MeetingRow>> CreateMeetingAsync(MeetingRow draft, RequestIdClaim? claim, Func<MeetingRow, byte[]> encodeResponse) =>
        database.CreateOnceAsync(claim, clock, (connection, transaction) =>
        {
            var row = Versioned.Stamped(draft.Copy(), draft.Id, clock);
            if (FindMeeting(connection, transaction, row.Id) is not null)
            {
                var name = new MeetingName(row.Id).ToString();
                throw RegistryException.AlreadyExists(ErrorReason.MeetingAlreadyExists, name, $"{name} already exists; choose another meeting_id.");
            }

            ResolveForum(connection, transaction, row);

            connection.Execute(
                $"""
                INSERT INTO meetings ({MeetingColumns})
                VALUES (@Id, @DisplayName, @Forum, @StartDate, @EndDate, @CountryCode, @TimeZone, @CreateTime, @UpdateTime, @Version)
                """,
                row,
                transaction);
            return row;
        }, encodeResponse);

    public MeetingRow GetMeeting(MeetingName name) =>
        database.Read(connection => ExistingMeeting(connection, null, name));

    public Page<MeetingRow> ListMeetings(ListQuery query) =>
        database.Read(connection => connection.QueryPage<MeetingRow>(query, MeetingColumns, "meetings", "1 = 1", "id"));

    public Task<MeetingRow> UpdateMeetingAsync(MeetingName name, long? expectedVersion, Func<MeetingRow, MeetingRow> change) =>
        database.UpdateAsync(clock, name.ToString(), expectedVersion, (connection, transaction) => ExistingMeeting(connection, transaction, name), change, write =>
        {
            ResolveForum(write.Connection, write.Transaction, write.Row);
            return write.Connection.Execute(
                """
                UPDATE meetings
                SET display_name = @DisplayName, forum = @Forum, start_date = @StartDate, end_date = @EndDate,
                    country_code = @CountryCode, time_zone = @TimeZone, update_time = @UpdateTime, version = version + 1
                WHERE id = @Id AND version = @Expected
                """,
                new { write.Row.Id, write.Row.DisplayName, write.Row.Forum, write.Row.StartDate, write.Row.EndDate, write.Row.CountryCode, write.Row.TimeZone, write.Row.UpdateTime, write.Expected },
                write.Transaction);
        });

    public Task DeleteMeetingAsync(MeetingName name, long? expectedVersion, bool force) =>
        database.DeleteAsync(name.ToString(), expectedVersion, (connection, transaction) => ExistingMeeting(connection, transaction, name), delete =>
        {
            var (connection, transaction, current, _, expected) = delete;
            var counts = connection.QuerySingle<(long Sessions, long Held, long Registrations)>(
                $"""
                SELECT (SELECT count(*) FROM sessions WHERE meeting_id = @Id),
                       (SELECT count(*) FROM sessions WHERE meeting_id = @Id AND state = {Held}),
                       (SELECT count(*) FROM registrations WHERE meeting_id = @Id)
                """,
                new { current.Id },
                transaction);
            if (counts.Sessions + counts.Registrations > 0 && !force)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.MeetingNotEmpty,
                    name.ToString(),
                    $"{name} has {counts.Sessions} session(s) and {counts.Registrations} registration(s); delete them first, or delete with force.");
            }

            if (counts.Held > 0)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.SessionHeld,
                    name.ToString(),
                    $"{name} has {counts.Held} HELD session(s); their panels are history and are not deleted.");
            }

            connection.Execute(
                """
                DELETE FROM participants WHERE meeting_id = @Id;
                DELETE FROM session_organizers WHERE meeting_id = @Id;
                DELETE FROM sessions WHERE meeting_id = @Id;
                DELETE FROM registrations WHERE meeting_id = @Id;
                """,
                new { current.Id },
                transaction);
            return connection.Execute("DELETE FROM meetings WHERE id = @Id AND version = @expected", new { current.Id, expected }, transaction);
        });

    // Sessions

    public Task<Created<SessionRow>> CreateSessionAsync(SessionRow draft, RequestIdClaim? claim, Func<SessionRow, byte[]> encodeResponse) =>
        database.CreateOnceAsync(claim, clock, (connection, transaction) => InsertSession(connection, transaction, draft, ""), encodeResponse);

    /// <summary>Checks and inserts one new session; <paramref name="item"/> prefixes the fields it names (<c>requests[3]</c> in a batch, empty alone).</summary>
    private SessionRow InsertSession(DbConnection connection, DbTransaction transaction, SessionRow draft, string item)
    {
        RequireMeeting(connection, transaction, new MeetingName(draft.MeetingId));
        var row = Versioned.Stamped(draft.Copy(), draft.Id, clock);
        if (FindSession(connection, transaction, new SessionName(row.MeetingId, row.Id)) is not null)
        {
            var name = new SessionName(row.MeetingId, row.Id).ToString();
            throw RegistryException.AlreadyExists(ErrorReason.SessionAlreadyExists, name, $"{name} already exists; choose another session_id.");
        }

        RequireOrganizations(connection, transaction, row.OrganizerIds, At(item, "session.organizers"));
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
    }

    public SessionRow GetSession(SessionName name) =>
        database.Read(connection => ExistingSessionWithOrganizers(connection, null, name));

    public Page<SessionRow> ListSessions(MeetingName parent, ListQuery query) =>
        database.Read(connection =>
        {
            RequireMeeting(connection, null, parent);
            var page = connection.QueryPage<SessionRow>(
                query, SessionColumns, "sessions", "meeting_id = @meetingId", "id", new { meetingId = parent.MeetingId });
            LoadOrganizers(connection, null, parent.MeetingId, page.Items);
            return page;
        });

    public Task<SessionRow> UpdateSessionAsync(SessionName name, long? expectedVersion, Func<SessionRow, SessionRow> change) =>
        database.UpdateAsync(clock, name.ToString(), expectedVersion, (connection, transaction) => ExistingSessionWithOrganizers(connection, transaction, name), change, write =>
        {
            var (connection, transaction, current, row, expected) = write;
            RequireOrganizations(connection, transaction, row.OrganizerIds, "session.organizers");
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
                    row.GrcParticipantCount, row.GrcWomenCount, row.GrcWomenShareBand, row.GrcGenderDiscussion, row.UpdateTime, expected,
                },
                transaction);
            if (updated > 0 && !row.OrganizerIds.SequenceEqual(current.OrganizerIds))
            {
                connection.Execute("DELETE FROM session_organizers WHERE meeting_id = @MeetingId AND session_id = @Id", row, transaction);
                WriteOrganizers(connection, transaction, row);
            }

            return updated;
        });

    public Task DeleteSessionAsync(SessionName name, long? expectedVersion, bool force) =>
        database.DeleteAsync(name.ToString(), expectedVersion, (connection, transaction) => ExistingSession(connection, transaction, name), delete =>
        {
            var (connection, transaction, current, _, expected) = delete;
            var seats = connection.ExecuteScalar<long>(
                "SELECT count(*) FROM participants WHERE meeting_id = @MeetingId AND session_id = @Id", new { current.MeetingId, current.Id }, transaction);
            if (seats > 0 && current.State == Held)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.SessionHeld, name.ToString(), $"{name} was HELD and has {seats} seat(s); its panel is history and is not deleted.");
            }

            if (seats > 0 && !force)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.SessionHasSeats, name.ToString(), $"{name} has {seats} seat(s); delete them first, or delete with force.");
            }

            connection.Execute(
                """
                DELETE FROM participants WHERE meeting_id = @MeetingId AND session_id = @Id;
                DELETE FROM session_organizers WHERE meeting_id = @MeetingId AND session_id = @Id;
                """,
                new { current.MeetingId, current.Id },
                transaction);
            return connection.Execute(
                "DELETE FROM sessions WHERE meeting_id = @MeetingId AND id = @Id AND version = @expected",
                new { current.MeetingId, current.Id, expected },
                transaction);
        });

    private static void WriteOrganizers(DbConnection connection, DbTransaction transaction, SessionRow row) =>
        connection.Execute(
            """
            INSERT INTO session_organizers (meeting_id, session_id, position, organization_id)
            VALUES (@MeetingId, @SessionId, @Position, @OrganizationId)
            """,
            row.OrganizerIds.Select((organizationId, position) => new { row.MeetingId, SessionId = row.Id, Position = position, OrganizationId = organizationId }),
            transaction);

    /// <summary>One query for the organisers of a whole page of sessions.</summary>
    private static void LoadOrganizers(DbConnection connection, DbTransaction? transaction, string meetingId, IReadOnlyList<SessionRow> sessions)
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

    private static void RequireOrganizations(DbConnection connection, DbTransaction transaction, List<string> ids, string field)
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
                throw RegistryException.NotFound(ErrorReason.OrganizationNotFound, new OrganizationName(ids[i]).ToString(), $"{field}[{i}]");
            }
        }
    }

    private static void RequireMeeting(DbConnection connection, DbTransaction? transaction, MeetingName name)
    {
        if (connection.ExecuteScalar<long>("SELECT count(*) FROM meetings WHERE id = @id", new { id = name.MeetingId }, transaction) == 0)
        {
            throw RegistryException.NotFound(ErrorReason.MeetingNotFound, name.ToString());
        }
    }

    private static MeetingRow? FindMeeting(DbConnection connection, DbTransaction? transaction, string id) =>
        connection.QuerySingleOrDefault<MeetingRow>($"SELECT {MeetingColumns} FROM meetings WHERE id = @id", new { id }, transaction);

    private static MeetingRow ExistingMeeting(DbConnection connection, DbTransaction? transaction, MeetingName name) =>
        FindMeeting(connection, transaction, name.MeetingId) ?? throw RegistryException.NotFound(ErrorReason.MeetingNotFound, name.ToString());

    private static SessionRow? FindSession(DbConnection connection, DbTransaction? transaction, SessionName name) =>
        connection.QuerySingleOrDefault<SessionRow>(
            $"SELECT {SessionColumns} FROM sessions WHERE meeting_id = @MeetingId AND id = @SessionId", new { name.MeetingId, name.SessionId }, transaction);

    private static SessionRow ExistingSession(DbConnection connection, DbTransaction? transaction, SessionName name) =>
        FindSession(connection, transaction, name) ?? throw RegistryException.NotFound(ErrorReason.SessionNotFound, name.ToString());

    private static SessionRow ExistingSessionWithOrganizers(DbConnection connection, DbTransaction? transaction, SessionName name)
    {
        var row = ExistingSession(connection, transaction, name);
        LoadOrganizers(connection, transaction, name.MeetingId, [row]);
        return row;
    }
}
