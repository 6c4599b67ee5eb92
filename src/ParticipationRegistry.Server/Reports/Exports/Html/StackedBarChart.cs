using System.Globalization;
using System.Xml.Linq;
using ParticipationRegistry.Server.Common;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>One segment: a category (or verdict) and its count; null count = suppressed.</summary>
internal sealed record Segment(string Key, string Label, long? Count, double? Share, string Colour, int Order, IReadOnlyList<(string Name, string Value)> Data);

/// <summary>One bar; <paramref name="Total"/> is the population's size (public), shown beside it.</summary>
internal sealed record Bar(string Label, IReadOnlyList<(string Name, string Value)> Data, IReadOnlyList<Segment> Segments, long Total, int SuppressedCategories, bool Withheld)
{
    /// <summary>What the bar's length stands for: the counts shown, and nothing hidden.</summary>
    public long ShownTotal => Segments.Sum(s => s.Count ?? 0);
}

/// <summary>
/// Horizontal stacked bars scaled to each population's total: hidden categories are never drawn on
/// their own but fill the rest of the bar together, unnumbered.
/// </summary>
internal static class StackedBarChart
{
    /// <summary>The width, in SVG units, of a full bar.</summary>
    public const double PlotWidth = 600;

    /// <summary>Okabe–Ito, for known categories in report order.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"];

    /// <summary>Unknown rows (not recorded, declined, unassigned): greys.</summary>
    public static readonly IReadOnlyList<string> UnknownPalette = ["#999999", "#C8C8C8", "#707070"];

    private const double PlotLeft = 190;
    private const double BarHeight = 30;
    private const double BarGap = 14;

    /// <summary>The bar of one breakdown; <paramref name="extra"/> data attributes go on the bar and each segment.</summary>
    public static Bar BarOf(string label, BreakdownView view, IReadOnlyList<(string Name, string Value)> extra)
    {
        var population = ProtoEnums.NameOf(view.Population);
        var dimension = ProtoEnums.NameOf(view.Dimension);
        var colours = ColoursOf(view.Cells);
        var segments = view.Withheld ? [] : view.Cells
            .Select((c, i) => (Cell: c, Order: i))
            .Where(c => c.Cell.Count is not null)
            .Select(c => new Segment(c.Cell.Key, c.Cell.Name(), c.Cell.Count, c.Cell.Share, colours[c.Cell.Key], c.Order,
                [("data-population", population), ("data-dimension", dimension), .. extra, ("data-category", c.Cell.Key)]))
            .ToList();
        return new Bar(
            label,
            [("data-population", population), ("data-dimension", dimension), .. extra],
            segments,
            view.Total,
            view.Cells.Count(c => c.Hidden),
            view.Withheld);
    }

    /// <summary>A figure: the bars, a legend of every category drawn, a note on suppression, and the table of the same figures.</summary>
    public static XElement Figure(HtmlPage page, string title, string description, IReadOnlyList<Bar> bars, XElement table)
    {
        var id = page.NextChartId();
        var svg = new List<object>();
        var y = 8.0;
        foreach (var bar in bars)
        {
            svg.Add(BarGroup(bar, y));
            y += BarHeight + BarGap;
        }

        // Legend: every category drawn, in bar order, with its name (and the unknown greys named too).
        var legend = bars.SelectMany(b => b.Segments).Where(s => s.Count > 0).GroupBy(s => s.Key).Select(g => g.First()).OrderBy(s => s.Order).ToList();
        var x = PlotLeft;
        y += 4;
        foreach (var item in legend)
        {
            var width = 24 + (item.Label.Length * 7.0) + 22;
            if (x + width > ChartWidth && x > PlotLeft)
            {
                x = PlotLeft;
                y += 22;
            }

            svg.Add(S("g", A("class", "legend-item"),
                S("rect", A("x", N(x)), A("y", N(y)), A("width", "14"), A("height", "14"), A("fill", item.Colour), A("stroke", "#57606a"), A("stroke-width", "0.5")),
                S("text", A("x", N(x + 20)), A("y", N(y + 11.5)), A("class", "legend"), item.Label)));
            x += width;
        }

        var height = y + (legend.Count > 0 ? 22 : 0);
        var descriptions = bars.Select(b => b.Withheld
            ? $"{b.Label}: withheld."
            : $"{b.Label}, {ReportText.Number(b.Total)} in all: {(b.Segments.Count == 0 ? "nothing to show" : string.Join(", ", b.Segments.Select(s => $"{s.Label} {ReportText.Number(s.Count ?? 0)}")))}{(b.SuppressedCategories > 0 ? $"; {SuppressedNote(b.SuppressedCategories)}" : "")}.");
        var notes = bars.Any(b => b.SuppressedCategories > 0 && !b.Withheld)
            ? H("p", A("class", "note"), "Bars are scaled to the whole population; the suppressed categories together are one grey, dashed segment, without a number (its size follows from the total and the counts shown, so it reveals nothing more).")
            : null;
        return H("figure",
            H("figcaption", title),
            SvgChart(id, title, $"{description} {string.Join(" ", descriptions)}", height, svg),
            notes,
            table);
    }

    /// <summary>Black or white, whichever reads better on <paramref name="fill"/> (WCAG contrast).</summary>
    public static string TextColourOn(string fill)
    {
        double Channel(int start)
        {
            var c = int.Parse(fill.AsSpan(start, 2), NumberStyles.HexNumber, ReportText.Invariant) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
        var onBlack = (luminance + 0.05) / 0.05;
        var onWhite = 1.05 / (luminance + 0.05);
        return onBlack >= onWhite ? "#000000" : "#ffffff";
    }

    /// <summary>Colours by category: known categories take the palette in report order, unknown ones the greys.</summary>
    private static Dictionary<string, string> ColoursOf(IEnumerable<CellView> cells)
    {
        var colours = new Dictionary<string, string>();
        var (known, unknown) = (0, 0);
        foreach (var cell in cells)
        {
            if (!colours.ContainsKey(cell.Key))
            {
                colours[cell.Key] = cell.Known ? Palette[known++ % Palette.Count] : UnknownPalette[unknown++ % UnknownPalette.Count];
            }
        }

        return colours;
    }

    private static string SuppressedNote(int categories) => $"{ReportText.Number(categories)} {ReportText.Plural(categories, "category", "categories")} suppressed";

    private static XElement BarGroup(Bar bar, double y)
    {
        var content = new List<object>
        {
            A("class", "bar"),
            bar.Data.Select(d => A(d.Name, d.Value)),
            A("data-total", ReportText.Number(bar.Total)),
            A("data-shown-total", ReportText.Number(bar.ShownTotal)),
            A("data-suppressed-categories", ReportText.Number(bar.SuppressedCategories)),
            S("text", A("x", N(PlotLeft - 10)), A("y", N(y + (BarHeight / 2) + 5)), A("text-anchor", "end"), A("class", "bar-label"), Fit(bar.Label, PlotLeft - 16, 7.4)),
        };
        if (bar.Withheld || bar.Total == 0 || (bar.ShownTotal == 0 && bar.SuppressedCategories == 0))
        {
            content.Add(S("rect", A("class", "empty"), A("x", N(PlotLeft)), A("y", N(y)), A("width", N(PlotWidth)), A("height", N(BarHeight)),
                A("fill", "none"), A("stroke", "#d0d7de"), A("stroke-dasharray", "4 3")));
            content.Add(S("text", A("x", N(PlotLeft + 10)), A("y", N(y + (BarHeight / 2) + 5)), A("class", "note-text"),
                bar.Withheld ? "withheld (personal data)" : bar.SuppressedCategories > 0 ? "all categories suppressed" : "none recorded"));
        }
        else
        {
            Segments(content, bar, y);
        }

        var total = $"n = {ReportText.Grouped(bar.Total)}";
        content.Add(S("text", A("x", N(PlotLeft + PlotWidth + 10)), A("y", N(y + (bar.SuppressedCategories > 0 && !bar.Withheld ? 12 : (BarHeight / 2) + 5))), A("class", "total-label"), total));
        if (bar.SuppressedCategories > 0 && !bar.Withheld)
        {
            content.Add(S("text", A("x", N(PlotLeft + PlotWidth + 10)), A("y", N(y + 27)), A("class", "note-text"), $"+ {SuppressedNote(bar.SuppressedCategories)}"));
        }

        return S("g", content);
    }

    private static void Segments(List<object> content, Bar bar, double y)
    {
        var x = PlotLeft;
        // Perturbed counts may add up to a little more than the exact total: the bar then spans their sum.
        var scale = Math.Max(bar.Total, bar.ShownTotal);
        foreach (var segment in bar.Segments.Where(s => s.Count > 0))
        {
            var count = segment.Count!.Value;
            var width = PlotWidth * count / scale;
            content.Add(S("rect",
                segment.Data.Select(d => A(d.Name, d.Value)),
                A("data-count", ReportText.Number(count)),
                A("x", N(x)), A("y", N(y)), A("width", N(width)), A("height", N(BarHeight)),
                A("fill", segment.Colour), A("stroke", "#ffffff"), A("stroke-width", "1"),
                S("title", $"{segment.Label}: {ReportText.Number(count)}")));
            // The share shown is the report's own (of the known values), never one worked out here.
            var label = ReportText.Number(count);
            var withShare = segment.Share is { } share ? $"{label} · {ReportText.WholePercent(share)}" : label;
            var text = width >= (withShare.Length * 7) + 10 ? withShare : width >= (label.Length * 7) + 8 ? label : null;
            if (text is not null)
            {
                content.Add(SegmentLabel(x, width, y, TextColourOn(segment.Colour), text));
            }

            x += width;
        }

        if (bar.Total > bar.ShownTotal)
        {
            // What the shown counts leave of the public total: the suppressed cells together.
            var width = PlotWidth * (bar.Total - bar.ShownTotal) / bar.Total;
            content.Add(S("rect", A("class", "suppressed"),
                A("x", N(x)), A("y", N(y)), A("width", N(width)), A("height", N(BarHeight)),
                A("fill", "#f6f8fa"), A("stroke", "#8c959f"), A("stroke-dasharray", "4 3"),
                S("title", "Suppressed categories, together")));
            if (width >= 84)
            {
                content.Add(SegmentLabel(x, width, y, "#57606a", Words.Suppressed));
            }
        }
    }

    private static XElement SegmentLabel(double x, double width, double y, string fill, string text) =>
        S("text", A("x", N(x + (width / 2))), A("y", N(y + (BarHeight / 2) + 4.5)), A("text-anchor", "middle"),
            A("class", "segment-label"), A("fill", fill), text);
}
