using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// The balance store on SQLite: policies here, panels and seats in <c>SqliteBalanceStore.Seats.cs</c>,
/// people's facts for proposed panels and suggestions in <c>SqliteBalanceStore.People.cs</c>.
/// </summary>
public sealed partial class SqliteBalanceStore(Database database, CountryCatalog countries, TimeProvider clock) : IBalanceStore
{
    // Seats in cancelled or rejected sessions count towards no cap and no overlap.
    private static readonly int[] UncountedStates = [(int)SessionState.Cancelled, (int)SessionState.Rejected];

    /// <summary>
    /// Above this many sessions, <see cref="VisitSessionPanels"/> aggregates each person's other seats
    /// once over the meeting instead of looking them up seat by seat. Both give the same panels.
    /// </summary>
    internal int ManySessions { get; init; } = 20;

    public Created<PolicyRow> CreatePolicy(PolicyRow draft, RequestIdClaim? claim, Func<PolicyRow, byte[]> encodeResponse)
    {
        using var connection = database.Open();
        return RequestLedger.CreateOnce(connection, claim, clock.GetUtcNow(), transaction =>
        {
            var row = draft.Copy();
            row.CreateTime = row.UpdateTime = Times.ToText(clock.GetUtcNow());
            row.Version = 1;
            if (connection.ExecuteScalar<long>("SELECT count(*) FROM policies WHERE id = @Id", row, transaction) > 0)
            {
                var name = new PolicyName(row.Id);
                throw RegistryException.AlreadyExists(ErrorReason.PolicyAlreadyExists, name.ToString(), $"{name} already exists; choose another policy_id.");
            }

            connection.Execute(
                """
                INSERT INTO policies (id, display_name, description, rules, create_time, update_time, version)
                VALUES (@Id, @DisplayName, @Description, @Rules, @CreateTime, @UpdateTime, @Version)
                """,
                row,
                transaction);
            return row;
        }, encodeResponse);
    }

    public PolicyRow GetPolicy(string id) => Read(connection => FindPolicy(connection, null, id));

    public Page<PolicyRow> ListPolicies(ListQuery query) => Read(connection =>
        connection.QueryPage<PolicyRow>(query, "id, display_name, description, rules, create_time, update_time, version", "policies", "1 = 1", "id"));

    public PolicyRow UpdatePolicy(string id, long? expectedVersion, Func<PolicyRow, PolicyRow> change)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindPolicy(connection, transaction, id);
        var row = change(current.Copy());
        row.UpdateTime = Times.ToText(clock.GetUtcNow());
        var updated = connection.Execute(
            """
            UPDATE policies
            SET display_name = @DisplayName, description = @Description, rules = @Rules, update_time = @UpdateTime, version = version + 1
            WHERE id = @Id AND version = @expected
            """,
            new { row.Id, row.DisplayName, row.Description, row.Rules, row.UpdateTime, expected = expectedVersion ?? current.Version },
            transaction);
        CommitIfWritten(transaction, updated, id);
        row.Version = current.Version + 1;
        return row;
    }

    public void DeletePolicy(string id, long? expectedVersion)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = FindPolicy(connection, transaction, id);
        var deleted = connection.Execute(
            "DELETE FROM policies WHERE id = @id AND version = @expected",
            new { id, expected = expectedVersion ?? current.Version },
            transaction);
        CommitIfWritten(transaction, deleted, id);
    }

    private static PolicyRow FindPolicy(SqliteConnection connection, SqliteTransaction? transaction, string id) =>
        connection.QuerySingleOrDefault<PolicyRow>(
            """
            SELECT id, display_name, description, rules, create_time, update_time, version
            FROM policies
            WHERE id = @id
            """,
            new { id },
            transaction)
        ?? throw RegistryException.NotFound(ErrorReason.PolicyNotFound, new PolicyName(id).ToString());

    private T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = database.Open();
        return read(connection);
    }

    /// <summary>Commits when the etag-checked statement wrote a row; ABORTED when the version had moved on.</summary>
    private static void CommitIfWritten(SqliteTransaction transaction, int written, string id)
    {
        if (written == 0)
        {
            throw RegistryException.EtagMismatch(new PolicyName(id).ToString());
        }

        transaction.Commit();
    }

    public (string Forum, string StartDate)? FindMeeting(string meetingId) => Read(connection =>
        connection.QuerySingleOrDefault<(string, string)?>("SELECT forum, start_date FROM meetings WHERE id = @meetingId", new { meetingId }));

    public Page<SessionKey> ListSessionIds(string meetingId, ListQuery query) => Read(connection =>
        connection.QueryPage<SessionKey>(query, "id", "sessions", "meeting_id = @meetingId", "id", new { meetingId }));

    public IReadOnlyList<Organizer?> LoadOrganizers(IReadOnlyList<string> organizationIds)
    {
        if (organizationIds.Count == 0)
        {
            return [];
        }

        using var connection = database.Open();
        var found = connection.Query<(string Id, int Group, bool Multistakeholder)>(
            "SELECT id, stakeholder_group, multistakeholder FROM organizations WHERE id IN @organizationIds",
            new { organizationIds }).ToDictionary(o => o.Id);
        return organizationIds.Select(id => found.TryGetValue(id, out var o) ? new Organizer((StakeholderGroup)o.Group, o.Multistakeholder) : null).ToList();
    }
}
