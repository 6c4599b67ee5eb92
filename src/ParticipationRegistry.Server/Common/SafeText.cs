using System.Globalization;
using System.Text;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// Caller text made safe to repeat: in an error (a short prefix, so an error always fits in a
/// client's headers) and in a log line (escaped control characters, so no caller can forge log
/// lines or send terminal escapes to whoever reads them).
/// </summary>
public static class SafeText
{
    /// <summary>How much of the caller's input an error quotes.</summary>
    public const int QuotedChars = 64;

    /// <summary>How much of a text a log line carries.</summary>
    public const int LoggedChars = 200;

    /// <summary>At most <see cref="QuotedChars"/> characters of <paramref name="text"/>, escaped, with "…" when cut.</summary>
    public static string Quote(string? text) => Escape(text ?? "", QuotedChars);

    /// <summary>At most <see cref="LoggedChars"/> characters of <paramref name="text"/>, escaped, with "…" when cut.</summary>
    public static string ForLog(string? text) => Escape(text ?? "", LoggedChars);

    /// <summary>
    /// A control character: C0 (U+0000–U+001F, tab and newline included), DEL and C1 (U+007F–U+009F),
    /// plus the line and paragraph separators and bidirectional overrides, which reorder what a reader sees.
    /// </summary>
    public static bool IsControl(char c) =>
        c < ' ' || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    /// <summary>Whether <paramref name="c"/> is tab, newline or carriage return: allowed in free text, not in names.</summary>
    public static bool IsLineSpace(char c) => c is '\t' or '\n' or '\r';

    /// <summary>Text with every control character written as <c>\uXXXX</c>, cut after <paramref name="max"/> characters.</summary>
    public static string Escape(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.Length > max;
        var kept = cut ? text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)] : text;
        if (!cut && !kept.Any(IsControl))
        {
            return kept;
        }

        var builder = new StringBuilder(kept.Length + 8);
        foreach (var c in kept)
        {
            if (IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }
}
