using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>Who is on a panel: distinct speakers and moderators in the counted confirmation states.</summary>
public sealed record Composition(
    int People,
    IReadOnlyDictionary<StakeholderGroup, int> Groups,
    IReadOnlyDictionary<RegionalGroup, int> Regions,
    IReadOnlyDictionary<Gender, int> Genders)
{
    private static readonly Scope PanelScope = Scope.Default with
    {
        Roles = new HashSet<ParticipantRole> { ParticipantRole.Speaker, ParticipantRole.Moderator },
    };

    public static Composition Of(Panel panel, bool confirmedOnly)
    {
        var people = BalanceEngine.PeopleInScope(panel, PanelScope, confirmedOnly);
        return new Composition(
            people.Count,
            Count(people, p => p.Group),
            Count(people, p => p.Region),
            // Declined and not recorded are both "unknown" to the rules, but reported apart.
            Count(people, p => p.Gender));
    }

    private static Dictionary<T, int> Count<T>(IReadOnlyList<Seat> people, Func<Seat, T> key)
        where T : struct, Enum =>
        people.GroupBy(key).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    public IEnumerable<StakeholderGroup> MissingGroups => Enum.GetValues<StakeholderGroup>().Where(g => g != StakeholderGroup.Unspecified && !Groups.ContainsKey(g));

    public IEnumerable<RegionalGroup> MissingRegions => Enum.GetValues<RegionalGroup>().Where(r => r != RegionalGroup.Unspecified && !Regions.ContainsKey(r));

    public IEnumerable<Gender> MissingGenders => new[] { Gender.Woman, Gender.Man }.Where(g => !Genders.ContainsKey(g));
}
