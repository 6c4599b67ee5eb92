using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Stakeholders.Search;

/// <summary>One person found, with where it sorts: its rank, its key within the rank, its id.</summary>
public sealed record SearchHit(int Rank, string SortKey, StakeholderRow Row);

/// <summary>
/// SearchStakeholders' reads. Four ranks, each one index range read in index order, so a prefix search
/// costs the same on any size of registry: 0 the whole name (name_key) or the email equals the query;
/// 1 name_key starts with it; 2 a later word of the name starts with it (stakeholder_name_tokens kind 0);
/// 3 a word of the affiliation or of the organisation's name does (kind 1; a query of several words must
/// then appear, from the start of a word, in the affiliation's key or the organisation's, organization_key). Each person appears once, at its best rank (each rank's
/// WHERE excludes the earlier ranks' matches, and a person is read at its first matching word). Pages
/// continue after (rank, sort key, id).
/// </summary>
public sealed class StakeholderSearch(Database database)
{
    private static readonly string Columns = string.Join(", ", SqliteStakeholderStore.StakeholderColumns.Split(',').Select(c => "s." + c.Trim()));

    public const int Ranks = 4;

    /// <param name="query">Normalised (<see cref="NameKeys.Key"/>), non-empty.</param>
    /// <param name="email">The email to match exactly (lower-cased), or null when the caller may not search by email.</param>
    public IReadOnlyList<SearchHit> Find(string query, string? email, (int Rank, string SortKey, string Id)? after, int limit) =>
        database.Read(connection =>
        {
            var hits = new List<SearchHit>();
            for (var rank = after?.Rank ?? 0; rank < Ranks && hits.Count < limit; rank++)
            {
                var from = after is { } a && a.Rank == rank ? (a.SortKey, a.Id) : ("", "");
                hits.AddRange(Rank(connection, rank, query, email, from, limit - hits.Count));
            }

            return hits;
        });

    private static IEnumerable<SearchHit> Rank(DbConnection connection, int rank, string query, string? email, (string SortKey, string Id) after, int limit)
    {
        var first = query.Split(' ')[0];
        var parameters = new
        {
            q = query, end = NameKeys.PrefixEnd(query), first, firstEnd = NameKeys.PrefixEnd(first),
            email = email ?? "", afterKey = after.SortKey, afterId = after.Id, limit,
        };
        return connection.Query<string, StakeholderRow, SearchHit>(Sql(rank, email is not null, connection is not SqliteConnection), (key, row) => new SearchHit(rank, key, row), parameters, splitOn: "id");
    }

    /// <summary>
    /// The query of one rank (parameters: q, end, first, firstEnd, email, afterKey, afterId, limit): public so that
    /// a test can ask SQLite's planner that it reads an index range, not the table. <paramref name="postgres"/>:
    /// PostgreSQL's text, whose substring search is strpos (SQLite's instr).
    /// </summary>
    public static string Sql(int rank, bool withEmail, bool postgres = false)
    {
        // A person matched by email is rank 0; the later ranks leave it out.
        var notEmail = withEmail ? "AND NOT (s.email <> '' AND lower(s.email) = @email)" : "";
        return rank switch
        {
            0 => $"""
                SELECT '' AS sort_key, {Columns} FROM stakeholders s
                WHERE s.name_key = @q AND s.erased = 0 AND s.id > @afterId
                {(!withEmail ? "" : $"""
                UNION
                SELECT '' AS sort_key, {Columns} FROM stakeholders s
                WHERE lower(s.email) = @email AND s.email <> '' AND s.erased = 0 AND s.id > @afterId
                """)}
                ORDER BY id LIMIT @limit
                """,
            1 => $"""
                SELECT s.name_key AS sort_key, {Columns} FROM stakeholders s INDEXED BY stakeholders_by_name_key
                WHERE s.name_key > @q AND s.name_key < @end AND (s.name_key, s.id) > (@afterKey, @afterId) AND s.erased = 0 {notEmail}
                ORDER BY s.name_key, s.id LIMIT @limit
                """,
            _ => Words(rank == 2 ? SearchKeys.NameWords : SearchKeys.AffiliationWordsKind, notEmail, postgres ? "strpos" : "instr"),
        };
    }

    // A person's first word (by position) that starts with the query's first word, when the query as a
    // whole starts at a word of the name (rank 2) or affiliation (rank 3) and the person is not of an earlier rank.
    private static string Words(int kind, string notEmail, string instr)
    {
        var laterRanks = kind == SearchKeys.NameWords
            ? $"{instr}(s.name_key, ' ' || @q) > 0"
            : $"(@q = @first OR {instr}(' ' || s.affiliation_key, ' ' || @q) > 0 OR {instr}(' ' || s.organization_key, ' ' || @q) > 0) AND {instr}(s.name_key, ' ' || @q) = 0";
        return $"""
            SELECT t.token AS sort_key, {Columns}
            FROM stakeholder_name_tokens t INDEXED BY stakeholder_name_tokens_by_token
            JOIN stakeholders s ON s.id = t.stakeholder_id
            WHERE t.kind = {kind} AND t.token >= @first AND t.token < @firstEnd
              AND (t.token, t.stakeholder_id) > (@afterKey, @afterId)
              AND NOT EXISTS (
                  -- By the primary key (this person's earlier words): the unary + keeps the planner off the
                  -- token index, whose range would be read again for every candidate (0.6 s at 1M people).
                  SELECT 1 FROM stakeholder_name_tokens e
                  WHERE e.stakeholder_id = t.stakeholder_id AND e.kind = {kind} AND e.position < t.position
                    AND +e.token >= @first AND +e.token < @firstEnd)
              AND s.erased = 0 AND NOT (s.name_key >= @q AND s.name_key < @end) AND {laterRanks} {notEmail}
            ORDER BY t.token, t.stakeholder_id LIMIT @limit
            """;
    }
}
