using System.Text;
using nietras.SeparatedValues;

namespace ParticipationRegistry.Server.Countries;

/// <summary>
/// Each country's name in the declaration form's languages, read from the embedded country-names.csv (English from
/// countries.csv, French and Spanish from Debian's iso-codes translations; <c>tools/country-names.py</c> writes it).
/// The server runs with invariant globalization, so .NET has no localised country names to give.
/// </summary>
public sealed class CountryNames
{
    private static readonly string[] LanguageOrder = ["en", "fr", "es"];

    public static IReadOnlyList<string> Languages => LanguageOrder;

    private const string ResourceName = "country-names.csv";
    private static readonly string Header = "alpha2," + string.Join(',', Languages);
    private static readonly Lazy<CountryNames> EmbeddedNames = new(LoadEmbedded);

    private readonly Dictionary<string, string[]> byAlpha2;

    private CountryNames(Dictionary<string, string[]> names) => byAlpha2 = names;

    /// <summary>The names shipped with the server.</summary>
    public static CountryNames Embedded => EmbeddedNames.Value;

    /// <summary>The codes named, in file order.</summary>
    public IEnumerable<string> Codes => byAlpha2.Keys;

    /// <summary>The country's name in <paramref name="language"/> (one of <see cref="Languages"/>, else English); null for a code not named.</summary>
    public string? Of(string alpha2, string language) =>
        byAlpha2.TryGetValue(alpha2, out var names) ? names[Math.Max(0, Array.IndexOf(LanguageOrder, language))] : null;

    /// <exception cref="FormatException">A wrong header or field count, a stray quote, an empty name or a code named twice.</exception>
    public static CountryNames Parse(TextReader reader)
    {
        using var csv = Sep.New(',').Reader(o => o with { DisableColCountCheck = true }).From(reader);
        if (string.Join(',', csv.Header.ColNames) != Header)
        {
            throw new FormatException($"Line 1 must be the header '{Header}'.");
        }

        var names = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in csv)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount != Languages.Count + 1)
            {
                throw new FormatException($"Line {line}: expected {Languages.Count + 1} fields, found {row.ColCount}.");
            }

            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = CountryCatalog.Unquote(row[i].Span, line);
            }

            if (fields.Any(f => f.Length == 0))
            {
                throw new FormatException($"Line {line}: every field must be filled.");
            }

            if (!names.TryAdd(fields[0], fields[1..]))
            {
                throw new FormatException($"Line {line}: duplicate code '{fields[0]}'.");
            }
        }

        return new CountryNames(names);
    }

    private static CountryNames LoadEmbedded()
    {
        using var stream = typeof(CountryNames).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }
}
