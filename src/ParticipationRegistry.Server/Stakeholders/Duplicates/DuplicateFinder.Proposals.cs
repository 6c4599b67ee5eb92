using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Server.Stakeholders.Search;

namespace ParticipationRegistry.Server.Stakeholders.Duplicates;

/// <summary>A person proposed for creation (an import's row): what duplicate detection compares of them.</summary>
public sealed record ProposedPerson(string DisplayName, string Affiliation, string? OrganizationId, string CountryCode, string Email);

/// <summary>An existing person found for a proposal.</summary>
public sealed record ExistingCandidate(string StakeholderId, double Confidence, IReadOnlyList<V1.DuplicateReason> Reasons);

/// <summary>
/// FindDuplicateCandidates' reads: the same blocks as <see cref="FindAll"/>, each looked up by the proposal's own
/// key (its keys are made by <see cref="SearchKeys.Of(string, string, string)"/>, as a stored person's are when it
/// is written), and every person found scored by <see cref="DuplicateScoring.Score"/> against the proposal. A block
/// of up to <see cref="MaxBlock"/> people is compared whole; in a larger one only the <see cref="Window"/>
/// people on each side of the proposal in name order, as in a stored block. Nothing is written.
/// </summary>
public sealed partial class DuplicateFinder
{
    // A proposal has no id: the empty id sorts before every stored one, so a Candidate's B is the existing person.
    private const string ProposalId = "";

    /// <summary>For each proposal, in order: the existing people scored at least <paramref name="minConfidence"/>, most likely first.</summary>
    public IReadOnlyList<IReadOnlyList<ExistingCandidate>> FindFor(IReadOnlyList<ProposedPerson> proposals, double minConfidence) =>
        database.Read(connection => proposals.Select(p => (IReadOnlyList<ExistingCandidate>)FindFor(connection, p, minConfidence)).ToList());

    private static List<ExistingCandidate> FindFor(DbConnection connection, ProposedPerson proposal, double minConfidence)
    {
        var keys = SearchKeys.Of(proposal.DisplayName, proposal.Affiliation);
        var person = new PersonKeys(ProposalId, keys.NameKey, keys.SortedNameKey, keys.AffiliationKey, NameKeys.EmailKey(proposal.Email), proposal.CountryCode, proposal.OrganizationId);
        string[] values = [person.Email, keys.NameKey, keys.SortedNameKey, keys.BlockFirst, keys.BlockLast];
        var found = new Dictionary<string, ExistingCandidate>(StringComparer.Ordinal);
        for (var b = 0; b < Blocks.Length; b++)
        {
            if (values[b].Length == 0)
            {
                continue;
            }

            foreach (var row in BlockOf(connection, Blocks[b], values[b], person))
            {
                if (!found.ContainsKey(row.Id) && DuplicateScoring.Score(person, row.Keys()) is { } candidate && candidate.Confidence >= minConfidence)
                {
                    found[row.Id] = new ExistingCandidate(row.Id, candidate.Confidence, candidate.Reasons);
                }
            }
        }

        return found.Values.OrderByDescending(c => c.Confidence).ThenBy(c => c.StakeholderId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The stored people sharing the block key, in the order of the block's index: all of a block of up to
    /// <see cref="MaxBlock"/>; of a larger one the <see cref="Window"/> people on each side of where the proposal
    /// sorts in the block's order (<see cref="Blocks"/>), the proposal, without an id, before any stored person
    /// it would tie with (in one email's block, then, first).
    /// </summary>
    private static List<BlockRow> BlockOf(DbConnection connection, Block block, string value, PersonKeys person)
    {
        var (all, after, before) = ProposalSql(block);
        var rows = connection.Query<BlockRow>(all, new { value }).ToList();
        if (rows.Count <= MaxBlock)
        {
            return rows;
        }

        var parameters = new { value, nameKey = person.NameKey, id = ProposalId, country = person.CountryCode, affiliation = person.AffiliationKey };
        return [.. connection.Query<BlockRow>(before, parameters), .. connection.Query<BlockRow>(after, parameters)];
    }

    /// <summary>The queries of every block for a proposal, public so that a test can ask SQLite's planner that each reads its index in order.</summary>
    public static IEnumerable<string> ProposalQueries =>
        Blocks.Select(ProposalSql).SelectMany(q => new[] { q.All, q.After, q.Before });

    private static (string All, string After, string Before) ProposalSql(Block block)
    {
        var select = $"SELECT @value AS block_key, {Details} FROM stakeholders s INDEXED BY {block.Index} WHERE {block.Where} AND s.erased = 0 AND {block.Key} = @value";
        var proposal = block.Row(c => c switch { "s.name_key" => "@nameKey", "s.id" => "@id", "s.country_code" => "@country", _ => "@affiliation" });
        return (
            $"{select} ORDER BY {block.OrderBy()} LIMIT {MaxBlock + 1}",
            $"{select} AND {block.Row()} > {proposal} ORDER BY {block.OrderBy()} LIMIT {Window}",
            $"{select} AND {block.Row()} < {proposal} ORDER BY {block.OrderBy(descending: true)} LIMIT {Window}");
    }
}
