using ParticipationRegistry.Server.Reports;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>One generated person (or seat), as a list of plain fields.</summary>
internal sealed record Person(int Group, int Region, int Gender, int Role, int Developing, long Attributes, int Attendance);

/// <summary>
/// A second, deliberately naive implementation of the report figures: loops over individual people, category
/// keys spelled out here rather than taken from the code under test, indices straight from their definitions.
/// </summary>
internal static class NaiveReports
{
    private static readonly string[] Groups =
        ["STAKEHOLDER_GROUP_UNSPECIFIED", "STAKEHOLDER_GROUP_GOVERNMENT", "STAKEHOLDER_GROUP_CIVIL_SOCIETY", "STAKEHOLDER_GROUP_PRIVATE_SECTOR", "STAKEHOLDER_GROUP_TECHNICAL_COMMUNITY", "STAKEHOLDER_GROUP_INTERGOVERNMENTAL_ORGANIZATION"];

    private static readonly string[] Regions =
        ["REGIONAL_GROUP_UNSPECIFIED", "REGIONAL_GROUP_AFRICAN", "REGIONAL_GROUP_ASIA_PACIFIC", "REGIONAL_GROUP_EASTERN_EUROPEAN", "REGIONAL_GROUP_LATIN_AMERICAN_CARIBBEAN", "REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS"];

    private static readonly string[] Genders =
        ["GENDER_UNSPECIFIED", "GENDER_WOMAN", "GENDER_MAN", "GENDER_NON_BINARY", "GENDER_SELF_DESCRIBED", "GENDER_DECLINED"];

    private static readonly string[] Roles =
        ["PARTICIPANT_ROLE_UNSPECIFIED", "PARTICIPANT_ROLE_SPEAKER", "PARTICIPANT_ROLE_MODERATOR", "PARTICIPANT_ROLE_REMOTE_MODERATOR", "PARTICIPANT_ROLE_RAPPORTEUR", "PARTICIPANT_ROLE_ORGANIZER"];

    private static readonly string[] Attributes =
        ["STAKEHOLDER_ATTRIBUTE_UNSPECIFIED", "STAKEHOLDER_ATTRIBUTE_YOUTH", "STAKEHOLDER_ATTRIBUTE_ACADEMIA", "STAKEHOLDER_ATTRIBUTE_PARLIAMENTARIAN", "STAKEHOLDER_ATTRIBUTE_MEDIA", "STAKEHOLDER_ATTRIBUTE_PERSON_WITH_DISABILITY"];

    private static readonly HashSet<string> Unknown =
        ["STAKEHOLDER_GROUP_UNSPECIFIED", "REGIONAL_GROUP_UNSPECIFIED", "GENDER_UNSPECIFIED", "GENDER_DECLINED", "PARTICIPANT_ROLE_UNSPECIFIED", "NO_COUNTRY", "NO_ATTRIBUTE"];

    /// <summary>The number of defined known categories, from DOMAIN.md and the proto.</summary>
    public static int KnownCategories(Dimension dimension) => dimension switch
    {
        Dimension.StakeholderGroup => 5,
        Dimension.RegionalGroup => 5,
        Dimension.Gender => 4,
        Dimension.Role => 5,
        Dimension.DevelopingCountry => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    public static bool IsKnown(string key) => !Unknown.Contains(key);

    /// <summary>The categories a person counts in along a dimension (several only for attributes).</summary>
    public static List<string> KeysOf(Person person, Dimension dimension)
    {
        switch (dimension)
        {
            case Dimension.StakeholderGroup:
                return [Groups[person.Group]];
            case Dimension.RegionalGroup:
                return [Regions[person.Region]];
            case Dimension.Gender:
                return [Genders[person.Gender]];
            case Dimension.Role:
                return [Roles[person.Role]];
            case Dimension.DevelopingCountry:
                return [person.Developing == 1 ? "DEVELOPING" : person.Developing == 0 ? "OTHER" : "NO_COUNTRY"];
            default:
                var keys = new List<string>();
                for (var a = 1; a < Attributes.Length; a++)
                {
                    if ((person.Attributes & (1L << a)) != 0)
                    {
                        keys.Add(Attributes[a]);
                    }
                }

                if (keys.Count == 0)
                {
                    keys.Add("NO_ATTRIBUTE");
                }

                return keys;
        }
    }

    public static Dictionary<string, long> Counts(IReadOnlyList<Person> people, Dimension dimension)
    {
        var counts = new Dictionary<string, long>();
        foreach (var person in people)
        {
            foreach (var key in KeysOf(person, dimension))
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }

    /// <summary>Normalised Blau and Pielou straight from the definitions; null when there is no known value.</summary>
    public static (double Blau, double Pielou)? Indices(IReadOnlyList<Person> people, Dimension dimension)
    {
        var counts = Counts(people, dimension).Where(e => IsKnown(e.Key)).ToList();
        double known = counts.Sum(e => e.Value);
        if (known == 0)
        {
            return null;
        }

        var k = KnownCategories(dimension);
        var simpson = 0.0;
        var entropy = 0.0;
        foreach (var (_, count) in counts)
        {
            var p = count / known;
            simpson += p * p;
            if (p > 0)
            {
                entropy -= p * Math.Log(p);
            }
        }

        return ((1 - simpson) / (1 - (1.0 / k)), entropy / Math.Log(k));
    }

    public static Dictionary<(string Row, string Column), long> CrossTab(IReadOnlyList<Person> people, Dimension rows, Dimension columns)
    {
        var counts = new Dictionary<(string, string), long>();
        foreach (var person in people)
        {
            foreach (var row in KeysOf(person, rows))
            {
                foreach (var column in KeysOf(person, columns))
                {
                    counts[(row, column)] = counts.GetValueOrDefault((row, column)) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Random people; skewed so that some categories are often empty and a few are large.</summary>
    public static List<Person> Generate(Random random, int count)
    {
        // Per generated meeting, a random weighting of each field, so that distributions differ between meetings.
        int[] Weights(int values) => Enumerable.Range(0, values).Select(_ => random.Next(4) == 0 ? 0 : random.Next(1, 10)).ToArray();
        int Draw(int[] weights)
        {
            var total = weights.Sum();
            if (total == 0)
            {
                return 0;
            }

            var r = random.Next(total);
            for (var i = 0; i < weights.Length; i++)
            {
                r -= weights[i];
                if (r < 0)
                {
                    return i;
                }
            }

            return weights.Length - 1;
        }

        var groups = Weights(6);
        var regions = Weights(6);
        var genders = Weights(6);
        var roles = Weights(6);
        var developing = Weights(3);
        var attributeChance = random.NextDouble() * 0.5;
        return Enumerable.Range(0, count)
            .Select(_ =>
            {
                long attributes = 0;
                for (var a = 1; a <= 5; a++)
                {
                    if (random.NextDouble() < attributeChance)
                    {
                        attributes |= 1L << a;
                    }
                }

                return new Person(Draw(groups), Draw(regions), Draw(genders), Draw(roles), Draw(developing) - 1, attributes, random.Next(3));
            })
            .ToList();
    }

    /// <summary>
    /// The people as a cube: identical people grouped (as SQL's GROUP BY would), some groups split over
    /// several rows and a few zero rows added, in random order, so that the code under test must add up counts.
    /// </summary>
    public static List<CubeRow> CubeOf(IReadOnlyList<Person> people, Random random)
    {
        var rows = new List<CubeRow>();
        foreach (var group in people.GroupBy(p => p))
        {
            var left = (long)group.Count();
            while (left > 0)
            {
                var part = random.Next(3) == 0 ? random.NextInt64(1, left + 1) : left;
                rows.Add(new CubeRow(group.Key.Group, group.Key.Region, group.Key.Gender, group.Key.Role, group.Key.Developing, group.Key.Attributes, group.Key.Attendance, part));
                left -= part;
            }

            if (random.Next(10) == 0)
            {
                rows.Add(new CubeRow(group.Key.Group, group.Key.Region, group.Key.Gender, group.Key.Role, group.Key.Developing, group.Key.Attributes, group.Key.Attendance, 0));
            }
        }

        return rows.OrderBy(_ => random.Next()).ToList();
    }
}
