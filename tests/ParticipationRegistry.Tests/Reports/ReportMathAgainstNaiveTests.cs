using ParticipationRegistry.Server.Reports;

namespace ParticipationRegistry.Tests.Reports;

// Generated meetings (fixed seeds) counted twice: by ReportMath over a GROUP BY cube, and by NaiveReports
// over the individual people. Every count, known total and index must agree to 1e-9.
public sealed class ReportMathAgainstNaiveTests
{
    private const double Tolerance = 1e-9;
    private static readonly Dimension[] Dimensions = Enum.GetValues<Dimension>();

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Breakdowns_and_indices_equal_a_naive_count_over_people(int seed)
    {
        var random = new Random(seed);
        for (var meeting = 0; meeting < 50; meeting++)
        {
            var people = NaiveReports.Generate(random, random.Next(0, 4) == 0 ? random.Next(0, 4) : random.Next(1, 300));
            var cube = NaiveReports.CubeOf(people, random);
            foreach (var dimension in Dimensions)
            {
                var breakdown = ReportMath.BreakdownOf(cube, dimension, Population.Panellists);
                var expected = NaiveReports.Counts(people, dimension);

                Assert.Equal(people.Count, breakdown.Total);
                Assert.Equal(breakdown.Categories.Count, breakdown.Counts.Count);
                for (var i = 0; i < breakdown.Categories.Count; i++)
                {
                    Assert.Equal(NaiveReports.IsKnown(breakdown.Categories[i].Key), breakdown.Categories[i].Known);
                    Assert.Equal(expected.GetValueOrDefault(breakdown.Categories[i].Key), breakdown.Counts[i]);
                }

                Assert.Empty(expected.Keys.Except(breakdown.Categories.Select(c => c.Key)));
                Assert.Equal(expected.Where(e => NaiveReports.IsKnown(e.Key)).Sum(e => e.Value), breakdown.Known);

                var indices = ReportMath.IndicesOf(breakdown);
                if (dimension == Dimension.Attribute)
                {
                    Assert.Equal(new Indices(null, null), indices);
                    continue;
                }

                Assert.Equal(NaiveReports.KnownCategories(dimension), breakdown.Categories.Count(c => c.Known));
                if (NaiveReports.Indices(people, dimension) is not { } naive)
                {
                    Assert.Equal(new Indices(null, null), indices);
                    continue;
                }

                Assert.Equal(naive.Blau, indices.NormalizedBlau!.Value, Tolerance);
                Assert.Equal(naive.Pielou, indices.PielouEvenness!.Value, Tolerance);
                Assert.InRange(indices.NormalizedBlau.Value, 0, 1);
                Assert.InRange(indices.PielouEvenness.Value, 0, 1);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cross_tabs_equal_a_naive_count_over_people(int seed)
    {
        var random = new Random(1000 + seed);
        for (var meeting = 0; meeting < 10; meeting++)
        {
            var people = NaiveReports.Generate(random, random.Next(0, 200));
            var cube = NaiveReports.CubeOf(people, random);
            foreach (var rows in Dimensions)
            {
                foreach (var columns in Dimensions)
                {
                    var table = ReportMath.CrossTabOf(cube, rows, columns);
                    var expected = NaiveReports.CrossTab(people, rows, columns);

                    Assert.Equal(ReportMath.CategoriesOf(rows), table.RowCategories);
                    Assert.Equal(ReportMath.CategoriesOf(columns), table.ColumnCategories);
                    for (var r = 0; r < table.RowCategories.Count; r++)
                    {
                        for (var c = 0; c < table.ColumnCategories.Count; c++)
                        {
                            Assert.Equal(expected.GetValueOrDefault((table.RowCategories[r].Key, table.ColumnCategories[c].Key)), table.Counts[r, c]);
                        }
                    }

                    Assert.Equal(expected.Values.Sum(), table.Counts.Cast<long>().Sum());
                }
            }
        }
    }

    [Fact]
    public void Cross_tab_lines_add_up_to_the_breakdowns_when_neither_dimension_is_attributes()
    {
        var random = new Random(77);
        var people = NaiveReports.Generate(random, 500);
        var cube = NaiveReports.CubeOf(people, random);
        var single = Dimensions.Where(d => d != Dimension.Attribute).ToArray();
        foreach (var rows in single)
        {
            foreach (var columns in single)
            {
                var table = ReportMath.CrossTabOf(cube, rows, columns);
                var rowBreakdown = ReportMath.BreakdownOf(cube, rows, Population.Seats);
                var columnBreakdown = ReportMath.BreakdownOf(cube, columns, Population.Seats);
                for (var r = 0; r < table.RowCategories.Count; r++)
                {
                    Assert.Equal(rowBreakdown.Counts[r], Enumerable.Range(0, table.ColumnCategories.Count).Sum(c => table.Counts[r, c]));
                }

                for (var c = 0; c < table.ColumnCategories.Count; c++)
                {
                    Assert.Equal(columnBreakdown.Counts[c], Enumerable.Range(0, table.RowCategories.Count).Sum(r => table.Counts[r, c]));
                }
            }
        }
    }
}
