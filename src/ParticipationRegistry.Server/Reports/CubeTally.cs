namespace ParticipationRegistry.Server.Reports;

/// <summary>
/// A cube counted from a stream of rows (seats or people) with a struct key: as small as the number
/// of distinct combinations however many rows go through it.
/// </summary>
public sealed class CubeTally
{
    private readonly Dictionary<CubeKey, Cell> cells = [];

    private record struct CubeKey(int Group, int Region, int Gender, int Role, int Developing, long Attributes, int Attendance, bool CheckedIn);

    private struct Cell
    {
        public long Count;
        public long KeySum;
    }

    /// <summary>The sum of the extras added (for people: seats held by those with more than one).</summary>
    public long Extra { get; private set; }

    /// <summary>The number of units counted.</summary>
    public long Count { get; private set; }

    private void Add(int group, int region, int gender, int role, int developing, long attributes, long count, long keySum, int attendance = 0, bool checkedIn = false, long extra = 0)
    {
        ref var cell = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
            cells, new CubeKey(group, region, gender, role, developing, attributes, attendance, checkedIn), out _);
        cell.Count += count;
        cell.KeySum += keySum;
        Count += count;
        Extra += extra;
    }

    /// <summary>Adds a row whose values come packed as <c>SqliteReportStore</c> packs them.</summary>
    public void AddPacked(long packed, long count, long keySum, bool checkedIn = false, long extra = 0)
    {
        var bits = (ulong)packed;
        Add((int)(bits & 0xFF), (int)((bits >> 8) & 0xFF), (int)((bits >> 16) & 0xFF), (int)((bits >> 24) & 0xFF), (int)((bits >> 32) & 0xF) - 1,
            (long)(bits >> 48), count, keySum, (int)((bits >> 36) & 0xFFF), checkedIn, extra);
    }

    /// <summary>
    /// The cells in the order of their keys, not of the rows read: a report is then the same, to the last
    /// bit of every sum, whichever engine (and plan) gave the rows in whichever order.
    /// </summary>
    public List<CubeRow> Rows()
    {
        var rows = new List<CubeRow>(cells.Count);
        foreach (var (key, cell) in cells.OrderBy(c => (c.Key.Group, c.Key.Region, c.Key.Gender, c.Key.Role, c.Key.Developing, c.Key.Attributes, c.Key.Attendance, c.Key.CheckedIn)))
        {
            rows.Add(new CubeRow(key.Group, key.Region, key.Gender, key.Role, key.Developing, key.Attributes, key.Attendance, cell.Count, cell.KeySum, key.CheckedIn));
        }

        return rows;
    }
}
