namespace ParticipationRegistry.Server.Reports;

/// <summary>Counting, indices and probabilities for reports. Pure.</summary>
public static class ReportMath
{
    /// <summary>The categories of a dimension in report order: known values in enum order, then the unknown rows.</summary>
    public static IReadOnlyList<Category> CategoriesOf(Dimension dimension) => throw new NotImplementedException();

    /// <summary>Counts of <paramref name="cube"/> (already the population's rows) along a dimension.</summary>
    public static Breakdown BreakdownOf(IEnumerable<CubeRow> cube, Dimension dimension, Population population) => throw new NotImplementedException();

    public static Indices IndicesOf(Breakdown breakdown) => throw new NotImplementedException();

    public static CrossTabCounts CrossTabOf(IEnumerable<CubeRow> cube, Dimension rows, Dimension columns) => throw new NotImplementedException();

    /// <summary>P(X ≤ x) for X ~ Binomial(n, q).</summary>
    public static double BinomialAtMost(long x, long n, double q) => throw new NotImplementedException();

    /// <summary>P(Y ≥ k) where Y is the number of successes of independent trials with the given probabilities.</summary>
    public static double PoissonBinomialAtLeast(int k, IReadOnlyList<double> probabilities) => throw new NotImplementedException();
}
