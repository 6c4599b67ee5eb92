using System.Globalization;
using System.Xml.Linq;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Reports.Exports;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.Exports;

/// <summary>Reads the stacked bars back out of the HTML report's SVG and checks them against report data.</summary>
internal static class SvgBars
{
    public static readonly XNamespace Svg = HtmlReport.Svg;
    public static readonly XNamespace Xhtml = HtmlReport.Xhtml;

    /// <summary>The bars drawn from a breakdown (not the balance bar): each &lt;g class="bar"&gt; with a population and dimension.</summary>
    public static List<XElement> BreakdownBars(XDocument page) =>
        page.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "bar" && g.Attribute("data-dimension") is not null).ToList();

    public static string? Data(XElement element, string name) => (string?)element.Attribute("data-" + name);

    public static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static Population PopulationOf(XElement bar) => (Population)ProtoEnums.Values<Population>()[Data(bar, "population")!];

    public static ReportDimension DimensionOf(XElement bar) => (ReportDimension)ProtoEnums.Values<ReportDimension>()[Data(bar, "dimension")!];

    /// <summary>
    /// The bar is the breakdown: its total, a segment for every category shown with a count above
    /// zero (none for a suppressed one), each with the category's count and a width of
    /// count / total of the plot (perturbed counts adding up to more: count / their sum), laid end to
    /// end, and the suppressed remainder as one unnumbered segment.
    /// </summary>
    public static void AssertMatches(XElement bar, DimensionBreakdown breakdown)
    {
        var where = $"{Data(bar, "population")} {Data(bar, "dimension")} {Data(bar, "kind")}{Data(bar, "meeting")}";
        Assert.Equal(breakdown.Total, long.Parse(Data(bar, "total")!, CultureInfo.InvariantCulture));
        var shown = breakdown.Withheld ? 0 : breakdown.Categories.Where(c => !c.Suppressed && c.HasCount).Sum(c => c.Count);
        Assert.Equal(shown, long.Parse(Data(bar, "shown-total")!, CultureInfo.InvariantCulture));
        var suppressed = breakdown.Withheld ? breakdown.Categories.Count : breakdown.Categories.Count(c => c.Suppressed);
        Assert.Equal(suppressed, int.Parse(Data(bar, "suppressed-categories")!, CultureInfo.InvariantCulture));

        var segments = bar.Elements(Svg + "rect").Where(r => Data(r, "category") is not null).ToList();
        var expected = breakdown.Withheld ? [] : breakdown.Categories.Where(c => !c.Suppressed && c.HasCount && c.Count > 0).Select(c => c.Category).ToList();
        Assert.True(expected.SequenceEqual(segments.Select(s => Data(s, "category")!)), $"{where}: segments {string.Join(",", segments.Select(s => Data(s, "category")))}, expected {string.Join(",", expected)}");

        var x = segments.Count > 0 ? Number(segments[0], "x") : 0;
        foreach (var segment in segments)
        {
            var category = breakdown.Categories.Single(c => c.Category == Data(segment, "category"));
            Assert.False(category.Suppressed, $"{where}: suppressed {category.Category} is drawn");
            Assert.Equal(category.Count, long.Parse(Data(segment, "count")!, CultureInfo.InvariantCulture));
            Assert.Equal(Data(bar, "population"), Data(segment, "population"));
            Assert.Equal(Data(bar, "dimension"), Data(segment, "dimension"));
            Assert.Equal(HtmlReport.PlotWidth * category.Count / Math.Max(breakdown.Total, shown), Number(segment, "width"), 0.001);
            Assert.Equal(x, Number(segment, "x"), 0.002);
            x += Number(segment, "width");
        }

        var remainder = bar.Elements(Svg + "rect").SingleOrDefault(r => (string?)r.Attribute("class") == "suppressed");
        Assert.True(remainder is null || Data(remainder, "count") is null, $"{where}: the suppressed segment carries a count");
        if (!breakdown.Withheld && breakdown.Total > 0 && (segments.Count > 0 || remainder is not null))
        {
            Assert.Equal(HtmlReport.PlotWidth, segments.Sum(s => Number(s, "width")) + (remainder is null ? 0 : Number(remainder, "width")), 0.01);
        }
    }

    /// <summary>Every breakdown bar of the page checked against the report it was drawn from.</summary>
    public static int AssertAllMatch(
        XDocument page,
        DiversityReport report,
        IReadOnlyList<(string Kind, DiversityReport Report)> byKind,
        CompareMeetingsResponse? trend)
    {
        var bars = BreakdownBars(page);
        foreach (var bar in bars)
        {
            var source = Data(bar, "kind") is { } kind ? byKind.Single(k => k.Kind == kind).Report
                : Data(bar, "meeting") is { } meeting ? trend!.Reports.Single(r => r.Name == meeting)
                : report;
            var breakdown = source.Breakdowns.Single(b => b.Population == PopulationOf(bar) && b.Dimension == DimensionOf(bar));
            AssertMatches(bar, breakdown);
        }

        return bars.Count;
    }

    /// <summary>The text of a table's cells, row by row (header cells included), found by its caption.</summary>
    public static List<List<string>> Table(XDocument page, string caption)
    {
        var table = page.Descendants(Xhtml + "table").Single(t => t.Element(Xhtml + "caption")?.Value == caption);
        return table.Descendants(Xhtml + "tr")
            .Select(tr => tr.Elements().Where(e => e.Name == Xhtml + "th" || e.Name == Xhtml + "td").Select(e => e.Value).ToList())
            .ToList();
    }
}
