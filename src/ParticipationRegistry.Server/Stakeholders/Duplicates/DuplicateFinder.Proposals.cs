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

    private static List<ExistingCandidate> FindFor(SqliteConnection connection, ProposedPerson proposal, double minConfidence)
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

            foreach (var row in BlockOf(connection, Blocks[b], values[b], keys.NameKey))
            {
                var stored = new PersonKeys(row.Id, row.NameKey, row.SortedNameKey, row.AffiliationKey, row.Email ?? "", row.CountryCode, row.OrganizationId);
                if (!found.ContainsKey(row.Id) && DuplicateScoring.Score(person, stored) is { } candidate && candidate.Confidence >= minConfidence)
                {
                    found[row.Id] = new ExistingCandidate(row.Id, candidate.Confidence, candidate.Reasons);
                }
            }
        }

        return found.Values.OrderByDescending(c => c.Confidence).ThenBy(c => c.StakeholderId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The stored people sharing the block key: all of a small block, the name-order neighbours in a large one.</summary>
    private static List<BlockRow> BlockOf(SqliteConnection connection, (string Key, string Index, string Where) block, string value, string nameKey)
    {
        var from = $"FROM stakeholders s INDEXED BY {block.Index} WHERE {block.Where} AND s.erased = 0 AND {block.Key} = @value";
        var all = connection.Query<BlockRow>($"SELECT @value AS block_key, {Details} {from} ORDER BY s.name_key, s.id LIMIT {MaxBlock + 1}", new { value }).ToList();
        if (all.Count <= MaxBlock)
        {
            return all;
        }

        var after = connection.Query<BlockRow>($"SELECT @value AS block_key, {Details} {from} AND s.name_key >= @nameKey ORDER BY s.name_key, s.id LIMIT {Window}", new { value, nameKey });
        var before = connection.Query<BlockRow>($"SELECT @value AS block_key, {Details} {from} AND s.name_key < @nameKey ORDER BY s.name_key DESC, s.id DESC LIMIT {Window}", new { value, nameKey });
        return [.. before, .. after];
    }
}
