using ParticipationRegistry.Server.Reports;

namespace ParticipationRegistry.Tests.Reports;

// Suppression at its threshold, complementary suppression, and subtraction attacks: a brute-force attacker
// (SubtractionAttack) tries every filling of the withheld cells consistent with everything shown and the
// public totals; every withheld cell must take at least two values.
public sealed class SuppressionTests
{
    private static bool[] Flags(string pattern) => [.. pattern.Select(c => c == 'x')];

    private static string Pattern(IEnumerable<bool> flags) => new([.. flags.Select(f => f ? 'x' : '.')]);

    private static string Pattern(bool[,] flags) =>
        string.Join("/", Enumerable.Range(0, flags.GetLength(0)).Select(r => Pattern(Enumerable.Range(0, flags.GetLength(1)).Select(c => flags[r, c]))));

    // One restricted variant of a breakdown against its unrestricted base: a one-row table of variants.
    // ForVariants refuses mismatched lengths and a restricted count above its base itself.
    private static bool[] AgainstBase(long[] restricted, long[] unrestricted, bool[] unrestrictedSuppressed, int k)
    {
        var table = new long[1, restricted.Length];
        for (var i = 0; i < restricted.Length; i++)
        {
            table[0, i] = restricted[i];
        }

        var decided = Suppression.ForVariants(table, unrestricted, unrestrictedSuppressed, k);
        return [.. Enumerable.Range(0, restricted.Length).Select(i => decided[0, i])];
    }

    // Values a withheld breakdown cell can take, given the public total and the shown cells.
    private static HashSet<long>[] AttackBreakdown(long[] counts, bool[] hidden)
    {
        var unknown = Enumerable.Range(0, counts.Length).Where(i => hidden[i]).ToArray();
        var seen = unknown.Select(_ => new HashSet<long>()).ToArray();
        if (unknown.Length == 0)
        {
            return seen;
        }

        var left = counts.Sum() - Enumerable.Range(0, counts.Length).Where(i => !hidden[i]).Sum(i => counts[i]);
        SubtractionAttack.Enumerate(unknown.Length, [([.. Enumerable.Range(0, unknown.Length)], left)], values =>
        {
            for (var i = 0; i < values.Length; i++)
            {
                seen[i].Add(values[i]);
            }
        });
        return seen;
    }

    private static long[] RandomCounts(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (long)(random.Next(3) == 0 ? 0 : random.Next(4) == 0 ? random.Next(3, 9) : random.Next(1, 4)))];

    private static long[,] RandomTable(Random random, int rows, int columns)
    {
        var table = new long[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                table[r, c] = random.Next(3) == 0 ? 0 : random.Next(5) == 0 ? random.Next(3, 7) : random.Next(1, 4);
            }
        }

        return table;
    }

    private static long[] RowSums(long[,] table) => [.. Enumerable.Range(0, table.GetLength(0)).Select(r => Enumerable.Range(0, table.GetLength(1)).Sum(c => table[r, c]))];

    private static long[] ColumnSums(long[,] table) => [.. Enumerable.Range(0, table.GetLength(1)).Select(c => Enumerable.Range(0, table.GetLength(0)).Sum(r => table[r, c]))];

    [Fact]
    public void A_cell_at_k_minus_one_is_withheld_and_one_at_k_is_shown()
    {
        Assert.Equal("xx.", Pattern(Suppression.ForBreakdown([2, 10, 12], 3)));
        Assert.Equal("...", Pattern(Suppression.ForBreakdown([3, 10, 12], 3)));
        Assert.Equal("xx..", Pattern(Suppression.ForBreakdown([4, 5, 7, 9], 5)));
        Assert.Equal("....", Pattern(Suppression.ForBreakdown([5, 5, 7, 9], 5)));
    }

    [Fact]
    public void A_zero_identifies_nobody_and_is_not_withheld_for_itself()
    {
        Assert.Equal("...", Pattern(Suppression.ForBreakdown([0, 10, 5], 3)));
    }

    [Fact]
    public void One_small_cell_takes_the_smallest_other_non_empty_cell_with_it_first_on_ties()
    {
        // Not the zero: the seats and the people holding them have the same empty categories, so a zero
        // withheld in one is shown in the other.
        Assert.Equal("x..x", Pattern(Suppression.ForBreakdown([2, 10, 0, 7], 3)));
        Assert.Equal("xx.", Pattern(Suppression.ForBreakdown([2, 5, 5], 3)));
        Assert.Equal("..xx", Pattern(Suppression.ForBreakdown([9, 4, 3, 1], 3)));
    }

    [Fact]
    public void A_small_cell_alone_in_its_breakdown_withholds_every_cell()
    {
        // Two panellists, both women: with every other category shown empty, the total would say it.
        Assert.Equal("xxx", Pattern(Suppression.ForBreakdown([2, 0, 0], 3)));
        Assert.Equal("xxxx", Pattern(Suppression.ForBreakdown([0, 0, 1, 0], 3)));
        Assert.Equal("....", Pattern(Suppression.ForBreakdown([0, 0, 3, 0], 3)));
    }

    [Fact]
    public void Two_small_cells_protect_each_other()
    {
        Assert.Equal("xx.", Pattern(Suppression.ForBreakdown([1, 2, 10], 3)));
        Assert.Equal("x.x.x", Pattern(Suppression.ForBreakdown([1, 9, 1, 9, 2], 3)));
    }

    [Fact]
    public void A_threshold_of_one_or_less_withholds_nothing()
    {
        foreach (var k in new[] { -1, 0, 1 })
        {
            Assert.Equal("...", Pattern(Suppression.ForBreakdown([1, 1, 0], k)));
            Assert.Equal("../..", Pattern(Suppression.ForCrossTab(new long[,] { { 1, 1 }, { 1, 0 } }, k)));
            Assert.Equal("..", Pattern(AgainstBase([1, 0], [2, 1], [false, false], k)));
        }
    }

    [Fact]
    public void Negative_or_mismatched_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Suppression.ForBreakdown([1, -1], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Suppression.ForCrossTab(new long[,] { { 1, -1 } }, 3));
        Assert.Throws<ArgumentException>(() => Suppression.ForCrossTab(new long[,] { { 1, 1 } }, 3, [false, false], [false, false]));
        Assert.Throws<ArgumentException>(() => AgainstBase([1, 2], [1], [false], 3));
        Assert.Throws<ArgumentException>(() => AgainstBase([3, 2], [2, 5], [false, false], 3));
    }

    [Fact]
    public void Subtraction_from_the_total_never_recovers_a_withheld_breakdown_cell()
    {
        var random = new Random(11);
        var checkedCells = 0;
        for (var trial = 0; trial < 2000; trial++)
        {
            var counts = RandomCounts(random, random.Next(2, 7));
            var k = random.Next(2, 6);

            var hidden = Suppression.ForBreakdown(counts, k);

            for (var i = 0; i < counts.Length; i++)
            {
                Assert.True(!(counts[i] >= 1 && counts[i] < k) || hidden[i], $"primary cell {i} of [{string.Join(", ", counts)}] shown at k={k}");
            }

            Assert.NotEqual(1, hidden.Count(h => h));
            foreach (var values in AttackBreakdown(counts, hidden))
            {
                Assert.True(values.Count >= 2, $"[{string.Join(", ", counts)}] k={k}: a withheld cell is recovered as {string.Join("|", values)}");
                checkedCells++;
            }
        }

        Assert.True(checkedCells > 1000);
    }

    [Fact]
    public void A_single_small_cell_in_a_cross_tab_takes_a_whole_rectangle_with_it()
    {
        Assert.Equal("xx/xx", Pattern(Suppression.ForCrossTab(new long[,] { { 1, 5 }, { 4, 6 } }, 3)));

        // The cheapest cycle through the 2: the rectangle through the smallest cells (10 + 10 + 3).
        var hidden = Suppression.ForCrossTab(new long[,] { { 2, 10, 10 }, { 10, 3, 10 }, { 10, 10, 4 } }, 3);

        Assert.Equal("xx./xx./...", Pattern(hidden));
    }

    [Fact]
    public void A_cell_joining_two_protected_blocks_is_not_left_as_a_bridge()
    {
        // Two 2×2 blocks of small cells and one small cell between them: every row and column holding a
        // withheld cell holds two, yet the middle cell is a bridge and follows from the totals unless more is withheld.
        var counts = new long[,]
        {
            { 1, 2, 3, 3 },
            { 2, 1, 1, 3 },
            { 3, 3, 2, 1 },
            { 3, 3, 1, 2 },
        };

        var hidden = Suppression.ForCrossTab(counts, 3);

        var bridgeOnly = (bool[,])SubtractionAttack.All(4, 4).Clone();
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                bridgeOnly[r, c] = counts[r, c] < 3;
            }
        }

        Assert.Single(SubtractionAttack.CrossTab(counts, bridgeOnly, new bool[4], new bool[4])[("cell", 1, 2)]);
        foreach (var (cell, values) in SubtractionAttack.CrossTab(counts, hidden, new bool[4], new bool[4]))
        {
            Assert.True(values.Count >= 2, $"{cell} recovered as {string.Join("|", values)} from {Pattern(hidden)}");
        }
    }

    [Fact]
    public void Subtraction_from_row_and_column_totals_never_recovers_a_withheld_cross_tab_cell()
    {
        var random = new Random(23);
        var checkedCells = 0;
        var pinned = 0;
        for (var trial = 0; trial < 400; trial++)
        {
            int rows = random.Next(2, 4), columns = random.Next(2, 5);
            var counts = RandomTable(random, rows, columns);
            var k = random.Next(2, 5);

            var hidden = Suppression.ForCrossTab(counts, k);

            var seen = SubtractionAttack.CrossTab(counts, hidden, new bool[rows], new bool[columns]);
            Dictionary<(string, int, int), HashSet<long>>? allHidden = null;
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    Assert.True(!(counts[r, c] >= 1 && counts[r, c] < k) || hidden[r, c], "a primary cell is shown");
                    if (!hidden[r, c])
                    {
                        continue;
                    }

                    if (seen[("cell", r, c)].Count >= 2)
                    {
                        checkedCells++;
                        continue;
                    }

                    // Only a cell the public totals decide on their own (nothing in the table could hide it) may be recovered.
                    allHidden ??= SubtractionAttack.CrossTab(counts, SubtractionAttack.All(rows, columns), new bool[rows], new bool[columns]);
                    Assert.True(allHidden[("cell", r, c)].Count == 1, $"cell ({r},{c}) recovered from {Pattern(hidden)} at k={k}");
                    pinned++;
                }
            }

            // Where a line holds a withheld cell it holds at least two, unless the totals alone decide the table there.
            for (var r = 0; r < rows && pinned == 0; r++)
            {
                var inRow = Enumerable.Range(0, columns).Count(c => hidden[r, c]);
                Assert.NotEqual(1, inRow);
            }
        }

        Assert.True(checkedCells > 500, $"only {checkedCells} cells checked");
        Assert.True(pinned < checkedCells / 20, $"{pinned} cells decided by the totals alone");
    }

    [Fact]
    public void A_table_decided_by_public_totals_cannot_be_protected_but_can_when_the_breakdowns_withheld_them()
    {
        // One person in the whole table: with every total public, the totals say where they are.
        var counts = new long[,] { { 2, 0 }, { 0, 0 } };

        var withPublicTotals = Suppression.ForCrossTab(counts, 3);

        Assert.True(withPublicTotals[0, 0]);
        Assert.Single(SubtractionAttack.CrossTab(counts, withPublicTotals, new bool[2], new bool[2])[("cell", 0, 0)]);

        // The breakdowns themselves withheld the small totals (and a complement each).
        var rowTotals = Suppression.ForBreakdown(RowSums(counts), 3);
        var columnTotals = Suppression.ForBreakdown(ColumnSums(counts), 3);
        Assert.Equal("xx", Pattern(rowTotals));

        var hidden = Suppression.ForCrossTab(counts, 3, rowTotals, columnTotals);

        foreach (var (cell, values) in SubtractionAttack.CrossTab(counts, hidden, rowTotals, columnTotals))
        {
            Assert.True(values.Count >= 2, $"{cell} recovered from {Pattern(hidden)}");
        }
    }

    [Fact]
    public void A_cross_tab_never_gives_away_a_total_its_breakdown_withheld()
    {
        // Gender breakdown [5 women, 1 non-binary, 0 self-described]: the 1 and the 5 are withheld. A table
        // showing the women's column in full would give 5, so non-binary = total − 5.
        var counts = new long[,] { { 3, 1, 0 }, { 2, 0, 0 } };
        var columnTotals = Suppression.ForBreakdown(ColumnSums(counts), 3);
        Assert.Equal("xx.", Pattern(columnTotals));
        var rowTotals = Suppression.ForBreakdown(RowSums(counts), 3);

        var hidden = Suppression.ForCrossTab(counts, 3, rowTotals, columnTotals);

        var seen = SubtractionAttack.CrossTab(counts, hidden, rowTotals, columnTotals);
        Assert.True(seen[("column", -1, 0)].Count >= 2);
        Assert.True(seen[("column", -1, 1)].Count >= 2);
        Assert.All(seen, e => Assert.True(e.Value.Count >= 2, $"{e.Key} recovered from {Pattern(hidden)}"));
    }

    [Fact]
    public void With_the_breakdowns_suppression_no_withheld_cell_or_total_is_recovered()
    {
        var random = new Random(31);
        var checkedCells = 0;
        var pinned = 0;
        for (var trial = 0; trial < 300; trial++)
        {
            int rows = random.Next(2, 4), columns = random.Next(2, 4);
            var counts = RandomTable(random, rows, columns);
            var k = random.Next(2, 5);
            var rowTotals = Suppression.ForBreakdown(RowSums(counts), k);
            var columnTotals = Suppression.ForBreakdown(ColumnSums(counts), k);

            var hidden = Suppression.ForCrossTab(counts, k, rowTotals, columnTotals);

            var seen = SubtractionAttack.CrossTab(counts, hidden, rowTotals, columnTotals);
            Dictionary<(string, int, int), HashSet<long>>? allHidden = null;
            foreach (var (key, values) in seen)
            {
                if (values.Count >= 2)
                {
                    checkedCells++;
                    continue;
                }

                allHidden ??= SubtractionAttack.CrossTab(counts, SubtractionAttack.All(rows, columns), rowTotals, columnTotals);
                Assert.True(allHidden[key].Count == 1, $"{key} recovered from {Pattern(hidden)} at k={k}");
                pinned++;
            }
        }

        Assert.True(checkedCells > 500, $"only {checkedCells} checked");
        Assert.True(pinned < checkedCells / 20, $"{pinned} decided by the totals alone");
    }

    [Fact]
    public void A_restricted_count_close_to_its_unrestricted_count_is_withheld()
    {
        // All unrestricted counts are shown; restricted 5 of 6: the one person left out would show.
        var hidden = AgainstBase([5, 10, 3], [6, 10, 3], [false, false, false], 3);

        Assert.True(hidden[0]);
        Assert.Equal(2, hidden.Count(h => h));
        Assert.Equal("...", Pattern(AgainstBase([5, 10, 3], [8, 10, 3], [false, false, false], 3)));
    }

    [Fact]
    public void A_complement_whose_unrestricted_count_is_a_shown_zero_is_not_chosen()
    {
        // The unrestricted 0 is shown, so a hidden restricted 0 beside the 1 would be known and the 1 would
        // follow from the restricted total: the 10 goes with it instead.
        long[] restricted = [1, 0, 10];
        long[] unrestricted = [3, 0, 12];

        var hidden = AgainstBase(restricted, unrestricted, [false, false, false], 3);

        Assert.Equal("x.x", Pattern(hidden));
        AssertNothingRecovered(restricted, unrestricted, [false, false, false], hidden, 3);
    }

    [Fact]
    public void Restricted_and_unrestricted_reports_together_never_reveal_a_small_group_left_out()
    {
        var random = new Random(47);
        var checkedCells = 0;
        for (var trial = 0; trial < 1500; trial++)
        {
            var length = random.Next(2, 6);
            var unrestricted = RandomCounts(random, length);
            var restricted = unrestricted.Select(u => random.Next(3) == 0 ? u : random.NextInt64(0, u + 1)).ToArray();
            var k = random.Next(2, 5);
            var unrestrictedHidden = Suppression.ForBreakdown(unrestricted, k);

            var hidden = AgainstBase(restricted, unrestricted, unrestrictedHidden, k);

            for (var i = 0; i < length; i++)
            {
                Assert.True(!(restricted[i] >= 1 && restricted[i] < k) || hidden[i], "a primary cell is shown");
                var difference = unrestricted[i] - restricted[i];
                Assert.False(!hidden[i] && !unrestrictedHidden[i] && difference >= 1 && difference < k, $"shown {restricted[i]} of shown {unrestricted[i]} at k={k}");
            }

            Assert.NotEqual(1, hidden.Count(h => h));
            checkedCells += AssertNothingRecovered(restricted, unrestricted, unrestrictedHidden, hidden, k);
        }

        Assert.True(checkedCells > 1000, $"only {checkedCells} checked");
    }

    [Fact]
    public void Onsite_and_remote_shown_beside_all_registrants_do_not_add_up_to_a_small_group()
    {
        // All registrants: 10 women, 10 men (shown). Onsite 4 and 5, remote 5 and 4: one woman and one man
        // are neither. Pairwise each variant is far from the whole; together 10 − 4 − 5 = 1.
        long[,] variants = { { 4, 5 }, { 5, 4 } };

        var hidden = Suppression.ForVariants(variants, [10, 10], [false, false], 3);

        Assert.Contains(true, hidden.Cast<bool>());
        var seen = SubtractionAttack.CrossTab(new long[,] { { 4, 5 }, { 5, 4 }, { 1, 1 } }, WithRest(hidden), [false, false, false], [false, false]);
        Assert.True(seen[("cell", 2, 0)].Count >= 2);
        Assert.True(seen[("cell", 2, 1)].Count >= 2);
    }

    [Fact]
    public void Variants_decided_as_one_table_never_let_a_withheld_count_be_recovered()
    {
        var random = new Random(53);
        var checkedCells = 0;
        for (var trial = 0; trial < 600; trial++)
        {
            int rows = random.Next(1, 4), columns = random.Next(2, 4);
            var variants = RandomTable(random, rows, columns);
            var rest = RandomCounts(random, columns).Select(r => random.Next(2) == 0 ? 0 : r).ToArray();
            var k = random.Next(2, 5);
            var base_ = ColumnSums(variants).Zip(rest, (v, r) => v + r).ToArray();
            var baseHidden = Suppression.ForBreakdown(base_, k);

            var hidden = Suppression.ForVariants(variants, base_, baseHidden, k);

            var table = new long[rows + 1, columns];
            for (var c = 0; c < columns; c++)
            {
                for (var r = 0; r < rows; r++)
                {
                    table[r, c] = variants[r, c];
                    Assert.True(!(variants[r, c] >= 1 && variants[r, c] < k) || hidden[r, c], "a primary cell is shown");
                }

                table[rows, c] = rest[c];
            }

            for (var r = 0; r < rows; r++)
            {
                Assert.NotEqual(1, Enumerable.Range(0, columns).Count(c => hidden[r, c]));
            }

            var seen = SubtractionAttack.CrossTab(table, WithRest(hidden), new bool[rows + 1], baseHidden);
            Dictionary<(string, int, int), HashSet<long>>? allHidden = null;
            void Check((string, int, int) key, string what)
            {
                if (seen[key].Count < 2)
                {
                    // Allowed only when the public figures decide it even with every variant cell withheld.
                    var everything = new bool[rows, columns];
                    for (var r = 0; r < rows; r++)
                    {
                        for (var c = 0; c < columns; c++)
                        {
                            everything[r, c] = true;
                        }
                    }

                    allHidden ??= SubtractionAttack.CrossTab(table, WithRest(everything), new bool[rows + 1], baseHidden);
                    Assert.True(allHidden[key].Count < 2, $"{what} recovered: trial {trial}, k={k}, {Pattern(hidden)}");
                }

                checkedCells++;
            }

            for (var c = 0; c < columns; c++)
            {
                for (var r = 0; r < rows; r++)
                {
                    if (hidden[r, c])
                    {
                        Check(("cell", r, c), $"variant {r} cell {c}");
                    }
                }

                if (rest[c] >= 1 && rest[c] < k)
                {
                    Check(("cell", rows, c), $"rest {c}");
                }

                if (baseHidden[c])
                {
                    Check(("column", -1, c), $"base {c}");
                }
            }
        }

        Assert.True(checkedCells > 500, $"only {checkedCells} checked");
    }

    // The variants' suppression plus a rest row that is never shown.
    private static bool[,] WithRest(bool[,] hidden)
    {
        int rows = hidden.GetLength(0), columns = hidden.GetLength(1);
        var table = new bool[rows + 1, columns];
        for (var c = 0; c < columns; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                table[r, c] = hidden[r, c];
            }

            table[rows, c] = true;
        }

        return table;
    }

    // Brute force over the restricted cells withheld, the unrestricted cells withheld and the people left out;
    // every withheld cell of either report, and every left-out count from 1 to k−1, must take two values
    // unless the public figures decide it even with every restricted cell withheld.
    private static int AssertNothingRecovered(long[] restricted, long[] unrestricted, bool[] unrestrictedHidden, bool[] hidden, int k)
    {
        var description = $"restricted [{string.Join(", ", restricted)}] {Pattern(hidden)}, unrestricted [{string.Join(", ", unrestricted)}] {Pattern(unrestrictedHidden)}, k={k}";
        var seen = AttackRestricted(restricted, unrestricted, unrestrictedHidden, hidden);
        (HashSet<long>[] Restricted, HashSet<long>[] LeftOut, HashSet<long>[] Unrestricted)? allHidden = null;
        void Check(bool recovered, Func<(HashSet<long>[] Restricted, HashSet<long>[] LeftOut, HashSet<long>[] Unrestricted), bool> decidedByTotals, string what)
        {
            if (recovered)
            {
                allHidden ??= AttackRestricted(restricted, unrestricted, unrestrictedHidden, [.. restricted.Select(_ => true)]);
                Assert.True(decidedByTotals(allHidden.Value), $"{what} recovered: {description}");
            }
        }

        var checkedCells = 0;
        for (var i = 0; i < restricted.Length; i++)
        {
            var index = i;
            Assert.Contains(restricted[i], seen.Restricted[i]);
            if (hidden[i])
            {
                Check(seen.Restricted[i].Count < 2, a => a.Restricted[index].Count < 2, $"restricted {i}");
                checkedCells++;
            }

            var leftOut = unrestricted[i] - restricted[i];
            if (leftOut >= 1 && leftOut < k)
            {
                Check(seen.LeftOut[i].Count < 2, a => a.LeftOut[index].Count < 2, $"left-out {i}");
                checkedCells++;
            }

            if (unrestrictedHidden[i])
            {
                Check(seen.Unrestricted[i].Count < 2, a => a.Unrestricted[index].Count < 2, $"unrestricted {i}");
                checkedCells++;
            }
        }

        return checkedCells;
    }

    // Unknowns: restricted cell i (when withheld) and left-out count i, for each i; unrestricted i is their sum.
    private static (HashSet<long>[] Restricted, HashSet<long>[] LeftOut, HashSet<long>[] Unrestricted) AttackRestricted(
        long[] restricted, long[] unrestricted, bool[] unrestrictedHidden, bool[] hidden)
    {
        var length = restricted.Length;
        var restrictedUnknown = new int[length];
        var leftOutUnknown = new int[length];
        var unknowns = 0;
        for (var i = 0; i < length; i++)
        {
            restrictedUnknown[i] = hidden[i] ? unknowns++ : -1;
            leftOutUnknown[i] = unknowns++;
        }

        var restrictedShown = Enumerable.Range(0, length).Where(i => !hidden[i]).Sum(i => restricted[i]);
        var equations = new List<(int[], long)>
        {
            ([.. restrictedUnknown.Where(u => u >= 0)], restricted.Sum() - restrictedShown),
            ([.. leftOutUnknown], unrestricted.Sum() - restricted.Sum()),
        };
        for (var i = 0; i < length; i++)
        {
            if (!unrestrictedHidden[i])
            {
                equations.Add(hidden[i] ? ([restrictedUnknown[i], leftOutUnknown[i]], unrestricted[i]) : ([leftOutUnknown[i]], unrestricted[i] - restricted[i]));
            }
        }

        var restrictedValues = Enumerable.Range(0, length).Select(_ => new HashSet<long>()).ToArray();
        var leftOutValues = Enumerable.Range(0, length).Select(_ => new HashSet<long>()).ToArray();
        var unrestrictedValues = Enumerable.Range(0, length).Select(_ => new HashSet<long>()).ToArray();
        SubtractionAttack.Enumerate(unknowns, equations.Where(e => e.Item1.Length > 0).ToList(), values =>
        {
            for (var i = 0; i < length; i++)
            {
                var r = hidden[i] ? values[restrictedUnknown[i]] : restricted[i];
                restrictedValues[i].Add(r);
                leftOutValues[i].Add(values[leftOutUnknown[i]]);
                unrestrictedValues[i].Add(r + values[leftOutUnknown[i]]);
            }
        });
        return (restrictedValues, leftOutValues, unrestrictedValues);
    }
}
