using System.Reflection;
using Google.Protobuf.Reflection;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Cli;

/// <summary>
/// Proto enum values as people write them: the full name (<c>STAKEHOLDER_GROUP_CIVIL_SOCIETY</c>), the
/// short one (<c>CIVIL_SOCIETY</c>), in any case, with spaces or hyphens (<c>civil society</c>), plus a few
/// common aliases (<c>WEOG</c>, <c>GRULAC</c>, <c>TBC</c>). Written back in the short upper-case form.
/// </summary>
public static class Enums
{
    private static readonly Dictionary<(Type, string), string> Aliases = new()
    {
        [(typeof(RegionalGroup), "WEOG")] = "WESTERN_EUROPEAN_OTHERS",
        [(typeof(RegionalGroup), "WESTERN_EUROPEAN_AND_OTHERS")] = "WESTERN_EUROPEAN_OTHERS",
        [(typeof(RegionalGroup), "GRULAC")] = "LATIN_AMERICAN_CARIBBEAN",
        [(typeof(RegionalGroup), "LATIN_AMERICA_AND_CARIBBEAN")] = "LATIN_AMERICAN_CARIBBEAN",
        [(typeof(RegionalGroup), "AFRICA")] = "AFRICAN",
        [(typeof(RegionalGroup), "EASTERN_EUROPE")] = "EASTERN_EUROPEAN",
        [(typeof(RegionalGroup), "ASIA_AND_PACIFIC")] = "ASIA_PACIFIC",
        [(typeof(StakeholderGroup), "BUSINESS")] = "PRIVATE_SECTOR",
        [(typeof(StakeholderGroup), "IGO")] = "INTERGOVERNMENTAL_ORGANIZATION",
        [(typeof(StakeholderGroup), "TECHNICAL")] = "TECHNICAL_COMMUNITY",
        [(typeof(Confirmation), "TBC")] = "TENTATIVE",
        [(typeof(ParticipantRole), "PANELIST")] = "SPEAKER",
        [(typeof(ParticipantRole), "PANELLIST")] = "SPEAKER",
    };

    /// <summary>Parses <paramref name="text"/>; false (with the allowed values) when it names no value.</summary>
    public static bool TryParse<T>(string text, out T value, out string allowed)
        where T : struct, Enum
    {
        var (prefix, byShort) = Table<T>();
        allowed = string.Join(", ", byShort.Keys.Where(k => k != "UNSPECIFIED"));
        var key = text.Trim().ToUpperInvariant().Replace(' ', '_').Replace('-', '_');
        if (key.StartsWith(prefix, StringComparison.Ordinal))
        {
            key = key[prefix.Length..];
        }

        if (Aliases.TryGetValue((typeof(T), key), out var alias))
        {
            key = alias;
        }

        return byShort.TryGetValue(key, out value);
    }

    /// <summary>Parses a value given on the command line; a usage error naming the allowed values otherwise.</summary>
    public static T Parse<T>(string text, string what)
        where T : struct, Enum =>
        TryParse<T>(text, out var value, out var allowed) ? value : throw new UsageException($"{what}: '{text}' is not one of {allowed}.");

    /// <summary>The short upper-case name (<c>CIVIL_SOCIETY</c>); empty for the unspecified value.</summary>
    public static string Text<T>(T value)
        where T : struct, Enum
    {
        var (_, byShort) = Table<T>();
        foreach (var (name, v) in byShort)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return name == "UNSPECIFIED" ? "" : name;
            }
        }

        return value.ToString();
    }

    /// <summary>The values one may write, for help texts.</summary>
    public static string Allowed<T>()
        where T : struct, Enum => string.Join(", ", Table<T>().ByShort.Keys.Where(k => k != "UNSPECIFIED")).ToLowerInvariant();

    private static (string Prefix, Dictionary<string, T> ByShort) Table<T>()
        where T : struct, Enum => Cache<T>.Value;

    private static class Cache<T>
        where T : struct, Enum
    {
        public static readonly (string Prefix, Dictionary<string, T> ByShort) Value = Build();

        private static (string, Dictionary<string, T>) Build()
        {
            var original = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (Name: f.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? f.Name, Value: (T)f.GetValue(null)!))
                .ToList();
            var unspecified = original.Single(o => o.Name.EndsWith("_UNSPECIFIED", StringComparison.Ordinal)).Name;
            var prefix = unspecified[..^"UNSPECIFIED".Length];
            return (prefix, original.ToDictionary(o => o.Name[prefix.Length..], o => o.Value, StringComparer.Ordinal));
        }
    }
}
