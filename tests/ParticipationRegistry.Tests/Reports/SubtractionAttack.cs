namespace ParticipationRegistry.Tests.Reports;

/// <summary>
/// An attacker with everything a caller is shown: enumerates every assignment of whole numbers ≥ 0 to the
/// unknowns that satisfies the public equations (each: a set of unknowns adds up to a known number).
/// Knows nothing of how the suppression was chosen; pure brute force, independent of the code under test.
/// </summary>
internal static class SubtractionAttack
{
    public static void Enumerate(int unknowns, IReadOnlyList<(int[] Unknowns, long Sum)> equations, Action<long[]> visit)
    {
        var containing = Enumerable.Range(0, unknowns).Select(u => equations.Where(e => e.Unknowns.Contains(u)).ToArray()).ToArray();
        foreach (var (members, _) in equations)
        {
            Assert.All(members, m => Assert.InRange(m, 0, unknowns - 1));
        }

        // Every unknown must be bounded by some equation, or the enumeration would not end.
        Assert.All(containing, c => Assert.NotEmpty(c));
        var values = new long[unknowns];
        var assigned = new bool[unknowns];
        Assign(0);

        void Assign(int u)
        {
            if (u == unknowns)
            {
                if (equations.All(e => e.Unknowns.Sum(m => values[m]) == e.Sum))
                {
                    visit(values);
                }

                return;
            }

            long high = long.MaxValue;
            long? forced = null;
            foreach (var (members, sum) in containing[u])
            {
                var partial = members.Where(m => assigned[m]).Sum(m => values[m]);
                high = Math.Min(high, sum - partial);
                if (members.All(m => m == u || assigned[m]))
                {
                    forced = sum - partial;
                }
            }

            assigned[u] = true;
            for (var v = forced ?? 0; v <= high && v >= 0 && (forced is null || v == forced); v++)
            {
                values[u] = v;
                Assign(u + 1);
            }

            assigned[u] = false;
        }
    }

    /// <summary>
    /// The values each withheld cell and each withheld line total can take, given the shown cells, the shown
    /// totals and the grand total. Keys: ("cell", r, c), ("row", r, -1), ("column", -1, c).
    /// </summary>
    public static Dictionary<(string Kind, int Row, int Column), HashSet<long>> CrossTab(long[,] counts, bool[,] hidden, IReadOnlyList<bool> rowHidden, IReadOnlyList<bool> columnHidden)
    {
        int rows = counts.GetLength(0), columns = counts.GetLength(1);
        var unknown = new List<(int Row, int Column)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (hidden[r, c])
                {
                    unknown.Add((r, c));
                }
            }
        }

        long ShownIn(Func<int, int, bool> inLine)
        {
            long sum = 0;
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    sum += inLine(r, c) && !hidden[r, c] ? counts[r, c] : 0;
                }
            }

            return sum;
        }

        long TotalOf(Func<int, int, bool> inLine)
        {
            long sum = 0;
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    sum += inLine(r, c) ? counts[r, c] : 0;
                }
            }

            return sum;
        }

        int[] UnknownsIn(Func<int, int, bool> inLine) => [.. unknown.Select((cell, i) => (cell, i)).Where(e => inLine(e.cell.Row, e.cell.Column)).Select(e => e.i)];

        var equations = new List<(int[], long)> { (UnknownsIn((_, _) => true), TotalOf((_, _) => true) - ShownIn((_, _) => true)) };
        for (var r = 0; r < rows; r++)
        {
            var row = r;
            if (!rowHidden[r])
            {
                equations.Add((UnknownsIn((rr, _) => rr == row), TotalOf((rr, _) => rr == row) - ShownIn((rr, _) => rr == row)));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            var column = c;
            if (!columnHidden[c])
            {
                equations.Add((UnknownsIn((_, cc) => cc == column), TotalOf((_, cc) => cc == column) - ShownIn((_, cc) => cc == column)));
            }
        }

        var seen = new Dictionary<(string, int, int), HashSet<long>>();
        foreach (var (r, c) in unknown)
        {
            seen[("cell", r, c)] = [];
        }

        for (var r = 0; r < rows; r++)
        {
            if (rowHidden[r])
            {
                seen[("row", r, -1)] = [];
            }
        }

        for (var c = 0; c < columns; c++)
        {
            if (columnHidden[c])
            {
                seen[("column", -1, c)] = [];
            }
        }

        Enumerate(unknown.Count, equations, values =>
        {
            for (var i = 0; i < unknown.Count; i++)
            {
                seen[("cell", unknown[i].Row, unknown[i].Column)].Add(values[i]);
            }

            for (var r = 0; r < rows; r++)
            {
                if (rowHidden[r])
                {
                    var row = r;
                    seen[("row", r, -1)].Add(ShownIn((rr, _) => rr == row) + unknown.Select((cell, i) => cell.Row == row ? values[i] : 0).Sum());
                }
            }

            for (var c = 0; c < columns; c++)
            {
                if (columnHidden[c])
                {
                    var column = c;
                    seen[("column", -1, c)].Add(ShownIn((_, cc) => cc == column) + unknown.Select((cell, i) => cell.Column == column ? values[i] : 0).Sum());
                }
            }
        });
        return seen;
    }

    public static bool[,] All(int rows, int columns)
    {
        var all = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                all[r, c] = true;
            }
        }

        return all;
    }
}
