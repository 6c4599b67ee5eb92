using System.Text;
using nietras.SeparatedValues;

namespace ParticipationRegistry.Server.Countries;

/// <summary>UN regional group. The numbers equal the proto enum RegionalGroup values.</summary>
public enum Region
{
    Unassigned = 0,
    African = 1,
    AsiaPacific = 2,
    EasternEuropean = 3,
    LatinAmericanCaribbean = 4,
    WesternEuropeanOthers = 5,
}

/// <param name="UnMember">True only for full members: observer states (Holy See, Palestine) are not members.</param>
/// <param name="Region">The group the country counts in for elections
/// (Türkiye: WEOG, though it also sits in Asia-Pacific).</param>
public sealed record Country(
    string Alpha2, string Alpha3, string Name, bool UnMember, Region Region, bool Ldc, bool Lldc, bool Sids);

/// <summary>Every ISO 3166-1 country plus Kosovo (XK), read from the embedded countries.csv.</summary>
public sealed class CountryCatalog(IReadOnlyList<Country> countries)
{
    private const string ResourceName = "countries.csv";
    private const string Header = "alpha2,alpha3,name,un_member,regional_group,also_participates_in,ldc,lldc,sids,note";

    private readonly IReadOnlyList<Country> all = countries;

    private readonly Dictionary<string, Country> byAlpha2 =
        countries.ToDictionary(country => country.Alpha2, StringComparer.OrdinalIgnoreCase);

    public int Count => all.Count;

    /// <summary>In file order (alphabetical by alpha-2 code).</summary>
    public IEnumerable<Country> All => all;

    /// <summary>Alpha-2 codes of the LDC, LLDC and SIDS countries, for SQL predicates.</summary>
    public IReadOnlyList<string> DevelopingCodes { get; } =
        countries.Where(c => c.Ldc || c.Lldc || c.Sids).Select(c => c.Alpha2).ToList();

    /// <summary>Finds a country by its alpha-2 code, ignoring case ("fi" finds FI).</summary>
    public bool TryGet(string code, out Country country) => byAlpha2.TryGetValue(code, out country!);

    public static CountryCatalog LoadEmbedded()
    {
        using var stream = typeof(CountryCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }

    /// <exception cref="FormatException">The data is malformed: a wrong header or column count, a stray quote, an unknown
    /// regional group or flag value, a duplicate code. A data error stops the load; it is never guessed around.</exception>
    public static CountryCatalog Parse(TextReader reader)
    {
        using var csv = Open(reader);
        if (string.Join(',', csv.Header.ColNames) != Header)
        {
            throw new FormatException($"Line 1 must be the header '{Header}'.");
        }

        var countries = new List<Country>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in csv)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount != 10)
            {
                throw new FormatException($"Line {line}: expected 10 fields, found {row.ColCount}.");
            }

            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Unquote(row[i].Span, line);
            }

            var country = ParseRow(fields, line);
            if (!seen.Add(country.Alpha2))
            {
                throw new FormatException($"Line {line}: duplicate code '{country.Alpha2}'.");
            }

            countries.Add(country);
        }

        return new CountryCatalog(countries);
    }

    /// <summary>Sep reads the header as it opens, and refuses one that names a column twice.</summary>
    private static SepReader Open(TextReader reader)
    {
        try
        {
            return Sep.New(',').Reader(o => o with { DisableColCountCheck = true }).From(reader);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Line 1 must be the header '{Header}'.", e);
        }
    }

    private static Country ParseRow(string[] fields, int line) => new(
        Alpha2: fields[0],
        Alpha3: fields[1],
        Name: fields[2],
        UnMember: ParseUnMember(fields[3], line),
        Region: RegionOf(fields[4]) ?? throw new FormatException($"Line {line}: unknown regional group '{fields[4]}'."),
        Ldc: ParseFlag(fields[6], "ldc", line),
        Lldc: ParseFlag(fields[7], "lldc", line),
        Sids: ParseFlag(fields[8], "sids", line));

    private static Region? RegionOf(string name) => name switch
    {
        "" => Region.Unassigned,
        "African Group" => Region.African,
        "Asia-Pacific Group" => Region.AsiaPacific,
        "Eastern European Group" => Region.EasternEuropean,
        "Latin American and Caribbean Group (GRULAC)" => Region.LatinAmericanCaribbean,
        "Western European and Others Group (WEOG)" => Region.WesternEuropeanOthers,
        _ => null,
    };

    private static bool ParseUnMember(string value, int lineNumber) => value switch
    {
        "yes" => true,
        "observer" or "" => false,
        _ => throw new FormatException(
            $"Line {lineNumber}: un_member must be 'yes', 'observer' or empty, not '{value}'."),
    };

    private static bool ParseFlag(string value, string column, int lineNumber) => value switch
    {
        "yes" => true,
        "" => false,
        _ => throw new FormatException($"Line {lineNumber}: {column} must be 'yes' or empty, not '{value}'."),
    };

    /// <summary>
    /// A field as Sep split it, quotes and all: unquoted text without a quote, or text in quotes whose
    /// inner quotes are doubled. Sep itself unescapes leniently; the catalogue is checked strictly.
    /// </summary>
    internal static string Unquote(ReadOnlySpan<char> raw, int line)
    {
        if (!raw.Contains('"'))
        {
            return raw.ToString();
        }

        var inner = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1].ToString() : null;
        if (inner is null || inner.Replace("\"\"", "", StringComparison.Ordinal).Contains('"'))
        {
            throw new FormatException($"Line {line}: a quote outside a quoted field, or one not doubled inside it.");
        }

        return inner.Replace("\"\"", "\"", StringComparison.Ordinal);
    }
}
