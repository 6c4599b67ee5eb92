using System.Collections.Concurrent;

namespace ParticipationRegistry.Server.Balance;

/// <summary>A policy by the name it was resolved under (<c>policies/...</c>) and its rules.</summary>
public sealed record NamedPolicy(string Name, IReadOnlyList<BalanceRule> Rules);

/// <summary>
/// The policies a meeting's sessions are judged by, read once for a whole listing or report: the policy
/// the caller named for every session, else for each session the one its forum names for the session's
/// kind, else the forum's default, else the default preset: what CheckPanelBalance uses for that session
/// (<see cref="PolicyResolver.OrForumDefault"/>).
/// </summary>
public sealed class MeetingPolicies
{
    private readonly IReadOnlyDictionary<int, string> kindNames;
    private readonly Func<string, NamedPolicy> resolve;
    private readonly ConcurrentDictionary<string, NamedPolicy> resolved = new(StringComparer.Ordinal);

    /// <param name="defaultName">The policy named, else the forum's default (empty: the default preset).</param>
    /// <param name="kindNames">By session kind, the policy the forum names for it (empty when a policy was named).</param>
    /// <param name="kindsPresent">The kinds of the sessions judged: their policies are resolved now, so a bad one fails the call at once.</param>
    internal MeetingPolicies(string defaultName, IReadOnlyDictionary<int, string> kindNames, IEnumerable<int> kindsPresent, Func<string, NamedPolicy> resolve)
    {
        this.kindNames = kindNames;
        this.resolve = resolve;
        Default = Resolve(defaultName);
        var present = kindsPresent.Select(For).Distinct().ToList();
        Present = present.Count == 0 ? [Default] : present;
    }

    /// <summary>The policy of the sessions whose kind the forum names none for.</summary>
    public NamedPolicy Default { get; }

    /// <summary>
    /// Every policy judging a session of the kinds present when this was made; the default alone when one
    /// policy judges every kind or the meeting has no sessions (a policy named, or a forum without kind policies).
    /// </summary>
    public IReadOnlyList<NamedPolicy> Present { get; }

    /// <summary>Whether sessions of different kinds may be judged by different policies.</summary>
    public bool PerKind => kindNames.Count > 0;

    /// <summary>By session kind, the policy the forum names for it, when it names one.</summary>
    public IEnumerable<(int Kind, string Policy)> KindPolicies => kindNames.OrderBy(k => k.Key).Select(k => (k.Key, k.Value));

    /// <summary>The policy judging a session of <paramref name="kind"/>.</summary>
    public NamedPolicy For(int kind) => kindNames.TryGetValue(kind, out var name) ? Resolve(name) : Default;

    private NamedPolicy Resolve(string name) => resolved.GetOrAdd(name, resolve);
}
