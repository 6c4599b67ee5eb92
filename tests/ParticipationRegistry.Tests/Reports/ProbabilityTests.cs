using System.Numerics;
using ParticipationRegistry.Server.Reports;

namespace ParticipationRegistry.Tests.Reports;

// The binomial CDF against the textbook sum and exact rational arithmetic; the Poisson-binomial tail against
// enumerating every outcome.
public sealed class ProbabilityTests
{
    private static double Choose(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static double DirectBinomialAtMost(long x, int n, double q)
    {
        var sum = 0.0;
        for (var i = 0; i <= Math.Min(x, n); i++)
        {
            sum += Choose(n, i) * Math.Pow(q, i) * Math.Pow(1 - q, n - i);
        }

        return sum;
    }

    // P(X ≤ x) for X ~ Binomial(n, a/b), exactly: Σ C(n, i) a^i (b − a)^(n − i) / b^n, rounded once to a double.
    private static double ExactBinomialAtMost(long x, int n, int a, int b)
    {
        var term = BigInteger.Pow(b - a, n);
        var numerator = BigInteger.Zero;
        for (var i = 0; i <= x; i++)
        {
            numerator += term;
            term = term * (n - i) * a / ((i + 1) * (BigInteger)(b - a));
        }

        return Ratio(numerator, BigInteger.Pow(b, n));
    }

    private static double Ratio(BigInteger numerator, BigInteger denominator)
    {
        var shift = (int)(denominator.GetBitLength() - numerator.GetBitLength()) + 80;
        var scaled = shift >= 0 ? (numerator << shift) / denominator : numerator / (denominator << -shift);
        return Math.ScaleB((double)scaled, -shift);
    }

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        Assert.True(
            Math.Abs(expected - actual) <= tolerance * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
    }

    [Fact]
    public void Nobody_of_a_38_percent_category_among_25_has_probability_062_to_the_25th()
    {
        AssertRelative(Math.Pow(0.62, 25), Probability.BinomialAtMost(0, 25, 0.38), 1e-13);
    }

    [Fact]
    public void Small_cases_equal_the_textbook_sum()
    {
        foreach (var q in new[] { 0.001, 0.01, 0.2, 0.38, 0.5, 0.75, 0.9, 0.999 })
        {
            for (var n = 0; n <= 40; n++)
            {
                for (long x = -1; x <= n + 1; x++)
                {
                    var expected = x < 0 ? 0 : x >= n ? 1 : DirectBinomialAtMost(x, n, q);
                    var actual = Probability.BinomialAtMost(x, n, q);
                    Assert.True(Math.Abs(expected - actual) <= (1e-12 * expected) + 1e-300, $"n={n} x={x} q={q}: expected {expected:R}, got {actual:R}");
                }
            }
        }
    }

    [Fact]
    public void Large_cases_equal_exact_rational_arithmetic_to_twelve_digits()
    {
        // n = 20000, q = 3/8: mean 7500, standard deviation 68.5; from 14.6 deviations below the mean to far above it.
        foreach (var x in new long[] { 0, 1, 6500, 7000, 7400, 7499, 7500, 7501, 7600, 8000, 8500 })
        {
            AssertRelative(ExactBinomialAtMost(x, 20000, 3, 8), Probability.BinomialAtMost(x, 20000, 0.375), 1e-12);
        }

        foreach (var x in new long[] { 0, 3, 10, 50, 90, 100, 110, 150 })
        {
            AssertRelative(ExactBinomialAtMost(x, 1000, 1, 10), Probability.BinomialAtMost(x, 1000, 0.1), 1e-12);
        }
    }

    [Fact]
    public void A_hundred_thousand_trials_give_a_monotone_distribution_in_zero_to_one()
    {
        const long n = 100_000;
        foreach (var q in new[] { 0.0001, 0.38, 0.5, 0.9999 })
        {
            var previous = 0.0;
            for (long x = 0; x <= n; x++)
            {
                var p = Probability.BinomialAtMost(x, n, q);
                Assert.InRange(p, 0, 1);
                Assert.True(p >= previous, $"q={q}: P(X ≤ {x}) = {p:R} < P(X ≤ {x - 1}) = {previous:R}");
                Assert.False(double.IsNaN(p));
                previous = p;
            }

            Assert.Equal(1, previous);
        }
    }

    [Fact]
    public void A_hundred_thousand_fair_trials_are_symmetric_about_the_mean()
    {
        // P(X ≤ 49999) = P(X ≥ 50001) = 1 − P(X ≤ 50000): the two sides come from the two tails.
        Assert.Equal(1, Probability.BinomialAtMost(49_999, 100_000, 0.5) + Probability.BinomialAtMost(50_000, 100_000, 0.5), 1e-14);
        foreach (var x in new long[] { 37_000, 37_900, 38_000, 38_100, 39_000 })
        {
            // X ~ Bin(n, q) ≤ x  ⇔  n − X ~ Bin(n, 1 − q) ≥ n − x.
            Assert.Equal(1, Probability.BinomialAtMost(x, 100_000, 0.375) + Probability.BinomialAtMost(100_000 - x - 1, 100_000, 0.625), 1e-13);
        }

        Assert.Equal(0.5, Probability.BinomialAtMost(37_500, 100_000, 0.375), 0.01);
    }

    [Fact]
    public void Certain_and_impossible_outcomes_are_exact()
    {
        Assert.Equal(0, Probability.BinomialAtMost(-1, 10, 0.5));
        Assert.Equal(1, Probability.BinomialAtMost(10, 10, 0.5));
        Assert.Equal(1, Probability.BinomialAtMost(11, 10, 0.5));
        Assert.Equal(1, Probability.BinomialAtMost(0, 0, 0.3));
        Assert.Equal(1, Probability.BinomialAtMost(0, 10, 0));
        Assert.Equal(0, Probability.BinomialAtMost(9, 10, 1));
        Assert.Equal(1, Probability.BinomialAtMost(10, 10, 1));
        Assert.Equal(0, Probability.BinomialAtMost(0, 100_000, 0.5));
    }

    [Fact]
    public void A_probability_outside_zero_to_one_or_a_negative_n_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Probability.BinomialAtMost(1, 10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Probability.BinomialAtMost(1, 10, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Probability.BinomialAtMost(1, 10, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Probability.BinomialAtMost(1, -1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Probability.PoissonBinomialAtLeast(1, [0.5, 2]));
    }

    [Fact]
    public void Poisson_binomial_tail_equals_enumerating_every_outcome()
    {
        var random = new Random(4);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(0, 13);
            var probabilities = Enumerable.Range(0, n)
                .Select(_ => random.Next(8) switch
                {
                    0 => 0.0,
                    1 => 1.0,
                    2 => random.NextDouble() * 1e-3,
                    _ => random.NextDouble(),
                })
                .ToArray();
            var exactly = new double[n + 1];
            for (var outcome = 0; outcome < 1 << n; outcome++)
            {
                var p = 1.0;
                for (var i = 0; i < n; i++)
                {
                    p *= (outcome & (1 << i)) != 0 ? probabilities[i] : 1 - probabilities[i];
                }

                exactly[System.Numerics.BitOperations.PopCount((uint)outcome)] += p;
            }

            for (var k = -1; k <= n + 1; k++)
            {
                var expected = exactly.Skip(Math.Max(k, 0)).Sum();
                var actual = Probability.PoissonBinomialAtLeast(k, probabilities);
                Assert.True(Math.Abs(expected - actual) <= (1e-12 * expected) + 1e-15, $"n={n} k={k}: expected {expected:R}, got {actual:R}");
            }
        }
    }

    [Fact]
    public void Poisson_binomial_with_equal_probabilities_is_the_binomial_upper_tail()
    {
        double[] probabilities = [.. Enumerable.Repeat(0.38, 60)];
        for (var k = 0; k <= 61; k++)
        {
            Assert.Equal(1 - Probability.BinomialAtMost(k - 1, 60, 0.38), Probability.PoissonBinomialAtLeast(k, probabilities), 1e-13);
        }
    }

    [Fact]
    public void Twenty_four_sessions_without_a_woman_where_few_were_expected_is_very_unlikely()
    {
        // 100 panels of 4; with women at 38%, a panel has none with probability 0.62^4 ≈ 0.148: about 15 expected.
        double[] noWoman = [.. Enumerable.Repeat(Math.Pow(0.62, 4), 100)];

        var probability = Probability.PoissonBinomialAtLeast(24, noWoman);

        Assert.InRange(probability, 0.005, 0.03);
        Assert.Equal(1, Probability.PoissonBinomialAtLeast(0, noWoman));
        Assert.Equal(0, Probability.PoissonBinomialAtLeast(101, noWoman));
    }
}
