using System.Globalization;

namespace ParticipationRegistry.Server.Stakeholders.Duplicates;

/// <summary>
/// Damerau–Levenshtein distance (optimal string alignment: an adjacent swap counts one edit), bounded, counted in
/// letters as readers see them: extended grapheme clusters (StringInfo, whose tables are part of .NET and need no ICU,
/// so they work under InvariantGlobalization). "राम" and "रमा" are two letters each (रा म, र मा): two substitutions, not
/// a swap of the vowel sign ा and म. A key without combining marks, surrogates or other multi-character letters (every
/// Latin key) is compared char by char, as before.
/// </summary>
public static class EditDistance
{
    /// <summary>The distance of <paramref name="a"/> and <paramref name="b"/>, or <paramref name="max"/> + 1 when it is larger.</summary>
    public static int Bounded(string a, string b, int max)
    {
        if (OneCharPerLetter(a) && OneCharPerLetter(b))
        {
            return Bounded<char>(a, b, max);
        }

        return Bounded<string>(Letters(a), Letters(b), max);
    }

    /// <summary>
    /// Whether <paramref name="b"/> is <paramref name="a"/> with one pair of neighbouring letters swapped, and whether it is
    /// at most <see cref="AllowedFor"/> edits from it (for the shorter one's number of letters); the letters are found once.
    /// </summary>
    public static (bool Transposed, bool Close) Compare(string a, string b)
    {
        if (OneCharPerLetter(a) && OneCharPerLetter(b))
        {
            return Compare<char>(a, b);
        }

        return Compare<string>(Letters(a), Letters(b));
    }

    /// <summary>How many edits two names of this many letters may be apart: none up to 4 letters, 1 up to 9, else 2.</summary>
    public static int AllowedFor(int length) => length <= 4 ? 0 : length <= 9 ? 1 : 2;

    private static (bool Transposed, bool Close) Compare<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : IEquatable<T>
    {
        // A swap is one edit: no need to count it.
        var allowed = AllowedFor(Math.Min(a.Length, b.Length));
        var transposed = IsTransposition(a, b);
        return (transposed, allowed > 0 && (transposed || Bounded(a, b, allowed) <= allowed));
    }

    /// <summary>
    /// Whether every char of <paramref name="text"/> is a letter of its own: below U+0300 (no combining mark, no surrogate)
    /// nothing joins but CR LF, which no key holds; from the first char above, each position's cluster is measured.
    /// </summary>
    private static bool OneCharPerLetter(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] is >= ' ' and < '\u0300')
        {
            i++;
        }

        // From the char before: a mark joins the letter it follows.
        for (var rest = text.AsSpan(Math.Max(i - 1, 0)); !rest.IsEmpty; rest = rest[1..])
        {
            if (StringInfo.GetNextTextElementLength(rest) != 1)
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Letters(string text)
    {
        var letters = new List<string>(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            letters.Add(elements.GetTextElement());
        }

        return [.. letters];
    }

    private static int Bounded<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int max)
        where T : IEquatable<T>
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var width = b.Length + 1;
        Span<int> rows = width <= 128 ? stackalloc int[3 * width] : new int[3 * width];
        var previous2 = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1].Equals(b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1].Equals(b[j - 2]) && a[i - 2].Equals(b[j - 1]))
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var oldest = previous2;
            previous2 = previous;
            previous = current;
            current = oldest;
        }

        return Math.Min(previous[b.Length], max + 1);
    }

    private static bool IsTransposition<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : IEquatable<T>
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var first = -1;
        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                first = i;
                break;
            }
        }

        return first >= 0 && first + 1 < a.Length
            && a[first].Equals(b[first + 1]) && a[first + 1].Equals(b[first])
            && a[(first + 2)..].SequenceEqual(b[(first + 2)..]);
    }
}
