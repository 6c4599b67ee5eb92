using System.Xml.Linq;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>The forum's meetings compared: women's share as lines, stakeholder groups as bars, oldest first.</summary>
internal static class TrendSection
{
    private const string WomenTitle = "Women among panellists and registrants, meeting by meeting";

    /// <summary>The trend's lines: told apart by marker shape and dash as well as colour.</summary>
    private static readonly (ApiPopulation Population, string Label, string Colour, string Dash, LineMarker Marker)[] WomenSeries =
    [
        (ApiPopulation.Panellists, "Panellists", "#0072B2", "", LineMarker.Circle),
        (ApiPopulation.Registrants, "Registrants", "#D55E00", "6 4", LineMarker.Square),
    ];

    public static XElement? Render(HtmlPage page, DiversityReport current, CompareMeetingsResponse? trend)
    {
        if (trend is null || trend.Reports.Count < 2)
        {
            return null;
        }

        var reports = trend.Reports;
        var content = new List<object>
        {
            H("h2", "Across the forum's meetings"),
            H("p", A("class", "note"), "Each meeting's figures, oldest first; changes are from the meeting before. Counts suppressed in one meeting are also left out of its change."),
            WomenShareFigure(page, current, reports),
        };

        var groups = reports
            .Select(r => (Report: r, Breakdown: r.Breakdown(ReportDimension.StakeholderGroup, ApiPopulation.Panellists)))
            .Where(r => r.Breakdown is not null)
            .ToList();
        if (groups.Count > 0)
        {
            content.Add(StackedBarChart.Figure(
                page,
                "Stakeholder groups of panellists, meeting by meeting",
                "Stacked bars of panellists' stakeholder groups, one per meeting, oldest first.",
                groups.Select(g => StackedBarChart.BarOf(ReportText.Title(g.Report), BreakdownView.FromProto(g.Breakdown!), [("data-meeting", g.Report.Name)])).ToList(),
                BreakdownTables.ByRow("Stakeholder groups of panellists per meeting (count, share of known, change)", "Meeting", groups.Select(g => (ReportText.Title(g.Report), g.Breakdown!)).ToList(), showChange: true)));
        }

        return H("section", content);
    }

    /// <summary>
    /// Women among all panellists and all registrants (gender not recorded counted in the total),
    /// per meeting. Of all, not of the known: the share of the known is left out of a report whenever
    /// a gender cell is suppressed, and a line must mean the same thing at every point.
    /// </summary>
    private static XElement WomenShareFigure(HtmlPage page, DiversityReport current, IReadOnlyList<DiversityReport> reports)
    {
        var series = WomenSeries.Select(s => new LineSeries(
            s.Label,
            $"Women among all {s.Label.ToLowerInvariant()}",
            s.Colour,
            s.Dash,
            s.Marker,
            reports.Select(r => Women(r, s.Population) is { } w ? Point(r, s.Population, s.Label, w.Count, w.Total) : null).ToList())).ToList();
        var chart = LineChart.Render(
            page,
            WomenTitle,
            "Lines of women's share of all panellists and of all registrants (gender not recorded counted in the total), one point per meeting, oldest first.",
            reports.Select(r => (ReportText.Title(r), r.Name == current.Name)).ToList(),
            series);
        var table = H("table",
            H("caption", "Women per meeting: count, share of all, and share of those with a recorded gender"),
            H("thead",
                H("tr",
                    ColumnHead(A("rowspan", "2"), "Meeting"),
                    WomenSeries.Select(s => H("th", A("scope", "colgroup"), A("colspan", "3"), s.Label))),
                H("tr", WomenSeries.Select(_ => new[] { ColumnHead("Women"), ColumnHead("Of all"), ColumnHead("Of known") }))),
            H("tbody", reports.Select(r => H("tr",
                RowHead(ReportText.Title(r)),
                WomenSeries.Select(s => WomenCells(r, s.Population))))));
        return H("figure", H("figcaption", WomenTitle), chart,
            H("p", A("class", "note"), "Shares of all, so that every point means the same: the share of those with a recorded gender is not shown for a meeting where a gender count is suppressed."),
            table);
    }

    private static LinePoint Point(DiversityReport report, ApiPopulation population, string label, long count, long total)
    {
        var share = (double)count / total;
        return new LinePoint(
            share,
            [
                ("data-meeting", report.Name), ("data-population", ProtoEnums.NameOf(population)),
                ("data-dimension", "REPORT_DIMENSION_GENDER"), ("data-category", "GENDER_WOMAN"),
                ("data-count", ReportText.Number(count)), ("data-total", ReportText.Number(total)),
            ],
            $"{label}, {ReportText.Title(report)}: {ReportText.Number(count)} women of {ReportText.Number(total)} ({ReportText.Percent(share)})");
    }

    /// <summary>Women and the population's total, when the women's count is shown.</summary>
    private static (long Count, long Total)? Women(DiversityReport report, ApiPopulation population) =>
        report.View(ReportDimension.Gender, population) is { Withheld: false, Total: > 0 } view && report.WomenAmong(population) is { Count: { } count }
            ? (count, view.Total)
            : null;

    private static XElement[] WomenCells(DiversityReport report, ApiPopulation population)
    {
        var view = report.View(ReportDimension.Gender, population);
        var cell = report.WomenAmong(population);
        if (Women(report, population) is not { } women)
        {
            var word = view is { Withheld: true } ? view.HiddenText : cell is { Hidden: true } ? cell.Text : Words.None;
            return [H("td", A("class", "suppressed"), word), H("td", ""), H("td", "")];
        }

        return
        [
            H("td", ReportText.Number(women.Count)),
            H("td", ReportText.Percent((double)women.Count / women.Total)),
            cell!.Share is { } share ? H("td", ReportText.Percent(share)) : H("td", A("class", "suppressed"), Words.NotShown),
        ];
    }
}
