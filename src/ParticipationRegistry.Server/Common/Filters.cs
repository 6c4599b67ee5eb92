using System.Text;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Common;

/// <summary>One <c>field = value</c> term of an AIP-160 filter.</summary>
public sealed record FilterTerm(string Field, string Value);

/// <summary>
/// Parses the AIP-160 subset this API accepts: <c>field = value</c> terms joined by <c>AND</c>;
/// values are bare words (enum names, true/false) or quoted strings. The result is data: a filter
/// never reaches SQL as text.
/// </summary>
public static class FilterParser
{
    /// <summary>Terms a filter may have: every field a list can be filtered by, several times over.</summary>
    public const int MaxTerms = 20;

    /// <summary>INVALID_ARGUMENT naming <c>filter</c> for a malformed filter, or one over <see cref="RequestLimits.FilterChars"/> characters or <see cref="MaxTerms"/> terms, checked before any of it is used.</summary>
    public static IReadOnlyList<FilterTerm> Parse(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Length > RequestLimits.FilterChars)
        {
            throw Error($"at most {RequestLimits.FilterChars} characters (got {filter.Length})");
        }

        var terms = new List<FilterTerm>();
        var position = 0;
        SkipSpace(filter, ref position);
        if (position == filter.Length)
        {
            return terms;
        }

        while (true)
        {
            var field = ReadWord(filter, ref position) ?? throw Error($"expected a field name at position {position + 1}");
            SkipSpace(filter, ref position);
            if (position >= filter.Length || filter[position] != '=')
            {
                throw Error($"expected '=' after '{SafeText.Quote(field)}' (only 'field = value' terms joined by AND are supported)");
            }

            position++;
            SkipSpace(filter, ref position);
            var value = ReadValue(filter, ref position) ?? throw Error($"expected a value after '{SafeText.Quote(field)} =' at position {position + 1}");
            terms.Add(new FilterTerm(field, value));
            if (terms.Count > MaxTerms)
            {
                throw Error($"at most {MaxTerms} terms joined by AND");
            }

            SkipSpace(filter, ref position);
            if (position == filter.Length)
            {
                return terms;
            }

            var conjunction = ReadWord(filter, ref position);
            if (conjunction != "AND")
            {
                throw Error($"expected AND at position {position + 1}; terms can only be joined by AND");
            }

            SkipSpace(filter, ref position);
        }
    }

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }

    private static string? ReadWord(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '.'))
        {
            i++;
        }

        return i > start ? s[start..i] : null;
    }

    private static string? ReadValue(string s, ref int i)
    {
        if (i < s.Length && s[i] is '"' or '\'')
        {
            var quote = s[i++];
            var value = new StringBuilder();
            while (i < s.Length && s[i] != quote)
            {
                if (s[i] == '\\' && i + 1 < s.Length)
                {
                    i++;
                }

                value.Append(s[i++]);
            }

            if (i >= s.Length)
            {
                throw Error("unterminated quoted string");
            }

            i++;
            return value.ToString();
        }

        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '-' or '/' or '.'))
        {
            i++;
        }

        return i > start ? s[start..i] : null;
    }

    private static RegistryException Error(string description) =>
        RegistryException.InvalidArgument("filter", description, ErrorReason.InvalidFilter);
}

/// <summary>A field a List method can filter on: its SQL column and how a value is checked.</summary>
public sealed class FilterField(string name, string column, string allowed, Func<string, object?> convert)
{
    public string Name { get; } = name;
    public string Column { get; } = column;

    /// <summary>What values are allowed, for error messages.</summary>
    public string Allowed { get; } = allowed;

    /// <summary>The SQL parameter value, or null when the value is not allowed.</summary>
    public object? Convert(string value) => convert(value);

    /// <summary>An enum field compared by its full value name (never the unspecified zero).</summary>
    public static FilterField Enum<TEnum>(string name, string column)
        where TEnum : struct, System.Enum
    {
        var values = ProtoEnums.Values<TEnum>();
        return new(name, column, "one of " + string.Join(", ", values.Keys), value => values.TryGetValue(value, out var number) ? number : null);
    }

    public static FilterField Boolean(string name, string column) => new(
        name, column, "true or false", value => value switch { "true" => 1, "false" => 0, _ => null });

    public static FilterField Text(string name, string column, Func<string, string?> normalise, string allowed) =>
        new(name, column, allowed, normalise);
}

/// <summary>A parsed filter turned into SQL predicates over whitelisted columns and parameters.</summary>
public sealed record FilterSql(string Where, IReadOnlyDictionary<string, object> Parameters, string Canonical)
{
    /// <summary>Checks each term against <paramref name="fields"/>; INVALID_ARGUMENT for an unknown field or a bad value.</summary>
    public static FilterSql Build(IReadOnlyList<FilterTerm> terms, IReadOnlyList<FilterField> fields)
    {
        var predicates = new List<string>();
        var parameters = new Dictionary<string, object>();
        foreach (var term in terms)
        {
            var field = fields.FirstOrDefault(f => f.Name == term.Field) ?? throw RegistryException.InvalidArgument(
                "filter",
                $"unknown field '{SafeText.Quote(term.Field)}'; this list can be filtered by {string.Join(", ", fields.Select(f => f.Name))}",
                ErrorReason.InvalidFilter);
            var value = field.Convert(term.Value) ?? throw RegistryException.InvalidArgument(
                "filter",
                $"'{SafeText.Quote(term.Value)}' is not a valid value for {term.Field}: {field.Allowed}",
                ErrorReason.InvalidFilter);
            var parameter = $"f{parameters.Count}";
            parameters[parameter] = value;
            predicates.Add($"{field.Column} = @{parameter}");
        }

        var canonical = string.Join(" AND ", terms.Select(t => $"{t.Field}={t.Value}").Order(StringComparer.Ordinal));
        return new FilterSql(predicates.Count == 0 ? "1 = 1" : string.Join(" AND ", predicates), parameters, canonical);
    }
}
