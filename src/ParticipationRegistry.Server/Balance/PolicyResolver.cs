using Google.Protobuf;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>Finds a policy by name (a preset, or a stored one) and turns it into the engine's rules.</summary>
public sealed class PolicyResolver(IBalanceStore store)
{
    /// <summary>The named policy, or the default preset when <paramref name="name"/> is empty.</summary>
    public (string Name, IReadOnlyList<BalanceRule> Rules) Resolve(string name, string field)
    {
        var resolved = string.IsNullOrEmpty(name) ? $"policies/{Presets.DefaultPolicyId}" : name;
        return (resolved, PolicyRules.ToEngine(Find(resolved, field).Rules));
    }

    /// <summary>An inline policy, validated, with rule ids filled in.</summary>
    public static IReadOnlyList<BalanceRule> Inline(Policy policy, string field)
    {
        var violations = new Violations();
        var rules = policy.Rules.Select(r => r.Clone()).ToList();
        PolicyRules.ValidateRules(rules, violations.At(field));
        violations.ThrowIfAny();
        PolicyRules.AssignRuleIds(rules);
        return PolicyRules.ToEngine(rules);
    }

    public Policy Find(string name, string field)
    {
        var id = PolicyRules.PolicyId(name)
            ?? throw RegistryException.InvalidArgument(field, name.Length == 0 ? "Required: policies/{policy}." : $"'{name}' is not a policy name, policies/{{policy}}.");
        return Presets.Find(id) ?? ToProto(store.GetPolicy(id));
    }

    public static Policy ToProto(PolicyRow row) => new()
    {
        Name = $"policies/{row.Id}",
        DisplayName = row.DisplayName,
        Description = row.Description,
        Rules = { Policy.Parser.ParseFrom(row.Rules).Rules },
        CreateTime = Times.ToTimestampRequired(row.CreateTime),
        UpdateTime = Times.ToTimestampRequired(row.UpdateTime),
        Etag = Etags.Format(row.Version),
    };

    public static byte[] RulesBytes(IEnumerable<Rule> rules) => new Policy { Rules = { rules } }.ToByteArray();
}
