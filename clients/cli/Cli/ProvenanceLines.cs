using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Cli;

/// <summary>
/// A person's provenance as people read it, one line per personal field: its value and where the value
/// came from (<c>gender  WOMAN  SELF_DECLARED 2026-11-30T16:02:11Z</c>).
/// </summary>
public static class ProvenanceLines
{
    public static IReadOnlyList<string> Lines(Stakeholder person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.RedactedFields.Contains("provenance"))
        {
            return ["provenance: not shown (this key may not read this person's personal data)"];
        }

        if (person.Provenance is not { } provenance)
        {
            return ["provenance: none recorded (no personal field was written since the registry began keeping it)"];
        }

        var gender = Enums.Text(person.Gender);
        if (person.Gender == Gender.SelfDescribed && person.GenderSelfDescription.Length > 0)
        {
            gender += $" ({person.GenderSelfDescription})";
        }

        var rows = new (string Field, string Value, FieldProvenance? Source)[]
        {
            ("gender", gender, provenance.Gender),
            ("attributes", string.Join(",", person.Attributes.Select(a => Enums.Text(a))), provenance.Attributes),
            ("publication_consent", Enums.Text(person.PublicationConsent), provenance.PublicationConsent),
            ("email", person.Email, provenance.Email),
        };
        var width = rows.Max(r => r.Value.Length);
        var lines = new List<string> { "provenance (where each personal field came from):" };
        foreach (var (field, value, source) in rows)
        {
            lines.Add($"  {field,-20} {(value.Length > 0 ? value : "-").PadRight(Math.Max(width, 1))}  {Source(source)}".TrimEnd());
        }

        return lines;
    }

    public static async Task WriteAsync(TextWriter writer, Stakeholder person)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in Lines(person))
        {
            await writer.WriteLineAsync(line);
        }
    }

    /// <summary><c>SELF_DECLARED 2026-11-30T16:02:11Z</c> (without the time: <c>SELF_DECLARED</c>); <c>not recorded</c> for an unspecified source.</summary>
    public static string Source(FieldProvenance? provenance, bool withTime = true) =>
        provenance is null || provenance.Source == DataSource.Unspecified
            ? "not recorded"
            : withTime ? $"{Enums.Text(provenance.Source)} {Output.Time(provenance.Time)}".TrimEnd() : Enums.Text(provenance.Source);
}
