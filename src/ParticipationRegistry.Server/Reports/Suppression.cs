using System.Runtime.CompilerServices;

namespace ParticipationRegistry.Server.Reports;

/// <summary>
/// Which cells of personal-data figures to withhold so that none can be recovered exactly from what
/// the same caller is shown: primary cells (1 to k−1), then complementary ones until every withheld
/// cell lies on a cycle of withheld cells (docs/PRIVACY.md, "Suppression design"). Pure.
/// </summary>
public static class Suppression
{
    /// <summary>
    /// Cells of one breakdown to suppress, aligned with <paramref name="counts"/>: primary (1 to k−1)
    /// and complementary (never a zero), so that no suppressed cell follows from the public total and the others.
    /// </summary>
    public static bool[] ForBreakdown(IReadOnlyList<long> counts, int k)
    {
        ArgumentNullException.ThrowIfNull(counts);
        RequireCounts(counts);
        var suppressed = counts.Select(c => IsPrimary(c, k)).ToArray();
        NeverOneAlone(suppressed, counts);
        return suppressed;
    }

    /// <summary>
    /// Cells of a cross-tab to suppress, given that each row's and each column's total is public:
    /// primary cells, then complementary cells until every suppressed cell lies on a cycle of suppressed cells.
    /// </summary>
    public static bool[,] ForCrossTab(long[,] counts, int k)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return ForCrossTab(counts, k, new bool[counts.GetLength(0)], new bool[counts.GetLength(1)]);
    }

    /// <summary>
    /// As <see cref="ForCrossTab(long[,], int)"/>, where some row and column totals are not public (the
    /// one-dimension breakdowns withheld them): those totals impose no equation, and the table is kept from
    /// revealing them. The grand total stays public.
    /// </summary>
    public static bool[,] ForCrossTab(long[,] counts, int k, IReadOnlyList<bool> rowTotalsSuppressed, IReadOnlyList<bool> columnTotalsSuppressed)
    {
        var (rows, columns) = Shape(counts);
        RequireLength(rowTotalsSuppressed, rows, "One flag per row and one per column.");
        RequireLength(columnTotalsSuppressed, columns, "One flag per row and one per column.");

        var suppressed = new bool[rows, columns];
        if (k <= 1)
        {
            return suppressed;
        }

        var table = new AttackModel(rows, columns);
        var cells = new int[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                RequireCount(counts[r, c], nameof(counts));
                var primary = IsPrimary(counts[r, c], k);
                cells[r, c] = table.AddCell(r, c, counts[r, c], hidden: primary, mustStayUnknown: primary);
            }
        }

        table.HideTotals(rowTotalsSuppressed, columnTotalsSuppressed);
        table.Protect();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                suppressed[r, c] = table.IsHidden(cells[r, c]);
            }
        }

        return suppressed;
    }

    /// <summary>
    /// For several variants of one breakdown published together, each a disjoint part of the same
    /// people (onsite and remote registrants within all registrants; a meeting's seats by session kind):
    /// the cells of each variant to suppress, decided as one table with a hidden row for the people in no
    /// variant and the base as its column totals (public where <paramref name="baseSuppressed"/> shows them).
    /// </summary>
    /// <param name="restIsPersonal">
    /// The rest is itself personal whole (one session's panel): every non-empty count of it must stay
    /// unknown, not only those from 1 to k−1.
    /// </param>
    public static bool[,] ForVariants(long[,] variants, IReadOnlyList<long> baseCounts, IReadOnlyList<bool> baseSuppressed, int k, bool restIsPersonal = false)
    {
        var (rows, columns) = Shape(variants);
        RequireLength(baseCounts, columns, "The variants and the base have the same categories.");
        RequireLength(baseSuppressed, columns, "The variants and the base have the same categories.");

        RequireCounts(baseCounts);
        var rest = new long[columns];
        for (var c = 0; c < columns; c++)
        {
            rest[c] = baseCounts[c];
            for (var r = 0; r < rows; r++)
            {
                RequireCount(variants[r, c], nameof(variants));
                rest[c] -= variants[r, c];
            }

            if (rest[c] < 0)
            {
                throw new ArgumentException("The variants exceed the base: not disjoint parts of the same people.", nameof(variants));
            }
        }

        var suppressed = new bool[rows, columns];
        if (k <= 1)
        {
            return suppressed;
        }

        var table = new AttackModel(rows + 1, columns);
        var cells = new int[rows, columns];
        for (var c = 0; c < columns; c++)
        {
            // A small rest under a shown base count is the base minus the variants: one of them (the
            // smallest non-zero, first on ties) is withheld from the start unless one already is.
            var restMustStayUnknown = restIsPersonal ? rest[c] > 0 : IsPrimary(rest[c], k);
            var restGivenAway = restMustStayUnknown && !baseSuppressed[c]
                && !Enumerable.Range(0, rows).Any(r => IsPrimary(variants[r, c], k));
            var cover = restGivenAway
                ? Enumerable.Range(0, rows).Where(r => variants[r, c] > 0).OrderBy(r => variants[r, c]).ThenBy(r => r).DefaultIfEmpty(-1).First()
                : -1;
            for (var r = 0; r < rows; r++)
            {
                var primary = IsPrimary(variants[r, c], k) || r == cover;
                cells[r, c] = table.AddCell(r, c, variants[r, c], hidden: primary, mustStayUnknown: primary);
            }

            table.AddCell(rows, c, rest[c], hidden: true, mustStayUnknown: restMustStayUnknown);
        }

        table.HideTotals(new bool[rows + 1], baseSuppressed);
        table.Protect();
        for (var r = 0; r < rows; r++)
        {
            var row = new bool[columns];
            var counts = new long[columns];
            for (var c = 0; c < columns; c++)
            {
                row[c] = table.IsHidden(cells[r, c]);
                counts[c] = variants[r, c];
            }

            // Only reached when the public figures decide the lone cell anyway; a variant alone still never shows one.
            NeverOneAlone(row, counts);
            for (var c = 0; c < columns; c++)
            {
                suppressed[r, c] = row[c];
            }
        }

        return suppressed;
    }

    // A single suppressed cell of a breakdown is its total minus the others: take the smallest other
    // non-zero cell along (first on ties). Zeros are no cover: the same categories are empty for the
    // seats and for the people holding them, so one population's shown zero gives the other's away.
    // When no other cell is non-zero the lone cell is the whole total: then every cell is withheld,
    // so that which category it is stays unknown.
    private static void NeverOneAlone(bool[] suppressed, IReadOnlyList<long> counts)
    {
        if (suppressed.Count(s => s) != 1)
        {
            return;
        }

        var complement = Enumerable.Range(0, counts.Count)
            .Where(i => !suppressed[i] && counts[i] > 0)
            .OrderBy(i => counts[i])
            .ThenBy(i => i)
            .DefaultIfEmpty(-1)
            .First();
        if (complement >= 0)
        {
            suppressed[complement] = true;
        }
        else
        {
            Array.Fill(suppressed, true);
        }
    }

    private static (int Rows, int Columns) Shape(long[,] table, [CallerArgumentExpression(nameof(table))] string? parameter = null)
    {
        ArgumentNullException.ThrowIfNull(table, parameter);
        return (table.GetLength(0), table.GetLength(1));
    }

    private static void RequireLength<T>(IReadOnlyList<T> values, int length, string message, [CallerArgumentExpression(nameof(values))] string? parameter = null)
    {
        ArgumentNullException.ThrowIfNull(values, parameter);
        if (values.Count != length)
        {
            throw new ArgumentException(message, parameter);
        }
    }

    private static bool IsPrimary(long count, int k) => count >= 1 && count < k;

    private static void RequireCounts(IReadOnlyList<long> counts)
    {
        foreach (var count in counts)
        {
            RequireCount(count, nameof(counts));
        }
    }

    private static void RequireCount(long count, string parameter)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(parameter, count, "Counts are never negative.");
        }
    }
}
