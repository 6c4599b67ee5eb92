using ParticipationRegistry.V1;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports.Exports;

/// <summary>Lookups the exports share on a report and its display cells.</summary>
internal static class ViewExtensions
{
    /// <summary>The label, or the category's key when it has none.</summary>
    public static string Name(this CellView cell) => cell.Label.Length > 0 ? cell.Label : cell.Key;

    public static DimensionBreakdown? Breakdown(this DiversityReport report, ReportDimension dimension, ApiPopulation population) =>
        report.Breakdowns.FirstOrDefault(b => b.Dimension == dimension && b.Population == population);

    /// <summary>The breakdown of one population along one dimension as the caller may see it, if the report has it.</summary>
    public static BreakdownView? View(this DiversityReport report, ReportDimension dimension, ApiPopulation population) =>
        report.Breakdown(dimension, population) is { } breakdown ? BreakdownView.FromProto(breakdown) : null;

    /// <summary>The women's cell of a population's gender breakdown, if the report has one.</summary>
    public static CellView? WomenAmong(this DiversityReport report, ApiPopulation population) =>
        report.View(ReportDimension.Gender, population)?.Cell("GENDER_WOMAN");
}
