using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Stakeholders.Duplicates;

/// <summary>
/// ListDuplicateCandidates' reads and MarkNotDuplicate's write. No pair of the whole registry is compared:
/// people are read once per block key, in the order of that key's index (same email; same normalised
/// name; same words in any order; the first word and the last word's initial; the first initial and the
/// last word), and only people sharing a key are compared, all pairs of a block of up to
/// <see cref="MaxBlock"/> people and each with its <see cref="Window"/> neighbours in a larger block (a very
/// common name or first word), in the block's order (<see cref="Blocks"/>). Each block's index is first scanned alone (covering)
/// for the keys held by two people or more, and only their rows are read: the cost grows with the
/// registry (five index scans), not its square; candidates are scored by <see cref="DuplicateScoring"/>.
/// </summary>
public sealed partial class DuplicateFinder(Database database, TimeProvider clock)
{
    public const int MaxBlock = 50;
    public const int Window = 5;

    internal const string Details = "s.id, s.name_key, s.sorted_name_key, s.affiliation_key, lower(s.email) AS email, s.country_code, s.organization_id";

    // Each block: its key expression, the index that reads it in order (partial indexes leave out empty keys) and
    // the order within a key, which decides who is a neighbour in a block of more than MaxBlock people. The same
    // name and the same words sort by country and affiliation (migration 0019): among a hundred "John Smith" the
    // two of one country and organisation are neighbours however far apart they were recorded; the first word and
    // the last word's blocks sort by name, so that names a letter apart are neighbours.
    internal static readonly Block[] Blocks =
    [
        new("lower(s.email)", "stakeholders_by_email", "s.email <> ''", ["s.id"]),
        new("s.name_key", "stakeholders_by_name_block", "s.name_key <> ''", ["s.country_code", "s.affiliation_key", "s.id"]),
        new("s.sorted_name_key", "stakeholders_by_sorted_name_key", "s.sorted_name_key <> ''", ["s.country_code", "s.affiliation_key", "s.id"]),
        new("s.block_first", "stakeholders_by_block_first", "s.block_first <> ''", ["s.name_key", "s.id"]),
        new("s.block_last", "stakeholders_by_block_last", "s.block_last <> ''", ["s.name_key", "s.id"]),
    ];

    internal sealed record Block(string Key, string Index, string Where, string[] Order)
    {
        /// <summary>The order within a key, ascending or descending.</summary>
        public string OrderBy(bool descending = false) => string.Join(", ", Order.Select(c => descending ? c + " DESC" : c));

        /// <summary>The order's columns as a row value, each replaced by <paramref name="value"/> of its column name (for the other side of a comparison).</summary>
        public string Row(Func<string, string>? value = null) => $"({string.Join(", ", Order.Select(value ?? (c => c)))})";
    }

    /// <summary>Every candidate not marked "not a duplicate", most likely first (then by the two ids).</summary>
    public IReadOnlyList<Candidate> FindAll() =>
        database.Read(connection =>
        {
            var marked = connection.Query<(string A, string B)>("SELECT stakeholder_a, stakeholder_b FROM stakeholder_not_duplicates").ToHashSet();
            return FindAll(connection, null).Where(c => !marked.Contains((c.A, c.B)))
                .OrderByDescending(c => c.Confidence).ThenBy(c => c.A, StringComparer.Ordinal).ThenBy(c => c.B, StringComparer.Ordinal)
                .ToList();
        });

    /// <summary>Every candidate of the registry, marked or not, in no order (what migration 0018 stores, see <see cref="DuplicatePairs"/>).</summary>
    public static IEnumerable<Candidate> FindAll(DbConnection connection, DbTransaction? transaction)
    {
        var found = new Dictionary<(string, string), Candidate>();
        foreach (var block in Blocks)
        {
            ScanBlock(connection, transaction, block, (x, y) =>
            {
                var pair = string.CompareOrdinal(x.Id, y.Id) < 0 ? (x.Id, y.Id) : (y.Id, x.Id);
                if (!found.ContainsKey(pair) && DuplicateScoring.Score(x, y) is { } candidate)
                {
                    found[pair] = candidate;
                }
            });
        }

        return found.Values;
    }

    private static void ScanBlock(DbConnection connection, DbTransaction? transaction, Block block, Action<PersonKeys, PersonKeys> compare)
    {
        // Erased people have empty keys and no email, so no block holds them.
        var rows = connection.Query<BlockRow>(BlockSql(block), transaction: transaction, buffered: false);
        var group = new List<PersonKeys>();
        string? key = null;
        foreach (var row in rows)
        {
            if (row.BlockKey != key)
            {
                CompareWithin(group, compare);
                group.Clear();
                key = row.BlockKey;
            }

            group.Add(row.Keys());
        }

        CompareWithin(group, compare);
    }

    /// <summary>The query of every block, public so that a test can ask SQLite's planner that each reads its index in order.</summary>
    public static IEnumerable<string> BlockQueries => Blocks.Select(BlockSql);

    private static string BlockSql(Block block) =>
        $"""
        SELECT {block.Key} AS block_key, {Details}
        FROM stakeholders s INDEXED BY {block.Index}
        WHERE {block.Where} AND s.erased = 0
          AND {block.Key} IN (SELECT {block.Key} FROM stakeholders s INDEXED BY {block.Index} WHERE {block.Where} GROUP BY {block.Key} HAVING count(*) > 1)
        ORDER BY {block.Key}, {block.OrderBy()}
        """;

    private static void CompareWithin(List<PersonKeys> group, Action<PersonKeys, PersonKeys> compare)
    {
        var reach = group.Count <= MaxBlock ? group.Count : Window + 1;
        for (var i = 0; i < group.Count; i++)
        {
            for (var j = i + 1; j < group.Count && j < i + reach; j++)
            {
                compare(group[i], group[j]);
            }
        }
    }

    /// <summary>A page of the stored candidates (see <see cref="DuplicatePairs.Page"/>).</summary>
    public IReadOnlyList<Candidate> Page(int maxRank, int rank, string a, string b, bool mayKnowEmails, int limit) =>
        database.Read(connection => DuplicatePairs.Page(connection, maxRank, rank, a, b, mayKnowEmails, limit));

    /// <summary>Records that the two are not one person; marking a pair again changes nothing.</summary>
    public Task MarkNotDuplicateAsync(StakeholderName name, StakeholderName other) =>
        database.WriteAsync((connection, transaction) =>
        {
            foreach (var (person, field) in new[] { (name, "name"), (other, "other") })
            {
                if (connection.ExecuteScalar<long>("SELECT count(*) FROM stakeholders WHERE id = @id AND erased = 0", new { id = person.StakeholderId }, transaction) == 0)
                {
                    throw RegistryException.NotFound(V1.ErrorReason.StakeholderNotFound, person.ToString(), field);
                }
            }

            var (a, b) = string.CompareOrdinal(name.StakeholderId, other.StakeholderId) < 0
                ? (name.StakeholderId, other.StakeholderId) : (other.StakeholderId, name.StakeholderId);
            return connection.Execute(
                """
                INSERT INTO stakeholder_not_duplicates (stakeholder_a, stakeholder_b, create_time) VALUES (@a, @b, @now)
                ON CONFLICT DO NOTHING
                """,
                new { a, b, now = Times.ToText(clock.GetUtcNow()) },
                transaction);
        });

    /// <summary>A person's keys as a block read returns them (the columns every block query selects).</summary>
    internal abstract class KeyRow
    {
        public string Id { get; set; } = "";
        public string NameKey { get; set; } = "";
        public string SortedNameKey { get; set; } = "";
        public string AffiliationKey { get; set; } = "";
        public string? Email { get; set; }
        public string CountryCode { get; set; } = "";
        public string? OrganizationId { get; set; }

        /// <summary>What <see cref="DuplicateScoring"/> compares of the stored person.</summary>
        public PersonKeys Keys() => new(Id, NameKey, SortedNameKey, AffiliationKey, Email ?? "", CountryCode, OrganizationId);
    }

    internal sealed class BlockRow : KeyRow
    {
        public string BlockKey { get; set; } = "";
    }
}
