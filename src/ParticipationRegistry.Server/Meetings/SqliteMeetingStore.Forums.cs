using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>Forums, and the forum a meeting's <c>forum</c> value names.</summary>
public sealed partial class SqliteMeetingStore
{
    private const string ForumColumns =
        "id, display_name, kind, country_code, regional_group, time_zone, default_policy, kind_policies, create_time, update_time, version";

    public Task<Created<ForumRow>> CreateForumAsync(ForumRow draft, RequestIdClaim? claim, Func<ForumRow, byte[]> encodeResponse) =>
        database.CreateOnceAsync(claim, clock, (connection, transaction) =>
        {
            var row = Versioned.Stamped(draft.Copy(), draft.Id, clock);
            if (FindForum(connection, transaction, row.Id) is not null)
            {
                var name = new ForumName(row.Id).ToString();
                throw RegistryException.AlreadyExists(ErrorReason.ForumAlreadyExists, name, $"{name} already exists; choose another forum_id.");
            }

            InsertForum(connection, transaction, row);
            return row;
        }, encodeResponse);

    public ForumRow GetForum(ForumName name) =>
        database.Read(connection => ExistingForum(connection, null, name));

    public Page<ForumRow> ListForums(ListQuery query) =>
        database.Read(connection => connection.QueryPage<ForumRow>(query, ForumColumns, "forums", "1 = 1", "id"));

    public Task<ForumRow> UpdateForumAsync(ForumName name, long? expectedVersion, Func<ForumRow, ForumRow> change) =>
        database.UpdateAsync(clock, name.ToString(), expectedVersion, (connection, transaction) => ExistingForum(connection, transaction, name), change, write =>
            write.Connection.Execute(
                """
                UPDATE forums
                SET display_name = @DisplayName, kind = @Kind, country_code = @CountryCode, regional_group = @RegionalGroup,
                    time_zone = @TimeZone, default_policy = @DefaultPolicy, kind_policies = @KindPolicies,
                    update_time = @UpdateTime, version = version + 1
                WHERE id = @Id AND version = @Expected
                """,
                new
                {
                    write.Row.Id, write.Row.DisplayName, write.Row.Kind, write.Row.CountryCode, write.Row.RegionalGroup, write.Row.TimeZone,
                    write.Row.DefaultPolicy, write.Row.KindPolicies, write.Row.UpdateTime, write.Expected,
                },
                write.Transaction));

    public Task DeleteForumAsync(ForumName name, long? expectedVersion) =>
        database.DeleteAsync(name.ToString(), expectedVersion, (connection, transaction) => ExistingForum(connection, transaction, name), delete =>
        {
            var (connection, transaction, current, _, expected) = delete;
            var meetings = connection.ExecuteScalar<long>("SELECT count(*) FROM meetings WHERE forum = @forum", new { forum = name.ToString() }, transaction);
            if (meetings > 0)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.ForumInUse, name.ToString(), $"{meetings} meeting(s) belong to {name}; move or delete them first.");
            }

            return connection.Execute("DELETE FROM forums WHERE id = @Id AND version = @expected", new { current.Id, expected }, transaction);
        });

    public ForumRow? ForumOfMeeting(string meetingId) =>
        database.Read(connection => connection.QuerySingleOrDefault<ForumRow>(
            $"SELECT {ForumColumns} FROM forums WHERE id = (SELECT substr(forum, 8) FROM meetings WHERE id = @meetingId AND forum LIKE 'forums/%')",
            new { meetingId }));

    /// <summary>
    /// Rewrites <paramref name="row"/>'s forum to the resource name it names: a resource name must exist
    /// (NOT_FOUND); free text names the forum of its slug, created with kind OTHER when new.
    /// </summary>
    private void ResolveForum(DbConnection connection, DbTransaction transaction, MeetingRow row)
    {
        if (row.Forum.Length == 0)
        {
            return;
        }

        var named = ForumRules.Named(row.Forum) ?? throw RegistryException.InvalidArgument("meeting.forum", $"'{SafeText.Quote(row.Forum)}' names no forum: give forums/{{forum}}.");
        if (FindForum(connection, transaction, named.ForumId) is null)
        {
            if (row.Forum.StartsWith("forums/", StringComparison.Ordinal))
            {
                throw RegistryException.NotFound(ErrorReason.ForumNotFound, named.ToString());
            }

            var forum = Versioned.Stamped(new ForumRow { Id = named.ForumId, DisplayName = row.Forum, Kind = (int)ForumKind.Other }, named.ForumId, clock);
            InsertForum(connection, transaction, forum);
        }

        row.Forum = named.ToString();
    }

    private static void InsertForum(DbConnection connection, DbTransaction transaction, ForumRow row) =>
        connection.Execute(
            $"""
            INSERT INTO forums ({ForumColumns})
            VALUES (@Id, @DisplayName, @Kind, @CountryCode, @RegionalGroup, @TimeZone, @DefaultPolicy, @KindPolicies, @CreateTime, @UpdateTime, @Version)
            """,
            row,
            transaction);

    private static ForumRow? FindForum(DbConnection connection, DbTransaction? transaction, string id) =>
        connection.QuerySingleOrDefault<ForumRow>($"SELECT {ForumColumns} FROM forums WHERE id = @id", new { id }, transaction);

    private static ForumRow ExistingForum(DbConnection connection, DbTransaction? transaction, ForumName name) =>
        FindForum(connection, transaction, name.ForumId) ?? throw RegistryException.NotFound(ErrorReason.ForumNotFound, name.ToString());
}
