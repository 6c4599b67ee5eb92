using System.Text;
using nietras.SeparatedValues;

namespace ParticipationRegistry.Cli.Countries;

/// <summary>
/// The ISO 3166-1 alpha-2 codes (and XK) the server knows: the server's own countries.csv, embedded, so a
/// file is checked before anything is sent. The server derives each person's regional group from the code.
/// </summary>
public static class CountryCodes
{
    private static readonly Lazy<HashSet<string>> Known = new(Load);

    /// <summary>True for a known code in upper case ("FI"); the import upper-cases what it reads first.</summary>
    public static bool IsKnown(string code) => Known.Value.Contains(code);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CountryCodes).Assembly.GetManifestResourceStream("countries.csv")
            ?? throw new InvalidOperationException("The embedded countries.csv is missing.");
        using var text = new StreamReader(stream, Encoding.UTF8);
        using var reader = Sep.New(',').Reader(o => o with { DisableColCountCheck = true, Unescape = true }).From(text);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in reader)
        {
            codes.Add(row["alpha2"].ToString());
        }

        return codes;
    }
}
