using System.Collections.Concurrent;
using System.Collections.Frozen;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// Finds a policy by name (a preset, or a stored one) and turns it into the engine's rules. The presets'
/// rules are built once; a stored policy's are kept with the bytes they were built from and reused only
/// while the row read for each resolution still holds those bytes, so any write, from any process, is
/// seen by the next resolution.
/// </summary>
public sealed class PolicyResolver(IBalanceStore store, CountryCatalog countries)
{
    // Enough for every policy of a registry; beyond it the cache starts afresh rather than grow.
    private const int MaxCachedPolicies = 1000;

    private readonly FrozenDictionary<string, (Policy Policy, IReadOnlyList<BalanceRule> Rules)> presets =
        Presets.All.ToFrozenDictionary(p => p.Name, p => (p, PolicyRules.ToEngine(p.Rules, p.SessionKinds, countries)), StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, (byte[] Source, IReadOnlyList<BalanceRule> Rules)> stored = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="name"/>, or when it is empty the policy the meeting's forum names for the
    /// session's kind, else the forum's default; empty (the default preset) when the forum names none.
    /// </summary>
    public string OrForumDefault(string name, string meetingId, SessionName? session = null)
    {
        var forum = name.Length > 0 ? null : store.FindForumPolicies(meetingId, session?.SessionId);
        if (forum is null)
        {
            return name;
        }

        if (session is not null && forum.SessionKind is null)
        {
            throw RegistryException.NotFound(ErrorReason.SessionNotFound, session.ToString());
        }

        return ForumRules.DefaultPolicy(new ForumRow { DefaultPolicy = forum.DefaultPolicy, KindPolicies = forum.KindPolicies }, forum.SessionKind);
    }

    /// <summary>
    /// The policies judging the sessions of <paramref name="meetingId"/>: <paramref name="name"/> for all
    /// when given, else per session kind what <see cref="OrForumDefault"/> gives, the forum read once. The
    /// policies of the meeting's sessions (of <paramref name="kinds"/> only, when given) are resolved now;
    /// with <paramref name="requirePublished"/>, as <see cref="ResolvePublished"/> does.
    /// </summary>
    public MeetingPolicies ForMeeting(string name, string meetingId, string field, bool requirePublished, IReadOnlyCollection<int>? kinds = null)
    {
        NamedPolicy Named(string policy)
        {
            var (resolved, rules) = requirePublished ? ResolvePublished(policy, field) : Resolve(policy, field);
            return new NamedPolicy(resolved, rules);
        }

        var forum = name.Length > 0 ? null : store.FindForumPolicies(meetingId, null);
        if (forum is null)
        {
            return new MeetingPolicies(name, new Dictionary<int, string>(), [], Named);
        }

        var row = new ForumRow { DefaultPolicy = forum.DefaultPolicy, KindPolicies = forum.KindPolicies };
        var byKind = ForumRules.KindPolicies(row).ToDictionary(k => k.Kind, k => k.Policy);
        var present = byKind.Count == 0 ? [] : store.SessionKinds(meetingId).Where(k => kinds is null || kinds.Count == 0 || kinds.Contains(k));
        return new MeetingPolicies(forum.DefaultPolicy, byKind, present, Named);
    }

    /// <summary>The named policy, or the default preset when <paramref name="name"/> is empty.</summary>
    public (string Name, IReadOnlyList<BalanceRule> Rules) Resolve(string name, string field)
    {
        var resolved = string.IsNullOrEmpty(name) ? Presets.DefaultPolicy.ToString() : name;
        return (resolved, Rules(resolved, field, requirePublished: false));
    }

    /// <summary>
    /// As <see cref="Resolve"/>, for a caller without personal-data rights: only a preset or a policy an
    /// admin published, else PERMISSION_DENIED (a policy written to single out a few people's panels
    /// would turn verdict counts into their gender or attributes).
    /// </summary>
    public (string Name, IReadOnlyList<BalanceRule> Rules) ResolvePublished(string name, string field)
    {
        var resolved = string.IsNullOrEmpty(name) ? Presets.DefaultPolicy.ToString() : name;
        return (resolved, Rules(resolved, field, requirePublished: true));
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

    private IReadOnlyList<BalanceRule> Rules(string name, string field, bool requirePublished)
    {
        var policy = ResourceName.Parse<PolicyName>(name, field);
        if (presets.TryGetValue(policy.ToString(), out var preset))
        {
            return preset.Rules;
        }

        var row = store.FindPolicyRules(policy.PolicyId) ?? throw RegistryException.NotFound(ErrorReason.PolicyNotFound, policy.ToString());
        if (requirePublished && !row.Published)
        {
            throw RegistryException.PermissionDenied(
                $"{name} is not published: a public report may name a preset or a policy an admin published; only an editor or admin key (or an organiser's key, for its own session) may name another.",
                field);
        }

        if (stored.TryGetValue(policy.PolicyId, out var cached) && cached.Source.AsSpan().SequenceEqual(row.Rules))
        {
            return cached.Rules;
        }

        var parsed = Policy.Parser.ParseFrom(row.Rules);
        var rules = PolicyRules.ToEngine(parsed.Rules, parsed.SessionKinds, countries);
        if (stored.Count >= MaxCachedPolicies)
        {
            stored.Clear();
        }

        stored[policy.PolicyId] = (row.Rules, rules);
        return rules;
    }
}
