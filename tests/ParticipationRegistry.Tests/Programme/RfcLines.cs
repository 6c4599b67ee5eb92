using System.Globalization;
using System.Text;

namespace ParticipationRegistry.Tests.Programme;

/// <summary>
/// A minimal RFC 5545 reader written for the tests, independent of Ical.Net: unfolds lines (CRLF then a
/// space or tab), splits each into name, parameters and value, and groups them by component.
/// </summary>
internal static class RfcLines
{
    public sealed record Line(string Name, IReadOnlyDictionary<string, string> Parameters, string Value);

    public sealed record Component(string Kind, IReadOnlyList<Line> Lines)
    {
        public Line One(string name) => Lines.Single(l => l.Name == name);

        public string Text(string name) => Unescape(One(name).Value);

        /// <summary>A DATE-TIME value with a TZID parameter: the zone and the local wall-clock time.</summary>
        public (string TzId, DateTime Local) LocalTime(string name)
        {
            var line = One(name);
            return (line.Parameters["TZID"], DateTime.ParseExact(line.Value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
        }
    }

    public static IReadOnlyList<Line> Unfold(string text)
    {
        Assert.DoesNotContain(text.Replace("\r\n", "", StringComparison.Ordinal), c => c is '\r' or '\n');
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
        return unfolded.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
    }

    /// <summary>Every component of <paramref name="kind"/> (e.g. VEVENT), with its own lines only.</summary>
    public static IReadOnlyList<Component> Components(string text, string kind)
    {
        var found = new List<Component>();
        List<Line>? current = null;
        foreach (var line in Unfold(text))
        {
            if (line.Name == "BEGIN" && line.Value == kind)
            {
                current = [];
            }
            else if (line.Name == "END" && line.Value == kind && current is not null)
            {
                found.Add(new Component(kind, current));
                current = null;
            }
            else
            {
                current?.Add(line);
            }
        }

        return found;
    }

    /// <summary>NAME;PARAM=value;PARAM="quoted":VALUE — the first colon outside quotes ends the parameters.</summary>
    private static Line Parse(string line)
    {
        var quoted = false;
        var colon = -1;
        for (var i = 0; i < line.Length && colon < 0; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == ':' && !quoted) colon = i;
        }

        var head = line[..colon].Split(';');
        var parameters = head.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('"'));
        return new Line(head[0], parameters, line[(colon + 1)..]);
    }

    private static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                text.Append(value[i] is 'n' or 'N' ? '\n' : value[i]);
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }
}
