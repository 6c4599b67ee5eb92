using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Stakeholders.Search;

/// <summary>One person found, with where it sorts: its rank, its key within the rank (opaque to the caller), its id.</summary>
public sealed record SearchHit(int Rank, string SortKey, StakeholderRow Row);

/// <summary>
/// SearchStakeholders' reads. Four ranks, each one index range read in index order, so a prefix search
/// costs the same on any size of registry: 0 the whole name (name_key) or the email equals the query;
/// 1 name_key starts with it; 2 a later word of the name starts with it (stakeholder_name_tokens kind 0);
/// 3 a word of the affiliation or of the organisation's name does (kind 1; a query of several words must
/// then appear, from the start of a word, in the affiliation's key or the organisation's, organization_key).
/// Within ranks 0 and 1 by name key, within ranks 2 and 3 by the word read, then name key (the token index
/// holds both). A query of several words reads the range of its rarest word in ranks 2 and 3 (every word but
/// the last is a whole word there, the last a prefix): each word's range is first counted up to
/// <see cref="ProbeCap"/> rows, so "university of nowhere" reads "nowhere"'s few rows, not "university"'s many.
/// Each person appears once, at its best rank (each rank's WHERE excludes the earlier ranks' matches, and a
/// person is read at its first word in the range). Pages continue after (rank, word read, sort key, id).
/// </summary>
public sealed class StakeholderSearch(Database database)
{
    private static readonly string Columns = string.Join(", ", SqliteStakeholderStore.StakeholderColumns.Split(',').Select(c => "s." + c.Trim()));

    public const int Ranks = 4;

    /// <summary>How many rows of a word's range are counted at most to find the rarest word of a query.</summary>
    public const int ProbeCap = 1000;

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
        var words = query.Split(' ');
        // Ranks 2 and 3 carry in their sort key the word they read (chosen on the rank's first page), the word read and the name key.
        var parts = after.SortKey.Length > 0 && rank >= 2 ? after.SortKey.Split('\u001f', 3) : null;
        var driver = rank < 2 ? 0 : parts is null ? RarestWord(connection, Kind(rank), words) : int.Parse(parts[0], CultureInfo.InvariantCulture);
        var (low, high) = RangeOf(words, driver);
        var parameters = new
        {
            q = query, end = NameKeys.PrefixEnd(query), single = words.Length == 1 ? 1 : 0, low, high,
            email = email ?? "", afterKey = parts is null ? after.SortKey : parts[1], afterName = parts is null ? "" : parts[2], afterId = after.Id, limit,
        };
        return connection.Query<string, string, StakeholderRow, SearchHit>(
            Sql(rank, email is not null, connection is not SqliteConnection),
            (key, name, row) => new SearchHit(rank, rank < 2 ? key : $"{driver}\u001f{key}\u001f{name}", row),
            parameters,
            splitOn: "sort_name,id");
    }

    private static int Kind(int rank) => rank == 2 ? SearchKeys.NameWords : SearchKeys.AffiliationWordsKind;

    /// <summary>
    /// The token range of word <paramref name="index"/> of the query: the last word is a prefix, any other a whole
    /// word (the query starts at a word and goes on after it), its range the word alone (no key holds a control character).
    /// </summary>
    public static (string Low, string High) RangeOf(IReadOnlyList<string> words, int index) =>
        (words[index], index == words.Count - 1 ? NameKeys.PrefixEnd(words[index]) : words[index] + "\u0001");

    /// <summary>The word of the query with the fewest rows of <paramref name="kind"/> (counted up to <see cref="ProbeCap"/>; the first of equals).</summary>
    public static int RarestWord(DbConnection connection, int kind, IReadOnlyList<string> words)
    {
        if (words.Count == 1)
        {
            return 0;
        }

        var best = (Index: 0, Count: long.MaxValue);
        for (var i = 0; i < words.Count && best.Count > 0; i++)
        {
            var (low, high) = RangeOf(words, i);
            var count = connection.ExecuteScalar<long>(ProbeSql, new { kind, low, high, cap = ProbeCap });
            if (count < best.Count)
            {
                best = (i, count);
            }
        }

        return best.Index;
    }

    /// <summary>The count of one word's rows, at most the cap: public so that a test can ask SQLite's planner that it reads the token index alone.</summary>
    public const string ProbeSql =
        """
        SELECT count(*) FROM (
            SELECT 1 FROM stakeholder_name_tokens t INDEXED BY stakeholder_name_tokens_by_token
            WHERE t.kind = @kind AND t.token >= @low AND t.token < @high LIMIT @cap) probe
        """;

    /// <summary>
    /// The query of one rank (parameters: q, end, single, low, high, email, afterKey, afterName, afterId, limit): public so that
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
                SELECT s.name_key AS sort_key, '' AS sort_name, {Columns} FROM stakeholders s
                WHERE s.name_key = @q AND s.erased = 0 AND (s.name_key, s.id) > (@afterKey, @afterId)
                {(!withEmail ? "" : $"""
                UNION
                SELECT s.name_key AS sort_key, '' AS sort_name, {Columns} FROM stakeholders s
                WHERE lower(s.email) = @email AND s.email <> '' AND s.erased = 0 AND (s.name_key, s.id) > (@afterKey, @afterId)
                """)}
                ORDER BY sort_key, id LIMIT @limit
                """,
            1 => $"""
                SELECT s.name_key AS sort_key, '' AS sort_name, {Columns} FROM stakeholders s INDEXED BY stakeholders_by_name_key
                WHERE s.name_key > @q AND s.name_key < @end AND (s.name_key, s.id) > (@afterKey, @afterId) AND s.erased = 0 {notEmail}
                ORDER BY s.name_key, s.id LIMIT @limit
                """,
            _ => Words(Kind(rank), notEmail, postgres ? "strpos" : "instr"),
        };
    }

    // A person's first word (by position) in the range of the query's driving word, when the query as a whole starts at
    // a word of the name (rank 2) or of the affiliation or organisation's name (rank 3) and the person is not of an earlier rank.
    private static string Words(int kind, string notEmail, string instr)
    {
        var laterRanks = kind == SearchKeys.NameWords
            ? $"{instr}(s.name_key, ' ' || @q) > 0"
            : $"(@single = 1 OR {instr}(' ' || s.affiliation_key, ' ' || @q) > 0 OR {instr}(' ' || s.organization_key, ' ' || @q) > 0) AND {instr}(s.name_key, ' ' || @q) = 0";
        return $"""
            SELECT t.token AS sort_key, t.name_key AS sort_name, {Columns}
            FROM stakeholder_name_tokens t INDEXED BY stakeholder_name_tokens_by_token
            JOIN stakeholders s ON s.id = t.stakeholder_id
            WHERE t.kind = {kind} AND t.token >= @low AND t.token < @high
              AND (t.token, t.name_key, t.stakeholder_id) > (@afterKey, @afterName, @afterId)
              AND NOT EXISTS (
                  -- By the primary key (this person's earlier words): the unary + keeps the planner off the
                  -- token index, whose range would be read again for every candidate (0.6 s at 1M people).
                  SELECT 1 FROM stakeholder_name_tokens e
                  WHERE e.stakeholder_id = t.stakeholder_id AND e.kind = {kind} AND e.position < t.position
                    AND +e.token >= @low AND +e.token < @high)
              AND s.erased = 0 AND NOT (s.name_key >= @q AND s.name_key < @end) AND {laterRanks} {notEmail}
            ORDER BY t.token, t.name_key, t.stakeholder_id LIMIT @limit
            """;
    }
}
