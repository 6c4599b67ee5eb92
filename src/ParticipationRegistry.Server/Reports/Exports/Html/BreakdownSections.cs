using System.Xml.Linq;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>The sections of breakdown bars: panels against the room, seats by session kind, roles and attributes.</summary>
internal static class BreakdownSections
{
    private static readonly ReportDimension[] ChartedDimensions =
    [
        ReportDimension.StakeholderGroup,
        ReportDimension.RegionalGroup,
        ReportDimension.Gender,
        ReportDimension.DevelopingCountry,
    ];

    private static readonly ApiPopulation[] ChartedPopulations = [ApiPopulation.Panellists, ApiPopulation.Registrants];

    /// <summary>The three the IGF publishes per session kind.</summary>
    private static readonly ReportDimension[] KindDimensions = ChartedDimensions[..3];

    /// <summary>One figure per charted dimension: a bar for the panellists and one for the registrants.</summary>
    public static XElement? PanelsAndRoom(HtmlPage page, DiversityReport report)
    {
        var figures = new List<XElement>();
        foreach (var dimension in ChartedDimensions)
        {
            // With no registrations recorded, the room is left out rather than drawn empty on every chart.
            var views = ChartedPopulations.Select(p => report.View(dimension, p)).OfType<BreakdownView>()
                .Where(v => v.Population != ApiPopulation.Registrants || report.Registrants > 0)
                .ToList();
            if (views.Count == 0)
            {
                continue;
            }

            var who = string.Join(" and ", views.Select(v => ReportText.Name(v.Population).ToLowerInvariant()));
            figures.Add(StackedBarChart.Figure(
                page,
                $"{ReportText.Name(dimension)} of {who}",
                $"Stacked bars of {ReportText.Name(dimension).ToLowerInvariant()}, one per population; segment lengths are proportional to the counts shown.",
                views.Select(v => StackedBarChart.BarOf(ReportText.Name(v.Population), v, [])).ToList(),
                BreakdownTables.ByPopulation($"{ReportText.Name(dimension)} of {who}", views)));
        }

        return figures.Count == 0 ? null : H("section",
            H("h2", report.Registrants > 0 ? "Panels and the room" : "Panels"),
            report.Registrants > 0 ? null : H("p", A("class", "note"), "No registrations are recorded for this meeting, so only the panels are shown."),
            figures);
    }

    /// <summary>Panel seats per session kind: one bar per kind, for the dimensions the IGF publishes.</summary>
    public static XElement? ByKind(HtmlPage page, IReadOnlyList<(string Kind, DiversityReport Report)> byKind)
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

    /// <summary>Seats by role as a bar; the cross-cutting attributes as a table only (they need not add up).</summary>
    public static XElement? RolesAndAttributes(HtmlPage page, DiversityReport report)
    {
        var roles = report.View(ReportDimension.Role, ApiPopulation.Seats);
        var attributes = ReportText.PopulationOrder
            .Select(p => report.View(ReportDimension.Attribute, p))
            .OfType<BreakdownView>()
            .Where(v => v.Population == ApiPopulation.Panellists || (v.Population == ApiPopulation.Registrants && report.Registrants > 0))
            .ToList();
        if (roles is null && attributes.Count == 0)
        {
            return null;
        }

        return H("section",
            H("h2", "Roles and attributes"),
            roles is null ? null : StackedBarChart.Figure(
                page,
                "Roles on the panels",
                "One stacked bar of seats by role.",
                [StackedBarChart.BarOf("Seats", roles, [])],
                BreakdownTables.ByPopulation("Seats by role", [roles])),
            attributes.Count == 0 ? null : H("p", A("class", "note"), "A person may have several attributes, or none: rows need not add up to the total."),
            attributes.Count == 0 ? null : BreakdownTables.ByPopulation(
                $"Cross-cutting attributes of {string.Join(" and ", attributes.Select(v => ReportText.Name(v.Population).ToLowerInvariant()))}",
                attributes));
    }
}
