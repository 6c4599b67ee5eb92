using System.Text.RegularExpressions;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>What a valid forum is, its row mappings, and how a meeting's forum value names a forum.</summary>
public static partial class ForumRules
{
    public static readonly IReadOnlyList<string> UpdatableFields =
        ["display_name", "kind", "country_code", "regional_group", "time_zone", "default_policy", "kind_policies"];

    /// <summary>
    /// The forum a meeting's <c>forum</c> value names: a resource name as given, else (the deprecated
    /// free-text form) <c>forums/{slug}</c>; null when the text gives no valid id.
    /// </summary>
    public static ForumName? Named(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("forums/", StringComparison.Ordinal))
        {
            var id = text["forums/".Length..];
            return Ids.IsValidUserId(id) ? new ForumName(id) : null;
        }

        var slug = Separators().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return Ids.IsValidUserId(slug) ? new ForumName(slug) : null;
    }

    /// <summary>A filter value for <c>forum</c>: the resource name the value names, else the value unchanged.</summary>
    public static string FilterValue(string value) => Named(value)?.ToString() ?? value;

    public static void Validate(Forum forum, IReadOnlySet<string> fields, CountryCatalog countries, Action<string, string> policyExists, Violations violations)
    {
        if (fields.Contains("display_name")) MeetingRules.RequireText(forum.DisplayName, "display_name", 200, violations);

        if (fields.Contains("kind")) StakeholderRules.RequireDefined(forum.Kind, "kind", violations);
        if (fields.Contains("regional_group")) StakeholderRules.RequireDefined(forum.RegionalGroup, "regional_group", violations);
        if (fields.Contains("country_code") && forum.CountryCode.Length > 0 && !countries.TryGet(forum.CountryCode, out _))
        {
            violations.Add("country_code", $"'{SafeText.Quote(forum.CountryCode)}' is not an ISO 3166-1 alpha-2 code (or XK) in the registry's country list.");
        }

        if (fields.Contains("time_zone") && forum.TimeZone.Length > 0 && !MeetingRules.IsIanaTimeZone(forum.TimeZone))
        {
            violations.Add("time_zone", $"'{SafeText.Quote(forum.TimeZone)}' is not an IANA time zone name (e.g. \"Asia/Baku\", \"Europe/Berlin\").");
        }

        if (fields.Contains("default_policy") && forum.DefaultPolicy.Length > 0)
        {
            policyExists(forum.DefaultPolicy, "default_policy");
        }

        if (fields.Contains("kind_policies"))
        {
            for (var i = 0; i < forum.KindPolicies.Count; i++)
            {
                var entry = forum.KindPolicies[i];
                StakeholderRules.RequireDefined(entry.Kind, $"kind_policies[{i}].kind", violations);
                if (entry.Kind == SessionKind.Unspecified) violations.Add($"kind_policies[{i}].kind", "Required.");
                if (forum.KindPolicies.Take(i).Any(e => e.Kind == entry.Kind)) violations.Add($"kind_policies[{i}].kind", "Repeated; one policy per session kind.");
                policyExists(entry.Policy, $"kind_policies[{i}].policy");
            }
        }
    }

    public static ForumRow Apply(Forum source, IReadOnlySet<string> fields, ForumRow row)
    {
        if (fields.Contains("display_name")) row.DisplayName = source.DisplayName.Trim();
        if (fields.Contains("kind")) row.Kind = (int)source.Kind;
        if (fields.Contains("country_code")) row.CountryCode = source.CountryCode.ToUpperInvariant();
        if (fields.Contains("regional_group")) row.RegionalGroup = (int)source.RegionalGroup;
        if (fields.Contains("time_zone")) row.TimeZone = source.TimeZone;
        if (fields.Contains("default_policy")) row.DefaultPolicy = source.DefaultPolicy;
        if (fields.Contains("kind_policies")) row.KindPolicies = string.Join("\n", source.KindPolicies.Select(p => $"{(int)p.Kind}={p.Policy}"));
        return row;
    }

    public static Forum ToProto(ForumRow row) => new()
    {
        Name = new ForumName(row.Id).ToString(),
        DisplayName = row.DisplayName,
        Kind = (ForumKind)row.Kind,
        CountryCode = row.CountryCode,
        RegionalGroup = (RegionalGroup)row.RegionalGroup,
        TimeZone = row.TimeZone,
        DefaultPolicy = row.DefaultPolicy,
        KindPolicies = { KindPolicies(row).Select(p => new ForumKindPolicy { Kind = (SessionKind)p.Kind, Policy = p.Policy }) },
        CreateTime = Times.ToTimestampRequired(row.CreateTime),
        UpdateTime = Times.ToTimestampRequired(row.UpdateTime),
        Etag = Etags.Format(row.Version),
    };

    /// <summary>The forum's default policy for a session of <paramref name="kind"/> (null: any kind), empty when it names none.</summary>
    public static string DefaultPolicy(ForumRow row, int? kind) =>
        KindPolicies(row).FirstOrDefault(p => p.Kind == kind).Policy ?? row.DefaultPolicy;

    /// <summary>The forum's policies by session kind, as stored.</summary>
    public static IEnumerable<(int Kind, string Policy)> KindPolicies(ForumRow row) =>
        row.KindPolicies.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Select(parts => (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]));

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Separators();
}
