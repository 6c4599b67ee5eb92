using System.Globalization;
using System.Text;

namespace ParticipationRegistry.Server.Stakeholders.Search;

/// <summary>
/// The normalised forms of names that search and duplicate detection compare: case-folded and without
/// diacritics in every script (FormKD, which also unfolds ligatures and full-width forms; non-spacing marks dropped, ToLowerInvariant, then ß→ss, æ→ae,
/// œ→oe, ø→o, ł→l, đ→d, ı→i, final ς→σ and the like), punctuation turned into single spaces. SQLite's
/// NOCASE and LIKE fold ASCII only, so these keys are computed here and stored in columns of their own
/// (migration 0017 fills them for rows written before; every write of a stakeholder refreshes them).
/// </summary>
public static class NameKeys
{
    private static readonly Dictionary<char, string> Folds = new()
    {
        ['ß'] = "ss", ['ẞ'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d",
        ['þ'] = "th", ['ı'] = "i", ['ŋ'] = "n", ['ħ'] = "h", ['ς'] = "σ", ['ĳ'] = "ij", ['ŀ'] = "l",
    };

    /// <summary>The whole text as one key: "Wolfgang Kleinwächter" → "wolfgang kleinwachter".</summary>
    public static string Key(string? text) => string.Join(' ', Tokens(text));

    /// <summary>The words of the text, each normalised, in order.</summary>
    public static IReadOnlyList<string> Tokens(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (Folds.TryGetValue(lower, out var replacement))
            {
                folded.Append(replacement);
            }
            else if (char.IsLetterOrDigit(lower))
            {
                folded.Append(lower);
            }
            else if (category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation || lower is '\'' or '’' or '.')
            {
                // "Jean-Marc" and "O'Brien" keep one word each way round: the hyphen splits, an apostrophe or dot joins.
                folded.Append(lower is '\'' or '’' or '.' ? "" : " ");
            }
            else
            {
                folded.Append(' ');
            }
        }

        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The words sorted: "Ali Ahmed" and "Ahmed Ali" share it.</summary>
    public static string SortedTokensKey(string? text) => string.Join(' ', Tokens(text).Order(StringComparer.Ordinal));

    /// <summary>An email as compared: trimmed and lower-cased (the local part is case-insensitive in practice).</summary>
    public static string EmailKey(string? email) => (email ?? "").Trim().ToLowerInvariant();

    /// <summary>The exclusive upper bound of the keys that start with <paramref name="prefix"/>, for an index range.</summary>
    /// (U+10FFFF is the largest code point, so its UTF-8 bytes sort after every key with the prefix.)
    public static string PrefixEnd(string prefix) => prefix + "\U0010FFFF";
}
