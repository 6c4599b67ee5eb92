using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>Finds a policy by name (a preset, or a stored one) and turns it into the engine's rules.</summary>
public sealed class PolicyResolver(IBalanceStore store)
{
    /// <summary>The named policy, or the default preset when <paramref name="name"/> is empty.</summary>
    public (string Name, IReadOnlyList<BalanceRule> Rules) Resolve(string name, string field)
    {
        var resolved = string.IsNullOrEmpty(name) ? Presets.DefaultPolicy.ToString() : name;
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
        var policy = ResourceName.Parse<PolicyName>(name, field);
        return Presets.Find(policy) ?? BalanceMapping.ToProto(store.GetPolicy(policy.PolicyId));
    }
}
