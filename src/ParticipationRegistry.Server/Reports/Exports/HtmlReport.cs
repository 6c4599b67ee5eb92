using System.Xml.Linq;
using ParticipationRegistry.Server.Reports.Exports.Html;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;

namespace ParticipationRegistry.Server.Reports.Exports;

/// <summary>
/// A meeting's diversity report as one self-contained XHTML page (inline CSS and SVG, no scripts,
/// no external resources), assembled from the sections in <c>Exports/Html/</c>. Deterministic output.
/// </summary>
public static class HtmlReport
{
    /// <inheritdoc cref="StackedBarChart.PlotWidth"/>
    public const double PlotWidth = StackedBarChart.PlotWidth;

    public static readonly XNamespace Xhtml = Markup.Xhtml;
    public static readonly XNamespace Svg = Markup.Svg;

    /// <inheritdoc cref="StackedBarChart.Palette"/>
    public static readonly IReadOnlyList<string> Palette = StackedBarChart.Palette;

    /// <inheritdoc cref="StackedBarChart.UnknownPalette"/>
    public static readonly IReadOnlyList<string> UnknownPalette = StackedBarChart.UnknownPalette;

    private const string CssResource = "report.css";

    private static readonly Lazy<string> Css = new(ReadCss);

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
        var page = new HtmlPage();
        var title = ReportText.Title(report);
        var body = H("body",
            H("header", A("class", "title"),
                H("p", A("class", "kicker"), "Diversity report"),
                H("h1", title),
                H("p", A("class", "subtitle"), report.Name, " · panels and registrations by stakeholder group, regional group and gender")),
            SummarySections.Headline(report),
            H("p", A("class", "privacy"), ReportText.PrivacyNote(report)),
            BreakdownSections.PanelsAndRoom(page, report),
            BreakdownSections.ByKind(page, byKind ?? []),
            TrendSection.Render(page, report, trend),
            BalanceSection.Render(page, report.Balance),
            BreakdownSections.RolesAndAttributes(page, report),
            SummarySections.Concentration(report.Concentration),
            SummarySections.ReportCards(report.ReportCards),
            report.Baselines.Select(b => SummarySections.Baseline(report, b)),
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
                H("style", Css.Value)),
            body);
        return Serialize(html);
    }

    /// <inheritdoc cref="StackedBarChart.TextColourOn"/>
    public static string TextColourOn(string fill) => StackedBarChart.TextColourOn(fill);

    /// <summary>The style sheet, embedded from <c>Html/report.css</c> (no '&lt;', '&gt;' or '&amp;': it is XML text).</summary>
    private static string ReadCss()
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream(CssResource)
            ?? throw new InvalidOperationException($"Embedded resource '{CssResource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().TrimEnd('\n');
    }
}
