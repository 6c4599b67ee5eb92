using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
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

    private const string PolicyColumns = "id, display_name, description, rules, published, create_time, update_time, version";

    public Task<Created<PolicyRow>> CreatePolicyAsync(PolicyRow draft, RequestIdClaim? claim, Func<PolicyRow, byte[]> encodeResponse) =>
        database.CreateOnceAsync(claim, clock, (connection, transaction) =>
        {
            var row = Versioned.Stamped(draft.Copy(), draft.Id, clock);
            if (connection.ExecuteScalar<long>("SELECT count(*) FROM policies WHERE id = @Id", row, transaction) > 0)
            {
                var name = new PolicyName(row.Id);
                throw RegistryException.AlreadyExists(ErrorReason.PolicyAlreadyExists, name.ToString(), $"{name} already exists; choose another policy_id.");
            }

            connection.Execute(
                $"""
                INSERT INTO policies ({PolicyColumns})
                VALUES (@Id, @DisplayName, @Description, @Rules, @Published, @CreateTime, @UpdateTime, @Version)
                """,
                row,
                transaction);
            return row;
        }, encodeResponse);

    public PolicyRow GetPolicy(string id) => database.Read(connection => FindPolicy(connection, null, id));

    public Page<PolicyRow> ListPolicies(ListQuery query) =>
        database.Read(connection => connection.QueryPage<PolicyRow>(query, PolicyColumns, "policies", "1 = 1", "id"));

    public Task<PolicyRow> UpdatePolicyAsync(string id, long? expectedVersion, Func<PolicyRow, PolicyRow> change) =>
        database.UpdateAsync(clock, new PolicyName(id).ToString(), expectedVersion, (connection, transaction) => FindPolicy(connection, transaction, id), change, write =>
            write.Connection.Execute(
                """
                UPDATE policies
                SET display_name = @DisplayName, description = @Description, rules = @Rules, published = @Published, update_time = @UpdateTime, version = version + 1
                WHERE id = @Id AND version = @Expected
                """,
                new { write.Row.Id, write.Row.DisplayName, write.Row.Description, write.Row.Rules, write.Row.Published, write.Row.UpdateTime, write.Expected },
                write.Transaction));

    public Task DeletePolicyAsync(string id, long? expectedVersion) =>
        database.DeleteAsync(new PolicyName(id).ToString(), expectedVersion, (connection, transaction) => FindPolicy(connection, transaction, id), delete =>
        {
            var name = new PolicyName(id).ToString();
            // kind_policies holds one "kind=policies/{policy}" line per session kind.
            var forum = delete.Connection.ExecuteScalar<string?>(
                """
                SELECT id FROM forums
                WHERE default_policy = @name OR (@newline || kind_policies || @newline) LIKE '%=' || @name || @newline || '%'
                ORDER BY id LIMIT 1
                """,
                new { name, newline = "\n" },
                delete.Transaction);
            if (forum is not null)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.PolicyInUse, name, $"forums/{forum} names {name} as a default policy; name another policy there first.");
            }

            return delete.Connection.Execute(
                "DELETE FROM policies WHERE id = @id AND version = @Expected",
                new { id, delete.Expected },
                delete.Transaction);
        });

    private static PolicyRow FindPolicy(DbConnection connection, DbTransaction? transaction, string id) =>
        connection.QuerySingleOrDefault<PolicyRow>(
            $"""
            SELECT {PolicyColumns}
            FROM policies
            WHERE id = @id
            """,
            new { id },
            transaction)
        ?? throw RegistryException.NotFound(ErrorReason.PolicyNotFound, new PolicyName(id).ToString());

    private static readonly ConcurrentDictionary<string, string> PostgresTexts = new(StringComparer.Ordinal);

    /// <summary>
    /// A statement in the engine's dialect. The texts here are SQLite's (its EXPLAIN QUERY PLAN tests read
    /// them); on PostgreSQL <c>json_each(@list)</c> becomes <c>json_array_elements_text(CAST(@list AS json))</c>
    /// (both yield a column <c>value</c>). SQLite's join-order hint <c>CROSS JOIN t a ON …</c> is dropped with
    /// its other hints for every store (<see cref="PostgresConnection"/>).
    /// </summary>
    private string Dialect(string sql) => !database.IsPostgres ? sql : PostgresTexts.GetOrAdd(sql, static text =>
        JsonEach().Replace(text, "json_array_elements_text(CAST($1 AS json))"));

    [GeneratedRegex(@"json_each\((@[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex JsonEach();

    public (string Forum, string StartDate)? FindMeeting(string meetingId) => database.Read(connection =>
        connection.QuerySingleOrDefault<(string, string)?>("SELECT forum, start_date FROM meetings WHERE id = @meetingId", new { meetingId }));

    public Page<SessionKey> ListSessionIds(string meetingId, ListQuery query) => database.Read(connection =>
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
