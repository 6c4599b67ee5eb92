namespace ParticipationRegistry.Server.Reports;

/// <summary>The probabilities behind a report's baselines, exact to near machine precision. Pure.</summary>
public static class Probability
{
    /// <summary>P(X ≤ x) for X ~ Binomial(n, q).</summary>
    /// <remarks>
    /// Exact: the probabilities are added one by one, starting from the largest in the tail summed and moving
    /// away from the mode until the terms no longer change the sum. The starting term comes from Loader's
    /// saddle-point form (C. Loader, "Fast and accurate computation of binomial probabilities", 2000), which
    /// keeps its relative error near machine precision for any n, where log-gamma differences of numbers near
    /// n·ln n would lose digits. Below the mode the lower tail is summed; from the mode on, 1 − the upper
    /// tail. x &lt; 0 gives 0 and x ≥ n gives 1.
    /// </remarks>
    public static double BinomialAtMost(long x, long n, double q)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A probability is between 0 and 1.");
        }

        if (x < 0)
        {
            return 0;
        }

        if (x >= n || q == 0)
        {
            return 1;
        }

        if (q == 1)
        {
            return 0;
        }

        var p = 1 - q;
        var mode = (long)Math.Floor((n + 1) * q);
        if (x < mode)
        {
            // pmf(i − 1) = pmf(i) · i / (n − i + 1) · p / q, each step smaller below the mode.
            return Math.Min(1, SumAway(BinomialProbability(x, n, q, p), x, i => i >= 1, i => i * p / ((n - i + 1) * q), -1));
        }

        // pmf(i + 1) = pmf(i) · (n − i) / (i + 1) · q / p, each step smaller above the mode.
        var upper = SumAway(BinomialProbability(x + 1, n, q, p), x + 1, i => i < n, i => (n - i) * q / ((i + 1) * p), +1);
        return Math.Max(0, 1 - upper);
    }

    /// <summary>P(Y ≥ k) where Y is the number of successes of independent trials with the given probabilities.</summary>
    /// <remarks>
    /// Exact dynamic programme in O(n·k): the distribution of the successes so far below k, and the
    /// probability of having reached k, carried separately so that a small tail is not the difference of two
    /// numbers near 1. k ≤ 0 gives 1; k above the number of trials gives 0.
    /// </remarks>
    public static double PoissonBinomialAtLeast(int k, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (k <= 0)
        {
            return 1;
        }

        if (k > probabilities.Count)
        {
            return 0;
        }

        // below[j] = P(exactly j successes so far), j < k; reached = P(at least k so far).
        var below = new double[k];
        below[0] = 1;
        var reached = 0.0;
        foreach (var p in probabilities)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(probabilities), p, "A probability is between 0 and 1.");
            }

            reached += below[k - 1] * p;
            for (var j = k - 1; j >= 1; j--)
            {
                below[j] = (below[j] * (1 - p)) + (below[j - 1] * p);
            }

            below[0] *= 1 - p;
        }

        return Math.Min(1, reached);
    }

    // Adds first, first·ratio(i), ... stepping i by step while more(i), until a term no longer changes the sum.
    private static double SumAway(double first, long start, Func<long, bool> more, Func<long, double> ratio, int step)
    {
        var sum = first;
        var term = first;
        for (var i = start; term > 0 && more(i); i += step)
        {
            term *= ratio(i);
            var next = sum + term;
            if (next == sum)
            {
                break;
            }

            sum = next;
        }

        return sum;
    }

    // P(X = x), X ~ Binomial(n, q), with p = 1 − q (Loader's dbinom).
    private static double BinomialProbability(long x, long n, double q, double p)
    {
        if (x == 0)
        {
            return Math.Exp(q < 0.1 ? -Deviance(n, n * p) - (n * q) : n * Math.Log(p));
        }

        if (x == n)
        {
            return Math.Exp(p < 0.1 ? -Deviance(n, n * q) - (n * p) : n * Math.Log(q));
        }

        var logScaled = StirlingError(n) - StirlingError(x) - StirlingError(n - x) - Deviance(x, n * q) - Deviance(n - x, n * p);
        var logDenominator = Math.Log(2 * Math.PI) + Math.Log(x) + Math.Log(n - x) - Math.Log(n);
        return Math.Exp(logScaled - (0.5 * logDenominator));
    }

    // ln n! − ln(√(2πn) (n/e)^n), exact for n ≤ 15 and from its asymptotic series above.
    private static double StirlingError(long n)
    {
        if (n <= 15)
        {
            return StirlingErrors[n];
        }

        double nn = (double)n * n;
        const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
        return n switch
        {
            > 500 => (s0 - (s1 / nn)) / n,
            > 80 => (s0 - ((s1 - (s2 / nn)) / nn)) / n,
            > 35 => (s0 - ((s1 - ((s2 - (s3 / nn)) / nn)) / nn)) / n,
            _ => (s0 - ((s1 - ((s2 - ((s3 - (s4 / nn)) / nn)) / nn)) / nn)) / n,
        };
    }

    private static readonly double[] StirlingErrors =
    [
        0.0,
        0.0810614667953272582196702,
        0.0413406959554092940938221,
        0.02767792568499833914878929,
        0.02079067210376509311152277,
        0.01664469118982119216319487,
        0.01387612882307074799874573,
        0.01189670994589177009505572,
        0.010411265261972096497478567,
        0.009255462182712732917728637,
        0.008330563433362871256469318,
        0.007573675487951840794972024,
        0.006942840107209529865664152,
        0.006408994188004207068439631,
        0.005951370112758847735624416,
        0.005554733551962801371038690,
    ];

    // x ln(x / m) + m − x, by its series when x is near m, where the direct form cancels.
    private static double Deviance(double x, double m)
    {
        if (Math.Abs(x - m) < 0.1 * (x + m))
        {
            var v = (x - m) / (x + m);
            var sum = (x - m) * v;
            var term = 2 * x * v;
            v *= v;
            for (var j = 1; j < 1000; j++)
            {
                term *= v;
                var next = sum + (term / ((2 * j) + 1));
                if (next == sum)
                {
                    return next;
                }

                sum = next;
            }

            return sum;
        }

        return (x * Math.Log(x / m)) + m - x;
    }
}
