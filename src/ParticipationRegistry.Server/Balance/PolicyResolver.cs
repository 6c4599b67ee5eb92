using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>Finds a policy by name (a preset, or a stored one) and turns it into the engine's rules.</summary>
public sealed class PolicyResolver(IBalanceStore store, CountryCatalog countries, IMeetingStore meetings)
{
    /// <summary>
    /// <paramref name="name"/>, or when it is empty the policy the meeting's forum names for the
    /// session's kind, else the forum's default; empty (the default preset) when the forum names none.
    /// </summary>
    public string OrForumDefault(string name, string meetingId, SessionName? session = null)
    {
        var forum = name.Length > 0 ? null : meetings.ForumOfMeeting(meetingId);
        if (forum is null)
        {
            return name;
        }

        int? kind = session is null ? null : meetings.GetSession(session).Kind;
        return ForumRules.DefaultPolicy(forum, kind);
    }

    /// <summary>The named policy, or the default preset when <paramref name="name"/> is empty.</summary>
    public (string Name, IReadOnlyList<BalanceRule> Rules) Resolve(string name, string field)
    {
        var resolved = string.IsNullOrEmpty(name) ? Presets.DefaultPolicy.ToString() : name;
        var policy = Find(resolved, field);
        return (resolved, PolicyRules.ToEngine(policy.Rules, policy.SessionKinds, countries));
    }

    /// <summary>
    /// As <see cref="Resolve"/>, for a caller without personal-data rights: only a preset or a policy an
    /// admin published, else PERMISSION_DENIED (a policy written to single out a few people's panels
    /// would turn verdict counts into their gender or attributes).
    /// </summary>
    public (string Name, IReadOnlyList<BalanceRule> Rules) ResolvePublished(string name, string field)
    {
        var resolved = string.IsNullOrEmpty(name) ? Presets.DefaultPolicy.ToString() : name;
        var policy = Find(resolved, field);
        if (!policy.Published)
        {
            throw RegistryException.PermissionDenied(
                $"{resolved} is not published: a public report may name a preset or a policy an admin published; only an editor or admin key (or an organiser's key, for its own session) may name another.",
                field);
        }

        return (resolved, PolicyRules.ToEngine(policy.Rules, policy.SessionKinds, countries));
    }

    /// <summary>An inline policy, validated, with rule ids filled in.</summary>
    public IReadOnlyList<BalanceRule> Inline(Policy policy, string field)
    {
        var violations = new Violations();
        var rules = policy.Rules.Select(r => r.Clone()).ToList();
        PolicyRules.ValidateRules(rules, violations.At(field), countries);
        PolicyRules.ValidateSessionKinds(policy.SessionKinds, violations.At(field));
        violations.ThrowIfAny();
        PolicyRules.AssignRuleIds(rules);
        return PolicyRules.ToEngine(rules, policy.SessionKinds, countries);
    }

    public Policy Find(string name, string field)
    {
        var policy = ResourceName.Parse<PolicyName>(name, field);
        return Presets.Find(policy) ?? BalanceMapping.ToProto(store.GetPolicy(policy.PolicyId));
    }
}
