using System.Data.Common;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Stakeholders.Search;

/// <summary>
/// The normalised keys of one stakeholder that search and duplicate detection read through indexes:
/// columns of stakeholders (name_key, sorted_name_key, affiliation_key, organization_key, block_first, block_last) and the
/// rows of stakeholder_name_tokens (a name's later words, kind 0; the words of the affiliation and of the
/// organisation's name, kind 1; renaming an organisation refreshes its people's).
/// Every write of a name or affiliation (create, batch create, update, erasure, delete to a placeholder,
/// merge, unmerge) stores them in its transaction, through <see cref="Write"/> (or, after writing the row with its
/// key columns, <see cref="WriteWritten"/>); an erased person's keys are empty and it has no tokens. Email is matched through an index on lower(email), which needs no key of its own.
/// </summary>
public sealed record SearchKeys(
    string NameKey, string SortedNameKey, string AffiliationKey, string OrganizationKey, string BlockFirst, string BlockLast,
    IReadOnlyList<string> LaterNameWords, IReadOnlyList<string> AffiliationWords)
{
    public const int NameWords = 0;
    public const int AffiliationWordsKind = 1;

    public static readonly SearchKeys None = Of("", "");

    public static SearchKeys Of(string displayName, string affiliation, string organizationName = "")
    {
        var words = NameKeys.Tokens(displayName);
        var ownWords = NameKeys.Tokens(affiliation);
        var organizationWords = NameKeys.Tokens(organizationName);
        var affiliationWords = ownWords.Concat(organizationWords).ToList();
        return new SearchKeys(
            string.Join(' ', words),
            string.Join(' ', words.Order(StringComparer.Ordinal)),
            string.Join(' ', ownWords),
            string.Join(' ', organizationWords),
            BlockOfFirst(words),
            BlockOfLast(words),
            words.Skip(1).ToList(),
            affiliationWords);
    }

    /// <summary>The keys of <paramref name="row"/> as written, with its organisation's name read in the same transaction.</summary>
    public static SearchKeys Of(DbConnection connection, DbTransaction transaction, StakeholderRow row) =>
        Of(row.DisplayName, row.Affiliation, row.OrganizationId is null
            ? ""
            : connection.Prepared(transaction, "SELECT display_name FROM organizations WHERE id = $1", row.OrganizationId).ExecuteScalar() as string ?? "");

    /// <summary>Refreshes the keys of every person of an organisation, after its name changed.</summary>
    public static void RefreshMembers(DbConnection connection, DbTransaction transaction, string organizationId, string organizationName)
    {
        var members = new List<(string Id, string DisplayName, string Affiliation)>();
        using (var reader = connection.Prepared(
            transaction, "SELECT id, display_name, affiliation FROM stakeholders WHERE organization_id = $1 AND erased = 0 AND display_name <> ''", organizationId)
            .ExecuteReader())
        {
            while (reader.Read())
            {
                members.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (id, displayName, affiliation) in members)
        {
            Write(connection, transaction, id, Of(displayName, affiliation, organizationName));
        }
    }

    /// <summary>The first word and the last word's initial: names that differ after that share it ("wolfgang k").</summary>
    public static string BlockOfFirst(IReadOnlyList<string> words) =>
        words.Count switch { 0 => "", 1 => words[0], _ => $"{words[0]} {FirstLetter(words[^1])}" };

    /// <summary>The first word's initial and the last word: names that differ in the first word share it ("w kleinwachter").</summary>
    public static string BlockOfLast(IReadOnlyList<string> words) =>
        words.Count < 2 ? "" : $"{FirstLetter(words[0])} {words[^1]}";

    private static string FirstLetter(string word) => char.IsHighSurrogate(word[0]) && word.Length > 1 ? word[..2] : word[..1];

    /// <summary>Stores the keys of stakeholder <paramref name="id"/> (its columns and its token rows), with commands prepared once per connection.</summary>
    public static void Write(DbConnection connection, DbTransaction transaction, string id, SearchKeys keys)
    {
        WriteKeys(connection, transaction, id, keys);

        // The stored duplicate candidates follow the keys (and the email, country and organisation written with them).
        Duplicates.DuplicatePairs.Refresh(connection, transaction, id);
    }

    /// <summary>
    /// Stores the keys of a stakeholder row the caller has just written (<paramref name="created"/>: inserted with its key
    /// columns already, see StakeholderInsert, so it has no token rows or pairs to delete; else updated with them, see
    /// UpdateStakeholderAsync). The pairs' insert is left in <paramref name="batch"/>: the caller flushes it.
    /// </summary>
    internal static void WriteWritten(StatementBatch batch, StakeholderRow row, SearchKeys keys, bool created)
    {
        if (!created)
        {
            batch.Add("DELETE FROM stakeholder_name_tokens WHERE stakeholder_id = $1", row.Id);
        }

        InsertTokens(batch, row.Id, keys);
        Duplicates.DuplicatePairs.Refresh(batch, row.Id, keys, row.Email, row.CountryCode, created);
    }

    /// <summary>The columns and token rows of <see cref="Write"/>, without the duplicate candidates (the caller refreshes those).</summary>
    internal static void WriteKeys(DbConnection connection, DbTransaction transaction, string id, SearchKeys keys)
    {
        var batch = new StatementBatch(connection, transaction);
        batch.Add(
            """
            UPDATE stakeholders SET name_key = $2, sorted_name_key = $3, affiliation_key = $4, block_first = $5, block_last = $6, organization_key = $7
            WHERE id = $1
            """,
            id, keys.NameKey, keys.SortedNameKey, keys.AffiliationKey, keys.BlockFirst, keys.BlockLast, keys.OrganizationKey);
        batch.Add("DELETE FROM stakeholder_name_tokens WHERE stakeholder_id = $1", id);
        InsertTokens(batch, id, keys);
        batch.Flush();
    }

    // name_key too: search reads a word's people in name order from the token index (kind, token, name_key, stakeholder_id).
    // On PostgreSQL all of them in one statement; on SQLite row by row, with a prepared command.
    private static void InsertTokens(StatementBatch batch, string id, SearchKeys keys)
    {
        if (batch.Connection is SqliteConnection)
        {
            for (var i = 0; i < keys.LaterNameWords.Count; i++)
            {
                batch.Add(InsertTokenSql, id, NameWords, i + 1, keys.LaterNameWords[i], keys.NameKey);
            }

            for (var i = 0; i < keys.AffiliationWords.Count; i++)
            {
                batch.Add(InsertTokenSql, id, AffiliationWordsKind, i, keys.AffiliationWords[i], keys.NameKey);
            }

            return;
        }

        var count = keys.LaterNameWords.Count + keys.AffiliationWords.Count;
        if (count == 0)
        {
            return;
        }

        var kinds = new long[count];
        var positions = new long[count];
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            var later = i < keys.LaterNameWords.Count;
            kinds[i] = later ? NameWords : AffiliationWordsKind;
            positions[i] = later ? i + 1 : i - keys.LaterNameWords.Count;
            tokens[i] = later ? keys.LaterNameWords[i] : keys.AffiliationWords[i - keys.LaterNameWords.Count];
        }

        batch.Add(
            """
            INSERT INTO stakeholder_name_tokens (stakeholder_id, kind, position, token, name_key)
            SELECT $1, t.kind, t.position, t.token, $2 FROM unnest($3::bigint[], $4::bigint[], $5::text[]) AS t (kind, position, token)
            ON CONFLICT DO NOTHING
            """,
            id, keys.NameKey, kinds, positions, tokens);
    }

    private const string InsertTokenSql =
        "INSERT INTO stakeholder_name_tokens (stakeholder_id, kind, position, token, name_key) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";

    /// <summary>
    /// The SQL functions migration 0017 fills existing rows with (the normalisation is .NET's, not SQLite's):
    /// registry_keys(display_name, affiliation, i) is key i (0 name_key … 4 block_last), registry_tokens(display_name,
    /// affiliation, organisation name) a JSON array of [kind, position, token].
    /// </summary>
    public static void RegisterFunctions(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        connection.CreateFunction("registry_keys", (string name, string affiliation, long i) =>
        {
            var keys = Of(name, affiliation);
            return i switch { 0 => keys.NameKey, 1 => keys.SortedNameKey, 2 => keys.AffiliationKey, 3 => keys.BlockFirst, _ => keys.BlockLast };
        }, isDeterministic: true);
        connection.CreateFunction("registry_tokens", (string name, string affiliation, string? organization) =>
        {
            var keys = Of(name, affiliation, organization ?? "");
            var items = keys.LaterNameWords.Select((t, i) => new object[] { NameWords, i + 1, t })
                .Concat(keys.AffiliationWords.Select((t, i) => new object[] { AffiliationWordsKind, i, t }));
            return System.Text.Json.JsonSerializer.Serialize(items);
        }, isDeterministic: true);
    }
}
