using System.Text.RegularExpressions;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>What a valid policy is, and how its rules become the engine's rules.</summary>
public static partial class PolicyRules
{
    public const int MaxRules = 50;
    public const int MaxCount = 1000;

    public static readonly IReadOnlyList<string> UpdatableFields = ["display_name", "description", "rules", "published", "session_kinds"];

    /// <summary>The fields an update of <paramref name="policy"/> writes, validated; INVALID_ARGUMENT with every violation.</summary>
    public static IReadOnlySet<string> ValidatedUpdate(Policy policy, Google.Protobuf.WellKnownTypes.FieldMask? mask)
    {
        var violations = new Violations();
        var fields = UpdateMasks.Resolve(mask, policy, UpdatableFields, violations);
        Validate(policy, fields, violations.At("policy"));
        violations.ThrowIfAny();
        return fields;
    }

    public static void Validate(Policy policy, IReadOnlySet<string> fields, Violations violations)
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
            ValidateRules(policy.Rules, violations);
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

    public static void ValidateRules(IReadOnlyList<Rule> rules, Violations violations)
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

            ValidateKind(rule, at);
        }
    }

    private static void ValidateKind(Rule rule, Violations at)
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
            case Rule.KindOneofCase.MinDevelopingCountrySpeakers: Count(rule.MinDevelopingCountrySpeakers.Count, "min_developing_country_speakers.count", at); break;
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

    /// <summary>The engine's rules for a validated policy, each carrying the policy's session kinds.</summary>
    public static IReadOnlyList<BalanceRule> ToEngine(IEnumerable<Rule> rules, IEnumerable<SessionKind>? sessionKinds = null)
    {
        var kinds = (sessionKinds ?? []).ToHashSet();
        return rules.Select(r => ToEngine(r) with { SessionKinds = kinds }).ToList();
    }

    public static BalanceRule ToEngine(Rule rule) => new(
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
            Rule.KindOneofCase.MinDevelopingCountrySpeakers => new MinDevelopingCountryRule(rule.MinDevelopingCountrySpeakers.Count),
            Rule.KindOneofCase.MinFirstTimeSpeakers => new MinFirstTimeRule(rule.MinFirstTimeSpeakers.Count),
            Rule.KindOneofCase.MinYouth => new MinYouthRule(rule.MinYouth.Count),
            Rule.KindOneofCase.MaxSessionsPerPerson => new MaxSessionsPerPersonRule(rule.MaxSessionsPerPerson.MaxSessions),
            Rule.KindOneofCase.NoOverlappingSessions => new NoOverlappingSessionsRule(),
            Rule.KindOneofCase.MinOnsite => new MinOnsiteRule(rule.MinOnsite.Moderators, rule.MinOnsite.Speakers),
            Rule.KindOneofCase.MinOrganizerStakeholderGroups => new MinOrganizerGroupsRule(rule.MinOrganizerStakeholderGroups.Count),
            Rule.KindOneofCase.NotAllFromOneOrganization => new NotAllFromOneOrganizationRule(),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.KindCase, "Rule without a kind."),
        });

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex RuleId();
}
