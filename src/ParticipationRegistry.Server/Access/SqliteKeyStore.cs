using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Access;

public sealed class SqliteKeyStore(Database database, KeyCache cache, TimeProvider clock) : IKeyStore
{
    private const string KeyColumns = "id, role, display_name, expire_time, create_time, last_use_time, revoke_time";

    private Task lastTouch = Task.CompletedTask;

    public Task<ApiKeyRow> CreateAsync(ApiKeyRow row, byte[] secretHash) =>
        KeyWriteAsync((connection, transaction) =>
        {
            for (var i = 0; i < row.Meetings.Count; i++)
            {
                if (connection.ExecuteScalar<long>("SELECT count(*) FROM meetings WHERE id = @MeetingId", row.Meetings[i], transaction) == 0)
                {
                    throw RegistryException.NotFound(ErrorReason.MeetingNotFound, row.Meetings[i].ToString(), $"api_key.meetings[{i}]");
                }
            }

            for (var i = 0; i < row.Sessions.Count; i++)
            {
                if (connection.ExecuteScalar<long>(
                    "SELECT count(*) FROM sessions WHERE meeting_id = @MeetingId AND id = @SessionId", row.Sessions[i], transaction) == 0)
                {
                    throw RegistryException.NotFound(ErrorReason.SessionNotFound, row.Sessions[i].ToString(), $"api_key.sessions[{i}]");
                }
            }

            for (var i = 0; i < row.Forums.Count; i++)
            {
                if (connection.ExecuteScalar<long>("SELECT count(*) FROM forums WHERE id = @ForumId", row.Forums[i], transaction) == 0)
                {
                    throw RegistryException.NotFound(ErrorReason.ForumNotFound, row.Forums[i].ToString(), $"api_key.forums[{i}]");
                }
            }

            row.CreateTime = Times.ToText(clock.GetUtcNow());
            connection.Execute(
                """
                INSERT INTO api_keys (id, secret_hash, role, display_name, expire_time, create_time)
                VALUES (@Id, @secretHash, @Role, @DisplayName, @ExpireTime, @CreateTime)
                """,
                new { row.Id, secretHash, row.Role, row.DisplayName, row.ExpireTime, row.CreateTime },
                transaction);
            WriteScopes(connection, transaction, row);
            return row;
        });

    public Task EnsureAdminAsync(string id, string displayName, byte[] secretHash) =>
        KeyWriteAsync((connection, transaction) =>
        {
            // A secret used by another key would make the unique hash ambiguous: that key gives way.
            connection.Execute("DELETE FROM api_keys WHERE secret_hash = @secretHash AND id <> @id", new { secretHash, id }, transaction);
            connection.Execute(
                """
                INSERT INTO api_keys (id, secret_hash, role, display_name, create_time)
                VALUES (@id, @secretHash, @role, @displayName, @now)
                ON CONFLICT (id) DO UPDATE SET secret_hash = excluded.secret_hash, role = excluded.role,
                    display_name = excluded.display_name, expire_time = NULL, revoke_time = NULL
                """,
                new { id, secretHash, role = (int)Role.Admin, displayName, now = Times.ToText(clock.GetUtcNow()) },
                transaction);
        });

    public ApiKeyRow Find(ApiKeyName name) => database.Read(connection => Existing(connection, name));

    public Page<ApiKeyRow> List(ListQuery query) =>
        database.Read(connection =>
        {
            var page = connection.QueryPage<ApiKeyRow>(query, KeyColumns, "api_keys", "1 = 1", "id");
            foreach (var row in page.Items)
            {
                LoadScopes(connection, row);
            }

            return page;
        });

    public Task<ApiKeyRow> RevokeAsync(ApiKeyName name) =>
        KeyWriteAsync((connection, transaction) =>
        {
            connection.Execute(
                "UPDATE api_keys SET revoke_time = @now WHERE id = @ApiKeyId AND revoke_time IS NULL",
                new { name.ApiKeyId, now = Times.ToText(clock.GetUtcNow()) },
                transaction);
            return Existing(connection, name, transaction);
        });

    public ApiKeyRow? FindBySecretHash(byte[] secretHash) =>
        database.Read(connection =>
        {
            var row = connection.QuerySingleOrDefault<ApiKeyRow>(
                $"SELECT {KeyColumns} FROM api_keys WHERE secret_hash = @secretHash", new { secretHash });
            if (row is not null)
            {
                LoadScopes(connection, row);
            }

            return row;
        });

    public Task TouchLastUseAsync(string id, string time)
    {
        var touch = database.WriteAsync((connection, transaction) =>
            connection.Execute("UPDATE api_keys SET last_use_time = @time WHERE id = @id", new { id, time }, transaction));
        Volatile.Write(ref lastTouch, touch);
        return touch;
    }

    // The writer runs writes in order: once the last touch is done, every earlier one is too. Never throws.
    public Task TouchesWrittenAsync() => Task.WhenAny(Volatile.Read(ref lastTouch));

    public IReadOnlySet<string> SeatedIn(IReadOnlyCollection<string> stakeholderIds, IReadOnlyCollection<SessionName> sessions) =>
        database.Read(connection =>
        {
            var seated = new HashSet<string>();
            foreach (var session in sessions)
            {
                seated.UnionWith(connection.Query<string>(
                    "SELECT DISTINCT stakeholder_id FROM participants WHERE meeting_id = @MeetingId AND session_id = @SessionId AND stakeholder_id IN @stakeholderIds",
                    new { session.MeetingId, session.SessionId, stakeholderIds }));
            }

            return (IReadOnlySet<string>)seated;
        });

    public string? ForumOfMeeting(MeetingName meeting) =>
        database.Read(connection => connection.QuerySingleOrDefault<string>("SELECT forum FROM meetings WHERE id = @MeetingId", meeting));

    public Task AddSessionsAsync(string keyId, IReadOnlyCollection<SessionName> sessions) =>
        KeyWriteAsync((connection, transaction) => connection.Execute(
            "INSERT INTO api_key_sessions (key_id, meeting_id, session_id) VALUES (@keyId, @MeetingId, @SessionId) ON CONFLICT DO NOTHING",
            sessions.Select(session => new { keyId, session.MeetingId, session.SessionId }),
            transaction));

    private static ApiKeyRow Existing(DbConnection connection, ApiKeyName name, DbTransaction? transaction = null)
    {
        var row = connection.QuerySingleOrDefault<ApiKeyRow>(
            $"SELECT {KeyColumns} FROM api_keys WHERE id = @ApiKeyId", name, transaction)
            ?? throw RegistryException.NotFound(ErrorReason.ApiKeyNotFound, name.ToString());
        LoadScopes(connection, row, transaction);
        return row;
    }

    // One query for the three scope tables: authentication runs it on every call.
    private static void LoadScopes(DbConnection connection, ApiKeyRow row, DbTransaction? transaction = null)
    {
        var scopes = connection.Query<(string Scope, string First, string Second)>(
            """
            SELECT 'session' AS scope, meeting_id, session_id FROM api_key_sessions WHERE key_id = @Id
            UNION ALL SELECT 'meeting', meeting_id, '' FROM api_key_meetings WHERE key_id = @Id
            UNION ALL SELECT 'forum', forum_id, '' FROM api_key_forums WHERE key_id = @Id
            ORDER BY 1, 2, 3
            """,
            row,
            transaction).AsList();
        row.Sessions = scopes.Where(s => s.Scope == "session").Select(s => new SessionName(s.First, s.Second)).ToList();
        row.Meetings = scopes.Where(s => s.Scope == "meeting").Select(s => new MeetingName(s.First)).ToList();
        row.Forums = scopes.Where(s => s.Scope == "forum").Select(s => new ForumName(s.First)).ToList();
    }

    private static void WriteScopes(DbConnection connection, DbTransaction transaction, ApiKeyRow row)
    {
        connection.Execute(
            "INSERT INTO api_key_sessions (key_id, meeting_id, session_id) VALUES (@keyId, @MeetingId, @SessionId) ON CONFLICT DO NOTHING",
            row.Sessions.Select(s => new { keyId = row.Id, s.MeetingId, s.SessionId }),
            transaction);
        connection.Execute(
            "INSERT INTO api_key_meetings (key_id, meeting_id) VALUES (@keyId, @MeetingId) ON CONFLICT DO NOTHING",
            row.Meetings.Select(m => new { keyId = row.Id, m.MeetingId }),
            transaction);
        connection.Execute(
            "INSERT INTO api_key_forums (key_id, forum_id) VALUES (@keyId, @ForumId) ON CONFLICT DO NOTHING",
            row.Forums.Select(f => new { keyId = row.Id, f.ForumId }),
            transaction);
    }

    // A write to keys or their scopes, after which authentication reads keys afresh (KeyCache).
    private async Task<T> KeyWriteAsync<T>(Func<DbConnection, DbTransaction, T> write)
    {
        var result = await database.WriteAsync(write);
        cache.Clear();
        return result;
    }

    private async Task KeyWriteAsync(Action<DbConnection, DbTransaction> write) =>
        await KeyWriteAsync((connection, transaction) =>
        {
            write(connection, transaction);
            return 0;
        });
}
