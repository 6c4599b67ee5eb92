using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>
/// The IGF participation statistics' layout of the group and region breakdowns (<see cref="ReportLayout.IgfStatistics"/>):
/// press and media as a stakeholder category, intergovernmental organisations as a region. Pure.
/// </summary>
public static class IgfLayout
{
    /// <summary>The stakeholder category of the people with the MEDIA attribute.</summary>
    public const string PressAndMedia = "PRESS_AND_MEDIA";

    /// <summary>The region of the people of the INTERGOVERNMENTAL_ORGANIZATION group.</summary>
    public const string IntergovernmentalOrganizations = "INTERGOVERNMENTAL_ORGANIZATIONS";

    private const long MediaBit = 1L << (int)StakeholderAttribute.Media;

    /// <summary>The breakdown of <paramref name="cube"/> along <paramref name="dimension"/> in <paramref name="layout"/>.</summary>
    public static Breakdown BreakdownOf(IReadOnlyList<CubeRow> cube, Dimension dimension, Population population, ReportLayout layout)
    {
        ArgumentNullException.ThrowIfNull(cube);
        Func<CubeRow, bool>? moved = layout != ReportLayout.IgfStatistics ? null : dimension switch
        {
            Dimension.StakeholderGroup => row => (row.Attributes & MediaBit) != 0,
            Dimension.RegionalGroup => row => row.Group == (int)StakeholderGroup.IntergovernmentalOrganization,
            _ => null,
        };
        if (moved is null)
        {
            return ReportMath.BreakdownOf(cube, dimension, population);
        }

        var rest = ReportMath.BreakdownOf(cube.Where(r => !moved(r)), dimension, population);
        var count = cube.Where(moved).Sum(r => r.Count);
        var keySum = cube.Where(moved).Sum(r => r.KeySum);
        var at = rest.Categories.Count(c => c.Known);
        var category = dimension == Dimension.StakeholderGroup
            ? new Category(PressAndMedia, "Press and media", true)
            : new Category(IntergovernmentalOrganizations, "Intergovernmental organizations", true);
        return rest with
        {
            Total = rest.Total + count,
            TotalKeySum = rest.TotalKeySum + keySum,
            Categories = [.. rest.Categories.Take(at), category, .. rest.Categories.Skip(at)],
            Counts = [.. rest.Counts.Take(at), count, .. rest.Counts.Skip(at)],
            KeySums = [.. rest.KeySums.Take(at), keySum, .. rest.KeySums.Skip(at)],
        };
    }
}
