using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports.Exports;

/// <summary>
/// A meeting's diversity report as one self-contained HTML page (inline CSS and SVG; no scripts,
/// no external resources), written as XHTML so that any XML parser reads it.
/// <para>
/// Charts: stacked bars of each dimension for panellists and registrants, per session kind, the
/// trend across the forum's meetings, and the balance verdicts. Accessibility: every chart has
/// role="img" with a title and description, is followed by a table with the same figures,
/// uses the Okabe–Ito palette (grey for unknown), and carries its values as text, not colour alone.
/// A suppressed category is never drawn on its own: bars are scaled to the population's total, the
/// suppressed categories together fill the rest as one unnumbered segment, and the bar says how
/// many categories were left out, so no width follows from a hidden count.
/// </para>
/// <para>
/// Every segment carries its data (<c>data-population</c>, <c>data-dimension</c>,
/// <c>data-category</c>, <c>data-count</c>) and its bar its scale (<c>data-shown-total</c>): width =
/// count / total × <see cref="PlotWidth"/>. Output is deterministic (invariant culture,
/// fixed number formats, no clock).
/// </para>
/// </summary>
public static class HtmlReport
{
    /// <summary>The width, in SVG units, of a full bar.</summary>
    public const double PlotWidth = 600;

    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Okabe–Ito, for known categories in report order.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"];

    /// <summary>Unknown rows (not recorded, declined, unassigned): greys.</summary>
    public static readonly IReadOnlyList<string> UnknownPalette = ["#999999", "#C8C8C8", "#707070"];

    private const double ChartWidth = 960;
    private const double PlotLeft = 190;
    private const double BarHeight = 30;
    private const double BarGap = 14;
    private const string BalancedColour = "#009E73";
    private const string UnbalancedColour = "#D55E00";
    private const string IndeterminateColour = "#999999";

    private static readonly ReportDimension[] ChartedDimensions =
    [
        ReportDimension.StakeholderGroup,
        ReportDimension.RegionalGroup,
        ReportDimension.Gender,
        ReportDimension.DevelopingCountry,
    ];

    private static readonly ReportDimension[] KindDimensions =
    [
        ReportDimension.StakeholderGroup,
        ReportDimension.RegionalGroup,
        ReportDimension.Gender,
    ];

    /// <summary>The trend's lines: told apart by marker shape and dash as well as colour.</summary>
    private static readonly (ApiPopulation Population, string Label, string Colour, string Dash, string Marker)[] WomenSeries =
    [
        (ApiPopulation.Panellists, "Panellists", "#0072B2", "", "circle"),
        (ApiPopulation.Registrants, "Registrants", "#D55E00", "6 4", "square"),
    ];

    private static readonly string[] BaselineColumns =
        ["Category", "Reference share", "Observed", "Expected", "P(as few or fewer)", "Panels without", "Expected without", "P(as many or more without)"];

    private static readonly ApiPopulation[] ChartedPopulations = [ApiPopulation.Panellists, ApiPopulation.Registrants];

    /// <summary>
    /// The page for <paramref name="report"/>; with the same meeting's reports per session kind
    /// (<paramref name="byKind"/>: the kind's enum name or a label, and its report) and the forum's
    /// meetings compared (<paramref name="trend"/>, oldest first), their charts too.
    /// </summary>
    public static string Render(
        DiversityReport report,
        IReadOnlyList<(string Kind, DiversityReport Report)>? byKind = null,
        CompareMeetingsResponse? trend = null)
    {
        var page = new Page();
        var title = MarkdownExport.Title(report);
        var body = H("body",
            H("header", A("class", "title"),
                H("p", A("class", "kicker"), "Diversity report"),
                H("h1", title),
                H("p", A("class", "subtitle"), report.Name, " · panels and registrations by stakeholder group, regional group and gender")),
            Headline(report),
            H("p", A("class", "privacy"), MarkdownExport.PrivacyNote(report)),
            PanelsAndRoom(page, report),
            ByKind(page, byKind ?? []),
            Trend(page, report, trend),
            Balance(page, report.Balance),
            RolesAndAttributes(page, report),
            Concentration(report.Concentration),
            ReportCards(report.ReportCards),
            report.Baselines.Select(b => Baseline(report, b)),
            H("footer",
                H("p", A("class", "note"),
                    "Counts include people whose value is not recorded, declined or unassigned, as rows of their own; shares and indices are of the known values. ",
                    "Normalised Blau: (1 − Σp²)/(1 − 1/k); Pielou evenness: H/ln k, over the k defined categories. ",
                    "Source: participation.registry.v1 DiversityReport for ", report.Name, ".")));
        var html = new XElement(Xhtml + "html",
            A("lang", "en"),
            H("head",
                H("meta", A("charset", "utf-8")),
                H("meta", A("name", "viewport"), A("content", "width=device-width, initial-scale=1")),
                H("title", $"Diversity report: {title}"),
                H("style", Css)),
            body);
        return Serialize(html);
    }

    private static string Serialize(XElement html)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        var text = new StringBuilder("<!DOCTYPE html>\n");
        using (var writer = XmlWriter.Create(text, settings))
        {
            html.WriteTo(writer);
        }

        return text.Append('\n').ToString();
    }

    // ── Headline ────────────────────────────────────────────────────────────────────────────

    private static XElement Headline(DiversityReport report)
    {
        var women = Category(report, ReportDimension.Gender, ApiPopulation.Panellists, "GENDER_WOMAN");
        var womenInRoom = Category(report, ReportDimension.Gender, ApiPopulation.Registrants, "GENDER_WOMAN");
        var balance = report.Balance;
        var cards = new List<XElement>
        {
            Card(ReportText.Grouped(report.Sessions), "sessions"),
            Card(ReportText.Grouped(report.Seats), "seats on panels"),
            Card(ReportText.Grouped(report.Panellists), "panellists"),
            Card(ReportText.Grouped(report.Registrants), "registrants"),
            women switch
            {
                { HasShare: true } => Card(ReportText.WholePercent(women.Share), "women among panellists of known gender"),
                { Suppressed: false, HasCount: true } => Card(ReportText.Grouped(women.Count), $"women among {ReportText.Grouped(report.Panellists)} panellists"),
                { Suppressed: true } when Breakdown(report, ReportDimension.Gender, ApiPopulation.Panellists) is { Withheld: true } => Card("withheld", "women among panellists"),
                { Suppressed: true } => Card(ReportText.Suppressed, "women among panellists"),
                _ => Card("–", "women among panellists"),
            },
        };
        if (balance is not null && balance.Sessions > 0)
        {
            cards.Add(ReportText.VerdictUncounted(balance)
                ? Card("withheld", "balance verdict")
                : Card($"{ReportText.Number(balance.Balanced)} of {ReportText.Number(balance.Sessions)}", "sessions balanced"));
        }

        var sentences = new List<string>
        {
            $"{ReportText.Grouped(report.Panellists)} {Plural(report.Panellists, "person", "people")} held {ReportText.Grouped(report.Seats)} {Plural(report.Seats, "seat", "seats")} on {ReportText.Grouped(report.Sessions)} {Plural(report.Sessions, "session", "sessions")}; "
                + (report.Registrants > 0 ? $"{ReportText.Grouped(report.Registrants)} registered to attend." : "no registrations are recorded."),
        };
        if (women?.HasShare == true)
        {
            sentences.Add(womenInRoom?.HasShare == true
                ? $"Women were {ReportText.Percent(women.Share)} of panellists with a recorded gender, against {ReportText.Percent(womenInRoom.Share)} of registrants."
                : $"Women were {ReportText.Percent(women.Share)} of panellists with a recorded gender.");
        }
        else if (women is { Suppressed: false, HasCount: true } && report.Panellists > 0)
        {
            sentences.Add($"{ReportText.Grouped(women.Count)} of the {ReportText.Grouped(report.Panellists)} panellists ({ReportText.Percent((double)women.Count / report.Panellists)}) are women.");
        }

        if (balance is not null && balance.Sessions > 0 && !ReportText.VerdictUncounted(balance))
        {
            sentences.Add($"Balanced under {balance.Policy}: {ReportText.Number(balance.Balanced)} of {ReportText.Number(balance.Sessions)} {Plural(balance.Sessions, "session", "sessions")} ({ReportText.Percent(balance.BalancedShare)}).");
        }

        return H("section", A("class", "headline"), A("aria-label", "Headline figures"),
            H("div", A("class", "cards"), cards),
            H("p", A("class", "summary"), string.Join(" ", sentences)));
    }

    private static XElement Card(string value, string label) =>
        H("div", A("class", "card"),
            H("span", A("class", value.Any(char.IsLetter) ? "value word" : "value"), value),
            H("span", A("class", "label"), label));

    private static CategoryCount? Category(DiversityReport report, ReportDimension dimension, ApiPopulation population, string key) =>
        Breakdown(report, dimension, population)?.Categories.FirstOrDefault(c => c.Category == key);

    private static DimensionBreakdown? Breakdown(DiversityReport report, ReportDimension dimension, ApiPopulation population) =>
        report.Breakdowns.FirstOrDefault(b => b.Dimension == dimension && b.Population == population);

    private static string Plural(long n, string one, string many) => n == 1 ? one : many;

    // ── Panels and the room ─────────────────────────────────────────────────────────────────

    private static XElement? PanelsAndRoom(Page page, DiversityReport report)
    {
        var figures = new List<XElement>();
        foreach (var dimension in ChartedDimensions)
        {
            // With no registrations recorded, the room is left out rather than drawn empty on every chart.
            var breakdowns = ChartedPopulations.Select(p => Breakdown(report, dimension, p)).OfType<DimensionBreakdown>()
                .Where(b => b.Population != ApiPopulation.Registrants || report.Registrants > 0)
                .ToList();
            if (breakdowns.Count == 0)
            {
                continue;
            }

            var who = string.Join(" and ", breakdowns.Select(b => ReportText.Name(b.Population).ToLowerInvariant()));
            var bars = breakdowns.Select(b => BarOf(ReportText.Name(b.Population), b, [])).ToList();
            figures.Add(Figure(
                page,
                $"{ReportText.Name(dimension)} of {who}",
                $"Stacked bars of {ReportText.Name(dimension).ToLowerInvariant()}, one per population; segment lengths are proportional to the counts shown.",
                bars,
                BreakdownTable($"{ReportText.Name(dimension)} of {who}", breakdowns)));
        }

        return figures.Count == 0 ? null : H("section",
            H("h2", report.Registrants > 0 ? "Panels and the room" : "Panels"),
            report.Registrants > 0 ? null : H("p", A("class", "note"), "No registrations are recorded for this meeting, so only the panels are shown."),
            figures);
    }

    /// <summary>A table of categories × populations: count and share, suppressed cells as words.</summary>
    private static XElement BreakdownTable(string caption, List<DimensionBreakdown> breakdowns)
    {
        var categories = breakdowns.SelectMany(b => b.Categories).Select(c => (c.Category, Label: LabelOf(c))).Distinct().ToList();
        return H("table",
            H("caption", caption),
            H("thead", H("tr",
                H("th", A("scope", "col"), "Category"),
                breakdowns.Select(b => new[]
                {
                    H("th", A("scope", "col"), ReportText.Name(b.Population)),
                    H("th", A("scope", "col"), "Share"),
                }))),
            H("tbody",
                categories.Select(category => H("tr",
                    H("th", A("scope", "row"), category.Label),
                    breakdowns.Select(b => CountAndShare(b, category.Category)))),
                H("tr", A("class", "total"),
                    H("th", A("scope", "row"), "Total"),
                    breakdowns.Select(b => new[] { H("td", ReportText.Number(b.Total)), H("td", "") })),
                H("tr",
                    H("th", A("scope", "row"), "Known"),
                    breakdowns.Select(b => new[] { H("td", b.HasKnown ? ReportText.Number(b.Known) : Missing(b)), H("td", "") })),
                breakdowns[0].Dimension == ReportDimension.Attribute ? null : new[]
                {
                    H("tr",
                        H("th", A("scope", "row"), "Normalised Blau"),
                        breakdowns.Select(b => new[] { H("td", b.HasNormalizedBlau ? ReportText.Fixed(b.NormalizedBlau, 3) : Missing(b)), H("td", "") })),
                    H("tr",
                        H("th", A("scope", "row"), "Pielou evenness"),
                        breakdowns.Select(b => new[] { H("td", b.HasPielouEvenness ? ReportText.Fixed(b.PielouEvenness, 3) : Missing(b)), H("td", "") })),
                }));
    }

    private static XElement[] CountAndShare(DimensionBreakdown breakdown, string key)
    {
        var cell = breakdown.Categories.FirstOrDefault(c => c.Category == key);
        if (breakdown.Withheld)
        {
            return [H("td", A("class", "suppressed"), ReportText.Withheld), H("td", "")];
        }

        if (cell is null)
        {
            return [H("td", "–"), H("td", "")];
        }

        if (cell.Suppressed || !cell.HasCount)
        {
            return [H("td", A("class", "suppressed"), A("data-category", key), ReportText.Suppressed), H("td", "")];
        }

        return [H("td", A("data-category", key), ReportText.Number(cell.Count)), H("td", cell.HasShare ? ReportText.Percent(cell.Share) : "")];
    }

    private static string Missing(DimensionBreakdown breakdown) =>
        breakdown.Withheld ? ReportText.Withheld : breakdown.Categories.Any(c => c.Suppressed) ? "not shown" : "–";

    private static string LabelOf(CategoryCount category) => category.Label.Length > 0 ? category.Label : category.Category;

    // ── By session kind ─────────────────────────────────────────────────────────────────────

    private static XElement? ByKind(Page page, IReadOnlyList<(string Kind, DiversityReport Report)> byKind)
    {
        if (byKind.Count == 0)
        {
            return null;
        }

        var figures = new List<XElement>();
        foreach (var dimension in KindDimensions)
        {
            var rows = byKind
                .Select(k => (k.Kind, Breakdown: Breakdown(k.Report, dimension, ApiPopulation.Seats)))
                .Where(k => k.Breakdown is not null)
                .Select(k => (k.Kind, Breakdown: k.Breakdown!))
                .ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var bars = rows.Select(r => BarOf(ReportText.KindName(r.Kind), r.Breakdown, [("data-kind", r.Kind)])).ToList();
            figures.Add(Figure(
                page,
                $"{ReportText.Name(dimension)} of panel seats by session kind",
                $"Stacked bars of panel seats by {ReportText.Name(dimension).ToLowerInvariant()}, one per session kind.",
                bars,
                RowsTable(
                    $"{ReportText.Name(dimension)} of panel seats by session kind",
                    "Session kind",
                    rows.Select(r => (ReportText.KindName(r.Kind), r.Breakdown)).ToList(),
                    showChange: false)));
        }

        return figures.Count == 0 ? null : H("section", H("h2", "By session kind"), figures);
    }

    /// <summary>A table with one row per bar (kind or meeting) and one column per category.</summary>
    private static XElement RowsTable(string caption, string rowHeader, IReadOnlyList<(string Label, DimensionBreakdown Breakdown)> rows, bool showChange)
    {
        var categories = rows.SelectMany(r => r.Breakdown.Categories).Select(c => (c.Category, Label: LabelOf(c))).Distinct().ToList();
        return H("table",
            H("caption", caption),
            H("thead", H("tr",
                H("th", A("scope", "col"), rowHeader),
                categories.Select(c => H("th", A("scope", "col"), c.Label)),
                H("th", A("scope", "col"), "Total"))),
            H("tbody", rows.Select(row => H("tr",
                H("th", A("scope", "row"), row.Label),
                categories.Select(c => CountCell(row.Breakdown, c.Category, showChange)),
                H("td", ReportText.Number(row.Breakdown.Total))))));
    }

    private static XElement CountCell(DimensionBreakdown breakdown, string key, bool showChange)
    {
        if (breakdown.Withheld)
        {
            return H("td", A("class", "suppressed"), ReportText.Withheld);
        }

        var cell = breakdown.Categories.FirstOrDefault(c => c.Category == key);
        if (cell is null)
        {
            return H("td", "–");
        }

        if (cell.Suppressed || !cell.HasCount)
        {
            return H("td", A("class", "suppressed"), A("data-category", key), ReportText.Suppressed);
        }

        var text = ReportText.Number(cell.Count);
        if (cell.HasShare)
        {
            text += $" ({ReportText.WholePercent(cell.Share)})";
        }

        if (showChange && cell.HasChange)
        {
            text += $", {(cell.Change >= 0 ? "+" : "−")}{ReportText.Number(Math.Abs(cell.Change))}";
        }

        return H("td", A("data-category", key), text);
    }

    // ── Trend across the forum's meetings ───────────────────────────────────────────────────

    private static XElement? Trend(Page page, DiversityReport current, CompareMeetingsResponse? trend)
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
        };

        content.Add(WomenShareFigure(page, current, reports, WomenSeries));

        var groups = reports
            .Select(r => (Report: r, Breakdown: Breakdown(r, ReportDimension.StakeholderGroup, ApiPopulation.Panellists)))
            .Where(r => r.Breakdown is not null)
            .ToList();
        if (groups.Count > 0)
        {
            content.Add(Figure(
                page,
                "Stakeholder groups of panellists, meeting by meeting",
                "Stacked bars of panellists' stakeholder groups, one per meeting, oldest first.",
                groups.Select(g => BarOf(MarkdownExport.Title(g.Report), g.Breakdown!, [("data-meeting", g.Report.Name)])).ToList(),
                RowsTable("Stakeholder groups of panellists per meeting (count, share of known, change)", "Meeting", groups.Select(g => (MarkdownExport.Title(g.Report), g.Breakdown!)).ToList(), showChange: true)));
        }

        return H("section", content);
    }

    /// <summary>
    /// Women among all panellists and all registrants (gender not recorded counted in the total),
    /// per meeting. Of all, not of the known: the share of the known is left out of a report whenever
    /// a gender cell is suppressed, and a line must mean the same thing at every point.
    /// </summary>
    private static XElement WomenShareFigure(
        Page page,
        DiversityReport current,
        Google.Protobuf.Collections.RepeatedField<DiversityReport> reports,
        (ApiPopulation Population, string Label, string Colour, string Dash, string Marker)[] series)
    {
        const double left = 70, right = 900, top = 24, bottom = 224, height = 300;
        var slot = (right - left) / reports.Count;
        double X(int i) => left + (slot * (i + 0.5));
        double Y(double share) => bottom - (share * (bottom - top));
        (long Count, long Total)? Women(DiversityReport report, ApiPopulation population) =>
            Breakdown(report, ReportDimension.Gender, population) is { Withheld: false, Total: > 0 } b
            && b.Categories.FirstOrDefault(c => c.Category == "GENDER_WOMAN") is { Suppressed: false, HasCount: true } cell
                ? (cell.Count, b.Total)
                : null;

        var id = page.NextChartId();
        var svg = new List<object>();
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            svg.Add(S("line", A("x1", N(left)), A("x2", N(right)), A("y1", N(Y(tick))), A("y2", N(Y(tick))),
                A("stroke", tick == 0.5 ? "#57606a" : "#d0d7de"), A("stroke-width", tick == 0.5 ? "1.5" : "1"),
                tick == 0.5 ? A("stroke-dasharray", "2 3") : null));
            svg.Add(S("text", A("x", N(left - 8)), A("y", N(Y(tick) + 4)), A("text-anchor", "end"), A("class", "axis"), ReportText.WholePercent(tick)));
        }

        svg.Add(S("text", A("x", N(right)), A("y", N(Y(0.5) - 6)), A("text-anchor", "end"), A("class", "axis"), "parity"));
        var descriptions = new List<string>();
        var shares = series.Select(line => reports.Select(r => Women(r, line.Population) is { } w ? (double)w.Count / w.Total : (double?)null).ToList()).ToList();
        for (var line = 0; line < series.Length; line++)
        {
            var (population, label, colour, dash, marker) = series[line];
            var points = reports.Select((r, i) => (Index: i, Report: r, Women: Women(r, population))).ToList();
            if (points.TrueForAll(p => p.Women is null))
            {
                continue;
            }

            // Consecutive meetings with a figure are joined; a meeting without one breaks the line.
            var run = new List<string>();
            void Flush()
            {
                if (run.Count > 1)
                {
                    svg.Add(S("polyline", A("points", string.Join(" ", run)), A("fill", "none"), A("stroke", colour), A("stroke-width", "2.5"),
                        dash.Length > 0 ? A("stroke-dasharray", dash) : null));
                }

                run.Clear();
            }

            var said = new List<string>();
            foreach (var point in points)
            {
                if (point.Women is not { } women)
                {
                    Flush();
                    said.Add($"{MarkdownExport.Title(point.Report)} not shown");
                    continue;
                }

                run.Add($"{N(X(point.Index))},{N(Y((double)women.Count / women.Total))}");
                said.Add($"{MarkdownExport.Title(point.Report)} {ReportText.Percent((double)women.Count / women.Total)}");
            }

            Flush();
            foreach (var point in points)
            {
                if (point.Women is not { } women)
                {
                    continue;
                }

                var share = (double)women.Count / women.Total;
                var (x, y) = (X(point.Index), Y(share));
                var data = new object[]
                {
                    A("data-meeting", point.Report.Name), A("data-population", ProtoEnums.NameOf(population)),
                    A("data-dimension", "REPORT_DIMENSION_GENDER"), A("data-category", "GENDER_WOMAN"),
                    A("data-count", ReportText.Number(women.Count)), A("data-total", ReportText.Number(women.Total)),
                    S("title", $"{label}, {MarkdownExport.Title(point.Report)}: {ReportText.Number(women.Count)} women of {ReportText.Number(women.Total)} ({ReportText.Percent(share)})"),
                };
                svg.Add(marker == "circle"
                    ? S("circle", A("class", "point"), A("cx", N(x)), A("cy", N(y)), A("r", "5"), A("fill", colour), data)
                    : S("rect", A("class", "point"), A("x", N(x - 5)), A("y", N(y - 5)), A("width", "10"), A("height", "10"), A("fill", "#ffffff"), A("stroke", colour), A("stroke-width", "2.5"), data));
                // The label goes on the side away from the other line, so the two never overlap.
                var above = shares.Where((_, other) => other != line).All(o => o[point.Index] is not { } theirs || share > theirs || (share == theirs && line == 0));
                svg.Add(S("text", A("x", N(x)), A("y", N(above ? y - 10 : y + 20)), A("text-anchor", "middle"), A("class", "value"),
                    ReportText.WholePercent(share)));
            }

            descriptions.Add($"{label}: {string.Join(", ", said)}.");
        }

        for (var i = 0; i < reports.Count; i++)
        {
            var isCurrent = reports[i].Name == current.Name;
            svg.Add(S("text", A("x", N(X(i))), A("y", N(bottom + 22)), A("text-anchor", "middle"), A("class", isCurrent ? "axis current" : "axis"),
                Fit(MarkdownExport.Title(reports[i]), slot - 6, 6.2)));
        }

        // Legend: the marker shapes and line styles say which line is which, not colour.
        var legendY = bottom + 52;
        var legendX = left;
        foreach (var (_, label, colour, dash, marker) in series)
        {
            svg.Add(S("line", A("x1", N(legendX)), A("x2", N(legendX + 34)), A("y1", N(legendY)), A("y2", N(legendY)), A("stroke", colour), A("stroke-width", "2.5"),
                dash.Length > 0 ? A("stroke-dasharray", dash) : null));
            svg.Add(marker == "circle"
                ? S("circle", A("cx", N(legendX + 17)), A("cy", N(legendY)), A("r", "5"), A("fill", colour))
                : S("rect", A("x", N(legendX + 12)), A("y", N(legendY - 5)), A("width", "10"), A("height", "10"), A("fill", "#ffffff"), A("stroke", colour), A("stroke-width", "2.5")));
            svg.Add(S("text", A("x", N(legendX + 42)), A("y", N(legendY + 4)), A("class", "legend"), $"Women among all {label.ToLowerInvariant()}"));
            legendX += 330;
        }

        var chart = SvgChart(
            id,
            "Women among panellists and registrants, meeting by meeting",
            $"Lines of women's share of all panellists and of all registrants (gender not recorded counted in the total), one point per meeting, oldest first. {string.Join(" ", descriptions)}",
            height,
            svg);
        var table = H("table",
            H("caption", "Women per meeting: count, share of all, and share of those with a recorded gender"),
            H("thead",
                H("tr",
                    H("th", A("scope", "col"), A("rowspan", "2"), "Meeting"),
                    series.Select(s => H("th", A("scope", "colgroup"), A("colspan", "3"), s.Label))),
                H("tr", series.Select(_ => new[]
                {
                    H("th", A("scope", "col"), "Women"),
                    H("th", A("scope", "col"), "Of all"),
                    H("th", A("scope", "col"), "Of known"),
                }))),
            H("tbody", reports.Select(r => H("tr",
                H("th", A("scope", "row"), MarkdownExport.Title(r)),
                series.Select(s => WomenCells(r, s.Population, Women(r, s.Population)))))));
        return H("figure", H("figcaption", "Women among panellists and registrants, meeting by meeting"), chart,
            H("p", A("class", "note"), "Shares of all, so that every point means the same: the share of those with a recorded gender is not shown for a meeting where a gender count is suppressed."),
            table);
    }

    private static XElement[] WomenCells(DiversityReport report, ApiPopulation population, (long Count, long Total)? women)
    {
        var cell = Category(report, ReportDimension.Gender, population, "GENDER_WOMAN");
        if (women is not { } w)
        {
            var word = cell?.Suppressed == true || Breakdown(report, ReportDimension.Gender, population)?.Withheld == true ? ReportText.Suppressed : "–";
            return [H("td", A("class", "suppressed"), word), H("td", ""), H("td", "")];
        }

        return
        [
            H("td", ReportText.Number(w.Count)),
            H("td", ReportText.Percent((double)w.Count / w.Total)),
            cell!.HasShare ? H("td", ReportText.Percent(cell.Share)) : H("td", A("class", "suppressed"), "not shown"),
        ];
    }

    // ── Balance ─────────────────────────────────────────────────────────────────────────────

    private static XElement? Balance(Page page, BalanceSummary? balance)
    {
        if (balance is null)
        {
            return null;
        }

        var segments = new List<Segment>
        {
            new("VERDICT_BALANCED", "Balanced", balance.Balanced, ShareOf(balance.Balanced, balance.Sessions), BalancedColour, 0, [("data-verdict", "VERDICT_BALANCED")]),
            new("VERDICT_INDETERMINATE", "Indeterminate", balance.Indeterminate, ShareOf(balance.Indeterminate, balance.Sessions), IndeterminateColour, 1, [("data-verdict", "VERDICT_INDETERMINATE")]),
            new("VERDICT_UNBALANCED", "Unbalanced", balance.Unbalanced, ShareOf(balance.Unbalanced, balance.Sessions), UnbalancedColour, 2, [("data-verdict", "VERDICT_UNBALANCED")]),
        };
        var bar = new Bar("Sessions", [("data-policy", balance.Policy)], segments, balance.Sessions, 0, Withheld: false);
        var verdicts = H("table",
            H("caption", $"Sessions by verdict under {balance.Policy}"),
            H("thead", H("tr", H("th", A("scope", "col"), "Verdict"), H("th", A("scope", "col"), "Sessions"))),
            H("tbody", segments.Select(s => H("tr", H("th", A("scope", "row"), s.Label), H("td", ReportText.Number(s.Count ?? 0)))),
                H("tr", A("class", "total"), H("th", A("scope", "row"), "Total"), H("td", ReportText.Number(balance.Sessions)))));
        var list = balance.NotBalanced.Count == 0 ? null : H("table",
            H("caption", "Sessions not balanced"),
            H("thead", H("tr", H("th", A("scope", "col"), "Session"), H("th", A("scope", "col"), "Verdict"))),
            H("tbody", balance.NotBalanced.Select(s => H("tr",
                H("th", A("scope", "row"), s.DisplayName.Length > 0 ? s.DisplayName : s.Session, H("span", A("class", "name"), " ", s.Session)),
                H("td", A("data-verdict", ProtoEnums.NameOf(s.Verdict)), ReportText.Name(s.Verdict))))));
        if (ReportText.VerdictUncounted(balance))
        {
            return H("section",
                H("h2", "Session balance"),
                H("p", $"Under {balance.Policy}, the verdict is withheld: {ReportText.VerdictsWithheld} {ReportText.SinglePanelVerdict}"));
        }

        return H("section",
            H("h2", "Session balance"),
            H("p",
                balance.Sessions == 0
                    ? $"No sessions to check under {balance.Policy}."
                    : $"Under {balance.Policy}: {ReportText.Number(balance.Balanced)} of {ReportText.Number(balance.Sessions)} {Plural(balance.Sessions, "session", "sessions")} balanced ({ReportText.Percent(balance.BalancedShare)}), {ReportText.Number(balance.Unbalanced)} unbalanced, {ReportText.Number(balance.Indeterminate)} indeterminate (missing data or unconfirmed seats)."),
            balance.Sessions == 0 ? null : Figure(page, "Balance verdicts of the sessions", $"One bar of the sessions by their verdict under {balance.Policy}.", [bar], verdicts),
            balance.VerdictsWithheld ? H("p", $"The sessions are not named: {ReportText.VerdictsWithheld}") : list);
    }

    // ── Roles and attributes ────────────────────────────────────────────────────────────────

    private static XElement? RolesAndAttributes(Page page, DiversityReport report)
    {
        var roles = Breakdown(report, ReportDimension.Role, ApiPopulation.Seats);
        var attributes = ReportText.PopulationOrder
            .Select(p => Breakdown(report, ReportDimension.Attribute, p))
            .OfType<DimensionBreakdown>()
            .Where(b => b.Population == ApiPopulation.Panellists || (b.Population == ApiPopulation.Registrants && report.Registrants > 0))
            .ToList();
        if (roles is null && attributes.Count == 0)
        {
            return null;
        }

        return H("section",
            H("h2", "Roles and attributes"),
            roles is null ? null : Figure(
                page,
                "Roles on the panels",
                "One stacked bar of seats by role.",
                [BarOf("Seats", roles, [])],
                BreakdownTable("Seats by role", [roles])),
            attributes.Count == 0 ? null : H("p", A("class", "note"), "A person may have several attributes, or none: rows need not add up to the total."),
            attributes.Count == 0 ? null : BreakdownTable(
                $"Cross-cutting attributes of {string.Join(" and ", attributes.Select(b => ReportText.Name(b.Population).ToLowerInvariant()))}",
                attributes));
    }

    // ── Concentration, report cards, baseline ───────────────────────────────────────────────

    private static XElement? Concentration(SpeakerConcentration? concentration)
    {
        if (concentration is null)
        {
            return null;
        }

        return H("section",
            H("h2", "Who holds the seats"),
            H("p",
                $"{ReportText.Number(concentration.Panellists)} panellists hold {ReportText.Number(concentration.Seats)} seats; ",
                $"{ReportText.Number(concentration.SeatsHeldByRepeatPanellists)} seats ({ReportText.Percent(concentration.RepeatSeatShare)}) are held by people with more than one. ",
                $"{ReportText.Number(concentration.Newcomers)} panellists ({ReportText.Percent(concentration.NewcomerShare)}) are newcomers: no seat or registration at an earlier meeting of the forum."),
            concentration.Top.Count == 0 ? null : H("table",
                H("caption", "Most seats"),
                H("thead", H("tr", H("th", A("scope", "col"), "Panellist"), H("th", A("scope", "col"), "Seats"))),
                H("tbody", concentration.Top.Select(h => H("tr",
                    H("th", A("scope", "row"), h.DisplayName.Length > 0 ? h.DisplayName : h.Stakeholder),
                    H("td", ReportText.Number(h.Seats)))))));
    }

    private static XElement? ReportCards(ReportCardSummary? cards)
    {
        if (cards is null)
        {
            return null;
        }

        var lines = new List<(string Label, string Value)>
        {
            ("Sessions with a report card", ReportText.Number(cards.SessionsWithCard)),
            ("… giving audience counts", ReportText.Number(cards.SessionsWithCounts)),
            ("Participants counted", ReportText.Number(cards.Participants)),
            ("Women among them", ReportText.Number(cards.Women)),
            ("Women's share of audiences", cards.HasWomenShare ? ReportText.Percent(cards.WomenShare) : "–"),
        };
        lines.AddRange(cards.Bands.OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => ($"Women's share “{ReportText.Humanize(b.Key, "WOMEN_SHARE_BAND_")}” (band only)", ReportText.Number(b.Value))));
        lines.AddRange(cards.GenderDiscussion.OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => ($"Gender equality {ReportText.Humanize(b.Key, "GENDER_DISCUSSION_")}", ReportText.Number(b.Value))));
        return H("section",
            H("h2", "Gender report cards"),
            H("table",
                H("caption", "The sessions' gender report cards, together"),
                H("tbody", lines.Select(l => H("tr", H("th", A("scope", "row"), l.Label), H("td", l.Value))))));
    }

    private static XElement Baseline(DiversityReport report, BaselineComparison baseline)
    {
        return H("section",
            H("h2", $"Baseline: {ReportText.Name(baseline.Dimension).ToLowerInvariant()} of {ReportText.Name(baseline.Population).ToLowerInvariant()}"),
            H("p", A("class", "note"),
                $"Against {(baseline.Reference == "registrants" ? "the meeting's registrants" : "the shares given")}: the count expected if panels were drawn at random from the reference, and how likely so few (or so many panels without anyone of the category) would be by chance."),
            H("table",
                H("caption", $"{ReportText.Name(baseline.Dimension)} of {ReportText.Name(baseline.Population).ToLowerInvariant()} against the reference"),
                H("thead", H("tr",
                    BaselineColumns.Select(h => H("th", A("scope", "col"), h)))),
                H("tbody", baseline.Categories.Select(c => H("tr",
                    H("th", A("scope", "row"), MarkdownExport.LabelOf(report, baseline.Dimension, c.Category)),
                    H("td", ReportText.Percent(c.ReferenceShare)),
                    Cell(c.Suppressed || !c.HasObserved, () => $"{ReportText.Number(c.Observed)} of {ReportText.Number(c.ObservedTotal)}"),
                    Cell(c.Suppressed, () => ReportText.Fixed(c.Expected, 1)),
                    Cell(c.Suppressed || !c.HasProbabilityAtMost, () => ReportText.Probability(c.ProbabilityAtMost)),
                    Cell(c.Suppressed || !c.HasPanelsWithout, () => ReportText.Number(c.PanelsWithout)),
                    H("td", ReportText.Fixed(c.PanelsWithoutExpected, 1)),
                    Cell(c.Suppressed || !c.HasProbabilityPanelsWithoutAtLeast, () => ReportText.Probability(c.ProbabilityPanelsWithoutAtLeast)))))));

        XElement Cell(bool hidden, Func<string> text) =>
            hidden ? H("td", A("class", "suppressed"), ReportText.Suppressed) : H("td", text());
    }

    // ── Stacked bars ────────────────────────────────────────────────────────────────────────

    /// <summary>One segment: a category (or verdict) and its count; null count = suppressed.</summary>
    private sealed record Segment(string Key, string Label, long? Count, double? Share, string Colour, int Order, IReadOnlyList<(string Name, string Value)> Data);

    /// <summary>One bar; <paramref name="Total"/> is the population's size (public), shown beside it.</summary>
    private sealed record Bar(string Label, IReadOnlyList<(string Name, string Value)> Data, IReadOnlyList<Segment> Segments, long Total, int SuppressedCategories, bool Withheld)
    {
        /// <summary>What the bar's length stands for: the counts shown, and nothing hidden.</summary>
        public long ShownTotal => Segments.Sum(s => s.Count ?? 0);
    }

    private static Bar BarOf(string label, DimensionBreakdown breakdown, IReadOnlyList<(string Name, string Value)> extra)
    {
        var population = ProtoEnums.NameOf(breakdown.Population);
        var dimension = ProtoEnums.NameOf(breakdown.Dimension);
        var colours = ColoursOf(breakdown.Categories);
        var segments = breakdown.Withheld ? [] : breakdown.Categories
            .Select((c, i) => (Category: c, Order: i))
            .Where(c => !c.Category.Suppressed && c.Category.HasCount)
            .Select(c => new Segment(c.Category.Category, LabelOf(c.Category), c.Category.Count, c.Category.HasShare ? c.Category.Share : null, colours[c.Category.Category], c.Order,
                [("data-population", population), ("data-dimension", dimension), .. extra, ("data-category", c.Category.Category)]))
            .ToList();
        return new Bar(
            label,
            [("data-population", population), ("data-dimension", dimension), .. extra],
            segments,
            breakdown.Total,
            breakdown.Withheld ? breakdown.Categories.Count : breakdown.Categories.Count(c => c.Suppressed || !c.HasCount),
            breakdown.Withheld);
    }

    /// <summary>Colours by category: known categories take the palette in report order, unknown ones the greys.</summary>
    private static Dictionary<string, string> ColoursOf(IEnumerable<CategoryCount> categories)
    {
        var colours = new Dictionary<string, string>();
        var (known, unknown) = (0, 0);
        foreach (var category in categories)
        {
            if (!colours.ContainsKey(category.Category))
            {
                colours[category.Category] = category.Known ? Palette[known++ % Palette.Count] : UnknownPalette[unknown++ % UnknownPalette.Count];
            }
        }

        return colours;
    }

    private static XElement Figure(Page page, string title, string description, IReadOnlyList<Bar> bars, XElement table)
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

    private static double? ShareOf(long count, long total) => total > 0 ? (double)count / total : null;

    private static string SuppressedNote(int categories) => $"{ReportText.Number(categories)} {Plural(categories, "category", "categories")} suppressed";

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
        var shown = bar.ShownTotal;
        if (bar.Withheld || bar.Total == 0 || (shown == 0 && bar.SuppressedCategories == 0))
        {
            content.Add(S("rect", A("class", "empty"), A("x", N(PlotLeft)), A("y", N(y)), A("width", N(PlotWidth)), A("height", N(BarHeight)),
                A("fill", "none"), A("stroke", "#d0d7de"), A("stroke-dasharray", "4 3")));
            content.Add(S("text", A("x", N(PlotLeft + 10)), A("y", N(y + (BarHeight / 2) + 5)), A("class", "note-text"),
                bar.Withheld ? "withheld (personal data)" : bar.SuppressedCategories > 0 ? "all categories suppressed" : "none recorded"));
        }
        else
        {
            var x = PlotLeft;
            foreach (var segment in bar.Segments.Where(s => s.Count > 0))
            {
                var count = segment.Count!.Value;
                var width = PlotWidth * count / bar.Total;
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
                    content.Add(S("text", A("x", N(x + (width / 2))), A("y", N(y + (BarHeight / 2) + 4.5)), A("text-anchor", "middle"),
                        A("class", "segment-label"), A("fill", TextColourOn(segment.Colour)), text));
                }

                x += width;
            }

            if (bar.Total > shown)
            {
                // What the shown counts leave of the public total: the suppressed cells together.
                var width = PlotWidth * (bar.Total - shown) / bar.Total;
                content.Add(S("rect", A("class", "suppressed"),
                    A("x", N(x)), A("y", N(y)), A("width", N(width)), A("height", N(BarHeight)),
                    A("fill", "#f6f8fa"), A("stroke", "#8c959f"), A("stroke-dasharray", "4 3"),
                    S("title", "Suppressed categories, together")));
                if (width >= 84)
                {
                    content.Add(S("text", A("x", N(x + (width / 2))), A("y", N(y + (BarHeight / 2) + 4.5)), A("text-anchor", "middle"),
                        A("class", "segment-label"), A("fill", "#57606a"), "suppressed"));
                }
            }
        }

        var total = $"n = {ReportText.Grouped(bar.Total)}";
        content.Add(S("text", A("x", N(PlotLeft + PlotWidth + 10)), A("y", N(y + (bar.SuppressedCategories > 0 && !bar.Withheld ? 12 : (BarHeight / 2) + 5))), A("class", "total-label"), total));
        if (bar.SuppressedCategories > 0 && !bar.Withheld)
        {
            content.Add(S("text", A("x", N(PlotLeft + PlotWidth + 10)), A("y", N(y + 27)), A("class", "note-text"), $"+ {SuppressedNote(bar.SuppressedCategories)}"));
        }

        return S("g", content);
    }

    private static XElement SvgChart(string id, string title, string description, double height, IEnumerable<object> content) =>
        S("svg",
            A("role", "img"),
            A("aria-labelledby", $"{id}-title {id}-desc"),
            A("viewBox", $"0 0 {N(ChartWidth)} {N(Math.Ceiling(height))}"),
            A("width", N(ChartWidth)),
            A("height", N(Math.Ceiling(height))),
            A("id", id),
            S("title", A("id", $"{id}-title"), title),
            S("desc", A("id", $"{id}-desc"), description),
            content);

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

    /// <summary>Text cut to about <paramref name="width"/> units at <paramref name="charWidth"/> per character, with an ellipsis.</summary>
    private static string Fit(string text, double width, double charWidth)
    {
        var max = Math.Max(4, (int)(width / charWidth));
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }

    private static string N(double value) => value.ToString("0.###", ReportText.Invariant);

    // ── Markup ──────────────────────────────────────────────────────────────────────────────

    private static readonly HashSet<string> VoidElements = ["meta", "br", "hr", "img", "link", "col", "wbr"];

    /// <summary>An XHTML element; non-void elements always get an end tag, which HTML parsers need.</summary>
    private static XElement H(string name, params object?[] content)
    {
        var element = new XElement(Xhtml + name, content);
        if (element.IsEmpty && !VoidElements.Contains(name))
        {
            element.Add("");
        }

        return element;
    }

    private static XElement S(string name, params object?[] content) => new(Svg + name, content);

    private static XAttribute A(string name, string value) => new(name, value);

    /// <summary>Per-page state: chart ids, unique within the page, in order.</summary>
    private sealed class Page
    {
        private int _charts;

        public string NextChartId() => $"chart-{ReportText.Number(++_charts)}";
    }

    // No '<', '>' or '&' here: the style sheet is XML text.
    private const string Css = """
        :root { --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --accent: #0072B2; }
        * { box-sizing: border-box; }
        html { background: #ffffff; }
        body { margin: 0 auto; max-width: 1060px; padding: 36px 44px 48px; color: var(--ink); font-size: 15px; line-height: 1.45;
          font-family: "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
        header.title { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 18px; }
        .kicker { margin: 0; color: var(--accent); font-weight: 700; font-size: 13px; text-transform: uppercase; letter-spacing: 0.08em; }
        h1 { font-size: 34px; line-height: 1.15; margin: 4px 0 6px; letter-spacing: -0.01em; }
        .subtitle { margin: 0; color: var(--muted); }
        h2 { font-size: 22px; margin: 40px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; margin: 8px 0 14px; }
        .card { border: 1px solid var(--rule); border-top: 4px solid var(--accent); border-radius: 4px; padding: 10px 14px 12px; }
        .card .value { display: block; font-size: 30px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
        .card .value.word { font-size: 22px; line-height: 1.65; }
        .card .label { display: block; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
        .summary { font-size: 18px; margin: 6px 0 12px; max-width: 62em; }
        .privacy { margin: 12px 0; padding: 8px 14px; border-left: 4px solid #E69F00; background: #fdf5e6; font-size: 14px; }
        .note { color: var(--muted); font-size: 13px; }
        figure { margin: 18px 0 30px; }
        figcaption { font-size: 17px; font-weight: 700; margin: 0 0 6px; }
        svg { display: block; width: 100%; max-width: 960px; height: auto; margin: 0 0 6px; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        svg text { font-family: inherit; }
        svg .bar-label { font-size: 14px; font-weight: 600; fill: #1b1f24; }
        svg .segment-label { font-size: 12px; font-weight: 600; }
        svg .total-label { font-size: 13px; fill: #1b1f24; }
        svg .note-text { font-size: 12px; font-style: italic; fill: #57606a; }
        svg .legend { font-size: 13px; fill: #1b1f24; }
        svg .axis { font-size: 12px; fill: #57606a; }
        svg .axis.current { font-weight: 700; fill: #1b1f24; }
        svg .value { font-size: 12px; font-weight: 700; fill: #1b1f24; }
        table { border-collapse: collapse; margin: 8px 0 18px; min-width: 26em; font-size: 13px; font-variant-numeric: tabular-nums; }
        caption { caption-side: top; text-align: left; font-weight: 700; padding: 0 0 4px; }
        th, td { padding: 3px 12px 3px 0; border-bottom: 1px solid var(--rule); text-align: right; vertical-align: top; }
        th:first-child { text-align: left; font-weight: 400; }
        thead th { border-bottom: 2px solid var(--ink); font-weight: 700; }
        thead th:first-child { font-weight: 700; }
        tr.total th, tr.total td { font-weight: 700; }
        td.suppressed { font-style: italic; color: var(--muted); }
        .name { display: block; color: var(--muted); font-size: 12px; }
        footer { margin-top: 40px; border-top: 1px solid var(--rule); }
        @page { margin: 14mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          h1 { font-size: 24pt; }
          h2 { font-size: 15pt; break-after: avoid; page-break-after: avoid; }
          .card { border-top-width: 2px; }
          .privacy { background: none; border-left-width: 2px; }
          figure, table, .cards, header.title { break-inside: avoid; page-break-inside: avoid; }
          svg { max-width: 100%; }
        }
        """;
}
