using System.Data.Common;
using Dapper;

namespace ParticipationRegistry.Server.Stakeholders.Search;

/// <summary>
/// Migration 0019, after its script: the normalisation changed (diacritics only are dropped now; vowel signs, virama
/// and kana voicing marks stay) and organization_key is new, so every person's stored keys and words are computed
/// again; then the stored duplicate candidates are computed again for the whole registry as migration 0018 computed
/// them (the keys changed, and so did the order of large blocks, see DuplicateFinder.Blocks). People are
/// read in pages of the primary key (a registry of any size, on either engine: Npgsql allows one open reader per
/// connection), and a person whose keys are unchanged (every Latin, Greek or Cyrillic name) is not written.
/// </summary>
public static class KeysRecompute
{
    private const int Batch = 1000;

    public static void Run(DbConnection connection, DbTransaction transaction)
    {
        var after = "";
        while (true)
        {
            var people = connection.Query<StoredPerson>(
                """
                SELECT s.id, s.display_name, s.affiliation, o.display_name AS organization_name,
                       s.name_key, s.sorted_name_key, s.affiliation_key, s.organization_key, s.block_first, s.block_last
                FROM stakeholders s LEFT JOIN organizations o ON o.id = s.organization_id
                WHERE s.id > @after AND s.erased = 0 AND s.display_name <> ''
                ORDER BY s.id LIMIT @limit
                """,
                new { after, limit = Batch }, transaction).ToList();
            if (people.Count == 0)
            {
                break;
            }

            var words = connection.Query<(string Id, long Kind, long Position, string Token)>(
                """
                SELECT stakeholder_id, kind, position, token FROM stakeholder_name_tokens
                WHERE stakeholder_id >= @first AND stakeholder_id <= @last
                ORDER BY stakeholder_id, kind, position
                """,
                new { first = people[0].Id, last = people[^1].Id }, transaction)
                .ToLookup(t => t.Id, t => $"{t.Kind}:{t.Token}");
            foreach (var person in people)
            {
                var keys = SearchKeys.Of(person.DisplayName, person.Affiliation, person.OrganizationName ?? "");
                var stored = (person.NameKey, person.SortedNameKey, person.AffiliationKey, person.OrganizationKey, person.BlockFirst, person.BlockLast);
                if (stored != (keys.NameKey, keys.SortedNameKey, keys.AffiliationKey, keys.OrganizationKey, keys.BlockFirst, keys.BlockLast)
                    || !words[person.Id].SequenceEqual(Words(keys), StringComparer.Ordinal))
                {
                    SearchKeys.WriteKeys(connection, transaction, person.Id, keys);
                }
            }

            after = people[^1].Id;
        }

        // After every key is written. Pairs marked "not a duplicate" are kept in their own table, untouched.
        connection.Execute("DELETE FROM duplicate_pairs", transaction: transaction);
        Duplicates.DuplicatePairs.Backfill(connection, transaction);
    }

    // The token rows SearchKeys.WriteKeys stores, in the order of the primary key (kind, position).
    private static IEnumerable<string> Words(SearchKeys keys) =>
        keys.LaterNameWords.Select(w => $"{SearchKeys.NameWords}:{w}").Concat(keys.AffiliationWords.Select(w => $"{SearchKeys.AffiliationWordsKind}:{w}"));

    private sealed class StoredPerson
    {
        public string Id { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Affiliation { get; set; } = "";
        public string? OrganizationName { get; set; }
        public string NameKey { get; set; } = "";
        public string SortedNameKey { get; set; } = "";
        public string AffiliationKey { get; set; } = "";
        public string OrganizationKey { get; set; } = "";
        public string BlockFirst { get; set; } = "";
        public string BlockLast { get; set; } = "";
    }
}
