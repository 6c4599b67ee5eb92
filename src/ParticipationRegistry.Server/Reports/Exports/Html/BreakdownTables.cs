using System.Xml.Linq;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>The tables that follow the bar charts with the same figures; hidden cells read as words.</summary>
internal static class BreakdownTables
{
    /// <summary>A table of categories × populations: count and share, then the total, the known total and the indices.</summary>
    public static XElement ByPopulation(string caption, IReadOnlyList<BreakdownView> views)
    {
        var categories = views.SelectMany(v => v.Cells).Select(c => (c.Key, Label: c.Name())).Distinct().ToList();
        return H("table",
            H("caption", caption),
            H("thead", H("tr",
                ColumnHead("Category"),
                views.Select(v => new[] { ColumnHead(ReportText.Name(v.Population)), ColumnHead("Share") }))),
            H("tbody",
                categories.Select(category => H("tr",
                    RowHead(category.Label),
                    views.Select(v => new[] { CountCell(v, category.Key, c => c.Text), ShareCell(v, category.Key) }))),
                H("tr", A("class", "total"),
                    RowHead("Total"),
                    views.Select(v => FigureCells(ReportText.Number(v.Total)))),
                FigureRow("Known", views, v => v.Known is { } known ? ReportText.Number(known) : null),
                views.Any(v => v.SelfDeclared is not null) ? FigureRow("Self-declared", views, v => v.SelfDeclared is { } declared ? ReportText.Number(declared) : null) : null,
                views[0].Dimension == ReportDimension.Attribute ? null : new[]
                {
                    FigureRow("Normalised Blau", views, v => v.NormalizedBlau is { } blau ? ReportText.Fixed(blau, 3) : null),
                    FigureRow("Pielou evenness", views, v => v.PielouEvenness is { } pielou ? ReportText.Fixed(pielou, 3) : null),
                }));
    }

    /// <summary>A table with one row per bar (kind or meeting) and one column per category: count, share and, if asked, the change.</summary>
    public static XElement ByRow(string caption, string rowHeader, IReadOnlyList<(string Label, DimensionBreakdown Breakdown)> rows, bool showChange)
    {
        var views = rows.Select(r => (r.Label, View: BreakdownView.FromProto(r.Breakdown), r.Breakdown)).ToList();
        var categories = views.SelectMany(r => r.View.Cells).Select(c => (c.Key, Label: c.Name())).Distinct().ToList();
        return H("table",
            H("caption", caption),
            H("thead", H("tr",
                ColumnHead(rowHeader),
                categories.Select(c => ColumnHead(c.Label)),
                ColumnHead("Total"))),
            H("tbody", views.Select(row => H("tr",
                RowHead(row.Label),
                categories.Select(c => CountCell(row.View, c.Key, cell => CountShareChange(cell, row.Breakdown, showChange))),
                H("td", ReportText.Number(row.View.Total))))));
    }

    /// <summary>
    /// A category's count cell: withheld or suppressed as the view's word (class <c>suppressed</c>),
    /// a category the breakdown lacks as a dash, an open one as <paramref name="open"/> writes it.
    /// </summary>
    private static XElement CountCell(BreakdownView view, string key, Func<CellView, string> open)
    {
        if (view.Withheld)
        {
            return H("td", A("class", "suppressed"), Words.Withheld);
        }

        return view.Cell(key) switch
        {
            null => H("td", Words.None),
            { Hidden: true } cell => H("td", A("class", "suppressed"), A("data-category", key), cell.Text),
            var cell => H("td", A("data-category", key), open(cell)),
        };
    }

    private static XElement ShareCell(BreakdownView view, string key) =>
        H("td", view.Cell(key) is { Hidden: false, Share: { } share } ? ReportText.Percent(share) : "");

    private static string CountShareChange(CellView cell, DimensionBreakdown source, bool showChange)
    {
        var text = cell.Text;
        if (cell.Share is { } share)
        {
            text += $" ({ReportText.WholePercent(share)})";
        }

        if (showChange && source.Categories.FirstOrDefault(c => c.Category == cell.Key) is { HasChange: true } category)
        {
            text += $", {(category.Change >= 0 ? "+" : "−")}{ReportText.Number(Math.Abs(category.Change))}";
        }

        return text;
    }

    /// <summary>A row of one figure per population, or the word for it when the view left it out.</summary>
    private static XElement FigureRow(string heading, IReadOnlyList<BreakdownView> views, Func<BreakdownView, string?> figure) =>
        H("tr", RowHead(heading), views.Select(v => FigureCells(figure(v) ?? v.HiddenText)));

    private static XElement[] FigureCells(string text) => [H("td", text), H("td", "")];
}
