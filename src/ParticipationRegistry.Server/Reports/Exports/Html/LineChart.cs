using System.Xml.Linq;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

internal enum LineMarker
{
    Circle,
    Square,
}

/// <summary>One point of a line: a share in [0, 1], the data attributes its marker carries, and its tooltip.</summary>
internal sealed record LinePoint(double Share, IReadOnlyList<(string Name, string Value)> Data, string Tooltip);

/// <summary>One line, one point (or none) per slot; told apart by marker shape and dash as well as colour.</summary>
internal sealed record LineSeries(string Label, string Legend, string Colour, string Dash, LineMarker Marker, IReadOnlyList<LinePoint?> Points);

/// <summary>Shares over slots (meetings, oldest first) as lines on a 0–100% axis with a parity line.</summary>
internal static class LineChart
{
    private const double Left = 70;
    private const double Right = 900;
    private const double Top = 24;
    private const double Bottom = 224;
    private const double Height = 300;

    /// <summary>
    /// The chart; a slot without a point breaks its line. The description says every point, after
    /// <paramref name="description"/>. <paramref name="slots"/> label the x axis, the current one in bold.
    /// </summary>
    public static XElement Render(HtmlPage page, string title, string description, IReadOnlyList<(string Label, bool Current)> slots, IReadOnlyList<LineSeries> series)
    {
        var slot = (Right - Left) / slots.Count;
        double X(int i) => Left + (slot * (i + 0.5));

        var id = page.NextChartId();
        var svg = new List<object>();
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            svg.Add(S("line", A("x1", N(Left)), A("x2", N(Right)), A("y1", N(Y(tick))), A("y2", N(Y(tick))),
                A("stroke", tick == 0.5 ? "#57606a" : "#d0d7de"), A("stroke-width", tick == 0.5 ? "1.5" : "1"),
                tick == 0.5 ? A("stroke-dasharray", "2 3") : null));
            svg.Add(S("text", A("x", N(Left - 8)), A("y", N(Y(tick) + 4)), A("text-anchor", "end"), A("class", "axis"), ReportText.WholePercent(tick)));
        }

        svg.Add(S("text", A("x", N(Right)), A("y", N(Y(0.5) - 6)), A("text-anchor", "end"), A("class", "axis"), "parity"));
        var descriptions = new List<string>();
        for (var line = 0; line < series.Count; line++)
        {
            var points = series[line].Points;
            if (points.All(p => p is null))
            {
                continue;
            }

            Lines(svg, series[line], X);
            for (var i = 0; i < points.Count; i++)
            {
                if (points[i] is { } point)
                {
                    var (x, y) = (X(i), Y(point.Share));
                    svg.Add(Marker(series[line], x, y, point.Data.Select(d => (object)A(d.Name, d.Value)).Append(S("title", point.Tooltip))));
                    // The label goes on the side away from the other lines, so they never overlap.
                    var index = i;
                    var current = line;
                    var above = series.Where((_, other) => other != current)
                        .All(o => o.Points[index] is not { } theirs || point.Share > theirs.Share || (point.Share == theirs.Share && current == 0));
                    svg.Add(S("text", A("x", N(x)), A("y", N(above ? y - 10 : y + 20)), A("text-anchor", "middle"), A("class", "value"),
                        ReportText.WholePercent(point.Share)));
                }
            }

            var said = points.Select((p, i) => p is null ? $"{slots[i].Label} not shown" : $"{slots[i].Label} {ReportText.Percent(p.Share)}");
            descriptions.Add($"{series[line].Label}: {string.Join(", ", said)}.");
        }

        for (var i = 0; i < slots.Count; i++)
        {
            svg.Add(S("text", A("x", N(X(i))), A("y", N(Bottom + 22)), A("text-anchor", "middle"), A("class", slots[i].Current ? "axis current" : "axis"),
                Fit(slots[i].Label, slot - 6, 6.2)));
        }

        Legend(svg, series);
        return SvgChart(id, title, $"{description} {string.Join(" ", descriptions)}", Height, svg);
    }

    private static double Y(double share) => Bottom - (share * (Bottom - Top));

    /// <summary>Consecutive slots with a point are joined; a slot without one breaks the line.</summary>
    private static void Lines(List<object> svg, LineSeries series, Func<int, double> x)
    {
        var run = new List<string>();
        for (var i = 0; i <= series.Points.Count; i++)
        {
            if (i < series.Points.Count && series.Points[i] is { } point)
            {
                run.Add($"{N(x(i))},{N(Y(point.Share))}");
                continue;
            }

            if (run.Count > 1)
            {
                svg.Add(S("polyline", A("points", string.Join(" ", run)), A("fill", "none"), A("stroke", series.Colour), A("stroke-width", "2.5"),
                    series.Dash.Length > 0 ? A("stroke-dasharray", series.Dash) : null));
            }

            run.Clear();
        }
    }

    private static XElement Marker(LineSeries series, double x, double y, params IEnumerable<object> content) => series.Marker == LineMarker.Circle
        ? S("circle", A("class", "point"), A("cx", N(x)), A("cy", N(y)), A("r", "5"), A("fill", series.Colour), content)
        : S("rect", A("class", "point"), A("x", N(x - 5)), A("y", N(y - 5)), A("width", "10"), A("height", "10"), A("fill", "#ffffff"), A("stroke", series.Colour), A("stroke-width", "2.5"), content);

    /// <summary>The marker shapes and line styles say which line is which, not colour alone.</summary>
    private static void Legend(List<object> svg, IReadOnlyList<LineSeries> series)
    {
        var y = Bottom + 52;
        var x = Left;
        foreach (var line in series)
        {
            svg.Add(S("line", A("x1", N(x)), A("x2", N(x + 34)), A("y1", N(y)), A("y2", N(y)), A("stroke", line.Colour), A("stroke-width", "2.5"),
                line.Dash.Length > 0 ? A("stroke-dasharray", line.Dash) : null));
            svg.Add(line.Marker == LineMarker.Circle
                ? S("circle", A("cx", N(x + 17)), A("cy", N(y)), A("r", "5"), A("fill", line.Colour))
                : S("rect", A("x", N(x + 12)), A("y", N(y - 5)), A("width", "10"), A("height", "10"), A("fill", "#ffffff"), A("stroke", line.Colour), A("stroke-width", "2.5")));
            svg.Add(S("text", A("x", N(x + 42)), A("y", N(y + 4)), A("class", "legend"), line.Legend));
            x += 330;
        }
    }
}
