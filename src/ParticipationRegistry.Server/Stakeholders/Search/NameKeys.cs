using System.Globalization;
using System.Text;

namespace ParticipationRegistry.Server.Stakeholders.Search;

/// <summary>
/// The normalised forms of names that search and duplicate detection compare: case-folded and without
/// diacritics in every script (the compatibility decomposition, NFKD, which also unfolds ligatures, full-width forms
/// and mathematical letters; accents and optional pointing dropped — Hebrew niqqud, Arabic harakat — while the
/// vowel signs and virama of Brahmic scripts and Thai and the kana voicing marks stay, since they write other
/// sounds: "राम" and "रमा" are two names; lower-cased invariantly, then ß→ss, æ→ae,
/// œ→oe, ø→o, ł→l, đ→d, ı→i, final ς→σ and the like), punctuation turned into single spaces. SQLite's
/// NOCASE and LIKE fold ASCII only, so these keys are computed here and stored in columns of their own
/// (migrations 0017 and 0019 fill them for rows written before; every write of a stakeholder refreshes them).
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

        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Decompositions.TryGetValue(rune.Value, out var parts))
            {
                foreach (var part in parts.EnumerateRunes())
                {
                    Append(folded, part);
                }
            }
            else
            {
                Append(folded, rune);
            }
        }

        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void Append(StringBuilder folded, Rune rune)
    {
        // The fold table has already dropped diacritics and format characters (each maps to nothing); a mark
        // left is part of its letter (a vowel sign, a virama, a voicing mark) and of its word.
        var lower = Rune.ToLowerInvariant(rune);
        if (lower.IsBmp && Folds.TryGetValue((char)lower.Value, out var replacement))
        {
            folded.Append(replacement);
        }
        else if (Rune.IsLetterOrDigit(lower) || Rune.GetUnicodeCategory(lower)
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
        {
            folded.Append(lower.ToString());
        }
        else
        {
            // "O'Brien" and "J.R." stay one word; a hyphen, space or any other sign separates words.
            folded.Append(lower.Value is '\'' or '’' or '.' ? "" : " ");
        }
    }

    /// <summary>
    /// Each character's compatibility decomposition without diacritics (folds.txt, made by make-folds.py from the
    /// Unicode data, which says which marks are diacritics): the server runs with InvariantGlobalization, where
    /// string.Normalize has no tables.
    /// </summary>
    private static readonly Dictionary<int, string> Decompositions = LoadDecompositions();

    private static Dictionary<int, string> LoadDecompositions()
    {
        using var stream = typeof(NameKeys).Assembly.GetManifestResourceStream("Search.folds.txt")
            ?? throw new InvalidOperationException("The fold table Search.folds.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            foreach (var entry in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                var value = string.Concat(entry[(equals + 1)..].Split('.', StringSplitOptions.RemoveEmptyEntries)
                    .Select(hex => char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
                table[int.Parse(entry.AsSpan(0, equals), NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = value;
            }
        }

        return table;
    }

    /// <summary>The words sorted: "Ali Ahmed" and "Ahmed Ali" share it.</summary>
    public static string SortedTokensKey(string? text) => string.Join(' ', Tokens(text).Order(StringComparer.Ordinal));

    /// <summary>An email as compared: trimmed and lower-cased (the local part is case-insensitive in practice).</summary>
    public static string EmailKey(string? email) => (email ?? "").Trim().ToLowerInvariant();

    /// <summary>The exclusive upper bound of the keys that start with <paramref name="prefix"/>, for an index range.</summary>
    /// (U+10FFFF is the largest code point, so its UTF-8 bytes sort after every key with the prefix.)
    public static string PrefixEnd(string prefix) => prefix + "\U0010FFFF";
}
