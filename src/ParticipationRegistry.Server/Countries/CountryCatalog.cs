using System.Text;

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

    private static readonly Dictionary<string, Region> Regions = new(StringComparer.Ordinal)
    {
        [""] = Region.Unassigned,
        ["African Group"] = Region.African,
        ["Asia-Pacific Group"] = Region.AsiaPacific,
        ["Eastern European Group"] = Region.EasternEuropean,
        ["Latin American and Caribbean Group (GRULAC)"] = Region.LatinAmericanCaribbean,
        ["Western European and Others Group (WEOG)"] = Region.WesternEuropeanOthers,
    };

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

    /// <exception cref="FormatException">The data is malformed: a wrong header or column count, an unknown
    /// regional group or flag value, a duplicate code. A data error stops the load; it is never guessed around.</exception>
    public static CountryCatalog Parse(TextReader reader)
    {
        if (reader.ReadLine() != Header)
        {
            throw new FormatException($"Line 1 must be the header '{Header}'.");
        }

        var countries = new List<Country>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var country = ParseRow(line, lineNumber);
            if (!seen.Add(country.Alpha2))
            {
                throw new FormatException($"Line {lineNumber}: duplicate code '{country.Alpha2}'.");
            }

            countries.Add(country);
        }

        return new CountryCatalog(countries);
    }

    private static Country ParseRow(string line, int lineNumber)
    {
        var fields = SplitCsvLine(line, lineNumber);
        if (fields.Count != 10)
        {
            throw new FormatException($"Line {lineNumber}: expected 10 fields, found {fields.Count}.");
        }

        if (!Regions.TryGetValue(fields[4], out var region))
        {
            throw new FormatException($"Line {lineNumber}: unknown regional group '{fields[4]}'.");
        }

        return new Country(
            Alpha2: fields[0],
            Alpha3: fields[1],
            Name: fields[2],
            UnMember: ParseUnMember(fields[3], lineNumber),
            Region: region,
            Ldc: ParseFlag(fields[6], "ldc", lineNumber),
            Lldc: ParseFlag(fields[7], "lldc", lineNumber),
            Sids: ParseFlag(fields[8], "sids", lineNumber));
    }

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

    /// <summary>Splits one RFC 4180 line: fields may be quoted, a quote inside a quoted field is doubled.
    /// A quoted field cannot span lines; the file has none, and an unterminated quote is reported.</summary>
    private static List<string> SplitCsvLine(string line, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var position = 0;
        while (true)
        {
            if (position < line.Length && line[position] == '"')
            {
                position++;
                while (true)
                {
                    if (position >= line.Length)
                    {
                        throw new FormatException($"Line {lineNumber}: unterminated quoted field.");
                    }

                    if (line[position] == '"')
                    {
                        if (position + 1 < line.Length && line[position + 1] == '"')
                        {
                            field.Append('"');
                            position += 2;
                            continue;
                        }

                        position++;
                        break;
                    }

                    field.Append(line[position++]);
                }

                if (position < line.Length && line[position] != ',')
                {
                    throw new FormatException($"Line {lineNumber}: text after a closing quote, column {position + 1}.");
                }
            }
            else
            {
                while (position < line.Length && line[position] != ',')
                {
                    if (line[position] == '"')
                    {
                        throw new FormatException($"Line {lineNumber}: quote in an unquoted field, column {position + 1}.");
                    }

                    field.Append(line[position++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (position == line.Length)
            {
                return fields;
            }

            position++;
        }
    }
}
