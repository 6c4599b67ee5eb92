namespace ParticipationRegistry.Server.Reports;

// The report domain: plain records the statistics and suppression decide over. Nothing here knows
// gRPC or SQL. Category keys are the API's enum value names.

/// <summary>A dimension people are counted along (the API's ReportDimension).</summary>
public enum Dimension
{
    StakeholderGroup,
    RegionalGroup,
    Gender,
    Attribute,
    Role,
    DevelopingCountry,
}

/// <summary>Who is counted (the API's Population).</summary>
public enum Population
{
    Seats,
    Panellists,
    Registrants,
    RegistrantsOnsite,
    RegistrantsRemote,
    RegistrantsCheckedIn,
}

/// <summary>
/// A group of identical seats or people and how many there are: what SQL's GROUP BY returns, so
/// memory does not grow with the number of seats.
/// </summary>
/// <param name="Group">StakeholderGroup number (0 = not recorded).</param>
/// <param name="Region">RegionalGroup number (0 = unassigned).</param>
/// <param name="Gender">Gender number (0 = not recorded, 5 = declined).</param>
/// <param name="Role">ParticipantRole number for seats; 0 for people.</param>
/// <param name="Developing">1 = LDC/LLDC/SIDS country, 0 = another country, -1 = no country.</param>
/// <param name="Attributes">Bit (1 &lt;&lt; value) per StakeholderAttribute.</param>
/// <param name="Attendance">Attendance number for registrants; 0 otherwise.</param>
/// <param name="KeySum">The sum of the record keys of the units counted (a seat holds its person's key): what cell keys are made of.</param>
/// <param name="CheckedIn">For registrants: they checked in.</param>
public sealed record CubeRow(int Group, int Region, int Gender, int Role, int Developing, long Attributes, int Attendance, long Count, long KeySum = 0, bool CheckedIn = false);

/// <summary>A category of a dimension: its key (`STAKEHOLDER_GROUP_GOVERNMENT`), label, and whether it is a known value.</summary>
public sealed record Category(string Key, string Label, bool Known);

/// <summary>One population along one dimension: every category of the dimension (zero rows included), known first.</summary>
/// <param name="KeySums">Per category, the sum of the record keys of the units counted in it.</param>
/// <param name="TotalKeySum">The sum of the record keys of every unit.</param>
public sealed record Breakdown(
    Dimension Dimension, Population Population, long Total, IReadOnlyList<Category> Categories, IReadOnlyList<long> Counts, IReadOnlyList<long> KeySums, long TotalKeySum)
{
    public long Known => Categories.Select((c, i) => c.Known ? Counts[i] : 0).Sum();

    /// <summary>
    /// The units with a known value and the sum of their keys: for attributes (several per person) the
    /// people with any attribute, otherwise the known categories together.
    /// </summary>
    public (long Count, long KeySum) KnownUnits => Dimension == Dimension.Attribute
        ? (Total - Counts[^1], TotalKeySum - KeySums[^1])
        : (Known, Categories.Select((c, i) => c.Known ? KeySums[i] : 0).Sum());
}

/// <summary>Two dimensions crossed: counts[row, column] over every category of each, and the sums of their units' keys.</summary>
public sealed record CrossTabCounts(Dimension Rows, Dimension Columns, IReadOnlyList<Category> RowCategories, IReadOnlyList<Category> ColumnCategories, long[,] Counts, long[,] KeySums);

/// <summary>Diversity indices over the known values of a breakdown; null when not defined.</summary>
public sealed record Indices(double? NormalizedBlau, double? PielouEvenness);

/// <summary>A meeting's cube by session kind, as <see cref="IReportStore.SeatCubeByKind"/> and <see cref="IReportStore.PanellistsByKind"/> return it.</summary>
public static class KindCube
{
    /// <summary>The rows of the given kinds, as a plain cube (Attendance, which held the kind, back to 0).</summary>
    public static List<CubeRow> SeatsOf(IReadOnlyList<CubeRow> byKind, IReadOnlyList<int> kinds)
    {
        ArgumentNullException.ThrowIfNull(byKind);
        ArgumentNullException.ThrowIfNull(kinds);
        return byKind.Where(r => kinds.Contains(r.Attendance)).Select(r => r with { Attendance = 0 }).ToList();
    }
}
