using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Stakeholders.Search;

/// <summary>
/// The normalised keys of one stakeholder that search and duplicate detection read through indexes:
/// columns of stakeholders (name_key, sorted_name_key, affiliation_key, block_first, block_last) and the
/// rows of stakeholder_name_tokens (a name's later words, kind 0; an affiliation's words, kind 1).
/// Every write of a name or affiliation (create, batch create, update, erasure, delete to a placeholder,
/// merge) calls <see cref="Write"/> in its transaction; an erased person's keys are empty and it has no
/// tokens. Email is matched through an index on lower(email), which needs no key of its own.
/// </summary>
public sealed record SearchKeys(
    string NameKey, string SortedNameKey, string AffiliationKey, string BlockFirst, string BlockLast,
    IReadOnlyList<string> LaterNameWords, IReadOnlyList<string> AffiliationWords)
{
    public const int NameWords = 0;
    public const int AffiliationWordsKind = 1;

    public static readonly SearchKeys None = Of("", "");

    public static SearchKeys Of(string displayName, string affiliation)
    {
        var words = NameKeys.Tokens(displayName);
        var affiliationWords = NameKeys.Tokens(affiliation);
        return new SearchKeys(
            string.Join(' ', words),
            string.Join(' ', words.Order(StringComparer.Ordinal)),
            string.Join(' ', affiliationWords),
            BlockOfFirst(words),
            BlockOfLast(words),
            words.Skip(1).ToList(),
            affiliationWords);
    }

    public static SearchKeys Of(StakeholderRow row) => Of(row.DisplayName, row.Affiliation);

    /// <summary>The first word and the last word's initial: names that differ after that share it ("wolfgang k").</summary>
    public static string BlockOfFirst(IReadOnlyList<string> words) =>
        words.Count switch { 0 => "", 1 => words[0], _ => $"{words[0]} {FirstLetter(words[^1])}" };

    /// <summary>The first word's initial and the last word: names that differ in the first word share it ("w kleinwachter").</summary>
    public static string BlockOfLast(IReadOnlyList<string> words) =>
        words.Count < 2 ? "" : $"{FirstLetter(words[0])} {words[^1]}";

    private static string FirstLetter(string word) => char.IsHighSurrogate(word[0]) && word.Length > 1 ? word[..2] : word[..1];

    /// <summary>Stores the keys of stakeholder <paramref name="id"/> (its columns and its token rows), with commands prepared once per connection.</summary>
    public static void Write(SqliteConnection connection, SqliteTransaction transaction, string id, SearchKeys keys)
    {
        connection.Prepared(
            transaction,
            """
            UPDATE stakeholders SET name_key = $2, sorted_name_key = $3, affiliation_key = $4, block_first = $5, block_last = $6
            WHERE id = $1
            """,
            id, keys.NameKey, keys.SortedNameKey, keys.AffiliationKey, keys.BlockFirst, keys.BlockLast).ExecuteNonQuery();
        connection.Prepared(transaction, "DELETE FROM stakeholder_name_tokens WHERE stakeholder_id = $1", id).ExecuteNonQuery();
        for (var i = 0; i < keys.LaterNameWords.Count; i++)
        {
            InsertToken(connection, transaction, id, NameWords, i + 1, keys.LaterNameWords[i]);
        }

        for (var i = 0; i < keys.AffiliationWords.Count; i++)
        {
            InsertToken(connection, transaction, id, AffiliationWordsKind, i, keys.AffiliationWords[i]);
        }
    }

    private static void InsertToken(SqliteConnection connection, SqliteTransaction transaction, string id, int kind, int position, string token) =>
        connection.Prepared(
            transaction,
            "INSERT OR IGNORE INTO stakeholder_name_tokens (stakeholder_id, kind, position, token) VALUES ($1, $2, $3, $4)",
            id, kind, position, token).ExecuteNonQuery();

    /// <summary>
    /// The SQL functions migration 0017 fills existing rows with (the normalisation is .NET's, not SQLite's):
    /// registry_keys(display_name, affiliation, i) is key i (0 name_key … 4 block_last), registry_tokens(display_name,
    /// affiliation) a JSON array of [kind, position, token].
    /// </summary>
    public static void RegisterFunctions(SqliteConnection connection)
    {
        connection.CreateFunction("registry_keys", (string name, string affiliation, long i) =>
        {
            var keys = Of(name, affiliation);
            return i switch { 0 => keys.NameKey, 1 => keys.SortedNameKey, 2 => keys.AffiliationKey, 3 => keys.BlockFirst, _ => keys.BlockLast };
        }, isDeterministic: true);
        connection.CreateFunction("registry_tokens", (string name, string affiliation) =>
        {
            var keys = Of(name, affiliation);
            var items = keys.LaterNameWords.Select((t, i) => new object[] { NameWords, i + 1, t })
                .Concat(keys.AffiliationWords.Select((t, i) => new object[] { AffiliationWordsKind, i, t }));
            return System.Text.Json.JsonSerializer.Serialize(items);
        }, isDeterministic: true);
    }
}
