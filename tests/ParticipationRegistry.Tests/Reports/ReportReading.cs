using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>Reaching into reports in tests: the client, one breakdown, one cell.</summary>
internal static class ReportReading
{
    public static ReportService.ReportServiceClient Client(TestRegistry registry) => new(registry.Channel);

    public static DimensionBreakdown Breakdown(DiversityReport report, ReportDimension dimension, Population population) =>
        report.Breakdowns.Single(b => b.Dimension == dimension && b.Population == population);

    public static CategoryCount Cell(DimensionBreakdown breakdown, string category) => breakdown.Categories.Single(c => c.Category == category);
}
