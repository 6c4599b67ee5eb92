using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.V1;
using Population = ParticipationRegistry.Server.Reports.Population;

namespace ParticipationRegistry.Tests.Reports;

// Breakdowns, indices and cross-tabs of small cubes whose numbers are worked out by hand in the comments.
public sealed class ReportMathTests
{
    private const int Gov = (int)StakeholderGroup.Government;
    private const int Cs = (int)StakeholderGroup.CivilSociety;
    private const int Ps = (int)StakeholderGroup.PrivateSector;
    private const int Tc = (int)StakeholderGroup.TechnicalCommunity;
    private const int Igo = (int)StakeholderGroup.IntergovernmentalOrganization;
    private const int Weog = (int)RegionalGroup.WesternEuropeanOthers;
    private const int Africa = (int)RegionalGroup.African;
    private const int Woman = (int)Gender.Woman;
    private const int Man = (int)Gender.Man;
    private const int NonBinary = (int)Gender.NonBinary;
    private const int Declined = (int)Gender.Declined;
    private const int Speaker = (int)ParticipantRole.Speaker;
    private const int Moderator = (int)ParticipantRole.Moderator;
    private const long Youth = 1L << (int)StakeholderAttribute.Youth;
    private const long Academia = 1L << (int)StakeholderAttribute.Academia;
    private const long Media = 1L << (int)StakeholderAttribute.Media;

    private static readonly Dimension[] Dimensions = Enum.GetValues<Dimension>();

    private static CubeRow Row(long count, int group = 0, int region = 0, int gender = 0, int role = 0, int developing = -1, long attributes = 0) =>
        new(group, region, gender, role, developing, attributes, 0, count);

    private static void AssertIndices(double blau, double pielou, Indices indices)
    {
        Assert.Equal(blau, indices.NormalizedBlau!.Value, 1e-12);
        Assert.Equal(pielou, indices.PielouEvenness!.Value, 1e-12);
    }

    private static long CountOf(Breakdown breakdown, string key) => breakdown.Counts[Index(breakdown.Categories, key)];

    private static int Index(IReadOnlyList<Category> categories, string key)
    {
        var index = categories.Select(c => c.Key).ToList().IndexOf(key);
        Assert.True(index >= 0, $"no category {key}");
        return index;
    }

    [Fact]
    public void Categories_are_known_values_in_enum_order_then_the_unknown_rows()
    {
        Assert.Equal(
            [
                ("STAKEHOLDER_GROUP_GOVERNMENT", true), ("STAKEHOLDER_GROUP_CIVIL_SOCIETY", true), ("STAKEHOLDER_GROUP_PRIVATE_SECTOR", true),
                ("STAKEHOLDER_GROUP_TECHNICAL_COMMUNITY", true), ("STAKEHOLDER_GROUP_INTERGOVERNMENTAL_ORGANIZATION", true), ("STAKEHOLDER_GROUP_UNSPECIFIED", false),
            ],
            ReportMath.CategoriesOf(Dimension.StakeholderGroup).Select(c => (c.Key, c.Known)));
        Assert.Equal(
            [
                ("REGIONAL_GROUP_AFRICAN", true), ("REGIONAL_GROUP_ASIA_PACIFIC", true), ("REGIONAL_GROUP_EASTERN_EUROPEAN", true),
                ("REGIONAL_GROUP_LATIN_AMERICAN_CARIBBEAN", true), ("REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS", true), ("REGIONAL_GROUP_UNSPECIFIED", false),
            ],
            ReportMath.CategoriesOf(Dimension.RegionalGroup).Select(c => (c.Key, c.Known)));
        Assert.Equal(
            [
                ("GENDER_WOMAN", true), ("GENDER_MAN", true), ("GENDER_NON_BINARY", true), ("GENDER_SELF_DESCRIBED", true),
                ("GENDER_DECLINED", false), ("GENDER_UNSPECIFIED", false),
            ],
            ReportMath.CategoriesOf(Dimension.Gender).Select(c => (c.Key, c.Known)));
        Assert.Equal(
            [
                ("STAKEHOLDER_ATTRIBUTE_YOUTH", true), ("STAKEHOLDER_ATTRIBUTE_ACADEMIA", true), ("STAKEHOLDER_ATTRIBUTE_PARLIAMENTARIAN", true),
                ("STAKEHOLDER_ATTRIBUTE_MEDIA", true), ("STAKEHOLDER_ATTRIBUTE_PERSON_WITH_DISABILITY", true), ("NO_ATTRIBUTE", false),
            ],
            ReportMath.CategoriesOf(Dimension.Attribute).Select(c => (c.Key, c.Known)));
        Assert.Equal(
            [
                ("PARTICIPANT_ROLE_SPEAKER", true), ("PARTICIPANT_ROLE_MODERATOR", true), ("PARTICIPANT_ROLE_REMOTE_MODERATOR", true),
                ("PARTICIPANT_ROLE_RAPPORTEUR", true), ("PARTICIPANT_ROLE_ORGANIZER", true), ("PARTICIPANT_ROLE_UNSPECIFIED", false),
            ],
            ReportMath.CategoriesOf(Dimension.Role).Select(c => (c.Key, c.Known)));
        Assert.Equal(
            [("DEVELOPING", true), ("OTHER", true), ("NO_COUNTRY", false)],
            ReportMath.CategoriesOf(Dimension.DevelopingCountry).Select(c => (c.Key, c.Known)));
    }

    [Fact]
    public void Categories_carry_labels_for_people()
    {
        Assert.Equal(
            ["Government", "Civil Society", "Private Sector", "Technical Community", "Intergovernmental Organizations", "Not recorded"],
            ReportMath.CategoriesOf(Dimension.StakeholderGroup).Select(c => c.Label));
        Assert.Equal(
            ["African Group", "Asia-Pacific", "Eastern Europe", "GRULAC", "WEOG", "Unassigned"],
            ReportMath.CategoriesOf(Dimension.RegionalGroup).Select(c => c.Label));
        Assert.Equal(
            ["Woman", "Man", "Non-binary", "Self-described", "Declined", "Not recorded"],
            ReportMath.CategoriesOf(Dimension.Gender).Select(c => c.Label));
        Assert.Equal(
            ["Speaker", "Moderator", "Remote moderator", "Rapporteur", "Organiser", "Not recorded"],
            ReportMath.CategoriesOf(Dimension.Role).Select(c => c.Label));
        Assert.Equal("No attribute", ReportMath.CategoriesOf(Dimension.Attribute)[^1].Label);
        Assert.All(Dimensions.SelectMany(ReportMath.CategoriesOf), c => Assert.False(string.IsNullOrWhiteSpace(c.Label)));
    }

    [Fact]
    public void Empty_cube_has_every_category_at_zero_and_no_indices()
    {
        foreach (var dimension in Dimensions)
        {
            var breakdown = ReportMath.BreakdownOf([], dimension, Population.Seats);

            Assert.Equal(dimension, breakdown.Dimension);
            Assert.Equal(Population.Seats, breakdown.Population);
            Assert.Equal(0, breakdown.Total);
            Assert.Equal(0, breakdown.Known);
            Assert.Equal(ReportMath.CategoriesOf(dimension), breakdown.Categories);
            Assert.All(breakdown.Counts, c => Assert.Equal(0, c));
            Assert.Equal(new Indices(null, null), ReportMath.IndicesOf(breakdown));
        }
    }

    [Fact]
    public void One_person_counts_once_per_dimension_and_a_single_known_category_has_zero_diversity()
    {
        CubeRow[] cube = [new(Gov, Weog, Woman, Speaker, 1, Youth | Media, 0, 1)];

        var group = ReportMath.BreakdownOf(cube, Dimension.StakeholderGroup, Population.Panellists);
        Assert.Equal([1, 0, 0, 0, 0, 0], group.Counts);
        Assert.Equal(1, group.Total);
        Assert.Equal(1, group.Known);
        Assert.Equal(new Indices(0, 0), ReportMath.IndicesOf(group));

        Assert.Equal([0, 0, 0, 0, 1, 0], ReportMath.BreakdownOf(cube, Dimension.RegionalGroup, Population.Panellists).Counts);
        Assert.Equal([1, 0, 0, 0, 0, 0], ReportMath.BreakdownOf(cube, Dimension.Gender, Population.Panellists).Counts);
        Assert.Equal([1, 0, 0, 0, 0, 0], ReportMath.BreakdownOf(cube, Dimension.Role, Population.Panellists).Counts);
        Assert.Equal([1, 0, 0], ReportMath.BreakdownOf(cube, Dimension.DevelopingCountry, Population.Panellists).Counts);
        var attributes = ReportMath.BreakdownOf(cube, Dimension.Attribute, Population.Panellists);
        Assert.Equal([1, 0, 0, 1, 0, 0], attributes.Counts);
        Assert.Equal(1, attributes.Total);
        Assert.Equal(new Indices(null, null), ReportMath.IndicesOf(attributes));
    }

    [Fact]
    public void All_unknown_gender_is_counted_in_its_own_rows_with_no_known_total_and_no_indices()
    {
        CubeRow[] cube = [Row(3, gender: Declined), Row(4, gender: 0), Row(2, gender: Declined, group: Gov)];

        var gender = ReportMath.BreakdownOf(cube, Dimension.Gender, Population.Registrants);

        Assert.Equal(9, gender.Total);
        Assert.Equal(0, gender.Known);
        Assert.Equal(5, CountOf(gender, "GENDER_DECLINED"));
        Assert.Equal(4, CountOf(gender, "GENDER_UNSPECIFIED"));
        Assert.Equal(new Indices(null, null), ReportMath.IndicesOf(gender));
    }

    [Fact]
    public void Mixed_fixture_has_the_hand_computed_counts_and_indices()
    {
        // Groups: Gov 2, CS 3, PS 1, TC 0, IGO 0, not recorded 7 → known 6, p = 1/3, 1/2, 1/6.
        //   Σp² = 14/36; Blau = (22/36) / (4/5) = 55/72; H = ln3/3 + ln2/2 + ln6/6; J = H / ln 5.
        // Gender: woman 3, man 5, non-binary 1, self-described 0, declined 1, not recorded 3 → known 9.
        //   Σp² = 35/81; Blau = (46/81) / (3/4) = 184/243; H = −(1/3 ln(1/3) + 5/9 ln(5/9) + 1/9 ln(1/9)); J = H / ln 4.
        // Developing: 5 and 5 (and 3 with no country): Blau = J = 1.
        CubeRow[] cube =
        [
            Row(1, group: Gov, gender: Woman, developing: 1),
            Row(1, group: Gov, gender: Man, developing: 0),
            Row(2, group: Cs, gender: Woman, developing: 1),
            Row(1, group: Cs, gender: Man, developing: 0),
            Row(1, group: Ps, gender: NonBinary, developing: 1),
            Row(3, group: 0, gender: Man, developing: 0),
            Row(1, group: 0, gender: Declined, developing: 1),
            Row(3, group: 0, gender: 0, developing: -1),
            Row(0, group: Tc, gender: Woman, developing: 0),
        ];

        var group = ReportMath.BreakdownOf(cube, Dimension.StakeholderGroup, Population.Seats);
        Assert.Equal([2, 3, 1, 0, 0, 7], group.Counts);
        Assert.Equal(13, group.Total);
        Assert.Equal(6, group.Known);
        var groupIndices = ReportMath.IndicesOf(group);
        Assert.Equal(55.0 / 72, groupIndices.NormalizedBlau!.Value, 1e-12);
        var groupEntropy = (Math.Log(3) / 3) + (Math.Log(2) / 2) + (Math.Log(6) / 6);
        Assert.Equal(groupEntropy / Math.Log(5), groupIndices.PielouEvenness!.Value, 1e-12);

        var gender = ReportMath.BreakdownOf(cube, Dimension.Gender, Population.Seats);
        Assert.Equal([3, 5, 1, 0, 1, 3], gender.Counts);
        Assert.Equal(9, gender.Known);
        var genderIndices = ReportMath.IndicesOf(gender);
        Assert.Equal(184.0 / 243, genderIndices.NormalizedBlau!.Value, 1e-12);
        var genderEntropy = -((1.0 / 3 * Math.Log(1.0 / 3)) + (5.0 / 9 * Math.Log(5.0 / 9)) + (1.0 / 9 * Math.Log(1.0 / 9)));
        Assert.Equal(genderEntropy / Math.Log(4), genderIndices.PielouEvenness!.Value, 1e-12);

        var developing = ReportMath.BreakdownOf(cube, Dimension.DevelopingCountry, Population.Seats);
        Assert.Equal([5, 5, 3], developing.Counts);
        AssertIndices(1, 1, ReportMath.IndicesOf(developing));
    }

    [Fact]
    public void An_even_spread_over_every_known_category_has_both_indices_at_one()
    {
        CubeRow[] cube = [Row(2, group: Gov), Row(2, group: Cs), Row(2, group: Ps), Row(2, group: Tc), Row(2, group: Igo), Row(7, group: 0)];

        AssertIndices(1, 1, ReportMath.IndicesOf(ReportMath.BreakdownOf(cube, Dimension.StakeholderGroup, Population.Seats)));
    }

    [Fact]
    public void A_person_counts_in_every_attribute_they_have_and_people_with_none_in_their_own_row()
    {
        // A: youth and media; B: none; C: academia; three D: youth only → youth 4, academia 1, media 1, none 1; total 6.
        CubeRow[] cube = [Row(1, attributes: Youth | Media), Row(1), Row(1, attributes: Academia), Row(3, attributes: Youth)];

        var attributes = ReportMath.BreakdownOf(cube, Dimension.Attribute, Population.Panellists);

        Assert.Equal([4, 1, 0, 1, 0, 1], attributes.Counts);
        Assert.Equal(6, attributes.Total);
        Assert.True(attributes.Counts.Sum() > attributes.Total);
    }

    [Fact]
    public void Bits_that_are_no_attribute_count_as_none()
    {
        // Bit 0 is STAKEHOLDER_ATTRIBUTE_UNSPECIFIED; bit 40 is no value the API defines.
        CubeRow[] cube = [Row(2, attributes: 1L), Row(1, attributes: 1L << 40)];

        Assert.Equal([0, 0, 0, 0, 0, 3], ReportMath.BreakdownOf(cube, Dimension.Attribute, Population.Panellists).Counts);
    }

    [Fact]
    public void Numbers_the_dimension_does_not_define_count_in_its_unknown_row()
    {
        CubeRow[] cube = [new(42, -3, 9, 77, 5, 0, 0, 2)];

        Assert.Equal(2, CountOf(ReportMath.BreakdownOf(cube, Dimension.StakeholderGroup, Population.Seats), "STAKEHOLDER_GROUP_UNSPECIFIED"));
        Assert.Equal(2, CountOf(ReportMath.BreakdownOf(cube, Dimension.RegionalGroup, Population.Seats), "REGIONAL_GROUP_UNSPECIFIED"));
        Assert.Equal(2, CountOf(ReportMath.BreakdownOf(cube, Dimension.Gender, Population.Seats), "GENDER_UNSPECIFIED"));
        Assert.Equal(2, CountOf(ReportMath.BreakdownOf(cube, Dimension.Role, Population.Seats), "PARTICIPANT_ROLE_UNSPECIFIED"));
        Assert.Equal(2, CountOf(ReportMath.BreakdownOf(cube, Dimension.DevelopingCountry, Population.Seats), "NO_COUNTRY"));
    }

    [Fact]
    public void Cross_tab_of_group_and_gender_counts_every_pair_including_unknown_rows()
    {
        CubeRow[] cube =
        [
            Row(2, group: Gov, gender: Woman),
            Row(1, group: Gov, gender: Man),
            Row(3, group: Cs, gender: Man),
            Row(1, group: Cs, gender: Declined),
            Row(4, group: 0, gender: 0),
            Row(1, group: Gov, gender: Woman),
        ];

        var table = ReportMath.CrossTabOf(cube, Dimension.StakeholderGroup, Dimension.Gender);

        Assert.Equal(Dimension.StakeholderGroup, table.Rows);
        Assert.Equal(Dimension.Gender, table.Columns);
        Assert.Equal(ReportMath.CategoriesOf(Dimension.StakeholderGroup), table.RowCategories);
        Assert.Equal(ReportMath.CategoriesOf(Dimension.Gender), table.ColumnCategories);
        Assert.Equal(
            new long[,]
            {
                { 3, 1, 0, 0, 0, 0 },
                { 0, 3, 0, 0, 1, 0 },
                { 0, 0, 0, 0, 0, 0 },
                { 0, 0, 0, 0, 0, 0 },
                { 0, 0, 0, 0, 0, 0 },
                { 0, 0, 0, 0, 0, 4 },
            },
            table.Counts);
    }

    [Fact]
    public void Cross_tab_with_attributes_counts_a_person_in_each_attribute_row()
    {
        // A woman who is youth and media, a man with no attribute, two women in academia.
        CubeRow[] cube = [Row(1, gender: Woman, attributes: Youth | Media), Row(1, gender: Man), Row(2, gender: Woman, attributes: Academia)];

        var table = ReportMath.CrossTabOf(cube, Dimension.Attribute, Dimension.Gender);

        Assert.Equal(
            new long[,]
            {
                { 1, 0, 0, 0, 0, 0 },
                { 2, 0, 0, 0, 0, 0 },
                { 0, 0, 0, 0, 0, 0 },
                { 1, 0, 0, 0, 0, 0 },
                { 0, 0, 0, 0, 0, 0 },
                { 0, 1, 0, 0, 0, 0 },
            },
            table.Counts);

        var transposed = ReportMath.CrossTabOf(cube, Dimension.Gender, Dimension.Attribute);
        Assert.Equal(4, transposed.Counts[0, 0] + transposed.Counts[0, 1] + transposed.Counts[0, 3]);
        Assert.Equal(1, transposed.Counts[1, 5]);
    }

    [Fact]
    public void Cross_tab_of_attributes_with_themselves_counts_pairs_a_person_holds()
    {
        CubeRow[] cube = [Row(1, attributes: Youth | Media), Row(2, attributes: Youth)];

        var table = ReportMath.CrossTabOf(cube, Dimension.Attribute, Dimension.Attribute);

        Assert.Equal(3, table.Counts[0, 0]);
        Assert.Equal(1, table.Counts[0, 3]);
        Assert.Equal(1, table.Counts[3, 0]);
        Assert.Equal(1, table.Counts[3, 3]);
        Assert.Equal(0, table.Counts[5, 5]);
    }

    [Fact]
    public void Region_and_role_breakdowns_follow_enum_order()
    {
        CubeRow[] cube = [Row(2, region: Africa, role: Moderator), Row(1, region: Weog, role: Speaker), Row(1, region: 0, role: 0)];

        Assert.Equal([2, 0, 0, 0, 1, 1], ReportMath.BreakdownOf(cube, Dimension.RegionalGroup, Population.Seats).Counts);
        Assert.Equal([1, 2, 0, 0, 0, 1], ReportMath.BreakdownOf(cube, Dimension.Role, Population.Seats).Counts);
    }
}
