namespace ParticipationRegistry.Server.Reports;

/// <summary>Which cells of personal-data figures to withhold so that none can be recovered. Pure.</summary>
/// <remarks>
/// <para>
/// Primary suppression: a count from 1 to k−1 is withheld (a zero identifies nobody and is shown). k ≤ 1 means
/// no suppression: the caller may see personal data.
/// </para>
/// <para>
/// What "cannot be recovered" means here: take everything the same caller is shown — the shown cells, the
/// public totals (the size of the programme or room, and a table's row and column totals) — and every way
/// of filling the withheld cells with whole numbers ≥ 0 that agrees with all of it. Every withheld cell
/// takes at least two different values across those fillings, so subtracting shown figures from totals,
/// from neighbouring rows, from a restricted variant or from one another never pins it down. It is a
/// guarantee against exact recovery, not a width: a withheld 1 may still be known to lie between 0 and 2,
/// and an attacker who reasons about how the complementary cells were chosen is not considered.
/// </para>
/// <para>
/// Why cycles decide it. Give the table a bipartite graph: one node per row, one per column, one edge per
/// withheld cell. Moving one person around a cycle of withheld cells (+1, −1, +1, … alternating, which a
/// bipartite cycle always allows) keeps every row and column total, so every cell on a cycle has a second
/// value — provided the cells the move lowers are ≥ 1. Conversely, the difference between two fillings keeps
/// every total, so it decomposes into such cycles (conformal decomposition of a circulation): a cell on no
/// feasible cycle has one value only. So each withheld cell must lie on a cycle of withheld cells whose
/// lowered cells are ≥ 1. In particular each row and column holding a withheld cell holds at least two,
/// but that alone is not enough (two cycles joined by one cell: that cell is a bridge and follows from the
/// totals), so the cycles are searched for, not counted. A total that is itself withheld imposes no
/// equation: its line joins a hub node (one for rows, one for columns, kept apart because the grand total
/// stays public), and a withheld total must itself lie on a cycle, so the table cannot give it away either.
/// </para>
/// <para>
/// When a withheld cell lies on no cycle, the cheapest path that closes one (fewest newly withheld cells,
/// then the smallest counts) is withheld too. A cell on no cycle even with every cell withheld is
/// determined by the public totals alone (a table with one non-empty row, say); it is withheld anyway, but
/// no choice within the table can protect it: the totals that decide it must themselves be withheld, which
/// the overload taking withheld totals lets the caller say.
/// </para>
/// </remarks>
public static class Suppression
{
    /// <summary>
    /// Cells of one breakdown to suppress, aligned with <paramref name="counts"/>: primary (1 to k−1)
    /// and complementary, so that no suppressed cell follows from the public total and the others.
    /// </summary>
    /// <remarks>
    /// With a single primary cell, the smallest other non-empty cell (first on ties) is withheld as well: the
    /// withheld cells then add up to the total minus the shown ones, split in at least two ways, each ≥ 1. A
    /// zero is no cover, because empty categories are public in effect: a category is empty for the seats
    /// exactly when it is empty for the people holding them, and one of the two shows it. When the primary
    /// cell is the only non-empty one, every cell is withheld (the shown zeros would leave it equal to the
    /// total). With two or more primary cells (each ≥ 1) one person can always move between two of them.
    /// A breakdown of one category is its total and cannot be protected. For attributes, whose rows need not
    /// add up to the total, the total is treated as if they did (the case where nobody has two attributes),
    /// which is the stronger assumption.
    /// </remarks>
    public static bool[] ForBreakdown(IReadOnlyList<long> counts, int k)
    {
        ArgumentNullException.ThrowIfNull(counts);
        RequireCounts(counts);
        var suppressed = counts.Select(c => IsPrimary(c, k)).ToArray();
        NeverOneAlone(suppressed, counts);
        return suppressed;
    }

    /// <summary>
    /// Cells of a cross-tab to suppress, given that each row's and each column's total may be public:
    /// primary cells, then complementary cells until no row or column has exactly one suppressed cell.
    /// </summary>
    /// <remarks>
    /// Stronger than the summary says: every suppressed cell lies on a cycle of suppressed cells (see the
    /// class remarks), so it takes at least two values given every row and column total and the shown cells,
    /// unless those totals alone determine it.
    /// </remarks>
    public static bool[,] ForCrossTab(long[,] counts, int k)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return ForCrossTab(counts, k, new bool[counts.GetLength(0)], new bool[counts.GetLength(1)]);
    }

    /// <summary>
    /// As <see cref="ForCrossTab(long[,], int)"/>, where some row and column totals are not public (the
    /// one-dimension breakdowns withheld them): those totals impose no equation, and the table is kept from
    /// revealing them.
    /// </summary>
    /// <remarks>
    /// Needed when a breakdown withheld a small total: with that total assumed public, a row whose only
    /// non-zero cell is small could never be protected; and a table showing every cell of a withheld total's
    /// line would give the withheld total away. The grand total stays public. A line's total must be the sum
    /// of its cells for this to be exact, which attribute lines (a person in several) are not: pass their
    /// totals as public, the stronger assumption.
    /// </remarks>
    public static bool[,] ForCrossTab(long[,] counts, int k, IReadOnlyList<bool> rowTotalsSuppressed, IReadOnlyList<bool> columnTotalsSuppressed)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(rowTotalsSuppressed);
        ArgumentNullException.ThrowIfNull(columnTotalsSuppressed);
        int rows = counts.GetLength(0), columns = counts.GetLength(1);
        if (rowTotalsSuppressed.Count != rows || columnTotalsSuppressed.Count != columns)
        {
            throw new ArgumentException("One flag per row and one per column.", nameof(rowTotalsSuppressed));
        }

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
    /// For a restricted variant of a report (a subset of the same people): also suppresses a cell
    /// whose difference from the unrestricted count (when that is shown) would be 1 to k−1, then
    /// completes the complementary suppression.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The caller sees the restricted breakdown and its total, the unrestricted breakdown as suppressed by
    /// <paramref name="unrestrictedSuppressed"/> and its total; subtracting gives the people left out by the
    /// restriction. Modelled as a two-row table — the restricted people (cells to decide) and those left out
    /// (never shown) — whose column totals are the unrestricted counts, public where shown, and whose row
    /// totals are public. Withheld first: restricted counts from 1 to k−1, and restricted counts whose shown
    /// unrestricted count exceeds them by 1 to k−1. Then cycles are closed (see the class remarks).
    /// </para>
    /// <para>
    /// Guaranteed, with the attributes caveat of <see cref="ForBreakdown"/>: every suppressed restricted
    /// cell, every left-out count from 1 to k−1, and every suppressed unrestricted count takes at least two
    /// values consistent with both breakdowns and both totals — unless those public figures decide it even
    /// with every restricted cell withheld (say the totals differ by 1 and the unrestricted report shows
    /// every other category empty: the one person left out is in the remaining category whatever is
    /// withheld). So a shown restricted count next to a shown unrestricted one never differs by 1 to k−1, the
    /// restricted figures do not undo the unrestricted report's suppression, and the restricted breakdown
    /// alone never has exactly one suppressed cell.
    /// </para>
    /// <para>
    /// Not covered: several variants of one base published together (onsite and remote registrants, both
    /// within all registrants), where each pair passing says nothing of the three at once. Decide such a
    /// partition as one table instead — a row per variant, the base as its column totals — with
    /// <see cref="ForCrossTab(long[,], int, IReadOnlyList{bool}, IReadOnlyList{bool})"/>, which is this
    /// method's model with every row published.
    /// </para>
    /// </remarks>
    public static bool[] AgainstBase(IReadOnlyList<long> restricted, IReadOnlyList<long> unrestricted, IReadOnlyList<bool> unrestrictedSuppressed, int k)
    {
        ArgumentNullException.ThrowIfNull(restricted);
        ArgumentNullException.ThrowIfNull(unrestricted);
        ArgumentNullException.ThrowIfNull(unrestrictedSuppressed);
        if (unrestricted.Count != restricted.Count || unrestrictedSuppressed.Count != restricted.Count)
        {
            throw new ArgumentException("The restricted and unrestricted breakdowns have the same categories.", nameof(unrestricted));
        }

        RequireCounts(restricted);
        RequireCounts(unrestricted);
        for (var i = 0; i < restricted.Count; i++)
        {
            if (restricted[i] > unrestricted[i])
            {
                throw new ArgumentException("A restricted count exceeds its unrestricted count: not a subset of the same people.", nameof(restricted));
            }
        }

        var table = new long[1, restricted.Count];
        for (var i = 0; i < restricted.Count; i++)
        {
            table[0, i] = restricted[i];
        }

        var decided = ForVariants(table, unrestricted, unrestrictedSuppressed, k);
        return Enumerable.Range(0, restricted.Count).Select(i => decided[0, i]).ToArray();
    }

    /// <summary>
    /// For several variants of one breakdown published together, each a disjoint part of the same
    /// people (onsite and remote registrants within all registrants; a meeting's seats by session kind):
    /// the cells of each variant to suppress, decided as one table.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The table has a row per variant and one more for the people in no variant (never shown); its column
    /// totals are the base breakdown, public where <paramref name="baseSuppressed"/> shows them, and its
    /// row totals are public (each variant's size, and the base's total minus theirs). Withheld first:
    /// variant counts from 1 to k−1, and, where the rest is 1 to k−1 under a shown base count and no
    /// variant of that category is withheld yet, its smallest non-zero variant count (so no shown
    /// variants add up to within k of a shown base count). The rest's small counts must stay unknown too. Then
    /// cycles are closed (see the class remarks), and each variant row on its own never keeps exactly one
    /// suppressed cell.
    /// </para>
    /// <para>
    /// Guaranteed, with the attributes caveat of <see cref="ForBreakdown"/>: every suppressed variant cell,
    /// every count of the rest from 1 to k−1 and every suppressed base count takes at least two values
    /// consistent with every variant, the base and all their totals at once, unless those public figures
    /// decide it even with every variant cell withheld. A single variant is
    /// <see cref="AgainstBase"/>.
    /// </para>
    /// </remarks>
    /// <param name="restIsPersonal">
    /// The rest is itself personal whole (one session's panel): every non-empty count of it must stay
    /// unknown, not only those from 1 to k−1.
    /// </param>
    public static bool[,] ForVariants(long[,] variants, IReadOnlyList<long> baseCounts, IReadOnlyList<bool> baseSuppressed, int k, bool restIsPersonal = false)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(baseCounts);
        ArgumentNullException.ThrowIfNull(baseSuppressed);
        int rows = variants.GetLength(0), columns = variants.GetLength(1);
        if (baseCounts.Count != columns || baseSuppressed.Count != columns)
        {
            throw new ArgumentException("The variants and the base have the same categories.", nameof(baseCounts));
        }

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

    /// <summary>
    /// A table as an attacker sees it: cells, shown or hidden, over a bipartite graph of row and column nodes
    /// plus two hubs standing in for withheld totals. Finds and closes cycles (see the class remarks).
    /// </summary>
    private sealed class AttackModel
    {
        private readonly int rows;
        private readonly int columns;
        private readonly List<Cell> cells = [];
        private readonly List<int>[] cellsAt;

        public AttackModel(int rows, int columns)
        {
            this.rows = rows;
            this.columns = columns;
            cellsAt = Enumerable.Range(0, rows + columns + 2).Select(_ => new List<int>()).ToArray();
        }

        // The hub of withheld row totals sits on the column side; that of withheld column totals on the row side.
        private int HiddenRowTotalsHub => rows + columns;

        private int HiddenColumnTotalsHub => rows + columns + 1;

        public int AddCell(int row, int column, long value, bool hidden, bool mustStayUnknown) =>
            Add(new Cell(row, rows + column, value) { Hidden = hidden, MustStayUnknown = mustStayUnknown });

        public bool IsHidden(int cell) => cells[cell].Hidden;

        // A withheld total becomes an unbounded, always hidden cell between its line and the hub: the line's sum may change.
        public void HideTotals(IReadOnlyList<bool> rowTotals, IReadOnlyList<bool> columnTotals)
        {
            for (var r = 0; r < rows; r++)
            {
                if (rowTotals[r])
                {
                    Add(new Cell(r, HiddenRowTotalsHub, long.MaxValue) { Hidden = true, MustStayUnknown = true });
                }
            }

            for (var c = 0; c < columns; c++)
            {
                if (columnTotals[c])
                {
                    Add(new Cell(HiddenColumnTotalsHub, rows + c, long.MaxValue) { Hidden = true, MustStayUnknown = true });
                }
            }
        }

        // Until every cell that must stay unknown lies on a cycle of hidden cells (or on none even with all hidden).
        // Closing a cycle only adds hidden cells, which never breaks another cycle, and each cell it adds is on that cycle.
        public void Protect()
        {
            for (var changed = true; changed;)
            {
                changed = false;
                for (var t = 0; t < cells.Count; t++)
                {
                    if (cells[t].MustStayUnknown && Close(t))
                    {
                        changed = true;
                    }
                }
            }
        }

        private int Add(Cell cell)
        {
            cells.Add(cell);
            cellsAt[cell.Row].Add(cells.Count - 1);
            cellsAt[cell.Column].Add(cells.Count - 1);
            return cells.Count - 1;
        }

        // Hides the cheapest set of shown cells that puts cell t on a cycle; false when none is needed or none exists.
        private bool Close(int t)
        {
            var cell = cells[t];
            // Raising t (row → column) is closed by a path back from its column to its row; lowering it the other way.
            var raise = CheapestPath(cell.Column, cell.Row, t);
            var lower = cell.Value >= 1 ? CheapestPath(cell.Row, cell.Column, t) : null;
            var best = (raise, lower) switch
            {
                (null, _) => lower,
                (_, null) => raise,
                _ => raise.Value.Cost.CompareTo(lower.Value.Cost) <= 0 ? raise : lower,
            };
            if (best is not { } path || path.Cost == default)
            {
                return false;
            }

            foreach (var c in path.Cells)
            {
                cells[c].Hidden = true;
                cells[c].MustStayUnknown = true;
            }

            return true;
        }

        // Dijkstra over moves: a cell can always be raised (row → column) and lowered (column → row) when ≥ 1.
        // Hidden cells cost nothing; a shown one costs one more hidden cell and its count.
        private (List<int> Cells, (long NewCells, long Counts) Cost)? CheapestPath(int from, int to, int excluded)
        {
            var nodes = cellsAt.Length;
            var cost = Enumerable.Repeat((NewCells: long.MaxValue, Counts: long.MaxValue), nodes).ToArray();
            var via = Enumerable.Repeat(-1, nodes).ToArray();
            var done = new bool[nodes];
            var queue = new PriorityQueue<int, (long, long)>();
            cost[from] = (0, 0);
            queue.Enqueue(from, cost[from]);
            while (queue.TryDequeue(out var node, out _))
            {
                if (done[node])
                {
                    continue;
                }

                done[node] = true;
                if (node == to)
                {
                    break;
                }

                foreach (var c in cellsAt[node])
                {
                    var cell = cells[c];
                    if (c == excluded || (node == cell.Column && cell.Value < 1))
                    {
                        continue;
                    }

                    var next = node == cell.Row ? cell.Column : cell.Row;
                    var step = cell.Hidden ? (0L, 0L) : (1L, cell.Value);
                    var candidate = (cost[node].NewCells + step.Item1, cost[node].Counts + step.Item2);
                    if (!done[next] && candidate.CompareTo(cost[next]) < 0)
                    {
                        cost[next] = candidate;
                        via[next] = c;
                        queue.Enqueue(next, candidate);
                    }
                }
            }

            if (!done[to])
            {
                return null;
            }

            var path = new List<int>();
            for (var node = to; node != from;)
            {
                var cell = cells[via[node]];
                if (!cell.Hidden)
                {
                    path.Add(via[node]);
                }

                node = node == cell.Row ? cell.Column : cell.Row;
            }

            return (path, cost[to]);
        }

        private sealed class Cell(int row, int column, long value)
        {
            public int Row { get; } = row;

            public int Column { get; } = column;

            public long Value { get; } = value;

            public bool Hidden { get; set; }

            public bool MustStayUnknown { get; set; }
        }
    }
}
