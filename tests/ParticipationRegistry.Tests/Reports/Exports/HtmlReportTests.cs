using System.Globalization;
using System.Xml.Linq;
using ParticipationRegistry.Server.Reports.Exports;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Reports.Exports.SvgBars;

namespace ParticipationRegistry.Tests.Reports.Exports;

/// <summary>The HTML report, rendered from hand-built reports and read back as XML.</summary>
public sealed class HtmlReportTests
{
    private static readonly DiversityReport Report = SampleReports.Meeting();
    private static readonly IReadOnlyList<(string Kind, DiversityReport Report)> ByKind = SampleReports.ByKind();
    private static readonly CompareMeetingsResponse Trend = SampleReports.Trend();

    private static string Render() => HtmlReport.Render(Report, ByKind, Trend);

    private static XDocument Page() => XDocument.Parse(Render());

    [Fact]
    public void The_page_is_well_formed_XHTML_and_self_contained()
    {
        var html = Render();

        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        var page = XDocument.Parse(html);
        Assert.Equal(Xhtml + "html", page.Root!.Name);
        Assert.Equal("en", (string?)page.Root.Attribute("lang"));
        Assert.Single(page.Descendants(Xhtml + "style"));
        Assert.Empty(page.Descendants(Xhtml + "script"));
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "link" or "img" or "iframe" or "object" or "embed");
        // Nothing is loaded from anywhere: no src/href, no url() or @import in the style sheet.
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        var css = page.Descendants(Xhtml + "style").Single().Value;
        Assert.DoesNotContain("url(", css, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", css, StringComparison.Ordinal);
        Assert.Equal("utf-8", (string?)page.Descendants(Xhtml + "meta").First().Attribute("charset"));
    }

    [Fact]
    public void Every_bar_matches_the_report_with_widths_proportional_to_the_counts()
    {
        var page = Page();

        var checkedBars = AssertAllMatch(page, Report, ByKind, Trend);

        // Panellists and registrants for four dimensions, the seats' roles, three dimensions per kind
        // (two kinds) and one bar per compared meeting.
        Assert.Equal((2 * 4) + 1 + (3 * 2) + 3, checkedBars);
        var kinds = BreakdownBars(page).Select(b => Data(b, "kind")).OfType<string>().Distinct().ToList();
        Assert.Equal(["SESSION_KIND_WORKSHOP", "SESSION_KIND_MAIN_SESSION"], kinds);
        var meetings = BreakdownBars(page).Select(b => Data(b, "meeting")).OfType<string>().ToList();
        Assert.Equal(["meetings/igf-2017", "meetings/igf-2018", "meetings/igf-2019"], meetings);
    }

    [Fact]
    public void A_bar_checks_its_own_widths_not_just_its_labels()
    {
        var page = Page();
        var bar = BreakdownBars(page).Single(b => Data(b, "population") == "POPULATION_REGISTRANTS" && Data(b, "dimension") == "REPORT_DIMENSION_GENDER");
        var woman = bar.Elements(Svg + "rect").Single(r => Data(r, "category") == "GENDER_WOMAN");

        Assert.Equal("512", Data(woman, "count"));
        Assert.Equal(HtmlReport.PlotWidth * 512 / 1272, Number(woman, "width"), 0.001);
        // A tampered count no longer matches the report.
        woman.SetAttributeValue("data-count", "513");
        var breakdown = Report.Breakdowns.Single(b => b.Population == Population.Registrants && b.Dimension == ReportDimension.Gender);
        Assert.ThrowsAny<Exception>(() => AssertMatches(bar, breakdown));
    }

    [Fact]
    public void A_suppressed_category_is_never_drawn_nor_written_as_a_number()
    {
        var page = Page();
        var bar = BreakdownBars(page).Single(b => Data(b, "population") == "POPULATION_PANELLISTS" && Data(b, "dimension") == "REPORT_DIMENSION_GENDER" && Data(b, "kind") is null && Data(b, "meeting") is null);

        var drawn = bar.Elements(Svg + "rect").Select(r => Data(r, "category")).ToList();
        Assert.DoesNotContain("GENDER_NON_BINARY", drawn);
        Assert.DoesNotContain("GENDER_DECLINED", drawn);
        // The bar is scaled to the 113 in all; the 3 not shown are one grey segment with no number.
        Assert.Equal("110", Data(bar, "shown-total"));
        Assert.Equal("113", Data(bar, "total"));
        var remainder = bar.Elements(Svg + "rect").Single(r => (string?)r.Attribute("class") == "suppressed");
        Assert.Null(Data(remainder, "count"));
        Assert.Contains(bar.Elements(Svg + "text"), t => t.Value == "+ 2 categories suppressed");

        var table = Table(page, "Gender of panellists and registrants");
        var nonBinary = table.Single(r => r[0] == "Non-binary");
        var declined = table.Single(r => r[0] == "declined");
        Assert.Equal(["Non-binary", "suppressed", "", "7", "0.6%"], nonBinary);
        Assert.Equal(["declined", "suppressed", "", "12", ""], declined);
        Assert.Equal(["Known", "not shown", "", "1120", ""], table.Single(r => r[0] == "Known"));

        // Nowhere on the page does a suppressed cell's true count, or the hidden remainder, appear
        // next to its category, and no element carries a count for a suppressed category.
        Assert.DoesNotContain(page.Descendants(), e => Data(e, "category") is "GENDER_NON_BINARY" or "GENDER_DECLINED"
            && Data(e, "population") == "POPULATION_PANELLISTS" && Data(e, "count") is not null);
        Assert.DoesNotContain(page.Descendants(Svg + "title"), t => t.Value.StartsWith("Non-binary: ", StringComparison.Ordinal) && !t.Parent!.Attributes().Any(a => a.Value == "POPULATION_REGISTRANTS"));
    }

    [Fact]
    public void A_withheld_breakdown_draws_no_segment()
    {
        var report = SampleReports.Meeting();
        var gender = report.Breakdowns.Single(b => b.Population == Population.Panellists && b.Dimension == ReportDimension.Gender);
        gender.Withheld = true;
        foreach (var category in gender.Categories)
        {
            category.ClearCount();
            category.Suppressed = true;
        }

        var page = XDocument.Parse(HtmlReport.Render(report));
        var bar = BreakdownBars(page).Single(b => Data(b, "population") == "POPULATION_PANELLISTS" && Data(b, "dimension") == "REPORT_DIMENSION_GENDER");

        AssertMatches(bar, gender);
        Assert.DoesNotContain(bar.Elements(Svg + "rect"), r => Data(r, "category") is not null);
        Assert.Contains(bar.Elements(Svg + "text"), t => t.Value == "withheld (personal data)");
    }

    [Fact]
    public void Every_chart_is_an_image_with_a_title_a_description_and_a_table()
    {
        var page = Page();
        var charts = page.Descendants(Svg + "svg").ToList();

        Assert.True(charts.Count >= 10, $"{charts.Count} charts");
        var ids = page.Descendants().Attributes("id").Select(a => a.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var chart in charts)
        {
            Assert.Equal("img", (string?)chart.Attribute("role"));
            var labelledBy = ((string?)chart.Attribute("aria-labelledby"))!.Split(' ');
            Assert.Equal(2, labelledBy.Length);
            var title = chart.Elements(Svg + "title").Single();
            var desc = chart.Elements(Svg + "desc").Single();
            Assert.Equal(labelledBy[0], (string?)title.Attribute("id"));
            Assert.Equal(labelledBy[1], (string?)desc.Attribute("id"));
            Assert.False(string.IsNullOrWhiteSpace(title.Value));
            Assert.False(string.IsNullOrWhiteSpace(desc.Value));

            var figure = chart.Parent!;
            Assert.Equal(Xhtml + "figure", figure.Name);
            var table = Assert.Single(figure.Elements(Xhtml + "table"));
            Assert.False(string.IsNullOrWhiteSpace(table.Element(Xhtml + "caption")?.Value));
            Assert.True(chart.IsBefore(table));
        }
    }

    [Fact]
    public void Values_are_text_and_colours_are_Okabe_Ito_with_grey_for_unknown()
    {
        var page = Page();

        foreach (var bar in BreakdownBars(page))
        {
            var breakdown = (Data(bar, "kind") is { } kind ? ByKind.Single(k => k.Kind == kind).Report
                : Data(bar, "meeting") is { } meeting ? Trend.Reports.Single(r => r.Name == meeting) : Report)
                .Breakdowns.Single(b => b.Population == PopulationOf(bar) && b.Dimension == DimensionOf(bar));
            foreach (var segment in bar.Elements(Svg + "rect").Where(r => Data(r, "category") is not null))
            {
                var category = breakdown.Categories.Single(c => c.Category == Data(segment, "category"));
                var fill = (string)segment.Attribute("fill")!;
                Assert.Contains(fill, category.Known ? HtmlReport.Palette : HtmlReport.UnknownPalette);
                // Each segment names itself and its count in text (a tooltip and the legend), not by colour alone.
                Assert.Equal($"{category.Label}: {category.Count}", segment.Element(Svg + "title")?.Value);
                var figure = bar.Ancestors(Xhtml + "figure").Single();
                Assert.Contains(figure.Descendants(Svg + "text"), t => (string?)t.Attribute("class") == "legend" && t.Value == category.Label);
            }
        }
    }

    [Fact]
    public void Segment_text_is_black_or_white_whichever_reads_better()
    {
        Assert.Equal("#000000", HtmlReport.TextColourOn("#E69F00"));
        Assert.Equal("#000000", HtmlReport.TextColourOn("#F0E442"));
        Assert.Equal("#ffffff", HtmlReport.TextColourOn("#0072B2"));
        Assert.Equal("#000000", HtmlReport.TextColourOn("#999999"));
    }

    [Fact]
    public void The_balance_verdicts_are_a_bar_and_the_sessions_not_balanced_a_table()
    {
        var page = Page();
        var bar = page.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "bar" && g.Attribute("data-policy") is not null);

        Assert.Equal("policies/multistakeholder-balance", Data(bar, "policy"));
        var verdicts = bar.Elements(Svg + "rect").ToDictionary(r => Data(r, "verdict")!, r => (Count: int.Parse(Data(r, "count")!, CultureInfo.InvariantCulture), Width: Number(r, "width")));
        Assert.Equal(9, verdicts["VERDICT_BALANCED"].Count);
        Assert.Equal(3, verdicts["VERDICT_UNBALANCED"].Count);
        Assert.Equal(2, verdicts["VERDICT_INDETERMINATE"].Count);
        Assert.Equal(HtmlReport.PlotWidth * 9 / 14, verdicts["VERDICT_BALANCED"].Width, 0.001);

        var sessions = Table(page, "Sessions not balanced");
        Assert.Equal(6, sessions.Count);
        foreach (var session in Report.Balance.NotBalanced)
        {
            Assert.Contains(sessions, row => row[0] == $"{session.DisplayName} {session.Session}" && row[1] == (session.Verdict == Verdict.Unbalanced ? "unbalanced" : "indeterminate"));
        }

        // A name is text, never markup.
        Assert.Empty(page.Descendants(Xhtml + "b"));
    }

    [Fact]
    public void The_trend_plots_women_among_all_panellists_and_registrants_of_each_meeting()
    {
        var page = Page();
        var points = page.Descendants().Where(e => (string?)e.Attribute("class") == "point").ToList();

        foreach (var point in points)
        {
            var report = Trend.Reports.Single(r => r.Name == Data(point, "meeting"));
            var gender = report.Breakdowns.Single(b => b.Dimension == ReportDimension.Gender && b.Population == PopulationOf(point));
            Assert.Equal(gender.Categories.Single(c => c.Category == "GENDER_WOMAN").Count.ToString(CultureInfo.InvariantCulture), Data(point, "count"));
            Assert.Equal(gender.Total.ToString(CultureInfo.InvariantCulture), Data(point, "total"));
        }

        Assert.Equal(6, points.Count);
        var table = Table(page, "Women per meeting: count, share of all, and share of those with a recorded gender");
        Assert.Equal(["IGF 2019, Berlin", "41", "36.3%", "not shown", "512", "40.3%", "45.7%"], table.Single(r => r[0] == "IGF 2019, Berlin"));
        var changes = Table(page, "Stakeholder groups of panellists per meeting (count, share of known, change)");
        Assert.Equal("26 (24%), −10", changes.Single(r => r[0] == "IGF 2019, Berlin")[1]);
    }

    [Fact]
    public void A_meeting_whose_panel_gender_is_withheld_reads_withheld_in_the_trend_table()
    {
        var trend = SampleReports.Trend();
        SampleReports.WithholdPanellistGender(trend.Reports[0]);

        var page = XDocument.Parse(HtmlReport.Render(Report, ByKind, trend));

        var table = Table(page, "Women per meeting: count, share of all, and share of those with a recorded gender");
        Assert.Equal(["IGF 2017, Geneva", "withheld", "", ""], table.Single(r => r[0] == "IGF 2017, Geneva").Take(4));
        Assert.DoesNotContain(page.Descendants(), e => (string?)e.Attribute("class") == "point" && Data(e, "meeting") == "meetings/igf-2017" && Data(e, "population") == "POPULATION_PANELLISTS");
    }

    [Fact]
    public void The_style_sheet_is_the_embedded_one_whole()
    {
        var css = Page().Descendants(Xhtml + "style").Single().Value;

        Assert.StartsWith(":root {", css, StringComparison.Ordinal);
        Assert.EndsWith("svg { max-width: 100%; }\n}", css, StringComparison.Ordinal);
    }

    [Fact]
    public void The_headline_comes_first()
    {
        var page = Page();
        var body = page.Root!.Element(Xhtml + "body")!;

        Assert.Equal("IGF 2019, Berlin", body.Descendants(Xhtml + "h1").Single().Value);
        var headline = body.Elements(Xhtml + "section").First();
        var cards = headline.Descendants(Xhtml + "div").Where(d => (string?)d.Attribute("class") == "card").Select(d => d.Value).ToList();
        Assert.Equal(["14sessions", "131seats on panels", "113panellists", "1,272registrants", "41women among 113 panellists", "9 of 14sessions balanced"], cards);
    }

    [Fact]
    public void Output_is_deterministic_and_independent_of_the_culture()
    {
        var first = Render();

        Assert.Equal(first, Render());
        Assert.Equal(first, SampleReports.UnderCommaCulture(Render));
    }

    [Fact]
    public void It_prints_without_backgrounds_and_keeps_charts_whole()
    {
        var css = Page().Descendants(Xhtml + "style").Single().Value;

        Assert.Contains("@media print", css, StringComparison.Ordinal);
        Assert.Contains("break-inside: avoid", css, StringComparison.Ordinal);
        Assert.Contains("page-break-inside: avoid", css, StringComparison.Ordinal);
        Assert.Contains(".privacy { background: none;", css, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meeting_alone_renders_without_kinds_or_trend()
    {
        var page = XDocument.Parse(HtmlReport.Render(SampleReports.Meeting()));

        Assert.DoesNotContain(page.Descendants(Xhtml + "h2"), h => h.Value is "By session kind" or "Across the forum's meetings");
        Assert.DoesNotContain(page.Descendants(), e => (string?)e.Attribute("class") == "point");
        AssertAllMatch(page, Report, [], null);
    }

    [Fact]
    public void Without_registrations_only_the_panels_are_drawn()
    {
        var report = SampleReports.Unsuppressed("igf-2012", "IGF 2012, Baku", 2, 3, 2, 0, 0);

        var page = XDocument.Parse(HtmlReport.Render(report));

        Assert.Equal(["POPULATION_PANELLISTS", "POPULATION_PANELLISTS"], BreakdownBars(page).Select(b => Data(b, "population")));
        AssertAllMatch(page, report, [], null);
        Assert.Contains(page.Descendants(Xhtml + "p"), p => p.Value == "No registrations are recorded for this meeting, so only the panels are shown.");
    }

    [Fact]
    public void An_empty_report_renders()
    {
        var page = XDocument.Parse(HtmlReport.Render(new DiversityReport { Name = "meetings/empty" }));

        Assert.Equal("meetings/empty", page.Descendants(Xhtml + "h1").Single().Value);
        Assert.Empty(BreakdownBars(page));
    }
}
