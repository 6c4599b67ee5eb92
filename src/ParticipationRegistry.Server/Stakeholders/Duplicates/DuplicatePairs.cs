using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Stakeholders.Duplicates.DuplicateFinder;

namespace ParticipationRegistry.Server.Stakeholders.Duplicates;

/// <summary>
/// The stored duplicate candidates (table duplicate_pairs, migration 0018), kept as people are written so that a
/// page of ListDuplicateCandidates is one read of an index. Migration 0019 (0018 before it) fills the table with the whole-registry
/// computation (<see cref="DuplicateFinder.FindAll(DbConnection, DbTransaction?)"/>); every later write of a
/// person's search keys (create, update, merge, erasure, forced delete, an organisation's rename, the declaration
/// form's email) calls <see cref="Refresh"/> in its transaction: the person's pairs are replaced by those the same
/// blocks and scoring find for them now. A block of up to <see cref="MaxBlock"/> people is compared whole, so the
/// table holds exactly what the whole-registry computation finds. In a larger block the person is compared with its
/// <see cref="Window"/> neighbours on each side in the block's order (by country and affiliation in the blocks of one
/// name and of the same words, by name in the others), as the whole-registry scan compares them; a
/// pair found so stays until either person is written again, even when later arrivals come between the two (the
/// scan would then no longer compare them), and two people a departure brings within reach are paired when either
/// is next written.
/// </summary>
public static class DuplicatePairs
{
    private const long SameEmail = 1L << (int)DuplicateReason.SameEmail;
    private const long NameReasons = (1L << (int)DuplicateReason.SameNormalisedName) | (1L << (int)DuplicateReason.SameNameWords)
        | (1L << (int)DuplicateReason.NameEditDistance) | (1L << (int)DuplicateReason.NameTransposition);

    /// <summary>The order of the list as a number: 100 − the confidence in hundredths (most likely first).</summary>
    public static int RankOf(double confidence) => 100 - (int)Math.Round(confidence * 100);

    /// <summary>Fills the table from the whole registry (migration 0019, after it computed the search keys again).</summary>
    public static void Backfill(DbConnection connection, DbTransaction transaction)
    {
        foreach (var candidate in FindAll(connection, transaction))
        {
            Insert(connection, transaction, candidate);
        }
    }

    /// <summary>Replaces the pairs of stakeholder <paramref name="id"/> by those its stored keys give now (none once erased or deleted).</summary>
    public static void Refresh(DbConnection connection, DbTransaction transaction, string id)
    {
        var batch = new StatementBatch(connection, transaction);
        batch.Add(ForgetSql, id);
        if (batch.Query<PersonRow>(PersonSql, id) is [var person])
        {
            Store(batch, Find(batch, person.Id, person.NameKey, person.SortedNameKey, person.AffiliationKey, person.Email ?? "", person.CountryCode, person.BlockFirst, person.BlockLast));
        }

        batch.Flush();
    }

    /// <summary>
    /// As <see cref="Refresh(DbConnection, DbTransaction, string)"/>, for a person whose row and <paramref name="keys"/> the caller
    /// has just written: the person is read with its blocks, in one statement; a person just <paramref name="created"/> has no
    /// pairs to delete. The insert of the pairs is left in <paramref name="batch"/>.
    /// </summary>
    public static void Refresh(StatementBatch batch, string id, SearchKeys keys, string? email, string countryCode, bool created)
    {
        if (!created)
        {
            batch.Add(ForgetSql, id);
        }

        Store(batch, Find(batch, id, keys.NameKey, keys.SortedNameKey, keys.AffiliationKey, email ?? "", countryCode, keys.BlockFirst, keys.BlockLast));
    }

    private const string ForgetSql = "DELETE FROM duplicate_pairs WHERE stakeholder_a = $1 OR stakeholder_b = $1";

    /// <summary>
    /// The person's candidates: the person as stored (none when erased or gone) and its blocks' people, read by one statement,
    /// each block compared whole up to <see cref="MaxBlock"/> people, else its <see cref="Window"/> on each side.
    /// </summary>
    private static List<Candidate> Find(
        StatementBatch batch, string id, string nameKey, string sortedNameKey, string affiliationKey, string email, string countryCode, string blockFirst, string blockLast)
    {
        // One statement reads every block: on SQLite a large block's windows instead of its first rows (BlocksOrWindowsSql), on
        // PostgreSQL (a round trip per statement) its first rows and its windows.
        var sqlite = batch.Connection is SqliteConnection;
        object?[] parameters = [id, nameKey, countryCode, affiliationKey, email, sortedNameKey, blockFirst, blockLast];
        if (!sqlite)
        {
            // Each block is read in its index's order, never gathered and sorted: PostgreSQL's statistics do not yet know a key that
            // just became common (an import of 10,000 people into one block), and a plan for 13 rows read 7,000 to keep 51.
            batch.Add("SET LOCAL enable_sort = off");
        }

        var rows = batch.Query<UnionRow>(sqlite ? BlocksOrWindowsSql : BlocksWithWindowsSql, parameters);
        if (!sqlite)
        {
            batch.Add("SET LOCAL enable_sort TO DEFAULT");
        }

        if (rows.FirstOrDefault(r => r.Block == 0) is not { } stored)
        {
            return [];
        }

        var person = stored.Keys();
        var found = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        for (var b = 1; b <= Blocks.Length; b++)
        {
            var block = rows.Where(r => r.Block == b).ToList();
            // Large: PostgreSQL sent its first MaxBlock + 1 people, SQLite none of them (only its windows).
            if (block.Count > MaxBlock || (sqlite && block.Count == 0))
            {
                block = rows.Where(r => r.Block == b + Blocks.Length || r.Block == b + (2 * Blocks.Length)).ToList();
            }

            foreach (var row in block)
            {
                if (row.Id != id && !found.ContainsKey(row.Id) && DuplicateScoring.Score(person, row.Keys()) is { } candidate)
                {
                    found[row.Id] = candidate;
                }
            }
        }

        return [.. found.Values];
    }

    private const string PersonSql = $"SELECT {Details}, s.block_first, s.block_last FROM stakeholders s WHERE s.id = $1 AND s.erased = 0";

    // The parameters of the block queries: $1 the person's id, $2 its name_key, $3 its country, $4 its affiliation_key, $5 its email,
    // $6 its sorted_name_key, $7 its block_first, $8 its block_last. Block 0 is the person as stored; block b (1–5) the first
    // MaxBlock + 1 people of Blocks[b - 1]; b + 5 and b + 10 its Window before and after the person.
    private static readonly string[] KeyParameters = ["lower($5)", "$2", "$6", "$7", "$8"];

    private const string PersonBranch = $"SELECT 0 AS block, {Details} FROM stakeholders s WHERE s.id = $1 AND s.erased = 0";

    // A block's query as a branch of a UNION ALL (its ORDER BY and LIMIT kept inside), its rows numbered.
    private static string Branch(int number, string query) => $"SELECT * FROM (SELECT {number} AS block, {query}) AS b{number}";

    // PostgreSQL: every block's first MaxBlock + 1 people and its windows; the caller keeps the windows of a block found large.
    private static readonly string BlocksWithWindowsSql = string.Join(
        "\nUNION ALL ",
        Blocks.Select((block, i) => NeighbourSql(block, i)).SelectMany(q => new[] { q.All, q.Before, q.After }).Prepend(PersonBranch));

    // SQLite: a block of up to MaxBlock people is sent whole, a larger one as its windows only. Whether a block is large is
    // counted in its index alone (covering: no row is read; erased people have empty keys and no email, so no block index
    // holds them). A branch's condition names no table of its own, so SQLite tests it once, before reading: the branch not
    // taken reads nothing.
    private static readonly string BlocksOrWindowsSql = string.Join("\nUNION ALL ", Blocks.Select((block, i) =>
    {
        var (all, before, after) = NeighbourSql(block, i);
        var size = $"(SELECT count(*) FROM (SELECT 1 FROM stakeholders s INDEXED BY {block.Index} WHERE {block.Where} AND {block.Key} = {KeyParameters[i]} LIMIT {MaxBlock + 1}))";
        return $"{all} WHERE {size} <= {MaxBlock}\nUNION ALL {before} WHERE {size} > {MaxBlock}\nUNION ALL {after} WHERE {size} > {MaxBlock}";
    }).Prepend(PersonBranch));

    /// <summary>The queries of <see cref="Refresh(DbConnection, DbTransaction, string)"/>, public so that a test can ask SQLite's planner that each reads its index in order.</summary>
    public static IEnumerable<string> NeighbourQueries => [BlocksOrWindowsSql, BlocksWithWindowsSql];

    private static (string All, string Before, string After) NeighbourSql(Block block, int i)
    {
        var select = $"{Details} FROM stakeholders s INDEXED BY {block.Index} WHERE {block.Where} AND s.erased = 0 AND {block.Key} = {KeyParameters[i]}";
        var person = block.Row(c => c switch { "s.name_key" => "$2", "s.id" => "$1", "s.country_code" => "$3", _ => "$4" });
        var (all, before, after) = (i + 1, i + 1 + Blocks.Length, i + 1 + (2 * Blocks.Length));
        return (Branch(all, $"{select} ORDER BY {block.OrderBy()} LIMIT {MaxBlock + 1}"),
            Branch(before, $"{select} AND {block.Row()} < {person} ORDER BY {block.OrderBy(descending: true)} LIMIT {Window}"),
            Branch(after, $"{select} AND {block.Row()} > {person} ORDER BY {block.OrderBy()} LIMIT {Window}"));
    }

    /// <summary>Stores <paramref name="candidates"/>: on PostgreSQL with one statement, on SQLite row by row with a prepared command.</summary>
    private static void Store(StatementBatch batch, List<Candidate> candidates)
    {
        if (batch.Connection is SqliteConnection)
        {
            foreach (var candidate in candidates)
            {
                batch.Add(InsertSql, candidate.A, candidate.B, RankOf(candidate.Confidence), MaskOf(candidate));
            }
        }
        else if (candidates.Count > 0)
        {
            batch.Add(
                "INSERT INTO duplicate_pairs (stakeholder_a, stakeholder_b, rank, reasons) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])",
                candidates.Select(c => c.A).ToArray(), candidates.Select(c => c.B).ToArray(),
                candidates.Select(c => (long)RankOf(c.Confidence)).ToArray(), candidates.Select(MaskOf).ToArray());
        }
    }

    private const string InsertSql = "INSERT INTO duplicate_pairs (stakeholder_a, stakeholder_b, rank, reasons) VALUES ($1, $2, $3, $4)";

    private static long MaskOf(Candidate candidate) => candidate.Reasons.Aggregate(0L, (mask, r) => mask | (1L << (int)r));

    private static void Insert(DbConnection connection, DbTransaction transaction, Candidate candidate) =>
        connection.Prepared(transaction, InsertSql, candidate.A, candidate.B, RankOf(candidate.Confidence), MaskOf(candidate)).ExecuteNonQuery();

    /// <summary>
    /// A page of the list: pairs not marked "not a duplicate", ranked at most <paramref name="maxRank"/>, after the
    /// keyset (<paramref name="rank"/>, <paramref name="a"/>, <paramref name="b"/>) in the index's order. Without
    /// <paramref name="mayKnowEmails"/>, a pair whose only name evidence would be its shared email is left out.
    /// </summary>
    public static List<Candidate> Page(DbConnection connection, int maxRank, int rank, string a, string b, bool mayKnowEmails, int limit) =>
        connection.Query<(string A, string B, long Rank, long Reasons)>(
            ListSql,
            new { maxRank, rank, a, b, full = mayKnowEmails ? 1 : 0, sameEmail = SameEmail, nameReasons = NameReasons, limit })
        .Select(r => new Candidate(r.A, r.B, (100 - r.Rank) / 100.0, ReasonsOf(r.Reasons)))
        .ToList();

    /// <summary>The list's query, public so that a test can ask SQLite's planner that it reads the index in order, without a sort.</summary>
    public const string ListSql =
        """
        SELECT p.stakeholder_a, p.stakeholder_b, p.rank, p.reasons
        FROM duplicate_pairs p INDEXED BY duplicate_pairs_by_rank
        WHERE p.rank <= @maxRank AND (p.rank, p.stakeholder_a, p.stakeholder_b) > (@rank, @a, @b)
          AND (@full = 1 OR p.reasons & @sameEmail = 0 OR p.reasons & @nameReasons <> 0)
          AND NOT EXISTS (SELECT 1 FROM stakeholder_not_duplicates n WHERE n.stakeholder_a = p.stakeholder_a AND n.stakeholder_b = p.stakeholder_b)
        ORDER BY p.rank, p.stakeholder_a, p.stakeholder_b
        LIMIT @limit
        """;

    // Scoring adds its reasons in the enum's order (an edit distance and a transposition never go together).
    private static List<DuplicateReason> ReasonsOf(long mask) =>
        Enum.GetValues<DuplicateReason>().Where(r => r != DuplicateReason.Unspecified && (mask & (1L << (int)r)) != 0).ToList();

    private sealed class UnionRow : DuplicateFinder.KeyRow
    {
        public long Block { get; set; }
    }

    private sealed class PersonRow : DuplicateFinder.KeyRow
    {
        public string BlockFirst { get; set; } = "";
        public string BlockLast { get; set; } = "";
    }
}
