using System.Xml.Linq;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>Panel seats per session kind: one bar per kind, for the dimensions the IGF publishes.</summary>
internal static class KindSection
{
    private static readonly ReportDimension[] KindDimensions =
    [
        ReportDimension.StakeholderGroup,
        ReportDimension.RegionalGroup,
        ReportDimension.Gender,
    ];

    public static XElement? Render(HtmlPage page, IReadOnlyList<(string Kind, DiversityReport Report)> byKind)
    {
        if (byKind.Count == 0)
        {
            return null;
        }

        var figures = new List<XElement>();
        foreach (var dimension in KindDimensions)
        {
            var rows = byKind
                .Select(k => (k.Kind, Breakdown: k.Report.Breakdown(dimension, ApiPopulation.Seats)))
                .Where(k => k.Breakdown is not null)
                .Select(k => (k.Kind, Breakdown: k.Breakdown!))
                .ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var title = $"{ReportText.Name(dimension)} of panel seats by session kind";
            figures.Add(StackedBarChart.Figure(
                page,
                title,
                $"Stacked bars of panel seats by {ReportText.Name(dimension).ToLowerInvariant()}, one per session kind.",
                rows.Select(r => StackedBarChart.BarOf(ReportText.KindName(r.Kind), BreakdownView.FromProto(r.Breakdown), [("data-kind", r.Kind)])).ToList(),
                BreakdownTables.ByRow(title, "Session kind", rows.Select(r => (ReportText.KindName(r.Kind), r.Breakdown)).ToList(), showChange: false)));
        }

        return figures.Count == 0 ? null : H("section", H("h2", "By session kind"), figures);
    }
}
