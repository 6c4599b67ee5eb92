namespace ParticipationRegistry.Server.Reports;

/// <summary>
/// A table as an attacker sees it: cells, shown or hidden, over a bipartite graph of row and column nodes
/// plus two hubs standing in for withheld totals. Finds and closes cycles of hidden cells for <see cref="Suppression"/>.
/// </summary>
internal sealed class AttackModel
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
