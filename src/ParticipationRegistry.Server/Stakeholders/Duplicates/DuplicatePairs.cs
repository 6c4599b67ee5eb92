using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
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
        connection.Prepared(transaction, "DELETE FROM duplicate_pairs WHERE stakeholder_a = $1", id).ExecuteNonQuery();
        connection.Prepared(transaction, "DELETE FROM duplicate_pairs WHERE stakeholder_b = $1", id).ExecuteNonQuery();
        var person = connection.QueryFirstOrDefaultPrepared<PersonRow>(transaction, PersonSql, id);
        if (person is null)
        {
            return;
        }

        var keys = person.Keys();
        string[] values = [keys.Email, keys.NameKey, keys.SortedNameKey, person.BlockFirst, person.BlockLast];
        var found = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        for (var b = 0; b < Blocks.Length; b++)
        {
            if (values[b].Length == 0)
            {
                continue;
            }

            foreach (var row in Neighbours(connection, transaction, Blocks[b], values[b], keys))
            {
                if (row.Id != id && !found.ContainsKey(row.Id) && DuplicateScoring.Score(keys, row.Keys()) is { } candidate)
                {
                    found[row.Id] = candidate;
                }
            }
        }

        foreach (var candidate in found.Values)
        {
            Insert(connection, transaction, candidate);
        }
    }

    private const string PersonSql = $"SELECT {Details}, s.block_first, s.block_last FROM stakeholders s WHERE s.id = $1 AND s.erased = 0";

    /// <summary>The block's people the whole-registry scan compares the person with: all of a block of up to <see cref="MaxBlock"/>, else the <see cref="Window"/> on each side.</summary>
    private static List<BlockRow> Neighbours(DbConnection connection, DbTransaction transaction, Block block, string value, PersonKeys person)
    {
        // Prepared once on the writer's connection: every write of a person runs these.
        var (all, before, after) = NeighbourSql(block);
        var rows = connection.QueryPrepared<BlockRow>(transaction, all, value, person.NameKey, person.Id, person.CountryCode, person.AffiliationKey);
        return rows.Count <= MaxBlock
            ? rows
            : [.. connection.QueryPrepared<BlockRow>(transaction, before, value, person.NameKey, person.Id, person.CountryCode, person.AffiliationKey),
                .. connection.QueryPrepared<BlockRow>(transaction, after, value, person.NameKey, person.Id, person.CountryCode, person.AffiliationKey)];
    }

    /// <summary>The queries of <see cref="Refresh"/>, public so that a test can ask SQLite's planner that each reads its index in order.</summary>
    public static IEnumerable<string> NeighbourQueries => Blocks.Select(NeighbourSql).SelectMany(q => new[] { q.All, q.Before, q.After });

    private static (string All, string Before, string After) NeighbourSql(Block block)
    {
        // $1 the block's key, $2 the person's name_key, $3 its id, $4 its country, $5 its affiliation_key (a query that names fewer leaves the others unbound).
        var select = $"SELECT $1 AS block_key, {Details} FROM stakeholders s INDEXED BY {block.Index} WHERE {block.Where} AND s.erased = 0 AND {block.Key} = $1";
        var person = block.Row(c => c switch { "s.name_key" => "$2", "s.id" => "$3", "s.country_code" => "$4", _ => "$5" });
        return ($"{select} ORDER BY {block.OrderBy()} LIMIT {MaxBlock + 1}",
            $"{select} AND {block.Row()} < {person} ORDER BY {block.OrderBy(descending: true)} LIMIT {Window}",
            $"{select} AND {block.Row()} > {person} ORDER BY {block.OrderBy()} LIMIT {Window}");
    }

    private static void Insert(DbConnection connection, DbTransaction transaction, Candidate candidate) =>
        connection.Prepared(
            transaction,
            "INSERT INTO duplicate_pairs (stakeholder_a, stakeholder_b, rank, reasons) VALUES ($1, $2, $3, $4)",
            candidate.A, candidate.B, RankOf(candidate.Confidence), candidate.Reasons.Aggregate(0L, (mask, r) => mask | (1L << (int)r))).ExecuteNonQuery();

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

    private sealed class PersonRow
    {
        public string Id { get; set; } = "";
        public string NameKey { get; set; } = "";
        public string SortedNameKey { get; set; } = "";
        public string AffiliationKey { get; set; } = "";
        public string? Email { get; set; }
        public string CountryCode { get; set; } = "";
        public string? OrganizationId { get; set; }
        public string BlockFirst { get; set; } = "";
        public string BlockLast { get; set; } = "";

        public PersonKeys Keys() => new(Id, NameKey, SortedNameKey, AffiliationKey, Email ?? "", CountryCode, OrganizationId);
    }
}
