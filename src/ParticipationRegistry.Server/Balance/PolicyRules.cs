using System.Text.RegularExpressions;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>What a valid policy is, and how its rules become the engine's rules.</summary>
public static partial class PolicyRules
{
    public const int MaxRules = 50;
    public const int MaxCount = 1000;
    public const int MaxCountryCodes = 300;

    public static readonly IReadOnlyList<string> UpdatableFields = ["display_name", "description", "rules", "published", "session_kinds"];

    /// <summary>The fields an update of <paramref name="policy"/> writes, validated; INVALID_ARGUMENT with every violation.</summary>
    public static IReadOnlySet<string> ValidatedUpdate(Policy policy, Google.Protobuf.WellKnownTypes.FieldMask? mask, CountryCatalog countries)
    {
        var violations = new Violations();
        var fields = UpdateMasks.Resolve(mask, policy, UpdatableFields, violations);
        Validate(policy, fields, violations.At("policy"), countries);
        violations.ThrowIfAny();
        return fields;
    }

    public static void Validate(Policy policy, IReadOnlySet<string> fields, Violations violations, CountryCatalog countries)
    {
        if (fields.Contains("display_name"))
        {
            var name = policy.DisplayName.Trim();
            if (name.Length == 0) violations.Add("display_name", "Required.");
            else if (name.Length > 200) violations.Add("display_name", "At most 200 characters.");
        }

        if (fields.Contains("description") && policy.Description.Length > 2000)
        {
            violations.Add("description", "At most 2000 characters.");
        }

        if (fields.Contains("rules"))
        {
            ValidateRules(policy.Rules, violations, countries);
        }

        if (fields.Contains("session_kinds"))
        {
            ValidateSessionKinds(policy.SessionKinds, violations);
        }
    }

    /// <summary>Defined kinds other than unspecified, each named once.</summary>
    public static void ValidateSessionKinds(IReadOnlyList<SessionKind> kinds, Violations violations)
    {
        var seen = new HashSet<SessionKind>();
        for (var k = 0; k < kinds.Count; k++)
        {
            if (kinds[k] == SessionKind.Unspecified || !Enum.IsDefined(kinds[k])) violations.Add($"session_kinds[{k}]", "Must be a SessionKind other than SESSION_KIND_UNSPECIFIED.");
            else if (!seen.Add(kinds[k])) violations.Add($"session_kinds[{k}]", "Named twice.");
        }
    }

    public static void ValidateRules(IReadOnlyList<Rule> rules, Violations violations, CountryCatalog countries)
    {
        if (rules.Count == 0 || rules.Count > MaxRules)
        {
            violations.Add("rules", $"Give 1 to {MaxRules} rules.");
        }

        var ids = new HashSet<string>();
        for (var i = 0; i < rules.Count && i < MaxRules; i++)
        {
            var rule = rules[i];
            var at = violations.At($"rules[{i}]");
            if (rule.Id.Length > 0 && !RuleId().IsMatch(rule.Id))
            {
                at.Add("id", "Must match [a-z][a-z0-9-]* and have at most 63 characters.");
            }
            else if (rule.Id.Length > 0 && !ids.Add(rule.Id))
            {
                at.Add("id", "Another rule of the policy has this id.");
            }

            StakeholderRules.RequireDefined(rule.Severity, "severity", at);
            if (rule.Scope is { } scope)
            {
                for (var r = 0; r < scope.Roles.Count; r++)
                {
                    if (scope.Roles[r] == ParticipantRole.Unspecified || !Enum.IsDefined(scope.Roles[r])) at.Add($"scope.roles[{r}]", "Must be a ParticipantRole other than PARTICIPANT_ROLE_UNSPECIFIED.");
                }

                for (var c = 0; c < scope.Confirmations.Count; c++)
                {
                    if (scope.Confirmations[c] == Confirmation.Unspecified || !Enum.IsDefined(scope.Confirmations[c])) at.Add($"scope.confirmations[{c}]", "Must be a Confirmation other than CONFIRMATION_UNSPECIFIED.");
                }
            }

            ValidateKind(rule, at, countries);
        }
    }

    private static void ValidateKind(Rule rule, Violations at, CountryCatalog countries)
    {
        switch (rule.KindCase)
        {
            case Rule.KindOneofCase.None:
                at.Add("kind", "Set exactly one rule kind (min_speakers, max_stakeholder_group_share, ...).");
                break;
            case Rule.KindOneofCase.MinSpeakers: Count(rule.MinSpeakers.Count, "min_speakers.count", at); break;
            case Rule.KindOneofCase.MinStakeholderGroups: Range(rule.MinStakeholderGroups.Count, 1, 5, "min_stakeholder_groups.count", at); break;
            case Rule.KindOneofCase.MaxStakeholderGroupShare: Share(rule.MaxStakeholderGroupShare.MaxShare, "max_stakeholder_group_share.max_share", at); break;
            case Rule.KindOneofCase.RequiredStakeholderGroups:
                var groups = rule.RequiredStakeholderGroups.Groups;
                if (groups.Count == 0) at.Add("required_stakeholder_groups.groups", "Name at least one group.");
                for (var g = 0; g < groups.Count; g++)
                {
                    if (groups[g] == StakeholderGroup.Unspecified || !Enum.IsDefined(groups[g])) at.Add($"required_stakeholder_groups.groups[{g}]", "Must be a StakeholderGroup other than STAKEHOLDER_GROUP_UNSPECIFIED.");
                }

                break;
            case Rule.KindOneofCase.MinRegionalGroups: Range(rule.MinRegionalGroups.Count, 1, 5, "min_regional_groups.count", at); break;
            case Rule.KindOneofCase.MaxRegionalGroupShare: Share(rule.MaxRegionalGroupShare.MaxShare, "max_regional_group_share.max_share", at); break;
            case Rule.KindOneofCase.MinWomenShare:
                if (!(rule.MinWomenShare.MinShare > 0 && rule.MinWomenShare.MinShare <= 1)) at.Add("min_women_share.min_share", "Must be above 0 and at most 1 (a share, not a percentage).");
                break;
            case Rule.KindOneofCase.MinNotMen: Count(rule.MinNotMen.Count, "min_not_men.count", at); break;
            case Rule.KindOneofCase.MinDevelopingCountrySpeakers: ValidateCountrySet(rule.MinDevelopingCountrySpeakers, at, countries); break;
            case Rule.KindOneofCase.MinFirstTimeSpeakers: Count(rule.MinFirstTimeSpeakers.Count, "min_first_time_speakers.count", at); break;
            case Rule.KindOneofCase.MinYouth: Count(rule.MinYouth.Count, "min_youth.count", at); break;
            case Rule.KindOneofCase.MaxSessionsPerPerson: Count(rule.MaxSessionsPerPerson.MaxSessions, "max_sessions_per_person.max_sessions", at); break;
            case Rule.KindOneofCase.MinOnsite:
                Range(rule.MinOnsite.Moderators, 0, MaxCount, "min_onsite.moderators", at);
                Range(rule.MinOnsite.Speakers, 0, MaxCount, "min_onsite.speakers", at);
                if (rule.MinOnsite.Moderators == 0 && rule.MinOnsite.Speakers == 0) at.Add("min_onsite", "Ask for at least one moderator or speaker onsite.");
                break;
            case Rule.KindOneofCase.MinOrganizerStakeholderGroups: Range(rule.MinOrganizerStakeholderGroups.Count, 1, 5, "min_organizer_stakeholder_groups.count", at); break;
            default:
                break;
        }
    }

    /// <summary>A count, a defined named set, and explicit codes the catalogue knows, each given once.</summary>
    private static void ValidateCountrySet(MinDevelopingCountrySpeakers rule, Violations at, CountryCatalog countries)
    {
        const string Field = "min_developing_country_speakers";
        Count(rule.Count, $"{Field}.count", at);
        if (!Enum.IsDefined(rule.CountrySet)) at.Add($"{Field}.country_set", "Must be a CountrySet.");
        if (rule.CountryCodes.Count > MaxCountryCodes) at.Add($"{Field}.country_codes", $"At most {MaxCountryCodes} codes.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < rule.CountryCodes.Count && c < MaxCountryCodes; c++)
        {
            var code = rule.CountryCodes[c];
            if (!countries.TryGet(code, out _)) at.Add($"{Field}.country_codes[{c}]", $"'{SafeText.Quote(code)}' is not an ISO 3166-1 alpha-2 code of the country catalogue.");
            else if (!seen.Add(code)) at.Add($"{Field}.country_codes[{c}]", "Named twice.");
        }
    }

    private static void Count(int value, string field, Violations at) => Range(value, 1, MaxCount, field, at);

    private static void Range(int value, int min, int max, string field, Violations at)
    {
        if (value < min || value > max) at.Add(field, $"Must be from {min} to {max}.");
    }

    private static void Share(double value, string field, Violations at)
    {
        if (!(value > 0 && value <= 1)) at.Add(field, "Must be above 0 and at most 1 (a share, not a percentage).");
    }

    /// <summary>Fills in generated rule ids (the kind's name, numbered when repeated).</summary>
    public static void AssignRuleIds(IList<Rule> rules)
    {
        var taken = rules.Where(r => r.Id.Length > 0).Select(r => r.Id).ToHashSet();
        foreach (var rule in rules.Where(r => r.Id.Length == 0))
        {
            var stem = KindName(rule).Replace('_', '-');
            var id = stem;
            for (var n = 2; taken.Contains(id); n++)
            {
                id = $"{stem}-{n}";
            }

            rule.Id = id;
            taken.Add(id);
        }
    }

    public static string KindName(Rule rule) => rule.KindCase == Rule.KindOneofCase.None
        ? ""
        : Rule.Descriptor.Oneofs[0].Fields.First(f => f.FieldNumber == (int)rule.KindCase).Name;

    /// <summary>
    /// The engine's rules for a validated policy, each carrying the policy's session kinds; a named country
    /// set other than the default union is read from <paramref name="countries"/>.
    /// </summary>
    public static IReadOnlyList<BalanceRule> ToEngine(IEnumerable<Rule> rules, IEnumerable<SessionKind>? sessionKinds = null, CountryCatalog? countries = null)
    {
        var kinds = (sessionKinds ?? []).ToHashSet();
        return rules.Select(r => ToEngine(r, countries) with { SessionKinds = kinds }).ToList();
    }

    public static BalanceRule ToEngine(Rule rule, CountryCatalog? countries = null) => new(
        rule.Id,
        rule.Severity == RuleSeverity.Advisory ? Severity.Advisory : Severity.Required,
        new Scope(
            rule.Scope is { Roles.Count: > 0 } ? rule.Scope.Roles.ToHashSet() : Scope.DefaultRoles,
            rule.Scope is { Confirmations.Count: > 0 } ? rule.Scope.Confirmations.ToHashSet() : Scope.DefaultConfirmations,
            rule.Scope?.OnsiteOnly ?? false),
        rule.KindCase switch
        {
            Rule.KindOneofCase.MinSpeakers => new MinSpeakersRule(rule.MinSpeakers.Count),
            Rule.KindOneofCase.MinStakeholderGroups => new MinStakeholderGroupsRule(rule.MinStakeholderGroups.Count),
            Rule.KindOneofCase.MaxStakeholderGroupShare => new MaxStakeholderGroupShareRule(rule.MaxStakeholderGroupShare.MaxShare),
            Rule.KindOneofCase.RequiredStakeholderGroups => new RequiredStakeholderGroupsRule(rule.RequiredStakeholderGroups.Groups.ToList()),
            Rule.KindOneofCase.MinRegionalGroups => new MinRegionalGroupsRule(rule.MinRegionalGroups.Count),
            Rule.KindOneofCase.MaxRegionalGroupShare => new MaxRegionalGroupShareRule(rule.MaxRegionalGroupShare.MaxShare),
            Rule.KindOneofCase.NotSingleGender => new NotSingleGenderRule(),
            Rule.KindOneofCase.MinWomenShare => new MinWomenShareRule(rule.MinWomenShare.MinShare),
            Rule.KindOneofCase.MinNotMen => new MinNotMenRule(rule.MinNotMen.Count),
            Rule.KindOneofCase.MinDevelopingCountrySpeakers => CountrySetRule(rule.MinDevelopingCountrySpeakers, countries),
            Rule.KindOneofCase.MinFirstTimeSpeakers => new MinFirstTimeRule(rule.MinFirstTimeSpeakers.Count),
            Rule.KindOneofCase.MinYouth => new MinYouthRule(rule.MinYouth.Count),
            Rule.KindOneofCase.MaxSessionsPerPerson => new MaxSessionsPerPersonRule(rule.MaxSessionsPerPerson.MaxSessions),
            Rule.KindOneofCase.NoOverlappingSessions => new NoOverlappingSessionsRule(),
            Rule.KindOneofCase.MinOnsite => new MinOnsiteRule(rule.MinOnsite.Moderators, rule.MinOnsite.Speakers),
            Rule.KindOneofCase.MinOrganizerStakeholderGroups => new MinOrganizerGroupsRule(rule.MinOrganizerStakeholderGroups.Count),
            Rule.KindOneofCase.NotAllFromOneOrganization => new NotAllFromOneOrganizationRule(),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.KindCase, "Rule without a kind."),
        });

    private static MinDevelopingCountryRule CountrySetRule(MinDevelopingCountrySpeakers rule, CountryCatalog? countries)
    {
        if (rule.CountryCodes.Count > 0)
        {
            var codes = rule.CountryCodes.ToHashSet(StringComparer.OrdinalIgnoreCase);
            return new MinDevelopingCountryRule(rule.Count, codes, codes.Count == 1 ? "the rule's one country" : $"one of the rule's {codes.Count} countries");
        }

        if (rule.CountrySet is CountrySet.Unspecified or CountrySet.LdcLldcSids)
        {
            return new MinDevelopingCountryRule(rule.Count);
        }

        var catalog = countries ?? throw new InvalidOperationException("A named country set needs the country catalogue.");
        Func<Country, bool> member = rule.CountrySet switch
        {
            CountrySet.Ldc => c => c.Ldc,
            CountrySet.Lldc => c => c.Lldc,
            _ => c => c.Sids,
        };
        var label = rule.CountrySet switch
        {
            CountrySet.Ldc => "a Least Developed Country",
            CountrySet.Lldc => "a Landlocked Developing Country",
            _ => "a Small Island Developing State",
        };
        return new MinDevelopingCountryRule(rule.Count, catalog.All.Where(member).Select(c => c.Alpha2).ToHashSet(StringComparer.OrdinalIgnoreCase), label);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex RuleId();
}
