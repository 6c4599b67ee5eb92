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

    private static readonly StakeholderGroup[] KnownGroups = Enum.GetValues<StakeholderGroup>().Where(g => g != StakeholderGroup.Unspecified).ToArray();
    private static readonly RegionalGroup[] KnownRegions = Enum.GetValues<RegionalGroup>().Where(r => r != RegionalGroup.Unspecified).ToArray();
    private static readonly Gender[] GapGenders = [Gender.Woman, Gender.Man];

    /// <summary>How many people have each value, in the order of the values.</summary>
    private static Dictionary<T, int> Count<T>(IReadOnlyList<Seat> people, Func<Seat, T> key)
        where T : struct, Enum
    {
        var counts = new SortedList<T, int>(people.Count);
        foreach (var person in people)
        {
            var value = key(person);
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        return new Dictionary<T, int>(counts);
    }

    public IEnumerable<StakeholderGroup> MissingGroups => KnownGroups.Where(g => !Groups.ContainsKey(g));

    public IEnumerable<RegionalGroup> MissingRegions => KnownRegions.Where(r => !Regions.ContainsKey(r));

    public IEnumerable<Gender> MissingGenders => GapGenders.Where(g => !Genders.ContainsKey(g));
}
