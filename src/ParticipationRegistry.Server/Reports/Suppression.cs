namespace ParticipationRegistry.Server.Reports;

/// <summary>Which cells of personal-data figures to withhold so that none can be recovered. Pure.</summary>
public static class Suppression
{
    /// <summary>
    /// Cells of one breakdown to suppress, aligned with <paramref name="counts"/>: primary (1 to k−1)
    /// and complementary, so that no suppressed cell follows from the public total and the others.
    /// </summary>
    public static bool[] ForBreakdown(IReadOnlyList<long> counts, int k) => throw new NotImplementedException();

    /// <summary>
    /// Cells of a cross-tab to suppress, given that each row's and each column's total may be public:
    /// primary cells, then complementary cells until no row or column has exactly one suppressed cell.
    /// </summary>
    public static bool[,] ForCrossTab(long[,] counts, int k) => throw new NotImplementedException();

    /// <summary>
    /// For a restricted variant of a report (a subset of the same people): also suppresses a cell
    /// whose difference from the unrestricted count (when that is shown) would be 1 to k−1, then
    /// completes the complementary suppression.
    /// </summary>
    public static bool[] AgainstBase(IReadOnlyList<long> restricted, IReadOnlyList<long> unrestricted, IReadOnlyList<bool> unrestrictedSuppressed, int k) =>
        throw new NotImplementedException();
}
