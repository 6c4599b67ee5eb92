using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>Counting and indices for reports: categories, breakdowns, cross-tabs. Pure.</summary>
public static class ReportMath
{
    // Category keys the proto names outside any enum.
    private const string NoAttribute = "NO_ATTRIBUTE";
    private const string Developing = "DEVELOPING";
    private const string OtherCountry = "OTHER";
    private const string NoCountry = "NO_COUNTRY";

    private static readonly Axis GroupAxis = AxisOf<StakeholderGroup>(Labels.Group, "Not recorded", r => r.Group);

    private static readonly Axis RegionAxis = AxisOf<RegionalGroup>(RegionLabel, "Unassigned", r => r.Region);

    private static readonly Axis RoleAxis = AxisOf<ParticipantRole>(RoleLabel, "Not recorded", r => r.Role);

    // Declined is a choice the person made and not recorded is an absence: two unknown rows, declined first.
    private static readonly Axis GenderAxis = GenderAxisOf();

    private static readonly Axis DevelopingAxis = new(
        [new(Developing, "LDC, LLDC or SIDS", true), new(OtherCountry, "Other country", true), new(NoCountry, "No country", false)],
        row => row.Developing switch
        {
            1 => 0,
            0 => 1,
            _ => 2,
        });

    // Attribute numbers in category order; a person is counted under each one they have.
    private static readonly int[] AttributeNumbers = Enum.GetValues<StakeholderAttribute>()
        .Where(a => a != StakeholderAttribute.Unspecified)
        .Select(a => (int)a)
        .Order()
        .ToArray();

    private static readonly long AttributeMask = AttributeNumbers.Aggregate(0L, (mask, number) => mask | (1L << number));

    private static readonly IReadOnlyList<Category> AttributeCategories =
    [
        .. AttributeNumbers.Select(n => new Category(ProtoEnums.NameOf((StakeholderAttribute)n), AttributeLabel((StakeholderAttribute)n), true)),
        new Category(NoAttribute, "No attribute", false),
    ];

    /// <summary>The categories of a dimension in report order: known values in enum order, then the unknown rows.</summary>
    /// <remarks>
    /// Keys are the API's enum value names. Attributes end with <c>NO_ATTRIBUTE</c> (people with none), marked
    /// not known so that it stays out of shares; the developing-country dimension is <c>DEVELOPING</c>,
    /// <c>OTHER</c> (known) and <c>NO_COUNTRY</c> (unknown).
    /// </remarks>
    public static IReadOnlyList<Category> CategoriesOf(Dimension dimension) =>
        dimension == Dimension.Attribute ? AttributeCategories : AxisFor(dimension).Categories;

    /// <summary>Counts of <paramref name="cube"/> (already the population's rows) along a dimension, with their key sums.</summary>
    /// <remarks>
    /// Total is the sum of every row's count. A number the dimension does not define (a value from a newer
    /// API, say) counts in its unknown row, so nobody drops out of a report. For attributes a person counts in
    /// every attribute they have and in <c>NO_ATTRIBUTE</c> when they have none, so the rows may add up
    /// to more than the total.
    /// </remarks>
    public static Breakdown BreakdownOf(IEnumerable<CubeRow> cube, Dimension dimension, Population population)
    {
        ArgumentNullException.ThrowIfNull(cube);
        var categories = CategoriesOf(dimension);
        var counts = new long[categories.Count];
        var keySums = new long[categories.Count];
        long total = 0;
        long totalKeySum = 0;
        Span<int> indices = stackalloc int[categories.Count];
        foreach (var row in cube)
        {
            total += row.Count;
            totalKeySum += row.KeySum;
            var n = IndicesOf(row, dimension, indices);
            for (var i = 0; i < n; i++)
            {
                counts[indices[i]] += row.Count;
                keySums[indices[i]] += row.KeySum;
            }
        }

        return new Breakdown(dimension, population, total, categories, counts, keySums, totalKeySum);
    }

    /// <summary>
    /// Normalised Blau (Gini–Simpson) and Pielou evenness over the known categories of a breakdown, with k the
    /// number of known categories the dimension defines (present or not).
    /// </summary>
    /// <remarks>
    /// With p_i = count_i / known total: Blau = (1 − Σ p_i²) / (1 − 1/k), Pielou J = H / ln k with
    /// H = −Σ p_i ln p_i (0 ln 0 = 0). Both are 1 for a perfectly even spread and 0 when one category holds
    /// everyone. Null for attributes (a person may have several, so there are no shares to sum) and when no
    /// one has a known value.
    /// </remarks>
    public static Indices IndicesOf(Breakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        if (breakdown.Dimension == Dimension.Attribute)
        {
            return new Indices(null, null);
        }

        var k = 0;
        long known = 0;
        Int128 sumOfSquares = 0;
        for (var i = 0; i < breakdown.Categories.Count; i++)
        {
            if (!breakdown.Categories[i].Known)
            {
                continue;
            }

            k++;
            known += breakdown.Counts[i];
            sumOfSquares += (Int128)breakdown.Counts[i] * breakdown.Counts[i];
        }

        if (known <= 0 || k < 2)
        {
            return new Indices(null, null);
        }

        // 1 − Σ p² as one exact integer fraction: subtracting doubles would cancel when one category dominates.
        var knownSquared = (Int128)known * known;
        var giniSimpson = (double)(knownSquared - sumOfSquares) / (double)knownSquared;
        var blau = giniSimpson / (1 - (1.0 / k));

        var entropy = 0.0;
        for (var i = 0; i < breakdown.Categories.Count; i++)
        {
            var count = breakdown.Counts[i];
            if (breakdown.Categories[i].Known && count > 0)
            {
                var p = (double)count / known;
                entropy -= p * Math.Log(p);
            }
        }

        // Rounding can push an even spread a hair past 1 or a single category a hair below 0.
        return new Indices(Math.Clamp(blau, 0, 1), Math.Clamp(entropy / Math.Log(k), 0, 1));
    }

    /// <summary>Two dimensions crossed: counts[row, column] over every category of each (unknown rows included).</summary>
    /// <remarks>
    /// A person with several attributes counts in each of their attribute rows or columns (and in
    /// <c>NO_ATTRIBUTE</c> when they have none), so an attribute line need not add up to the total.
    /// </remarks>
    public static CrossTabCounts CrossTabOf(IEnumerable<CubeRow> cube, Dimension rows, Dimension columns)
    {
        ArgumentNullException.ThrowIfNull(cube);
        var rowCategories = CategoriesOf(rows);
        var columnCategories = CategoriesOf(columns);
        var counts = new long[rowCategories.Count, columnCategories.Count];
        var keySums = new long[rowCategories.Count, columnCategories.Count];
        Span<int> rowIndices = stackalloc int[rowCategories.Count];
        Span<int> columnIndices = stackalloc int[columnCategories.Count];
        foreach (var row in cube)
        {
            var rowCount = IndicesOf(row, rows, rowIndices);
            var columnCount = IndicesOf(row, columns, columnIndices);
            for (var r = 0; r < rowCount; r++)
            {
                for (var c = 0; c < columnCount; c++)
                {
                    counts[rowIndices[r], columnIndices[c]] += row.Count;
                    keySums[rowIndices[r], columnIndices[c]] += row.KeySum;
                }
            }
        }

        return new CrossTabCounts(rows, columns, rowCategories, columnCategories, counts, keySums);
    }

    private sealed record Axis(IReadOnlyList<Category> Categories, Func<CubeRow, int> IndexOf);

    private static Axis AxisFor(Dimension dimension) => dimension switch
    {
        Dimension.StakeholderGroup => GroupAxis,
        Dimension.RegionalGroup => RegionAxis,
        Dimension.Gender => GenderAxis,
        Dimension.Role => RoleAxis,
        Dimension.DevelopingCountry => DevelopingAxis,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a dimension of reports."),
    };

    // Writes the category indices a row counts in and returns how many: one, or for attributes one per attribute.
    private static int IndicesOf(CubeRow row, Dimension dimension, Span<int> indices)
    {
        if (dimension != Dimension.Attribute)
        {
            indices[0] = AxisFor(dimension).IndexOf(row);
            return 1;
        }

        var n = 0;
        if ((row.Attributes & AttributeMask) == 0)
        {
            indices[n++] = AttributeNumbers.Length;
            return n;
        }

        for (var i = 0; i < AttributeNumbers.Length; i++)
        {
            if ((row.Attributes & (1L << AttributeNumbers[i])) != 0)
            {
                indices[n++] = i;
            }
        }

        return n;
    }

    // Known values (every value but the zero) in enum order, then the zero as the unknown row.
    private static Axis AxisOf<TEnum>(Func<TEnum, string> label, string unknownLabel, Func<CubeRow, int> number)
        where TEnum : struct, Enum
    {
        var known = Enum.GetValues<TEnum>().Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0).ToArray();
        var indexByNumber = known
            .Select((v, i) => (Number: Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture), Index: i))
            .ToDictionary(e => e.Number, e => e.Index);
        IReadOnlyList<Category> categories =
        [
            .. known.Select(v => new Category(ProtoEnums.NameOf(v), label(v), true)),
            new Category(ProtoEnums.NameOf(default(TEnum)), unknownLabel, false),
        ];
        return new Axis(categories, row => indexByNumber.TryGetValue(number(row), out var index) ? index : known.Length);
    }

    private static Axis GenderAxisOf()
    {
        Gender[] known = [Gender.Woman, Gender.Man, Gender.NonBinary, Gender.SelfDescribed];
        IReadOnlyList<Category> categories =
        [
            .. known.Select(g => new Category(ProtoEnums.NameOf(g), GenderLabel(g), true)),
            new Category(ProtoEnums.NameOf(Gender.Declined), "Declined", false),
            new Category(ProtoEnums.NameOf(Gender.Unspecified), "Not recorded", false),
        ];
        return new Axis(categories, row => row.Gender switch
        {
            >= (int)Gender.Woman and <= (int)Gender.SelfDescribed => row.Gender - 1,
            (int)Gender.Declined => known.Length,
            _ => known.Length + 1,
        });
    }

    private static string RegionLabel(RegionalGroup region) => region switch
    {
        RegionalGroup.African => "African Group",
        _ => Labels.Region(region),
    };

    private static string GenderLabel(Gender gender) => gender switch
    {
        Gender.Woman => "Woman",
        Gender.Man => "Man",
        Gender.NonBinary => "Non-binary",
        Gender.SelfDescribed => "Self-described",
        _ => ProtoEnums.NameOf(gender),
    };

    private static string RoleLabel(ParticipantRole role) => role switch
    {
        ParticipantRole.Speaker => "Speaker",
        ParticipantRole.Moderator => "Moderator",
        ParticipantRole.RemoteModerator => "Remote moderator",
        ParticipantRole.Rapporteur => "Rapporteur",
        ParticipantRole.Organizer => "Organiser",
        _ => ProtoEnums.NameOf(role),
    };

    private static string AttributeLabel(StakeholderAttribute attribute) => attribute switch
    {
        StakeholderAttribute.Youth => "Youth",
        StakeholderAttribute.Academia => "Academia",
        StakeholderAttribute.Parliamentarian => "Parliamentarian",
        StakeholderAttribute.Media => "Media",
        StakeholderAttribute.PersonWithDisability => "Person with disability",
        _ => ProtoEnums.NameOf(attribute),
    };
}
