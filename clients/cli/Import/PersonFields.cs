using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Cli.Countries;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Import;

/// <summary>The person columns every import shares, and their local checks (what the server would refuse).</summary>
public static class PersonFields
{
    public static readonly string[] Fields = ["affiliation", "group", "country", "region", "gender", "email"];

    /// <summary>
    /// The person of <paramref name="row"/> (their name in <paramref name="nameField"/>), or null with the
    /// reasons added to <paramref name="problems"/>. A stated region is sent as stated (it wins over the
    /// country's); without one the server derives it from the country.
    /// </summary>
    public static Stakeholder? Parse(InputRow row, string nameField, List<string> problems)
    {
        var before = problems.Count;
        var person = new Stakeholder { DisplayName = row[nameField], Affiliation = row["affiliation"], Email = row["email"] };
        if (person.DisplayName.Length == 0)
        {
            problems.Add($"{nameField} is empty");
        }
        else if (person.DisplayName.Length > 200)
        {
            problems.Add($"{nameField} is longer than 200 characters");
        }

        if (person.Affiliation.Length > 500)
        {
            problems.Add("affiliation is longer than 500 characters");
        }

        person.StakeholderGroup = Optional<StakeholderGroup>(row, "group", problems);
        person.RegionalGroup = Optional<RegionalGroup>(row, "region", problems);
        person.Gender = Optional<Gender>(row, "gender", problems);
        var country = row["country"].ToUpperInvariant();
        if (country.Length > 0 && !CountryCodes.IsKnown(country))
        {
            problems.Add($"country '{row["country"]}' is not an ISO 3166-1 alpha-2 code (or XK) the registry knows");
        }

        person.CountryCode = country;
        if (person.Email.Length > 0 && !LooksLikeEmail(person.Email))
        {
            problems.Add($"email '{person.Email}' is not an email address");
        }

        return problems.Count == before ? person : null;
    }

    /// <summary>An enum column: empty is unspecified; anything else must name a value.</summary>
    public static T Optional<T>(InputRow row, string field, List<string> problems)
        where T : struct, Enum
    {
        var text = row[field];
        if (text.Length == 0)
        {
            return default;
        }

        if (Enums.TryParse<T>(text, out var value, out var allowed))
        {
            return value;
        }

        problems.Add($"{field} '{text}' is not one of {allowed}");
        return default;
    }

    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && !text.Any(char.IsWhiteSpace);
    }
}
